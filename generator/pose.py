"""Positions: side-view poses as joint angles, the props held or touched, and the body they make.

The figure faces right. Angles are in degrees:

- `foot`: the foot's tilt off the floor, positive when the toes lift (rocked onto the heels),
  negative when the heels lift; 0 flat.
- `ankle`: the shin's tilt forward of vertical with the foot flat (dorsiflexion); negative
  when the knee is behind the ankle. Unused when kneeling (the shin lies on the floor).
- `knee`: knee bend, 0 straight.
- `hip`: hip bend between thigh and trunk, 0 standing straight, negative behind (extension).
- `trunk`: the lean forward of vertical of the lower trunk (the pelvis); a rounded spine bends
  the upper trunk further forward by its `amount`, an arched one back. Give `hip` or `trunk`: the
  other follows from the ankle and knee (trunk = shin tilt − knee + hip); both must agree.
- `spine`: neutral, rounded (the back humps) or arched (the low back sags), by `amount`.
- `neck`: the head's bend from the line of the upper trunk, positive chin towards chest.
- `shoulder`: the upper arm's angle from the upper trunk, 0 hanging along it, 90 straight ahead
  of the chest, 180 overhead.
- `elbow`: elbow bend, 0 straight.
- `rear_hip`, `rear_knee`: a split or staggered stance's rear leg, as `free_hip` and
  `free_knee` for one leg: the thigh's bend from the line of the trunk (negative behind), the
  knee's bend.

Each stance builds the legs in its own function (`_standing_legs`, `_kneeling_legs`,
`_plank_legs`, `_hanging_legs`, …); the trunk, head and arms are built on them by
`_upper_body`, the same for all.

`check` proves each pose physically possible (`physics_problem`): the centre of mass over the
feet, nothing through the body, floor or props, and the declared contacts within a small gap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

# Winter, D. A. (2009). Biomechanics and Motor Control of Human Movement, 4th ed., Wiley,
# figure 4.1: segment lengths as fractions of body height H.
HEIGHT = 1.75
WINTER = {
    "ankle_height": 0.039,  # floor to ankle joint
    "knee_height": 0.285,  # floor to knee joint
    "hip_height": 0.530,  # floor to greater trochanter
    "shoulder_height": 0.818,  # floor to shoulder joint
    "chin_height": 0.870,
    "foot_length": 0.152,
    "upper_arm": 0.186,
    "forearm": 0.146,
    "hand": 0.108,
}
SHANK = (WINTER["knee_height"] - WINTER["ankle_height"]) * HEIGHT
THIGH = (WINTER["hip_height"] - WINTER["knee_height"]) * HEIGHT
TRUNK = (WINTER["shoulder_height"] - WINTER["hip_height"]) * HEIGHT
NECK = (WINTER["chin_height"] - WINTER["shoulder_height"]) * HEIGHT
HEAD_RADIUS = (1 - WINTER["chin_height"]) * HEIGHT / 2
UPPER_ARM = WINTER["upper_arm"] * HEIGHT
# To the middle of the hand, where it grips.
FOREARM = (WINTER["forearm"] + WINTER["hand"] / 2) * HEIGHT
# Where the wrist lies along that line from the elbow.
WRIST_SHARE = WINTER["forearm"] * HEIGHT / FOREARM
ANKLE_HEIGHT = WINTER["ankle_height"] * HEIGHT
FOOT = WINTER["foot_length"] * HEIGHT
HEEL = FOOT * 0.25  # heel behind the ankle joint
# Half thicknesses of the drawn body, in metres: joints sit this far above a surface they rest on.
TRUNK_HALF = 0.07
LIMB_HALF = 0.04
THIGH_HALF = 0.05
FOOT_HALF = 0.025
NECK_HALF = 0.03
UPPER_ARM_HALF = 0.035
FOREARM_HALF = 0.03
BAR_RADIUS = 0.0125  # a barbell's shaft

# Winter (2009), table 4.1: each segment's mass as a fraction of body mass, and where its
# centre of mass lies as a fraction of its length from the proximal joint. Arms and legs count
# twice; the head-and-neck centre is the head's.
BODY_MASS = 70.0
SEGMENT_MASSES = {
    "hand": (0.006, 0.506),
    "forearm": (0.016, 0.430),
    "upper_arm": (0.028, 0.436),
    "head_neck": (0.081, 1.0),
    "trunk": (0.497, 0.50),
    "thigh": (0.100, 0.433),
    "leg": (0.0465, 0.433),
    "foot": (0.0145, 0.50),
}
# Physics tolerances, metres: how far the centre of mass may pass the edge of the feet, a
# declared contact may stay open, and one drawn part may sink into another (soft tissue).
COM_MARGIN = 0.01
CONTACT_GAP = 0.02
OVERLAP = 0.01

# Range of each angle a body can take, in degrees.
JOINT_RANGES = {
    "ankle": (-50, 45),
    "foot": (-30, 25),
    "knee": (0, 150),
    "hip": (-30, 135),
    "trunk": (-120, 120),
    "neck": (-45, 60),
    "shoulder": (-60, 180),
    "elbow": (0, 150),
    "spine": (0, 40),
    "knees_in": (0, 30),
    "ankles_in": (0, 20),
    "toes_out": (0, 45),
}
PROP_KINDS = (
    "barbell",
    "dumbbell",
    "dumbbells",
    "dumbbell-on-end",
    "kettlebell",
    "kettlebells",
    "trap-bar",
    "stick",
    "wall",
    "band",
    "cable",
    "bench",
    "box",
    "platform",
    "foam-roller",
    "rack",
    "blocks",
    "pull-up-bar",
)
# Loads: (centre's distance from the gripping hand along the forearm, radius), metres. Plates
# are the standard 45 cm across, so a bar on the floor sits with the hands 22.5 cm up. A
# dumbbell on end hangs straight down from the hands round its top head (radius: half its length).
LOADS = {
    "barbell": (0.0, 0.225),
    "trap-bar": (0.0, 0.225),
    "dumbbell": (0.0, 0.09),
    "dumbbells": (0.0, 0.09),
    "kettlebell": (0.17, 0.11),
    "kettlebells": (0.17, 0.11),
    "dumbbell-on-end": (0.16, 0.16),
}
# A bar overhead is drawn with plates 16 cm across (radius, metres), so that it stays on the
# figure's canvas, whatever its mass.
OVERHEAD_PLATES = 0.08
# What the hands hold: every load drawn above, and a cable's handle.
HELD = {*LOADS, "cable"}
# Mass of each load in kg unless the prop gives `mass_kg`: a 20 kg bar with 10 kg a side, a
# 16 kg bell (two for the pair), 10 kg dumbbells, 15 kg for the one held on end. A cable's stack
# rests in its machine.
LOAD_MASSES = {
    "barbell": 40,
    "trap-bar": 40,
    "kettlebell": 16,
    "kettlebells": 32,
    "dumbbell": 10,
    "dumbbells": 20,
    "dumbbell-on-end": 15,
    "cable": 0,
}
# Default height and distance from the heels (behind; in front of the ankles for the roller), cm.
# A rack's pins and a stack of blocks stand under the bar over the middle of the foot.
PROP_HEIGHTS = {"bench": 40, "box": 45, "platform": 15, "rack": 40, "blocks": 25}
# A pull-up bar, cm up: high enough that a 1.75 m lifter hangs with bent knees, low enough
# that the chin over it stays on the figure's canvas.
PULL_UP_BAR = 200
# Stances and what carries the body in each: standing on the feet (the centre of mass over
# them), on hands and toes, hanging from the hands, or resting on the knees or the back.
STANCES = ("two-feet", "one-leg", "split", "staggered", "kneeling", "lying", "plank", "hanging")
ON_THE_FEET = ("two-feet", "one-leg", "split", "staggered")
# A split stance's rear foot: on its toes on the floor, or laid on a bench behind.
REAR_FEET = ("toes", "bench")
# How a barbell is held: in the hands where the arm angles put them, racked on the front of
# the shoulders with the elbows high, or overhead on straight arms.
HOLDS = ("hands", "front-rack", "overhead")
# Hanging still, the centre of mass lies under the hands within this, metres.
HANG_MARGIN = 0.03
# Hanging, the feet clear the floor by at least this, metres, so that the figure hangs.
HANG_CLEARANCE = 0.1
# A hanging foot points its toes: bent this far past square to the shin, degrees.
POINTED_FOOT = 30
# A bar in the front rack or overhead balances within this of the middle of the foot, metres.
MIDFOOT = 0.06
# A split stance's rear foot rests on the floor or the bench within this, metres.
REAR_FOOT_GAP = 0.03
# A staggered stance keeps the rear toes within this of the front heel, metres; further
# back it is a split stance.
STAGGER = 0.3
PROP_DISTANCES = {"wall": 15, "box": 15, "foam-roller": 8}
# Half the length of a platform under a kettlebell, front to back, m: a low box just longer
# than a bell is wide, standing between the feet under the middle of the foot.
PLATFORM_HALF = 0.12
# What a pose can declare it touches: the back on a wall, the hips on a box, the stick on the
# head, upper back and pelvis, the load resting on a platform, the rack's pins or blocks.
CONTACTS = ("wall", "box", "stick", "platform", "rack", "blocks")
# Where `hands_on` puts a hand: on the front of the trunk, this far up from the hips; and how
# far its elbow, out to the side, turns towards the back as seen from the side.
HAND_PLACES = {"collarbones": (0.85, 0.15), "navel": (0.35, 0.3)}


def _angle(name: str, description: str, default: int | None = 0):
    low, high = JOINT_RANGES[name]
    return Field(default=default, ge=low, le=high, description=f"{description} ({low} to {high} degrees)")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class Spine(_Model):
    shape: Literal["neutral", "rounded", "arched"] = "neutral"
    amount: int = Field(default=0, ge=0, le=JOINT_RANGES["spine"][1], description="Bend in degrees.")

    @model_validator(mode="after")
    def _amount_matches_shape(self) -> Spine:
        if (self.shape == "neutral") != (self.amount == 0):
            raise _problem("a neutral spine has amount 0; a rounded or arched one an amount of 5 to 40")
        return self


class Prop(_Model):
    kind: Literal[PROP_KINDS] = Field(description="What is held or touched.")
    height: int | None = Field(
        default=None, ge=5, le=100, description="Bench, box, platform, rack pins or blocks height, cm."
    )
    distance: int | None = Field(
        default=None, ge=0, le=80, description="From the feet, cm (wall, box, roller)."
    )
    mass_kg: float | None = Field(
        default=None, ge=0, le=300, description="A load's mass, kg; each kind has a default."
    )

    @property
    def mass(self) -> float:
        return self.mass_kg if self.mass_kg is not None else LOAD_MASSES.get(self.kind, 0)


def _prop_shorthand(value):
    """`barbell` for `{kind: barbell}`."""
    return {"kind": value} if isinstance(value, str) else value


Caption = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]


class Pose(_Model):
    """One side-view pose and what it holds or touches."""

    caption: Caption = Field(description="Alt text and label: 'Bottom: hips back, back flat'.")
    view: Literal["side", "front", "back"] = Field(
        default="side", description="Front and back views show knees, feet and the stance's width."
    )
    stance: Literal[STANCES] = "two-feet"
    foot: int = _angle("foot", "Foot tilt: positive lifts the toes, negative the heels")
    ankle: int = _angle("ankle", "Shin tilt forward of vertical")
    knee: int = _angle("knee", "Knee bend")
    hip: int | None = _angle("hip", "Hip bend; give this or `trunk`", None)
    trunk: int | None = _angle("trunk", "Trunk lean forward of vertical; give this or `hip`", None)
    spine: Spine = Spine()
    neck: int = _angle("neck", "Head bend from the upper trunk, chin down positive")
    shoulder: int = _angle("shoulder", "Upper arm from the trunk, 0 hanging, 180 overhead")
    elbow: int = _angle("elbow", "Elbow bend")
    free_hip: int | None = _angle("hip", "One-leg stance: the free leg's hip bend", None)
    free_knee: int | None = _angle("knee", "One-leg stance: the free leg's knee bend", None)
    rear_hip: int | None = _angle("hip", "Split or staggered stance: the rear thigh from the trunk", None)
    rear_knee: int | None = _angle("knee", "Split or staggered stance: the rear knee's bend", None)
    rear_foot: Literal[REAR_FEET] | None = Field(
        default=None, description="Split or staggered stance: the rear foot on its `toes` or on a `bench`."
    )
    hold: Literal[HOLDS] = Field(
        default="hands", description="How a barbell is held: in the `hands`, `front-rack` or `overhead`."
    )
    knees_in: int = _angle(
        "knees_in", "Front view: each shin's tilt inwards, the knee drifting towards the other"
    )
    ankles_in: int = _angle("ankles_in", "Front view: each ankle's roll inwards, the arch flattening")
    toes_out: int = _angle("toes_out", "Front view: each foot turned out; bent knees follow the toes")
    stance_width: int | None = Field(
        default=None, ge=20, le=100, description="Front view: heel to heel, cm (32 when left out)."
    )
    hands_on: list[Literal[tuple(HAND_PLACES)]] = Field(
        default=[], max_length=2, description="Hands laid on the body: collarbones, navel (near hand first)."
    )
    touches: list[Literal[CONTACTS]] = Field(
        default=[], max_length=4, description="Contacts `check` holds within 2 cm: wall, box, stick, …"
    )
    moving: bool = Field(
        default=False, description="Caught mid-movement (a swing): the centre of mass may leave the feet."
    )
    props: list[
        Annotated[Prop, BeforeValidator(_prop_shorthand, json_schema_input_type=Literal[PROP_KINDS] | Prop)]
    ] = Field(default=[], max_length=4)

    @model_validator(mode="after")
    def _body_can_take_it(self) -> Pose:
        problem = self._fields_disagree() or self._props_disagree()
        if problem:
            raise _problem(problem)
        body = self.body()
        problem = STANCE_CHECKS.get(self.stance, lambda pose, body: None)(self, body)
        if problem:
            raise _problem(problem)
        lowest = min(body.lowest_points(), key=lambda item: item[1])
        if lowest[1] < -0.005:
            raise _problem(f"the {lowest[0]} goes {round(-lowest[1] * 100)} cm through the floor")
        problem = physics_problem(self, body)
        if problem:
            raise _problem(problem)
        return self

    def _fields_disagree(self) -> str | None:
        """Angles and stance fields that cannot go together, before any geometry."""
        low, high = JOINT_RANGES["hip"]
        if self.stance == "plank" and (self.foot or self.ankle or self.trunk is not None):
            return (
                "`stance: plank`: the lean follows from the hands reaching the floor, so `foot`, "
                "`ankle` and `trunk` are left out; give `hip`, `knee`, `shoulder` and `elbow`"
            )
        if self.stance == "hanging" and (self.foot or self.ankle):
            return (
                "`stance: hanging`: the legs hang from the hips, so the shins follow from `trunk`, "
                "`hip` and `knee`; leave out `foot` and `ankle`"
            )
        if self.hip is not None and self.trunk is not None and abs(self.trunk_lean - self.trunk) > 5:
            return (
                f"hip {self.hip}° and trunk {self.trunk}° disagree: with this ankle and knee the "
                f"trunk leans {self.trunk_lean}°; give only one of them"
            )
        if not low <= self.hip_angle <= high:
            return (
                f"a trunk lean of {self.trunk}° with this ankle and knee needs a hip bend of "
                f"{self.hip_angle}°, outside the {low} to {high} degrees a hip can take"
            )
        if self.stance != "one-leg" and (self.free_hip is not None or self.free_knee is not None):
            return "`free_hip` and `free_knee` are for `stance: one-leg` only"
        split = self.stance in ("split", "staggered")
        rear = (self.rear_hip, self.rear_knee, self.rear_foot)
        if not split and any(value is not None for value in rear):
            return "`rear_hip`, `rear_knee` and `rear_foot` are for `stance: split` or `staggered` only"
        if split and (self.rear_hip is None or self.rear_knee is None):
            return f"`stance: {self.stance}` places the rear leg by `rear_hip` and `rear_knee`: give both"
        if self.view == "side" and (
            self.knees_in or self.ankles_in or self.toes_out or self.stance_width is not None
        ):
            return (
                "`knees_in`, `ankles_in`, `toes_out` and `stance_width` show only from the front or "
                "back: add `view: front` or `view: back`"
            )
        if self.view != "side" and (self.stance != "two-feet" or self.props):
            return f"a {self.view} view draws a lifter standing on two feet, without props"
        if self.foot and self.stance in ("kneeling", "lying"):
            return "`foot` tilts a standing foot; kneeling and lying poses keep it as drawn"
        return None

    def _props_disagree(self) -> str | None:
        kinds = [prop.kind for prop in self.props]
        if len(set(kinds)) != len(kinds):
            return "a prop is listed twice"
        if len([kind for kind in kinds if kind in HELD or kind == "stick"]) > 1:
            return "the hands hold one thing at a time: one of barbell, dumbbell(s), …, stick"
        missing = [kind for kind in self.touches if kind not in kinds]
        if missing:
            return f"`touches` names `{missing[0]}`, which is not among the props"
        on_bench = self.rear_foot == "bench"
        if "bench" in kinds and self.stance != "lying" and not on_bench:
            return (
                "a `bench` carries the shoulders of a `stance: lying` pose or the rear foot of "
                "`rear_foot: bench`; a seat is a `box`"
            )
        if on_bench and "bench" not in kinds:
            return "`rear_foot: bench` rests the rear foot on a bench: add `bench` to the props"
        if (self.stance == "hanging") != ("pull-up-bar" in kinds):
            return (
                "`stance: hanging` hangs from a `pull-up-bar`, and a `pull-up-bar` is for hanging: give both"
            )
        if self.hold != "hands" and self.load != "barbell":
            return f"`hold: {self.hold}` places a barbell: add `barbell` to the props"
        return None

    @property
    def shin_tilt(self) -> int:
        """The shin's tilt: on the floor when kneeling; hanging, as the trunk, hip and knee
        let the legs hang; standing, `ankle`."""
        if self.stance == "hanging":
            return (self.trunk or 0) - (self.hip or 0) + self.knee
        return 90 if self.stance == "kneeling" else self.ankle

    @property
    def hip_angle(self) -> int:
        if self.hip is not None:
            return self.hip
        if self.trunk is None or self.stance in ("plank", "hanging"):
            return 0
        return self.trunk - self.shin_tilt + self.knee

    @property
    def trunk_lean(self) -> int:
        return self.shin_tilt - self.knee + self.hip_angle

    def prop(self, kind: str) -> Prop | None:
        return next((prop for prop in self.props if prop.kind == kind), None)

    @property
    def load(self) -> str | None:
        """The prop in the hands, if any."""
        return next((prop.kind for prop in self.props if prop.kind in HELD), None)

    def body(self) -> Body:
        return Body.of(self)


class Position(Pose):
    """A named pose of an exercise: `start`, `bottom`, `finish`, …"""

    name: Annotated[str, StringConstraints(pattern=r"^[a-z]+(?:-[a-z]+)*$", max_length=24)] = Field(
        description="start, bottom, top, finish, …"
    )


class FaultPoses(_Model):
    """The fault drawn against the right way to do it."""

    correct: Pose
    faulty: Pose


def _problem(message: str) -> PydanticCustomError:
    """A validation error whose message is shown as written."""
    return PydanticCustomError("pose", message)


def _polar(origin: tuple[float, float], length: float, tilt: float) -> tuple[float, float]:
    """The point `length` from `origin` along a line `tilt` degrees forward of straight up."""
    rad = math.radians(tilt)
    return origin[0] + length * math.sin(rad), origin[1] + length * math.cos(rad)


Point = tuple[float, float]
Rect = tuple[float, float, float, float]  # left, bottom, right, top


def _along(a: Point, b: Point, t: float) -> Point:
    return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t


def offset(point: Point, tilt: float, distance: float) -> Point:
    """`point` moved `distance` towards the back of a segment tilted `tilt` degrees."""
    rad = math.radians(tilt)
    return point[0] - distance * math.cos(rad), point[1] + distance * math.sin(rad)


def _bezier(a: Point, control: Point, b: Point, t: float) -> Point:
    u = 1 - t
    return (
        u * u * a[0] + 2 * u * t * control[0] + t * t * b[0],
        u * u * a[1] + 2 * u * t * control[1] + t * t * b[1],
    )


def _side(a: Point, b: Point, point: Point) -> float:
    """Signed distance of `point` from the line a→b, positive on the back's side."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    return ((point[0] - a[0]) * dy - (point[1] - a[1]) * dx) / math.hypot(dx, dy) * -1


def _to_rect(point: Point, rect: Rect) -> float:
    """Distance from `point` to `rect`, negative inside it (minus the depth to its nearest side)."""
    left, bottom, right, top = rect
    dx, dy = max(left - point[0], 0, point[0] - right), max(bottom - point[1], 0, point[1] - top)
    if dx or dy:
        return math.hypot(dx, dy)
    return -min(point[0] - left, right - point[0], point[1] - bottom, top - point[1])


def _segment_to_rect(a: Point, b: Point, rect: Rect) -> float:
    return min(_to_rect(_along(a, b, i / 10), rect) for i in range(11))


def along_line(a: Point, b: Point, point: Point) -> float:
    """How far along a→b the point nearest `point` lies: 0 at a, 1 at b."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    return ((point[0] - a[0]) * dx + (point[1] - a[1]) * dy) / (dx * dx + dy * dy)


def _segment_to_point(a: Point, b: Point, point: Point) -> float:
    t = 0.0 if a == b else max(0.0, min(1.0, along_line(a, b, point)))
    return math.dist(point, _along(a, b, t))


def _bent_arm(shoulder: Point, target: Point, towards: Point, share: float) -> tuple[Point, Point]:
    """Elbow and hand of an arm whose hand is on `target`, as seen from the side: the elbow
    lies on a circle round the shoulder-hand line, turned out to the side but for `share` of
    that circle's radius towards `towards` (1: the arm bends in the plane of the figure)."""
    distance = min(math.dist(shoulder, target), (UPPER_ARM + FOREARM) * 0.999)
    ux, uy = (target[0] - shoulder[0]) / distance, (target[1] - shoulder[1]) / distance
    along = (UPPER_ARM**2 - FOREARM**2 + distance**2) / (2 * distance)
    radius = math.sqrt(max(UPPER_ARM**2 - along**2, 0))
    normal = (-uy, ux) if -uy * towards[0] + ux * towards[1] >= 0 else (uy, -ux)
    elbow = (
        shoulder[0] + along * ux + share * radius * normal[0],
        shoulder[1] + along * uy + share * radius * normal[1],
    )
    return elbow, (shoulder[0] + distance * ux, shoulder[1] + distance * uy)


@dataclass(frozen=True)
class Load:
    """What the hands hold: its centre, its radius as drawn, its mass."""

    kind: str
    centre: Point
    radius: float
    mass: float


@dataclass(frozen=True)
class Stick:
    """A stick along the back: its ends, each contact point (head, upper back, pelvis) with
    its gap to the stick, and the deepest point of the low back with the gap across from it."""

    ends: tuple[Point, Point]
    contacts: dict[str, tuple[Point, float]]
    low_back: tuple[Point, Point]

    @property
    def low_back_gap(self) -> float:
        return math.dist(*self.low_back)


@dataclass(frozen=True)
class Body:
    """Joint positions in metres: x forward from the ankle, y up from the floor."""

    points: dict[str, Point]
    stance: str
    trunk_tilt: float
    forearm_tilt: float
    support_height: float
    load: Load | None
    arms: tuple[tuple[Point, Point], tuple[Point, Point]]  # (elbow, hand), the near arm first
    solids: dict[str, Rect]  # the props that stand on the floor
    stick: Stick | None
    bar: Point | None  # the pull-up bar a hanging body holds

    @classmethod
    def of(cls, pose: Pose) -> Body:
        if pose.stance == "plank":
            p, trunk_tilt, forearm_tilt = _plank(pose)
        else:
            legs = {"kneeling": _kneeling_legs, "hanging": _hanging_legs}.get(pose.stance, _standing_legs)
            p, shin_tilt = legs(pose)
            trunk_tilt, forearm_tilt = _upper_body(pose, p, shin_tilt)
        bar = None
        if pose.stance == "hanging":
            p, bar = _hanging(p)
        if pose.stance == "one-leg":
            _second_leg(p, trunk_tilt, pose.free_hip or 0, pose.free_knee or 0)
        if pose.stance in ("split", "staggered"):
            _rear_leg(pose, p, trunk_tilt)
        bench = pose.prop("bench")
        support = (bench.height or PROP_HEIGHTS["bench"]) / 100 if bench and pose.stance == "lying" else 0.0
        load = None
        if pose.hold != "hands":
            p["hand"] = _barbell_held(pose, p)
        if pose.load in LOADS:
            offset, radius = LOADS[pose.load]
            radius = OVERHEAD_PLATES if pose.hold == "overhead" else radius
            hang = 180 if pose.load == "dumbbell-on-end" else forearm_tilt
            held = pose.prop(pose.load)
            load = Load(held.kind, _polar(p["hand"], offset, hang), radius, held.mass)
        solids = _solids(pose, p, support)
        stick = _stick(pose, p, trunk_tilt, solids.get("wall")) if pose.prop("stick") else None
        arms = _arms(pose, p, trunk_tilt, stick)
        return cls(p, pose.stance, trunk_tilt, forearm_tilt, support, load, arms, solids, stick, bar)

    def joints(self) -> dict[str, Point]:
        """Every named joint for readers outside the figure: the near arm's elbow and hand as
        drawn (on a stick or the body), the far arm's where it parts from the near one."""
        p = dict(self.points)
        (p["elbow"], p["hand"]), far = self.arms
        if far != self.arms[0]:
            p["far_elbow"], p["far_hand"] = far
        return p

    def trunk_at(self, t: float) -> tuple[Point, float]:
        return _trunk_at(self.points, t)

    def in_front_of_chest(self, point: Point) -> float:
        """How far `point` lies in front of the trunk's front surface (negative: behind it)."""
        return -_side(self.points["hip"], self.points["shoulder"], point) - TRUNK_HALF

    def parts(self) -> list[tuple[str, Point, Point, float]]:
        """(name, one end, other end, half thickness) of every drawn part of the body."""
        p = self.points
        found = [
            ("feet", p["heel"], p["toe"], FOOT_HALF),
            ("shins", p["ankle"], p["knee"], LIMB_HALF),
            ("thighs", p["knee"], p["hip"], THIGH_HALF),
        ]
        if "free_knee" in p:
            found += [
                ("free thigh", p["hip"], p["free_knee"], THIGH_HALF),
                ("free shin", p["free_knee"], p["free_ankle"], LIMB_HALF),
                ("free foot", p["free_heel"], p["free_toe"], FOOT_HALF),
            ]
        spine = [self.trunk_at(i / 8)[0] for i in range(9)]
        found += [("hips" if i < 2 else "back", spine[i], spine[i + 1], TRUNK_HALF) for i in range(8)]
        found += [("neck", p["shoulder"], p["neck"], NECK_HALF), ("head", p["head"], p["head"], HEAD_RADIUS)]
        for elbow, hand in self.arms:
            found.append(("upper arm", p["shoulder"], elbow, UPPER_ARM_HALF))
            found.append(("forearm", elbow, hand, FOREARM_HALF))
        return found

    def centre_of_mass(self) -> Point:
        """Winter's segment masses for a 70 kg body, plus the load at its centre."""
        p = self.points

        def at(name: str, proximal: Point, distal: Point) -> tuple[float, Point]:
            fraction, share = SEGMENT_MASSES[name]
            return fraction * BODY_MASS, _along(proximal, distal, share)

        legs = [(p["hip"], p["knee"], p["ankle"], p["toe"])] * 2
        if "free_knee" in p:
            legs[1] = (p["hip"], p["free_knee"], p["free_ankle"], p["free_toe"])
        masses = [at("trunk", p["hip"], p["shoulder"])]
        masses[0] = (masses[0][0], self.trunk_at(0.5)[0])
        masses.append(at("head_neck", p["head"], p["head"]))
        for hip, knee, ankle, toe in legs:
            masses += [at("thigh", hip, knee), at("leg", knee, ankle), at("foot", ankle, toe)]
        for elbow, hand in self.arms:
            wrist = _along(elbow, hand, WRIST_SHARE)
            masses += [at("upper_arm", p["shoulder"], elbow), at("forearm", elbow, wrist)]
            masses.append(at("hand", hand, hand))
        if self.load and self.load.mass:
            masses.append((self.load.mass, self.load.centre))
        total = sum(mass for mass, _ in masses)
        return (
            sum(mass * point[0] for mass, point in masses) / total,
            sum(mass * point[1] for mass, point in masses) / total,
        )

    def base_of_support(self) -> tuple[float, float, str, str]:
        """Back and front x of what carries the body on the floor (the soles within 1 cm of
        it; a split stance's rear toes or foot on the bench; a plank's toes and hands; the
        hands on a pull-up bar), and what each edge is."""
        p = self.points
        if self.stance == "plank":
            return p["toe"][0], p["hand"][0], "toes", "hands"
        if self.bar:
            return self.bar[0], self.bar[0], "hands", "hands"
        heel, toe = p["heel"], p["toe"]
        low = [(1 - t / 20, _along(heel, toe, t / 20)) for t in range(21)]
        down = [point[0] for _, point in low if point[1] - FOOT_HALF <= 0.01]
        back = "heels" if heel[1] - FOOT_HALF <= 0.01 else "balls of the feet"
        front = "toes" if toe[1] - FOOT_HALF <= 0.01 else "heels"
        if self.stance in ("split", "staggered"):
            rear = "rear foot on the bench" if "bench" in self.solids else "rear toes"
            return min(p["free_toe"][0], *down), max(down), rear, front
        return min(down), max(down), back, front

    def lowest_points(self) -> list[tuple[str, float]]:
        """(name, height of its lowest edge) of every part that could go through the floor:
        a kneeling pose's knees, shins and feet, and a standing pose's feet, rest on it."""
        feet = ("heel", "toe", "ankle", "free_heel", "free_toe", "free_ankle")
        resting = ("knee", "head", "spine", *feet) if self.stance == "kneeling" else ("head", "spine", *feet)
        found = [(name.replace("_", " "), y - LIMB_HALF) for name, (x, y) in self.points.items()]
        found = [item for item in found if item[0].replace(" ", "_") not in resting]
        found.append(("head", self.points["head"][1] - HEAD_RADIUS))
        if self.stance != "kneeling":
            found.append(("feet", min(self.points[name][1] for name in ("heel", "toe")) - FOOT_HALF))
        if "free_toe" in self.points:
            low = min(self.points[name][1] for name in ("free_heel", "free_toe", "free_ankle"))
            found.append(("free foot", low - FOOT_HALF))
        if self.load:
            found.append(("load", self.load.centre[1] - self.load.radius))
        return found


def _standing_legs(pose: Pose) -> tuple[dict[str, Point], float]:
    """Foot on the floor, the ankle over x = 0; the foot pivots on the heel (toes up) or on
    the ball of the foot (heels up)."""
    p: dict[str, Point] = {}
    tilt = math.radians(pose.foot)
    pivot = (-HEEL, FOOT_HALF) if pose.foot >= 0 else (FOOT - HEEL, FOOT_HALF)
    for name, (x, y) in (
        ("ankle", (0.0, ANKLE_HEIGHT)),
        ("heel", (-HEEL, FOOT_HALF)),
        ("toe", (FOOT - HEEL, FOOT_HALF)),
    ):
        dx, dy = x - pivot[0], y - pivot[1]
        p[name] = (
            pivot[0] + dx * math.cos(tilt) - dy * math.sin(tilt),
            pivot[1] + dx * math.sin(tilt) + dy * math.cos(tilt),
        )
    p["knee"] = _polar(p["ankle"], SHANK, pose.shin_tilt)
    return p, pose.shin_tilt


def _kneeling_legs(pose: Pose) -> tuple[dict[str, Point], float]:
    """Shins on the floor behind the knee, the tops of the feet flat."""
    p = {
        "knee": (0.0, THIGH_HALF),
        "ankle": (-SHANK, LIMB_HALF),
        "heel": (-SHANK, LIMB_HALF + FOOT_HALF),
        "toe": (-SHANK - FOOT + HEEL, FOOT_HALF),
    }
    return p, 90


def _hanging_legs(pose: Pose) -> tuple[dict[str, Point], float]:
    """Legs hanging from the hips, the toes pointed, the sole as far from the ankle as when
    standing; the body is lifted to the bar once built."""
    ankle = (0.0, 0.0)
    toes = pose.shin_tilt + 90 + POINTED_FOOT
    sole = _polar(ankle, ANKLE_HEIGHT - FOOT_HALF, toes + 90)
    p = {
        "ankle": ankle,
        "toe": _polar(sole, FOOT - HEEL, toes),
        "heel": _polar(sole, HEEL, toes + 180),
        "knee": _polar(ankle, SHANK, pose.shin_tilt),
    }
    return p, pose.shin_tilt


def _plank_legs(pose: Pose, shin_tilt: float) -> dict[str, Point]:
    """On the toes, the foot square to the shin, the ankle over x = 0."""
    toe = _polar((0, 0), FOOT - HEEL, shin_tilt + 90)
    ankle = (0.0, FOOT_HALF - toe[1])
    return {
        "ankle": ankle,
        "toe": (toe[0], FOOT_HALF),
        "heel": _polar(ankle, HEEL, shin_tilt - 90),
        "knee": _polar(ankle, SHANK, shin_tilt),
    }


def _plank(pose: Pose) -> tuple[dict[str, Point], float, float]:
    """Hands and toes on the floor: the body leans from the toes until the wrists, placed by
    the arm angles, come down to the floor, the palm flat in front of them (the lean closest
    to it, which `check` holds to 1 cm)."""

    def built(tilt: float):
        p = _plank_legs(pose, tilt)
        return p, *_upper_body(pose, p, tilt)

    def gap(tilt: float) -> float:
        p = built(tilt)[0]
        return _along(p["elbow"], p["hand"], WRIST_SHARE)[1] - LIMB_HALF

    tilts = [20 + i / 2 for i in range(181)]
    best = min(tilts, key=lambda tilt: abs(gap(tilt)))
    crossing = next((t for t in tilts[:-1] if gap(t) >= 0 >= gap(t + 0.5)), None)
    if crossing is not None:
        low, high = crossing, crossing + 0.5
        for _ in range(20):
            middle = (low + high) / 2
            low, high = (middle, high) if gap(middle) > 0 else (low, middle)
        best = low
    p, trunk_tilt, forearm_tilt = built(best)
    wrist = _along(p["elbow"], p["hand"], WRIST_SHARE)
    if abs(wrist[1] - LIMB_HALF) <= 0.01:
        p["hand"] = (wrist[0] + WINTER["hand"] * HEIGHT / 2, LIMB_HALF)
    return p, trunk_tilt, forearm_tilt


def _upper_body(pose: Pose, p: dict[str, Point], shin_tilt: float) -> tuple[float, float]:
    """Thigh, trunk, neck, head and the arm the angles place, on the knee in `p`; returns
    the lower trunk's tilt and the forearm's."""
    thigh_tilt = shin_tilt - pose.knee
    p["hip"] = _polar(p["knee"], THIGH, thigh_tilt)
    trunk_tilt = thigh_tilt + pose.hip_angle
    # The spine bends from the pelvis up: the lower trunk leans `trunk_tilt`, the upper trunk
    # `bend` further forward (rounded) or back (arched); the curve's control point sits where
    # the two tangents meet.
    bend = pose.spine.amount * {"neutral": 0, "rounded": 1, "arched": -1}[pose.spine.shape]
    chest_tilt = trunk_tilt + bend
    p["shoulder"] = _polar(p["hip"], TRUNK, trunk_tilt + bend / 2)
    p["spine"] = _polar(p["hip"], TRUNK / 2 / math.cos(math.radians(bend / 2)), trunk_tilt)
    neck_tilt = chest_tilt + pose.neck
    p["neck"] = _polar(p["shoulder"], NECK, neck_tilt)
    # The back of the head lines up with the upper back, so the head sits forward of the neck's line.
    forward = math.radians(neck_tilt + 90)
    centre = _polar(p["neck"], HEAD_RADIUS, neck_tilt)
    shift = HEAD_RADIUS - TRUNK_HALF
    p["head"] = (centre[0] + shift * math.sin(forward), centre[1] + shift * math.cos(forward))
    arm_tilt = chest_tilt + 180 - pose.shoulder
    p["elbow"] = _polar(p["shoulder"], UPPER_ARM, arm_tilt)
    forearm_tilt = arm_tilt - pose.elbow
    p["hand"] = _polar(p["elbow"], FOREARM, forearm_tilt)
    return trunk_tilt, forearm_tilt


def _hanging(p: dict[str, Point]) -> tuple[dict[str, Point], Point]:
    """The body as the angles build it, lifted until the hands hold the bar."""
    bar = (p["hand"][0], PULL_UP_BAR / 100)
    lift = bar[1] - p["hand"][1]
    return {name: (x, y + lift) for name, (x, y) in p.items()}, bar


def _second_leg(p: dict[str, Point], trunk_tilt: float, hip: float, knee: float) -> None:
    """The other leg from the hip: `hip` its thigh's bend from the trunk's line (negative
    behind), `knee` its bend; the foot square to the shin."""
    thigh = trunk_tilt - hip + 180
    p["free_knee"] = _polar(p["hip"], THIGH, thigh)
    shank = thigh + knee
    p["free_ankle"] = _polar(p["free_knee"], SHANK, shank)
    p["free_toe"] = _polar(p["free_ankle"], FOOT - HEEL, shank - 90)
    p["free_heel"] = _polar(p["free_ankle"], HEEL, shank + 90)


def _rear_leg(pose: Pose, p: dict[str, Point], trunk_tilt: float) -> None:
    """A split stance's rear leg: on its toes, the ball of the foot on the floor in front of
    the ankle; or laid on a bench, the top of the foot on it and the toes pointing back."""
    _second_leg(p, trunk_tilt, pose.rear_hip, pose.rear_knee)
    ankle = p["free_ankle"]
    if pose.rear_foot == "bench":
        p["free_toe"] = (ankle[0] - (FOOT - HEEL), ankle[1])
        p["free_heel"] = (ankle[0] + HEEL, ankle[1])
        return
    reach = FOOT - HEEL
    rise = min(max(ankle[1] - FOOT_HALF, 0), reach)
    toe = (ankle[0] + math.sqrt(reach**2 - rise**2), FOOT_HALF)
    p["free_toe"] = toe
    p["free_heel"] = _along(ankle, toe, -HEEL / reach)


def _barbell_held(pose: Pose, p: dict[str, Point]) -> Point:
    """Where the hands hold a barbell: racked on the front of the shoulders (the hands on the
    bar there, the elbows where the angles put them), or overhead at the end of the arms."""
    if pose.hold == "overhead":
        return p["hand"]
    top, tilt = _trunk_at(p, 1)
    return offset(top, tilt, -(TRUNK_HALF + BAR_RADIUS))


def _solids(pose: Pose, p: dict[str, Point], support: float) -> dict[str, Rect]:
    """Each prop that stands on the floor as a rectangle: the wall, box, bench, platform,
    roller, the rack's pins and blocks. The platform, pins and blocks stand beside or between
    the feet, under the load over the middle of the foot."""
    heel = p["heel"][0] if pose.stance != "kneeling" else p["toe"][0]
    middle = FOOT / 2 - HEEL
    found = {}
    for prop in pose.props:
        height = (prop.height or PROP_HEIGHTS.get(prop.kind, 0)) / 100
        distance = (prop.distance if prop.distance is not None else PROP_DISTANCES.get(prop.kind, 0)) / 100
        rect = {
            "wall": (heel - distance - 0.04, 0, heel - distance, 2.1),
            "box": (heel - distance - 0.4, 0, heel - distance, height),
            "bench": _bench(pose, p, support, height),
            "platform": (middle - PLATFORM_HALF, 0, middle + PLATFORM_HALF, height),
            "foam-roller": (p["ankle"][0] + distance, 0, p["ankle"][0] + distance + 0.15, 0.9),
            "rack": (middle - 0.2, height - 0.03, middle + 0.35, height),
            "blocks": (middle - 0.15, 0, middle + 0.15, height),
        }.get(prop.kind)
        if rect:
            found[prop.kind] = rect
    return found


def _bench(pose: Pose, p: dict[str, Point], support: float, height: float) -> Rect:
    """Under the shoulders of a lying pose; under a split stance's rear foot, its near end
    just behind the ankle."""
    if "free_ankle" not in p:
        return p["shoulder"][0] - 0.45, 0, p["shoulder"][0] + 0.05, support
    ankle = p["free_ankle"][0]
    return ankle - 0.45, 0, ankle + 0.02, height


def _stick(pose: Pose, p: dict[str, Point], trunk_tilt: float, wall: Rect | None) -> Stick:
    """The stick rests on the outermost two of head, upper back and pelvis; the third may be
    off it. An arched back meets it high on the upper back, the low back sagging away from it.
    A wall behind stops its lower end."""
    hip, shoulder = p["hip"], p["shoulder"]

    def back_at(t: float) -> Point:
        return offset(*_trunk_at(p, t), TRUNK_HALF)

    head_tilt = math.degrees(math.atan2(p["neck"][0] - shoulder[0], p["neck"][1] - shoulder[1]))
    points = {
        "head": offset(p["neck"], head_tilt, TRUNK_HALF),
        "upper back": back_at(0.95 if pose.spine.shape == "arched" else 0.75),
        "pelvis": offset(hip, trunk_tilt, TRUNK_HALF),
    }
    head, upper, pelvis = points.values()
    a, b = pelvis, head
    if _side(a, b, upper) > 0:
        a = upper
    elif _side(upper, b, pelvis) > 0.001 and _side(pelvis, upper, head) <= 0:
        a, b = pelvis, upper
    contacts = {name: (point, abs(_side(a, b, point))) for name, point in points.items()}
    length = math.dist(a, b)
    along = [along_line(a, b, point) for point in points.values()]
    low, high = _along(a, b, min(along) - 0.2 / length), _along(a, b, max(along) + 0.12 / length)
    if wall and low[0] < wall[2] and high[0] != low[0]:
        low = _along(low, high, (wall[2] - low[0]) / (high[0] - low[0]))
    deepest = max((back_at(i / 20) for i in range(2, 13)), key=lambda point: -_side(a, b, point))
    return Stick((low, high), contacts, (deepest, _along(a, b, along_line(a, b, deepest))))


def _minus(a: Point, b: Point) -> Point:
    return a[0] - b[0], a[1] - b[1]


def _trunk_at(p: dict[str, Point], t: float) -> tuple[Point, float]:
    """The point `t` of the way up the spine's curve, and the curve's tilt there."""
    a, control, b = p["hip"], p["spine"], p["shoulder"]
    tangent = _along(_minus(control, a), _minus(b, control), t)
    return _bezier(a, control, b, t), math.degrees(math.atan2(tangent[0], tangent[1]))


def _arms(pose: Pose, p: dict[str, Point], trunk_tilt: float, stick: Stick | None):
    """Both arms as (elbow, hand), the near arm first: as the angles put them, or the near hand
    gripping the stick at the low back, or each hand laid where `hands_on` says."""
    arms = [(p["elbow"], p["hand"])] * 2
    back = offset((0, 0), trunk_tilt, 1)
    if stick:
        high, pelvis = stick.ends[1], stick.contacts["pelvis"][0]
        grip = _along(pelvis, high, 0.14 / math.dist(pelvis, high))
        arms = [_bent_arm(p["shoulder"], grip, (-back[0], -back[1]), 0.2)] * 2
    for index, place in enumerate(pose.hands_on):
        up, turn = HAND_PLACES[place]
        front = offset(*_trunk_at(p, up), -TRUNK_HALF - 0.01)
        arms[index] = _bent_arm(p["shoulder"], front, back, turn)
    return tuple(arms)


# Stance checks: what each stance needs of the geometry, before the physics.


def _lying(pose: Pose, body: Body) -> str | None:
    support = body.support_height
    gap = body.points["shoulder"][1] - TRUNK_HALF - support
    if abs(gap) > 0.05:
        where = "the bench" if support else "the floor"
        return f"lying: the shoulders end {round(gap * 100)} cm from {where}; change the hip, knee or ankle"
    return None


def _rear_foot_gap(pose: Pose, rear_knee: int) -> float:
    """How far the rear ankle ends above (positive) or below where the foot rests: on the
    bench, or on its toes with the foot tilted 15 to 70 degrees."""
    p, shin_tilt = _standing_legs(pose)
    trunk_tilt, _ = _upper_body(pose, p, shin_tilt)
    _second_leg(p, trunk_tilt, pose.rear_hip, rear_knee)
    ankle = p["free_ankle"][1]
    if pose.rear_foot == "bench":
        return ankle - ((pose.prop("bench").height or PROP_HEIGHTS["bench"]) / 100 + LIMB_HALF)
    reach = FOOT - HEEL
    low, high = (FOOT_HALF + reach * math.sin(math.radians(angle)) for angle in (15, 70))
    return min(ankle - low, 0) + max(ankle - high, 0)


def _split(pose: Pose, body: Body) -> str | None:
    """The rear foot reaches the floor on its toes or rests on the bench; a staggered stance's
    rear toes stay near the front heel."""
    gap = _rear_foot_gap(pose, pose.rear_knee)
    if abs(gap) > REAR_FOOT_GAP:
        fits = min(range(*JOINT_RANGES["knee"]), key=lambda knee: abs(_rear_foot_gap(pose, knee)))
        onto = "on the bench" if pose.rear_foot == "bench" else "on its toes"
        hint = (
            f"`rear_knee: {fits}` puts it {onto}"
            if abs(_rear_foot_gap(pose, fits)) <= REAR_FOOT_GAP
            else "change `rear_hip`"
        )
        target = "the bench" if pose.rear_foot == "bench" else "where it stands on its toes"
        where = "above" if gap > 0 else "below"
        return f"`stance: {pose.stance}`: the rear ankle ends {_cm(gap)} cm {where} {target}; {hint}"
    behind = body.points["heel"][0] - body.points["free_toe"][0]
    if pose.stance == "staggered" and behind > STAGGER:
        return (
            f"`stance: staggered`: the rear toes are {_cm(behind)} cm behind the front heel (at most "
            f"{_cm(STAGGER)}); bring the rear leg in (`rear_hip`) or say `stance: split`"
        )
    return None


def _plank_reaches(pose: Pose, body: Body) -> str | None:
    gap = body.points["hand"][1] - LIMB_HALF
    if abs(gap) > 0.01:
        return (
            f"`stance: plank`: with these arm angles the hands end {_cm(gap)} cm "
            f"{'above' if gap > 0 else 'below'} the floor; give `shoulder` about 20 to 100 and "
            "`elbow` 0 to 120"
        )
    return None


def _hangs(pose: Pose, body: Body) -> str | None:
    feet = min(body.points[name][1] for name in ("heel", "toe")) - FOOT_HALF
    if feet < HANG_CLEARANCE:
        where = "above" if feet > 0 else "below"
        return (
            f"hanging from the bar {PULL_UP_BAR} cm up, the feet end {_cm(feet)} cm {where} the floor; "
            f"they hang at least {_cm(HANG_CLEARANCE)} cm clear of it: bend the knees or the elbows"
        )
    rise = body.points["hand"][1] - body.points["shoulder"][1]
    if rise < 0.05:
        return (
            f"hanging: the hands hold a bar above the shoulders, not {_cm(rise)} cm "
            f"{'above' if rise > 0 else 'below'} them; raise the arms (`shoulder`)"
        )
    return None


STANCE_CHECKS = {
    "lying": _lying,
    "split": _split,
    "staggered": _split,
    "plank": _plank_reaches,
    "hanging": _hangs,
}


# Physics: each rule returns what is wrong with the pose, in numbers, or None.


def _cm(metres: float) -> int:
    return round(abs(metres) * 100)


def _are(name: str) -> str:
    return "are" if name == "feet" or name.endswith("s") and name not in LOAD_MASSES else "is"


def centre_of_mass_over_feet(pose: Pose, body: Body) -> str | None:
    """Standing still, the centre of mass lies over the sole on the floor (a split stance's
    from the rear toes to the front toes); in a plank, between the toes and the hands."""
    if pose.moving or pose.stance not in (*ON_THE_FEET, "plank"):
        return None
    x = body.centre_of_mass()[0]
    back, front, back_edge, front_edge = body.base_of_support()
    if pose.stance == "plank" and not back - COM_MARGIN <= x <= front + COM_MARGIN:
        where = (
            f"{_cm(x - front)} cm in front of the hands"
            if x > front
            else f"{_cm(back - x)} cm behind the toes"
        )
        return f"the centre of mass is {where}: a plank rests it between them; move the hands"
    if x > front + COM_MARGIN:
        return (
            f"the centre of mass is {_cm(x - front)} cm past the {front_edge}: the lifter would fall "
            "forward; lean less, sit the hips back or mark the pose `moving: true`"
        )
    if x < back - COM_MARGIN:
        return (
            f"the centre of mass is {_cm(back - x)} cm behind the {back_edge}: the lifter would fall "
            "backward; reach forward, lean more or mark the pose `moving: true`"
        )
    return None


def centre_of_mass_under_the_bar(pose: Pose, body: Body) -> str | None:
    """Hanging still, the centre of mass lies under the hands."""
    if pose.moving or body.bar is None:
        return None
    off = body.centre_of_mass()[0] - body.bar[0]
    if abs(off) > HANG_MARGIN:
        where = "in front of" if off > 0 else "behind"
        lean = "back" if off > 0 else "forward"
        return (
            f"the centre of mass is {_cm(off)} cm {where} the hands: hanging still, the body swings "
            f"until it is under them; lean the trunk {lean}, move the legs or mark the pose `moving: true`"
        )
    return None


def head_clear_of_the_bar(pose: Pose, body: Body) -> str | None:
    """The chin passes in front of a pull-up bar, not through it."""
    if body.bar is None:
        return None
    depth = HEAD_RADIUS + BAR_RADIUS - math.dist(body.points["head"], body.bar)
    if depth > OVERLAP:
        return (
            f"the bar passes {_cm(depth)} cm into the head: pull the chin over it, stop below it "
            "or lean the head back (`neck`)"
        )
    return None


def bar_over_the_middle_of_the_foot(pose: Pose, body: Body) -> str | None:
    """A bar racked on the shoulders or held overhead stands over the middle of the foot."""
    if pose.hold == "hands" or pose.moving or body.load is None:
        return None
    middle = (body.points["heel"][0] + body.points["toe"][0]) / 2
    off = body.load.centre[0] - middle
    if abs(off) > MIDFOOT:
        where = "in front of" if off > 0 else "behind"
        return (
            f"`hold: {pose.hold}`: the bar is {_cm(off)} cm {where} the middle of the foot, where it "
            "balances; change the trunk lean or the shoulder angle"
        )
    return None


def bar_clear_of_legs(pose: Pose, body: Body) -> str | None:
    """A barbell's shaft spans both legs and the trunk, so it runs in front of them."""
    if body.load is None or body.load.kind != "barbell":
        return None
    x, y = body.load.centre
    for name, a, b, half in body.parts():
        if name in ("shins", "thighs") and min(a[1], b[1]) <= y <= max(a[1], b[1]) and a[1] != b[1]:
            depth = _along(a, b, (y - a[1]) / (b[1] - a[1]))[0] + half + BAR_RADIUS - x
        elif name in ("feet", "hips", "back"):
            depth = half + BAR_RADIUS - _segment_to_point(a, b, (x, y))
        else:
            continue
        if depth > OVERLAP:
            return (
                f"the bar passes {_cm(depth)} cm into the {name}, its centre {_cm(x)} cm "
                f"{'in front of' if x >= 0 else 'behind'} the ankle: a barbell runs in front of the "
                "legs; change the shoulder or elbow angle"
            )
    return None


def _load_radius(load: Load, kind: str) -> float:
    """The load's radius where it meets `kind`: a barbell rests its shaft on the pins."""
    return BAR_RADIUS if kind == "rack" and load.kind == "barbell" else load.radius


def _body_gap(body: Body, rect: Rect) -> tuple[float, str]:
    """The gap between the body's nearest part and `rect` (negative: that deep into it), and the part."""
    return min((_segment_to_rect(a, b, rect) - half, name) for name, a, b, half in body.parts())


def load_clear_of_props(pose: Pose, body: Body) -> str | None:
    """A load rests on a platform, the pins or blocks; it does not sink into them or a wall or box."""
    if body.load is None:
        return None
    for kind, rect in body.solids.items():
        depth = _load_radius(body.load, kind) - _to_rect(body.load.centre, rect)
        if depth > OVERLAP:
            return (
                f"the {body.load.kind} goes {_cm(depth)} cm into the {kind}; "
                f"change the arm angles or the {kind}'s height"
            )
    return None


def body_clear_of_props(pose: Pose, body: Body) -> str | None:
    """The body does not pass into a wall or a box (the platform, pins and blocks stand beside
    the legs, the roller between them)."""
    for kind in ("wall", "box"):
        rect = body.solids.get(kind)
        if rect:
            gap, name = _body_gap(body, rect)
            depth = -gap
            if depth > OVERLAP:
                return (
                    f"the {name} {_are(name)} {_cm(depth)} cm into the {kind}; "
                    f"move the {kind} back or change the angles"
                )
    return None


def stick_along_the_back(pose: Pose, body: Body) -> str | None:
    """`touches: [stick]`: head, upper back and pelvis each within the gap of the stick."""
    if "stick" not in pose.touches:
        return None
    name, (_, gap) = max(body.stick.contacts.items(), key=lambda item: item[1][1])
    if gap > CONTACT_GAP:
        return (
            f"`touches: [stick]`: the {name} is {_cm(gap)} cm off the stick; flatten the back or drop `stick`"
        )
    return None


def declared_contacts(pose: Pose, body: Body) -> str | None:
    """`touches: [wall]` (the back of the body on the wall), `[box]` (the hips on the seat),
    `[platform]`, `[rack]`, `[blocks]` (the load resting on it): within the gap."""
    for kind in pose.touches:
        rect = body.solids.get(kind)
        if kind in ("wall", "box"):
            gap, name = _body_gap(body, rect)
            where = "from the wall" if kind == "wall" else "from the box"
        elif kind in ("platform", "rack", "blocks") and body.load:
            gap, name = _to_rect(body.load.centre, rect) - _load_radius(body.load, kind), body.load.kind
            where = f"above the {'pins' if kind == 'rack' else kind}"
        elif kind != "stick":
            return f"`touches: [{kind}]`: nothing held rests on the {kind}"
        else:
            continue
        if gap > CONTACT_GAP:
            return (
                f"`touches: [{kind}]`: the {name} {_are(name)} {_cm(gap)} cm {where}; "
                f"close the gap or drop `{kind}`"
            )
    return None


PHYSICS = (
    centre_of_mass_over_feet,
    centre_of_mass_under_the_bar,
    head_clear_of_the_bar,
    bar_over_the_middle_of_the_foot,
    bar_clear_of_legs,
    load_clear_of_props,
    body_clear_of_props,
    stick_along_the_back,
    declared_contacts,
)


def physics_problem(pose: Pose, body: Body) -> str | None:
    """The first physics rule the pose (built as `body`) breaks, in its own words with the
    numbers, or None."""
    return next((problem for rule in PHYSICS if (problem := rule(pose, body))), None)

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
ANKLE_HEIGHT = WINTER["ankle_height"] * HEIGHT
FOOT = WINTER["foot_length"] * HEIGHT
HEEL = FOOT * 0.25  # heel behind the ankle joint
# Half thicknesses of the drawn body, in metres: joints sit this far above a surface they rest on.
TRUNK_HALF = 0.07
LIMB_HALF = 0.04
THIGH_HALF = 0.05
FOOT_HALF = 0.025

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
# What the hands hold: every load drawn above, and a cable's handle.
HELD = {*LOADS, "cable"}
# Default height and distance from the heels (behind; in front of the ankles for the roller), cm.
PROP_HEIGHTS = {"bench": 40, "box": 45, "platform": 15}
PROP_DISTANCES = {"wall": 25, "box": 15, "foam-roller": 8}


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
    height: int | None = Field(default=None, ge=5, le=100, description="Bench, box or platform height, cm.")
    distance: int | None = Field(
        default=None, ge=0, le=80, description="From the feet, cm (wall, box, roller)."
    )


def _prop_shorthand(value):
    """`barbell` for `{kind: barbell}`."""
    return {"kind": value} if isinstance(value, str) else value


Caption = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]


class Pose(_Model):
    """One side-view pose and what it holds or touches."""

    caption: Caption = Field(description="Alt text and label: 'Bottom: hips back, back flat'.")
    view: Literal["side", "front"] = Field(default="side", description="Front views show knees and feet.")
    stance: Literal["two-feet", "one-leg", "kneeling", "lying"] = "two-feet"
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
    knees_in: int = _angle("knees_in", "Front view: each knee's drift towards the other")
    ankles_in: int = _angle("ankles_in", "Front view: each ankle's roll inwards, the arch flattening")
    props: list[
        Annotated[Prop, BeforeValidator(_prop_shorthand, json_schema_input_type=Literal[PROP_KINDS] | Prop)]
    ] = Field(default=[], max_length=4)

    @model_validator(mode="after")
    def _body_can_take_it(self) -> Pose:
        low, high = JOINT_RANGES["hip"]
        if self.hip is not None and self.trunk is not None and abs(self.trunk_lean - self.trunk) > 5:
            raise _problem(
                f"hip {self.hip}° and trunk {self.trunk}° disagree: with this ankle and knee the "
                f"trunk leans {self.trunk_lean}°; give only one of them"
            )
        if not low <= self.hip_angle <= high:
            raise _problem(
                f"a trunk lean of {self.trunk}° with this ankle and knee needs a hip bend of "
                f"{self.hip_angle}°, outside the {low} to {high} degrees a hip can take"
            )
        one_leg = self.stance == "one-leg"
        if not one_leg and (self.free_hip is not None or self.free_knee is not None):
            raise _problem("`free_hip` and `free_knee` are for `stance: one-leg` only")
        if self.view == "side" and (self.knees_in or self.ankles_in):
            raise _problem("`knees_in` and `ankles_in` show only from the front: add `view: front`")
        if self.view == "front" and (self.stance != "two-feet" or self.props):
            raise _problem("a front view draws a lifter standing on two feet, without props")
        kinds = [prop.kind for prop in self.props]
        if len(set(kinds)) != len(kinds):
            raise _problem("a prop is listed twice")
        if len([kind for kind in kinds if kind in HELD or kind == "stick"]) > 1:
            raise _problem("the hands hold one thing at a time: one of barbell, dumbbell(s), …, stick")
        if "bench" in kinds and self.stance != "lying":
            raise _problem("a `bench` carries the shoulders of a `stance: lying` pose; a seat is a `box`")
        body = self.body()
        lowest = min(body.lowest_points(), key=lambda item: item[1])
        if lowest[1] < -0.005:
            raise _problem(f"the {lowest[0]} goes {round(-lowest[1] * 100)} cm through the floor")
        if self.foot and self.stance in ("kneeling", "lying"):
            raise _problem("`foot` tilts a standing foot; kneeling and lying poses keep it as drawn")
        if self.stance == "lying":
            support = body.support_height
            gap = body.points["shoulder"][1] - TRUNK_HALF - support
            if abs(gap) > 0.05:
                where = "the bench" if support else "the floor"
                raise _problem(
                    f"lying: the shoulders end {round(gap * 100)} cm from {where}; "
                    "change the hip, knee or ankle angles"
                )
        return self

    @property
    def shin_tilt(self) -> int:
        return 90 if self.stance == "kneeling" else self.ankle

    @property
    def hip_angle(self) -> int:
        if self.hip is not None:
            return self.hip
        if self.trunk is None:
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


@dataclass(frozen=True)
class Body:
    """Joint positions in metres: x forward from the ankle, y up from the floor."""

    points: dict[str, tuple[float, float]]
    trunk_tilt: float
    forearm_tilt: float
    support_height: float
    load: tuple[tuple[float, float], float] | None  # centre and radius of what the hands hold

    @classmethod
    def of(cls, pose: Pose) -> Body:
        p: dict[str, tuple[float, float]] = {}
        if pose.stance == "kneeling":
            p["knee"] = (0.0, THIGH_HALF)
            p["ankle"] = (-SHANK, LIMB_HALF)
            p["heel"] = (-SHANK, LIMB_HALF + FOOT_HALF)
            p["toe"] = (-SHANK - FOOT + HEEL, FOOT_HALF)
        else:
            # The foot pivots on the heel (toes up) or on the ball of the foot (heels up).
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
        thigh_tilt = pose.shin_tilt - pose.knee
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
        if pose.stance == "one-leg":
            free_thigh = trunk_tilt - (pose.free_hip or 0) + 180
            p["free_knee"] = _polar(p["hip"], THIGH, free_thigh)
            free_shank = free_thigh + (pose.free_knee or 0)
            p["free_ankle"] = _polar(p["free_knee"], SHANK, free_shank)
            p["free_toe"] = _polar(p["free_ankle"], FOOT - HEEL, free_shank - 90)
        bench = pose.prop("bench")
        support = (bench.height or PROP_HEIGHTS["bench"]) / 100 if bench and pose.stance == "lying" else 0.0
        load = None
        if pose.load in LOADS:
            offset, radius = LOADS[pose.load]
            hang = 180 if pose.load == "dumbbell-on-end" else forearm_tilt
            load = (_polar(p["hand"], offset, hang), radius)
        return cls(p, trunk_tilt, forearm_tilt, support, load)

    def lowest_points(self) -> list[tuple[str, float]]:
        """(name, height of its lowest edge) of every joint that could go through the floor."""
        found = [(name.replace("_", " "), y - LIMB_HALF) for name, (x, y) in self.points.items()]
        found = [item for item in found if item[0] not in ("heel", "toe", "ankle", "knee", "head", "spine")]
        found.append(("head", self.points["head"][1] - HEAD_RADIUS))
        if self.load:
            found.append(("load", self.load[0][1] - self.load[1]))
        return found

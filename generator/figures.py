"""Draw each pose as an SVG figure, a side (or front) view at one scale, in the page's colours.

Lengths come from `pose.Body` (Winter's segment table); here they become centimetres on a
fixed canvas, so every figure has the same size and two figures compare. Colours are
`currentColor` and CSS variables with system-colour fallbacks: the page's text colour on the
site (light, dark and print), the viewer's scheme when a file is opened alone."""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from .i18n import Words
from .pose import (
    BAR_RADIUS,
    CONTACT_GAP,
    FOOT,
    FOOT_HALF,
    FOREARM,
    FOREARM_HALF,
    HEAD_RADIUS,
    HEEL,
    JOINT_RANGES,
    LIMB_HALF,
    THIGH_HALF,
    TRUNK_HALF,
    UPPER_ARM,
    Body,
    FaultPoses,
    Pose,
    Position,
    along_line,
    offset,
)

# The canvas in centimetres: x from LEFT to LEFT + WIDTH, y from TOP down to the floor at 0
# and a little below it for the ground line's thickness.
LEFT, TOP, WIDTH, HEIGHT = -110, -220, 220, 225
# A fault's pair: the correct pose and the faulty one side by side, each on a canvas.
PAIR_WIDTH = 2 * WIDTH
# Where each stance (or the front view) puts the ankle (cm), so the whole body stays on the canvas.
ANCHOR = {
    "front": 0,
    "back": 0,
    "two-feet": -5,
    "one-leg": 10,
    "split": 35,
    "staggered": 5,
    "kneeling": 20,
    "lying": 65,
    "plank": -75,
    "hanging": 0,
}
# A gap between the low back and the stick wider than this, metres, is drawn.
LOW_BACK_GAP = 0.025
# Stroke widths of the drawn parts, cm.
STROKES = {
    "trunk": TRUNK_HALF * 200,
    "thigh": THIGH_HALF * 200,
    "shank": LIMB_HALF * 200,
    "foot": FOOT_HALF * 200,
    "front_foot": 3.5,
    "arm": 7,
    "forearm": 6,
    "neck": 6,
}
STYLE = (
    ":where(svg.db-figure){color:CanvasText;color-scheme:light dark}"
    ".db-figure .db-body{stroke:currentColor;fill:none;stroke-linecap:round;stroke-linejoin:round}"
    ".db-figure .db-fault{stroke:var(--db-figure-accent,LinkText)}"
    ".db-figure .db-fault .db-head{fill:var(--db-figure-accent,LinkText)}"
    ".db-figure .db-ghost{opacity:.35;stroke-dasharray:4 5}"
    ".db-figure .db-head{fill:currentColor;stroke:none}"
    ".db-figure .db-joint{fill:var(--db-figure-paper,Canvas);stroke:none}"
    ".db-figure .db-prop{stroke:currentColor;fill:none;stroke-width:2.5;opacity:.75}"
    ".db-figure .db-solid{fill:currentColor;fill-opacity:.15}"
    ".db-figure .db-ground{stroke:currentColor;stroke-width:2;opacity:.6}"
    ".db-figure .db-stick{stroke:currentColor;stroke-linecap:round}"
    ".db-figure .db-halo{stroke:var(--db-figure-paper,Canvas);stroke-linecap:round}"
    ".db-figure .db-contact{fill:var(--db-figure-accent,LinkText);stroke:none}"
    ".db-figure .db-gap{stroke:var(--db-figure-accent,LinkText);stroke-dasharray:2 2}"
    ".db-figure .db-far{stroke-dasharray:5 4;fill-opacity:.08}"
    ".db-figure .db-between{fill:currentColor;fill-opacity:.12;stroke:none}"
    ".db-figure .db-between-top{opacity:1}"
    ".db-figure .db-fault-label{fill:var(--db-figure-accent,LinkText)}"
    ".db-figure text{fill:currentColor;font:700 18px sans-serif;text-anchor:middle}"
)


class _Canvas:
    """SVG elements in centimetres, y up from the floor, shifted by `dx` metres."""

    def __init__(self, dx: float, offset: float = 0):
        self.dx = dx
        self.offset = offset  # cm, for the second panel of a pair
        self.parts: list[str] = []
        # What the drawing covers (cm on the canvas): left, top, right, bottom.
        self.extent = (math.inf, math.inf, -math.inf, -math.inf)

    def xy(self, point: tuple[float, float]) -> tuple[float, float]:
        return round((point[0] + self.dx) * 100 + self.offset, 1), round(-point[1] * 100, 1)

    def cover(self, points, margin: float = 0) -> None:
        """Widen the extent to `points` (canvas cm), each grown by `margin` on every side."""
        left, top, right, bottom = self.extent
        for x, y in points:
            left, top = min(left, x - margin), min(top, y - margin)
            right, bottom = max(right, x + margin), max(bottom, y + margin)
        self.extent = (left, top, right, bottom)

    def line(self, a, b, width: float, cls: str = "", covers: bool = True) -> None:
        """A line; one that `covers` nothing (a wall) does not widen a fitted figure."""
        (x1, y1), (x2, y2) = self.xy(a), self.xy(b)
        if covers:
            self.cover([(x1, y1), (x2, y2)], width / 2)
        extra = f' class="{cls}"' if cls else ""
        self.parts.append(f'<line{extra} x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke-width="{width:g}"/>')

    def circle(self, centre, radius: float, cls: str) -> None:
        x, y = self.xy(centre)
        self.cover([(x, y)], radius * 100)
        self.parts.append(f'<circle class="{cls}" cx="{x}" cy="{y}" r="{radius * 100:.1f}"/>')

    def rect(self, low_left, width: float, height: float, cls: str) -> None:
        x, y = self.xy((low_left[0], low_left[1] + height))
        self.cover([(x, y), (x + width * 100, y + height * 100)])
        self.parts.append(
            f'<rect class="{cls}" x="{x}" y="{y}" width="{width * 100:.1f}" '
            f'height="{height * 100:.1f}" rx="1.5"/>'
        )

    def curve(self, a, control, b, width: float, cls: str) -> None:
        (x1, y1), (cx, cy), (x2, y2) = self.xy(a), self.xy(control), self.xy(b)
        self.cover([(x1, y1), (cx, cy), (x2, y2)], width / 2)
        self.parts.append(
            f'<path class="{cls}" d="M{x1} {y1}Q{cx} {cy} {x2} {y2}" stroke-width="{width:g}"/>'
        )

    def group(self, cls: str, inner: list[str], extent: tuple = ()) -> None:
        if extent:
            self.cover([extent[:2], extent[2:]])
        self.parts.append(f'<g class="{cls}">{"".join(inner)}</g>')


def _props_behind(canvas: _Canvas, pose: Pose, body: Body) -> None:
    """Props that stand on the floor, from the top of the ground line up."""
    p = body.points
    floor = 0.0125
    for kind, (left, bottom, right, top) in body.solids.items():
        low = (left, max(bottom, floor))
        if kind == "wall":
            # As tall as the canvas: a fitted figure shows the wall beside the lifter, not its top.
            middle = (left + right) / 2
            canvas.line((middle, floor + 0.01), (middle, top), 4, "db-prop db-wall", covers=False)
            canvas.cover([canvas.xy((middle, 0))], 2)
        elif kind == "rack":
            # The pin runs front to back from the rack's front upright; the uprights stand
            # beside the lifter.
            canvas.line((right, floor), (right, top + 0.5), 3, "db-prop db-rack")
            canvas.rect(low, right - left, top - bottom, "db-prop db-solid db-pin")
        elif kind in ("platform", "blocks"):
            # Between or beside the feet, so behind the near leg: a light fill and a solid top
            # edge, the surface the load stands on; _body outlines the near leg in front of it.
            canvas.rect(low, right - left, top - low[1], f"db-between db-{kind}")
            canvas.line((left, top), (right, top), 3, f"db-prop db-between-top db-{kind}-top")
        else:
            name = {"foam-roller": "roller"}.get(kind, kind)
            canvas.rect(low, right - left, top - low[1], f"db-prop db-solid db-{name}")
    if body.bar:
        # The bar seen end on, on a frame standing behind the lifter.
        post = (body.bar[0] + 0.3, body.bar[1])
        canvas.line((post[0], floor), post, 3, "db-prop db-far db-frame")
        canvas.line(post, body.bar, 3, "db-prop db-far db-frame")
        canvas.circle(body.bar, BAR_RADIUS * 1.6, "db-prop db-solid db-bar")
    for prop in pose.props:
        if prop.kind == "band":
            anchor = (-1.0 - canvas.dx + 0.05, 0.95)
            canvas.rect((anchor[0] - 0.03, floor), 0.06, 1.1, "db-prop db-solid db-post")
            front = offset(p["hip"], body.trunk_tilt, -TRUNK_HALF)
            canvas.line(anchor, front, 2.5, "db-prop db-band")
            canvas.line(anchor, offset(p["hip"], body.trunk_tilt, TRUNK_HALF), 2.5, "db-prop db-band")
        elif prop.kind == "cable":
            pulley = (-1.0 - canvas.dx + 0.08, 0.12)
            canvas.rect((pulley[0] - 0.06, floor), 0.06, 2.0, "db-prop db-solid db-column")
            canvas.circle(pulley, 0.04, "db-prop db-pulley")
            canvas.line(pulley, p["hand"], 2, "db-prop db-load db-cable")


def _load(canvas: _Canvas, pose: Pose, body: Body) -> None:
    """What the hands hold, drawn under the arm so the hand shows on it."""
    if body.load is None:
        return
    centre, radius, kind = body.load.centre, body.load.radius, body.load.kind
    hand = body.points["hand"]
    if kind in ("barbell", "trap-bar"):
        canvas.circle(centre, radius, "db-prop db-solid db-load")
        canvas.circle(centre, 0.025, "db-prop db-load")
        if kind == "trap-bar":
            canvas.line((centre[0] - 0.3, centre[1]), (centre[0] + 0.3, centre[1]), 3, "db-prop")
    elif kind == "dumbbell-on-end":
        x, y = centre
        canvas.rect((x - 0.05, y - radius), 0.1, 0.09, "db-prop db-solid db-load")
        canvas.rect((x - 0.05, y + radius - 0.09), 0.1, 0.09, "db-prop db-solid db-load")
        canvas.line((x, y - radius + 0.09), (x, y + radius - 0.09), 3, "db-prop")
    elif kind in ("dumbbell", "dumbbells"):
        canvas.circle(centre, radius, "db-prop db-solid db-load")
        canvas.circle(centre, 0.02, "db-prop db-load")
    else:
        canvas.line(hand, centre, 3, "db-prop")
        canvas.circle(centre, radius, "db-prop db-solid db-load")


def _body(canvas: _Canvas, pose: Pose, body: Body, cls: str) -> None:
    p = body.points
    parts = _Canvas(canvas.dx, canvas.offset)
    if "free_knee" in p:
        # The other leg, behind the near one: lifted (one leg) or back (split, staggered).
        parts.line(p["hip"], p["free_knee"], STROKES["thigh"])
        parts.line(p["free_knee"], p["free_ankle"], STROKES["shank"])
        parts.line(p["free_heel"], p["free_toe"], STROKES["foot"], "db-rear-foot")
    if body.solids.keys() & {"platform", "blocks"}:
        # A gap in the paper's colour round the near shin, so the leg stands in front of
        # the platform between the feet.
        parts.line(p["ankle"], p["knee"], STROKES["shank"] + 4, "db-halo db-near")
    parts.line(p["heel"], p["toe"], STROKES["foot"], "db-foot")
    parts.line(p["ankle"], p["knee"], STROKES["shank"])
    parts.line(p["knee"], p["hip"], STROKES["thigh"])
    parts.curve(p["hip"], body.points["spine"], p["shoulder"], STROKES["trunk"], "db-trunk")
    parts.line(p["shoulder"], p["neck"], STROKES["neck"])
    parts.circle(p["head"], HEAD_RADIUS, "db-head")
    # The far arm is drawn only where it parts from the near one.
    arms = body.arms[:1] if body.arms[0] == body.arms[1] else body.arms[::-1]
    for elbow, hand in arms:
        parts.line(p["shoulder"], elbow, STROKES["arm"])
        parts.line(elbow, hand, STROKES["forearm"])
    for joint in ("knee", "hip", "shoulder"):
        parts.circle(p[joint], 0.015, "db-joint")
    for elbow, hand in arms[::-1]:
        parts.circle(elbow, 0.012, "db-joint")
        parts.circle(hand, 0.012, "db-joint db-hand")
    canvas.group(f"db-body {cls}".strip(), parts.parts, parts.extent)


def _stick(canvas: _Canvas, body: Body) -> None:
    """The stick, a dot where each of head, upper back and pelvis touches it, and the gap at
    the low back where it opens wider than a few centimetres."""
    if body.stick is None:
        return
    low, high = body.stick.ends
    canvas.line(low, high, 8, "db-halo")
    canvas.line(low, high, 3.5, "db-stick")
    for point, gap in body.stick.contacts.values():
        if gap < CONTACT_GAP:
            canvas.circle(point, 0.025, "db-contact")
    if body.stick.low_back_gap > LOW_BACK_GAP:
        canvas.line(*body.stick.low_back, 2, "db-gap")


# Front view: half widths in metres of the stance, hips and shoulders, how far an ankle
# moves in per degree of `ankles_in` and how much of that the knee follows, the arch's height
# under the inner edge of the foot (drawn higher than life, so that it shows on a phone),
# which `ankles_in` flattens, and where a hand brought in front of the chest (or laid on it)
# comes to, beside the other.
FRONT = {
    "feet": 0.16,
    "hips": 0.1,
    "shoulders": 0.19,
    "ankle_in": 0.003,
    "knee_follows": 0.4,
    "arch": 0.055,
    "hands_together": 0.04,
}


# From this knee bend on, a front or back view draws the thigh end on and the knee over the foot.
THIGH_END_ON = 45
# A bent arm's hand is drawn at the middle when it is this far in front of the chest, metres.
HAND_IN_FRONT = 0.1


def _front_leg(canvas: _Canvas, pose: Pose, p: dict, side: int) -> None:
    """One leg seen from the front (or the back), at the heights the side view gives it. A
    straight knee lies on the line from ankle to hip; the more it bends, the more it tracks
    over the foot, and over turned-out toes it moves out by as much as the shin leans forward
    in the side view. `knees_in` tilts the shin in from there by its angle, until the knees
    touch; `ankles_in` rolls the ankle in over a flattened arch and the knee follows it part
    of the way, the shin staying near upright. A bent thigh points at the viewer, so it is
    drawn short, end on."""
    feet = pose.stance_width / 200 if pose.stance_width else FRONT["feet"]
    turn = math.radians(pose.toes_out)
    arch = FRONT["arch"] * (1 - pose.ankles_in / JOINT_RANGES["ankles_in"][1])
    sole = STROKES["front_foot"] / 200
    foot_x = side * feet
    ankle = (foot_x - side * FRONT["ankle_in"] * pose.ankles_in, p["ankle"][1])
    hip = (side * FRONT["hips"], p["hip"][1])
    straight = ankle[0] + (hip[0] - ankle[0]) * along_line(p["ankle"], p["hip"], p["knee"])
    bend = min(pose.knee, THIGH_END_ON) / THIGH_END_ON
    out = (p["knee"][0] - p["ankle"][0]) * math.tan(turn)
    caving = (p["knee"][1] - ankle[1]) * math.tan(math.radians(pose.knees_in))
    # Ankles rolling in take the knees with them, less far than knees caving in would.
    following = FRONT["knee_follows"] * FRONT["ankle_in"] * pose.ankles_in
    across = side * (straight + (ankle[0] - straight) * bend) + out - caving - following
    knee = (side * max(across, THIGH_HALF), p["knee"][1])
    if pose.view == "back":
        canvas.line((foot_x - 0.035, sole), (foot_x + 0.035, sole), STROKES["front_foot"], "db-foot")
        canvas.line((foot_x, STROKES["shank"] / 200), ankle, STROKES["shank"])
    else:
        # The sole from its outer edge (further out as the toes turn out) to its inner
        # edge, bridging over the arch.
        outer = (foot_x + side * (0.05 + (FOOT - HEEL) * math.sin(turn)), sole)
        inner = (foot_x - side * 0.05, sole)
        canvas.curve(outer, (foot_x - side * 0.02, sole + 2 * arch), inner, STROKES["front_foot"], "db-foot")
        canvas.line((foot_x, sole + arch), ankle, STROKES["shank"])
    canvas.line(ankle, knee, STROKES["shank"])
    canvas.line(knee, hip, STROKES["thigh"], "db-thigh")
    if pose.knee >= THIGH_END_ON:
        canvas.circle(knee, THIGH_HALF * 1.4, "db-head db-thigh-end")
    kneecap = 0.025 if pose.view == "front" and pose.knee >= THIGH_END_ON else 0.015
    canvas.circle(knee, kneecap, "db-joint db-knee")
    canvas.circle(hip, 0.015, "db-joint db-hip")


def _front_arm(canvas: _Canvas, pose: Pose, body: Body, arm: tuple, side: int, laid_on: bool) -> None:
    """One arm seen from the front (or the back), its elbow and hand at the heights the side
    view gives them: a straight arm stays shoulder-width, and a bent elbow brings a hand in
    front of the chest to the middle (a goblet hold, hands on the chest)."""
    elbow, hand = arm
    shoulder_x = side * FRONT["shoulders"]
    if laid_on:
        inward = 1.0
    else:
        ahead = body.in_front_of_chest(hand) / HAND_IN_FRONT
        inward = min(pose.elbow, 90) / 90 * max(0.0, min(ahead, 1.0))
    hand_x = shoulder_x + (side * FRONT["hands_together"] - shoulder_x) * inward
    shoulder = (shoulder_x, body.points["shoulder"][1])
    drawn_elbow = (shoulder_x + side * 0.04 * inward, elbow[1])
    drawn_hand = (hand_x, hand[1])
    canvas.line(shoulder, drawn_elbow, STROKES["arm"])
    canvas.line(drawn_elbow, drawn_hand, STROKES["forearm"])
    reaching = body.in_front_of_chest(hand) > 0 and pose.view == "front"
    if reaching and math.dist(shoulder, drawn_hand) < (UPPER_ARM + FOREARM) / 2:
        # An arm reaching towards the viewer is seen end on: its fist, nearer, drawn larger.
        canvas.circle(drawn_hand, FOREARM_HALF * 1.5, "db-head db-arm-end")
    canvas.circle(shoulder, 0.015, "db-joint")
    canvas.circle(drawn_elbow, 0.012, "db-joint")
    canvas.circle(drawn_hand, 0.012, "db-joint db-hand")


def _front_body(canvas: _Canvas, pose: Pose, body: Body, cls: str) -> None:
    """Both legs, the trunk and both arms seen from the front (or the back), each part at the
    heights the side view gives it, drawn from the furthest to the nearest as the side view
    places them: at the bottom of a squat the knees come in front of the hips and hands that
    hang beside them; arms reaching forward come in front of everything. From the front a bent
    knee shows its kneecap; from the back the feet are heels and the order turns round."""
    p = body.points
    layers: list[tuple[float, _Canvas]] = []

    def layer(depth: float) -> _Canvas:
        parts = _Canvas(canvas.dx, canvas.offset)
        layers.append((depth, parts))
        return parts

    for side in (-1, 1):
        _front_leg(layer(p["knee"][0]), pose, p, side)
    trunk = layer(p["hip"][0])
    trunk.line((-FRONT["hips"], p["hip"][1]), (FRONT["hips"], p["hip"][1]), STROKES["thigh"])
    # The trunk's rounded end stops at the hips, so hips dropped to the knees show as low.
    waist = min(p["hip"][1] + STROKES["trunk"] * 0.8 / 100, p["shoulder"][1])
    trunk.line((0, waist), (0, p["shoulder"][1]), STROKES["trunk"] * 1.6)
    trunk.line(
        (-FRONT["shoulders"], p["shoulder"][1]), (FRONT["shoulders"], p["shoulder"][1]), STROKES["arm"]
    )
    trunk.line((0, p["shoulder"][1]), (0, p["neck"][1]), STROKES["neck"])
    trunk.circle((0, p["head"][1]), HEAD_RADIUS, "db-head")
    # The side view's near arm is the lifter's left: on the reader's right from the front.
    near = 1 if pose.view == "front" else -1
    for index, arm in enumerate(body.arms):
        side = near if index == 0 else -near
        _front_arm(layer(arm[1][0]), pose, body, arm, side, index < len(pose.hands_on))
    facing = 1 if pose.view == "front" else -1
    nearer = [drawn for _, drawn in sorted(layers, key=lambda item: round(facing * item[0], 2))]
    for drawn in nearer:
        canvas.cover([drawn.extent[:2], drawn.extent[2:]])
    canvas.group(f"db-body {cls}".strip(), [part for drawn in nearer for part in drawn.parts])


def _draw(canvas: _Canvas, pose: Pose, cls: str = "", ghost: Pose | None = None) -> None:
    body = pose.body()
    if pose.view != "side":
        if ghost is not None:
            _front_body(canvas, ghost, ghost.body(), "db-ghost")
        _front_body(canvas, pose, body, cls)
        return
    _props_behind(canvas, pose, body)
    _load(canvas, pose, body)
    if ghost is not None:
        _body(canvas, ghost, ghost.body(), "db-ghost")
    _body(canvas, pose, body, cls)
    _stick(canvas, body)


def _svg(label: str, width: float, parts: list[str], left: float = LEFT, top: float = TOP) -> Markup:
    """The figure on the canvas from `left`, `top` (cm), `width` wide, down to the ground line."""
    height = HEIGHT + TOP - top
    ground = (
        f'<line class="db-ground" x1="{left + 1:g}" y1="1" x2="{left + width - 1:g}" y2="1" '
        'stroke-width="2"/>'
    )
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="db-figure" '
        f'viewBox="{left:g} {top:g} {width:g} {height:g}" '
        f'role="img" aria-label="{escape(label)}"><title>{escape(label)}</title>'
        f"<style>{STYLE}</style>{ground}{''.join(parts)}</svg>"
    )


def _anchor(pose: Pose) -> float:
    return ANCHOR[pose.stance if pose.view == "side" else pose.view] / 100


def key_position(positions: list[Position]) -> Position | None:
    """The one position that shows a movement best when there is room for one: its bottom
    (or the first position between start and finish), else its finish."""
    middle = [p for p in positions if p.name not in ("start", "finish")]
    if middle:
        return next((p for p in middle if p.name == "bottom"), middle[0])
    return next((p for p in positions if p.name == "finish"), positions[-1] if positions else None)


def position_path(exercise_id: str, name: str) -> str:
    """Where the figure of an exercise's position is written, under docs/."""
    return f"figures/exercises/{exercise_id}/{name}.svg"


def fault_path(fault_id: str) -> str:
    return f"figures/faults/{fault_id}.svg"


# The page that shows every figure with its angles, under docs/.
GALLERY_PATH = "figures/index.md"


# The angles the figure gallery lists, in its order; knee, hip and trunk even when 0.
LISTED_ANGLES = (
    "foot",
    "ankle",
    "knee",
    "hip",
    "trunk",
    "neck",
    "shoulder",
    "elbow",
    "free_hip",
    "free_knee",
    "rear_hip",
    "rear_knee",
    "knees_in",
    "ankles_in",
    "toes_out",
)
ALWAYS_LISTED = ("knee", "hip", "trunk")


def angles_line(pose: Pose, words: Words) -> str:
    """The pose's angles in one line, as the figure gallery lists them for authors."""

    def term(key: str, **values) -> str:
        return words(f"figures.angles.{key}", **values)

    def angle(name: str, degrees: int) -> str:
        return term("angle", name=name, degrees=words.number(degrees))

    values = {name: getattr(pose, name) for name in LISTED_ANGLES}
    values.update(hip=pose.hip_angle, trunk=pose.trunk_lean)
    parts = [term(f"view.{pose.view}") if pose.view != "side" else "", term(f"stance.{pose.stance}")]
    parts += [
        angle(term(f"joint.{name}"), value)
        for name, value in values.items()
        if value or name in ALWAYS_LISTED
    ]
    if pose.spine.shape != "neutral":
        parts.append(angle(term(f"spine.{pose.spine.shape}"), pose.spine.amount))
    if pose.stance_width:
        parts.append(term("stance_width", width=words.number(pose.stance_width)))
    if pose.rear_foot:
        parts.append(term(f"rear_foot.{pose.rear_foot}"))
    if pose.hold != "hands":
        parts.append(term(f"hold.{pose.hold}"))
    parts += [term("hand_on", place=term(f"place.{place}")) for place in pose.hands_on]
    parts += [term(f"prop.{prop.kind}") for prop in pose.props]
    parts += [term("touches", prop=term(f"prop.{kind}")) for kind in pose.touches]
    parts += [term("moving")] if pose.moving else []
    return " · ".join(part for part in parts if part)


def pose_svg(pose: Pose) -> Markup:
    """One pose, labelled with its caption."""
    canvas = _Canvas(_anchor(pose))
    _draw(canvas, pose)
    return _svg(pose.caption, WIDTH, canvas.parts)


# Room left around a fitted figure's drawing, cm.
FIT_MARGIN = 4


@dataclass(frozen=True)
class FittedFigure:
    """A pose drawn on a canvas cut to what it shows (lifter, load and props, the ground line
    and a small margin), so it fills the box it is printed in: `width` by `height` cm."""

    svg: Markup
    width: float
    height: float

    @property
    def aspect(self) -> float:
        return self.width / self.height


def fitted_pose_svg(pose: Pose) -> FittedFigure:
    """One pose, as `pose_svg` draws it, on a canvas cut to the drawing."""
    canvas = _Canvas(_anchor(pose))
    _draw(canvas, pose)
    left, top, right, _ = canvas.extent
    left = max(LEFT, math.floor(left - FIT_MARGIN))
    right = min(LEFT + WIDTH, math.ceil(right + FIT_MARGIN))
    top = max(TOP, math.floor(top - FIT_MARGIN))
    svg = _svg(pose.caption, right - left, canvas.parts, left, top)
    return FittedFigure(svg, right - left, HEIGHT + TOP - top)


def fault_svg(poses: FaultPoses, words: Words) -> Markup:
    """The correct pose, and beside it the faulty one in the accent colour over a faint copy
    of the correct one, so the difference shows; each labelled in the site's language."""
    right = _Canvas(_anchor(poses.correct))
    _draw(right, poses.correct)
    wrong = _Canvas(_anchor(poses.faulty), offset=WIDTH)
    same_frame = (poses.correct.stance, poses.correct.view) == (poses.faulty.stance, poses.faulty.view)
    ghost = poses.correct if same_frame else None
    _draw(wrong, poses.faulty, "db-fault", ghost)
    correct, fault = words("figures.pair.correct"), words("figures.pair.fault")
    labels = [
        f'<text x="{LEFT + WIDTH / 2}" y="{TOP + 20}">{escape(correct)}</text>',
        f'<text class="db-fault-label" x="{LEFT + WIDTH * 1.5}" y="{TOP + 20}">{escape(fault)}</text>',
    ]
    return _svg(fault_label(poses, words), PAIR_WIDTH, right.parts + wrong.parts + labels)


def fault_label(poses: FaultPoses, words: Words) -> str:
    """What a fault's pair shows, in words ('Right: …, fault: …'): its alt text."""
    return words(
        "figures.pair.label",
        correct=_named(words("figures.pair.correct"), poses.correct.caption, words),
        fault=_named(words("figures.pair.fault"), poses.faulty.caption, words),
    )


def _named(side: str, caption: str, words: Words) -> str:
    """A caption that says which side it describes, once ('Right: …', not 'Right: Right: …')."""
    caption = caption.rstrip(".")
    if caption.lower().startswith(side.lower()):
        return caption
    return words("figures.pair.named", side=side, caption=caption)

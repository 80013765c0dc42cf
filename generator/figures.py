"""Draw each pose as an SVG figure, a side (or front) view at one scale, in the page's colours.

Lengths come from `pose.Body` (Winter's segment table); here they become centimetres on a
fixed canvas, so every figure has the same size and two figures compare. Colours are
`currentColor` and CSS variables with system-colour fallbacks: the page's text colour on the
site (light, dark and print), the viewer's scheme when a file is opened alone."""

from __future__ import annotations

import math
from html import escape

from markupsafe import Markup

from .pose import (
    FOOT,
    FOOT_HALF,
    HEAD_RADIUS,
    HEEL,
    LIMB_HALF,
    PROP_DISTANCES,
    PROP_HEIGHTS,
    THIGH_HALF,
    TRUNK_HALF,
    Body,
    FaultPoses,
    Pose,
    Position,
)

# The canvas in centimetres: x from LEFT to LEFT + WIDTH, y from TOP down to the floor at 0
# and a little below it for the ground line's thickness.
LEFT, TOP, WIDTH, HEIGHT = -110, -220, 220, 225
# Where each stance (or the front view) puts the ankle (cm), so the whole body stays on the canvas.
ANCHOR = {"front": 0, "two-feet": -5, "one-leg": 10, "kneeling": 20, "lying": 65}
# Stroke widths of the drawn parts, cm.
STROKES = {
    "trunk": TRUNK_HALF * 200,
    "thigh": THIGH_HALF * 200,
    "shank": LIMB_HALF * 200,
    "foot": FOOT_HALF * 200,
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
    ".db-figure .db-fault-label{fill:var(--db-figure-accent,LinkText)}"
    ".db-figure text{fill:currentColor;font:700 18px sans-serif;text-anchor:middle}"
)


class _Canvas:
    """SVG elements in centimetres, y up from the floor, shifted by `dx` metres."""

    def __init__(self, dx: float, offset: float = 0):
        self.dx = dx
        self.offset = offset  # cm, for the second panel of a pair
        self.parts: list[str] = []

    def xy(self, point: tuple[float, float]) -> tuple[float, float]:
        return round((point[0] + self.dx) * 100 + self.offset, 1), round(-point[1] * 100, 1)

    def line(self, a, b, width: float, cls: str = "") -> None:
        (x1, y1), (x2, y2) = self.xy(a), self.xy(b)
        extra = f' class="{cls}"' if cls else ""
        self.parts.append(f'<line{extra} x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke-width="{width:g}"/>')

    def circle(self, centre, radius: float, cls: str) -> None:
        x, y = self.xy(centre)
        self.parts.append(f'<circle class="{cls}" cx="{x}" cy="{y}" r="{radius * 100:.1f}"/>')

    def rect(self, low_left, width: float, height: float, cls: str) -> None:
        x, y = self.xy((low_left[0], low_left[1] + height))
        self.parts.append(
            f'<rect class="{cls}" x="{x}" y="{y}" width="{width * 100:.1f}" '
            f'height="{height * 100:.1f}" rx="1.5"/>'
        )

    def curve(self, a, control, b, width: float, cls: str) -> None:
        (x1, y1), (cx, cy), (x2, y2) = self.xy(a), self.xy(control), self.xy(b)
        self.parts.append(
            f'<path class="{cls}" d="M{x1} {y1}Q{cx} {cy} {x2} {y2}" stroke-width="{width:g}"/>'
        )

    def group(self, cls: str, inner: list[str]) -> None:
        self.parts.append(f'<g class="{cls}">{"".join(inner)}</g>')


def _along(a, b, t: float) -> tuple[float, float]:
    return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t


def _offset(point, tilt: float, distance: float) -> tuple[float, float]:
    """`point` moved `distance` towards the back of a segment tilted `tilt` degrees."""
    rad = math.radians(tilt)
    return point[0] - distance * math.cos(rad), point[1] + distance * math.sin(rad)


def _minus(a, b) -> tuple[float, float]:
    return a[0] - b[0], a[1] - b[1]


def _bezier(a, control, b, t: float) -> tuple[float, float]:
    u = 1 - t
    return (
        u * u * a[0] + 2 * u * t * control[0] + t * t * b[0],
        u * u * a[1] + 2 * u * t * control[1] + t * t * b[1],
    )


def _arm_to(shoulder, target, upper: float, lower: float, back: tuple[float, float]):
    """Elbow and hand of an arm reaching `target`, the elbow bent towards `back`."""
    distance = min(math.dist(shoulder, target), (upper + lower) * 0.999)
    direction = math.atan2(target[1] - shoulder[1], target[0] - shoulder[0])
    spread = math.acos((upper**2 + distance**2 - lower**2) / (2 * upper * distance))
    elbows = [
        (shoulder[0] + upper * math.cos(direction + s), shoulder[1] + upper * math.sin(direction + s))
        for s in (spread, -spread)
    ]
    elbow = max(elbows, key=lambda e: (e[0] - shoulder[0]) * back[0] + (e[1] - shoulder[1]) * back[1])
    reach = math.atan2(target[1] - elbow[1], target[0] - elbow[0])
    return elbow, (elbow[0] + lower * math.cos(reach), elbow[1] + lower * math.sin(reach))


def _stick_line(
    pose: Pose, body: Body
) -> tuple[list[tuple[float, float]], list[tuple[tuple[float, float], bool]]]:
    """The stick's two ends, and each of its three contact points (head, upper back, pelvis)
    with whether the body touches the stick there."""
    p = body.points
    control = body.points["spine"]
    head_tilt = math.degrees(math.atan2(p["neck"][0] - p["shoulder"][0], p["neck"][1] - p["shoulder"][1]))
    head = _offset(p["neck"], head_tilt, TRUNK_HALF)
    tangent = _along(_minus(control, p["hip"]), _minus(p["shoulder"], control), 0.75)
    upper_tilt = math.degrees(math.atan2(tangent[0], tangent[1]))
    upper = _offset(_bezier(p["hip"], control, p["shoulder"], 0.75), upper_tilt, TRUNK_HALF)
    pelvis = _offset(p["hip"], body.trunk_tilt, TRUNK_HALF)
    # The stick rests on the two outermost points; the third may be off it.
    a, b = pelvis, head
    if _side(a, b, upper) > 0:
        a = upper
    points = [head, upper, pelvis]
    contacts = [(point, abs(_side(a, b, point)) < 0.02) for point in points]
    length = math.dist(a, b)
    along = [((x - a[0]) * (b[0] - a[0]) + (y - a[1]) * (b[1] - a[1])) / length**2 for x, y in points]
    ends = [_along(a, b, min(along) - 0.2 / length), _along(a, b, max(along) + 0.12 / length)]
    return ends, contacts


def _side(a, b, point) -> float:
    """Signed distance of `point` from the line a→b, positive on the back's side."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    return ((point[0] - a[0]) * dy - (point[1] - a[1]) * dx) / math.hypot(dx, dy) * -1


def _props_behind(canvas: _Canvas, pose: Pose, body: Body) -> None:
    """Props that stand on the floor, from the top of the ground line up."""
    p = body.points
    floor = 0.0125
    heel = p["heel"][0] if pose.stance != "kneeling" else p["toe"][0]
    for prop in pose.props:
        kind = prop.kind
        height = (prop.height or PROP_HEIGHTS.get(kind, 0)) / 100
        distance = (prop.distance if prop.distance is not None else PROP_DISTANCES.get(kind, 0)) / 100
        if kind == "wall":
            canvas.line(
                (heel - distance - 0.02, floor + 0.01), (heel - distance - 0.02, 2.1), 4, "db-prop db-wall"
            )
        elif kind == "box":
            canvas.rect((heel - distance - 0.4, floor), 0.4, height - floor, "db-prop db-solid db-box")
        elif kind == "bench":
            bench = body.support_height - floor
            canvas.rect((p["shoulder"][0] - 0.45, floor), 0.5, bench, "db-prop db-solid db-bench")
        elif kind == "platform":
            canvas.rect((FOOT / 2 - HEEL - 0.2, floor), 0.4, height - floor, "db-prop db-solid db-platform")
        elif kind == "foam-roller":
            # On its end between the feet, just in front of the knees: its back edge `distance`
            # ahead of the ankle, which the knee stands over when upright.
            canvas.rect((p["ankle"][0] + distance, floor), 0.15, 0.9, "db-prop db-solid db-roller")
        elif kind == "band":
            anchor = (-1.0 - canvas.dx + 0.05, 0.95)
            canvas.rect((anchor[0] - 0.03, floor), 0.06, 1.1, "db-prop db-solid db-post")
            front = _offset(p["hip"], body.trunk_tilt, -TRUNK_HALF)
            canvas.line(anchor, front, 2.5, "db-prop db-band")
            canvas.line(anchor, _offset(p["hip"], body.trunk_tilt, TRUNK_HALF), 2.5, "db-prop db-band")
        elif kind == "cable":
            pulley = (-1.0 - canvas.dx + 0.08, 0.12)
            canvas.rect((pulley[0] - 0.06, floor), 0.06, 2.0, "db-prop db-solid db-column")
            canvas.circle(pulley, 0.04, "db-prop db-pulley")
            canvas.line(pulley, p["hand"], 2, "db-prop db-load db-cable")


def _load(canvas: _Canvas, pose: Pose, body: Body) -> None:
    """What the hands hold, drawn under the arm so the hand shows on it."""
    if body.load is None:
        return
    centre, radius = body.load
    kind = pose.load
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
    if pose.stance == "one-leg":
        parts.line(p["hip"], p["free_knee"], STROKES["thigh"])
        parts.line(p["free_knee"], p["free_ankle"], STROKES["shank"])
        parts.line(p["free_ankle"], p["free_toe"], STROKES["foot"])
    parts.line(p["heel"], p["toe"], STROKES["foot"], "db-foot")
    parts.line(p["ankle"], p["knee"], STROKES["shank"])
    parts.line(p["knee"], p["hip"], STROKES["thigh"])
    parts.curve(p["hip"], body.points["spine"], p["shoulder"], STROKES["trunk"], "db-trunk")
    parts.line(p["shoulder"], p["neck"], STROKES["neck"])
    parts.circle(p["head"], HEAD_RADIUS, "db-head")
    elbow, hand = p["elbow"], p["hand"]
    if pose.prop("stick"):
        ends, _ = _stick_line(pose, body)
        grip = _along(ends[0], ends[1], 0.3)
        back = _offset((0, 0), body.trunk_tilt, 1)
        elbow, hand = _arm_to(
            p["shoulder"], grip, math.dist(p["shoulder"], elbow), math.dist(elbow, hand), back
        )
    parts.line(p["shoulder"], elbow, STROKES["arm"])
    parts.line(elbow, hand, STROKES["forearm"])
    for joint in ("knee", "hip", "shoulder"):
        parts.circle(p[joint], 0.015, "db-joint")
    parts.circle(elbow, 0.012, "db-joint")
    parts.circle(hand, 0.012, "db-joint db-hand")
    canvas.group(f"db-body {cls}".strip(), parts.parts)


def _stick(canvas: _Canvas, pose: Pose, body: Body) -> None:
    if not pose.prop("stick"):
        return
    ends, contacts = _stick_line(pose, body)
    canvas.line(ends[0], ends[1], 8, "db-halo")
    canvas.line(ends[0], ends[1], 3.5, "db-stick")
    for point, touching in contacts:
        if touching:
            canvas.circle(point, 0.025, "db-contact")


# Front view: half widths in metres of the stance, hips and shoulders, and how far a knee or
# ankle moves in per degree of `knees_in` or `ankles_in`.
FRONT = {"feet": 0.16, "hips": 0.1, "shoulders": 0.19, "hands": 0.16, "knee_in": 0.0045, "ankle_in": 0.003}


def _front_body(canvas: _Canvas, pose: Pose, body: Body, cls: str) -> None:
    """Both legs seen from the front, at the heights the side view gives them."""
    p = body.points
    parts = _Canvas(canvas.dx, canvas.offset)
    for side in (-1, 1):
        foot_x = side * FRONT["feet"]
        ankle = (foot_x - side * FRONT["ankle_in"] * pose.ankles_in, p["ankle"][1])
        hip = (side * FRONT["hips"], p["hip"][1])
        share = (p["knee"][1] - ankle[1]) / (hip[1] - ankle[1])
        knee_x = ankle[0] + (hip[0] - ankle[0]) * share - side * FRONT["knee_in"] * pose.knees_in
        knee = (knee_x, p["knee"][1])
        parts.line((foot_x - 0.04, FOOT_HALF), (foot_x + 0.04, FOOT_HALF), STROKES["foot"], "db-foot")
        parts.line((foot_x, FOOT_HALF), ankle, STROKES["shank"])
        parts.line(ankle, knee, STROKES["shank"])
        parts.line(knee, hip, STROKES["thigh"])
        shoulder = (side * FRONT["shoulders"], p["shoulder"][1])
        hand = (side * FRONT["hands"], p["hand"][1])
        parts.line(shoulder, hand, STROKES["arm"])
        for joint in (knee, hip, shoulder):
            parts.circle(joint, 0.015, "db-joint")
    parts.line((-FRONT["hips"], p["hip"][1]), (FRONT["hips"], p["hip"][1]), STROKES["thigh"])
    parts.line((0, p["hip"][1]), (0, p["shoulder"][1]), STROKES["trunk"] * 1.6)
    parts.line(
        (-FRONT["shoulders"], p["shoulder"][1]), (FRONT["shoulders"], p["shoulder"][1]), STROKES["arm"]
    )
    parts.line((0, p["shoulder"][1]), (0, p["neck"][1]), STROKES["neck"])
    parts.circle((0, p["head"][1]), HEAD_RADIUS, "db-head")
    canvas.group(f"db-body {cls}".strip(), parts.parts)


def _draw(canvas: _Canvas, pose: Pose, cls: str = "", ghost: Pose | None = None) -> None:
    body = pose.body()
    if pose.view == "front":
        if ghost is not None:
            _front_body(canvas, ghost, ghost.body(), "db-ghost")
        _front_body(canvas, pose, body, cls)
        return
    _props_behind(canvas, pose, body)
    _load(canvas, pose, body)
    if ghost is not None:
        _body(canvas, ghost, ghost.body(), "db-ghost")
    _body(canvas, pose, body, cls)
    _stick(canvas, pose, body)


def _svg(label: str, width: int, parts: list[str]) -> Markup:
    ground = (
        f'<line class="db-ground" x1="{LEFT + 1}" y1="1" x2="{LEFT + width - 1}" y2="1" stroke-width="2"/>'
    )
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="db-figure" viewBox="{LEFT} {TOP} {width} {HEIGHT}" '
        f'role="img" aria-label="{escape(label)}"><title>{escape(label)}</title>'
        f"<style>{STYLE}</style>{ground}{''.join(parts)}</svg>"
    )


def _anchor(pose: Pose) -> float:
    return ANCHOR["front" if pose.view == "front" else pose.stance] / 100


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


def angles_line(pose: Pose) -> str:
    """The pose's angles in one line, as the figure gallery lists them for authors."""
    parts = [pose.view + " view" if pose.view == "front" else "", pose.stance]
    angles = {
        "foot": pose.foot,
        "ankle": pose.ankle,
        "knee": pose.knee,
        "hip": pose.hip_angle,
        "trunk": pose.trunk_lean,
        "neck": pose.neck,
        "shoulder": pose.shoulder,
        "elbow": pose.elbow,
        "free hip": pose.free_hip,
        "free knee": pose.free_knee,
        "knees in": pose.knees_in,
        "ankles in": pose.ankles_in,
    }
    parts += [
        f"{name} {value}°" for name, value in angles.items() if value or name in ("knee", "hip", "trunk")
    ]
    if pose.spine.shape != "neutral":
        parts.append(f"spine {pose.spine.shape} {pose.spine.amount}°")
    parts += [prop.kind for prop in pose.props]
    return " · ".join(part for part in parts if part)


def pose_svg(pose: Pose) -> Markup:
    """One pose, labelled with its caption."""
    canvas = _Canvas(_anchor(pose))
    _draw(canvas, pose)
    return _svg(pose.caption, WIDTH, canvas.parts)


def fault_svg(poses: FaultPoses) -> Markup:
    """The correct pose, and beside it the faulty one in the accent colour over a faint copy
    of the correct one, so the difference shows."""
    right = _Canvas(_anchor(poses.correct))
    _draw(right, poses.correct)
    wrong = _Canvas(_anchor(poses.faulty), offset=WIDTH)
    same_frame = (poses.correct.stance, poses.correct.view) == (poses.faulty.stance, poses.faulty.view)
    ghost = poses.correct if same_frame else None
    _draw(wrong, poses.faulty, "db-fault", ghost)
    labels = [
        f'<text x="{LEFT + WIDTH / 2}" y="{TOP + 20}">Right</text>',
        f'<text class="db-fault-label" x="{LEFT + WIDTH * 1.5}" y="{TOP + 20}">Fault</text>',
    ]
    label = f"{_named('Right', poses.correct.caption)}. {_named('Fault', poses.faulty.caption)}"
    return _svg(label, WIDTH * 2, right.parts + wrong.parts + labels)


def _named(side: str, caption: str) -> str:
    """A caption that says which side it describes, once ('Right: …', not 'Right: Right: …')."""
    caption = caption.rstrip(".")
    return caption if caption.lower().startswith(side.lower()) else f"{side}: {caption}"

"""Position figures: every pose of the shipped library (and one of every stance and prop) is
drawn standing on the ground line, holding its load, above the floor, inside its canvas, as
SVG that parses, says what it shows, and takes its colours from the page."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest
from conftest import ROOT, drillbook

from drillbook.figures import FIT_MARGIN, HEIGHT, WIDTH, fault_svg, fitted_pose_svg, pose_svg
from drillbook.i18n import words_for
from drillbook.pipeline import read_library
from drillbook.pose import PROP_KINDS, Position

ENGLISH_WORDS = words_for("en")
SVG = "{http://www.w3.org/2000/svg}"
LIBRARY = read_library(ROOT / "content")
SHIPPED = [
    (f"{exercise.id}/{position.name}", position)
    for exercise in sorted(LIBRARY.exercises.values(), key=lambda e: e.id)
    for position in exercise.positions
]
PAIRS = [(fault.id, fault.positions) for fault in LIBRARY.faults.values() if fault.positions]
# One pose for every stance and every prop, so each drawing path is checked.
SAMPLES = [
    (
        f"sample/{kind}",
        Position(
            name="bottom",
            caption=f"Hinged with a {kind}",
            ankle=5,
            knee=20,
            trunk=55,
            shoulder=45,
            props=[kind],
        ),
    )
    for kind in PROP_KINDS
    if kind not in ("bench", "pull-up-bar")
] + [
    (
        "sample/one-leg",
        Position(name="bottom", caption="One leg", stance="one-leg", trunk=80, shoulder=80, free_hip=0),
    ),
    ("sample/kneeling", Position(name="bottom", caption="Kneeling", stance="kneeling", knee=140, trunk=20)),
    (
        "sample/lying",
        Position(name="top", caption="Bridge", stance="lying", ankle=-5, knee=112, hip=0, neck=50),
    ),
    (
        "sample/bench",
        Position(
            name="top", caption="Bench bridge", stance="lying", knee=90, hip=0, neck=20, props=["bench"]
        ),
    ),
]
# The test library shows every stance beyond the hinge: split, staggered, plank, hanging, the
# bar in the front rack and overhead, front and back views.
TEST_LIBRARY = read_library(ROOT / "tests" / "data" / "library")
EXAMPLES = [
    (f"test/{exercise.id}/{position.name}", position)
    for exercise in sorted(TEST_LIBRARY.exercises.values(), key=lambda e: e.id)
    for position in exercise.positions
]
POSES = SHIPPED + SAMPLES + EXAMPLES
ALLOWED_COLOUR = re.compile(r"^(currentColor|Canvas|CanvasText|LinkText|var\(--[a-z-]+,\s*[A-Za-z]+\)|none)$")


def parse(svg: str) -> ET.Element:
    return ET.fromstring(str(svg))


def view_box(root: ET.Element) -> tuple[float, float, float, float]:
    left, top, width, height = map(float, root.get("viewBox").split())
    return left, top, left + width, top + height


def bounds(element: ET.Element) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a drawn element, its stroke included."""
    tag = element.tag.removeprefix(SVG)
    half = float(element.get("stroke-width", 2.5)) / 2
    if tag == "line":
        xs = [float(element.get("x1")), float(element.get("x2"))]
        ys = [float(element.get("y1")), float(element.get("y2"))]
    elif tag == "circle":
        r = float(element.get("r"))
        x, y = float(element.get("cx")), float(element.get("cy"))
        xs, ys, half = [x - r, x + r], [y - r, y + r], (0 if "db-head" in element.get("class") else half)
    elif tag == "rect":
        x, y = float(element.get("x")), float(element.get("y"))
        xs, ys = [x, x + float(element.get("width"))], [y, y + float(element.get("height"))]
    else:
        numbers = list(map(float, re.findall(r"-?\d+(?:\.\d+)?", element.get("d"))))
        xs, ys = numbers[0::2], numbers[1::2]
    return min(xs) - half, min(ys) - half, max(xs) + half, max(ys) + half


def drawn(root: ET.Element) -> list[ET.Element]:
    return [e for e in root.iter() if e.tag.removeprefix(SVG) in ("line", "circle", "rect", "path")]


def classes(element: ET.Element) -> set[str]:
    classes = set(element.get("class", "").split())
    return classes


@pytest.mark.parametrize(("name", "pose"), POSES, ids=[name for name, _ in POSES])
def test_figure_stands_on_the_ground_inside_its_box(name, pose):
    root = parse(pose_svg(pose))
    left, top, right, bottom = view_box(root)
    ground = next(e for e in drawn(root) if "db-ground" in classes(e))
    floor = float(ground.get("y1")) - float(ground.get("stroke-width", 2)) / 2
    for element in drawn(root):
        x0, y0, x1, y1 = bounds(element)
        assert left <= x0 and x1 <= right and top <= y0, f"{name}: {ET.tostring(element)} leaves the box"
        if element is not ground:
            assert y1 <= floor + 0.6, f"{name}: {ET.tostring(element)} goes through the floor"
    feet = [e for e in drawn(root) if "db-foot" in classes(e)]
    assert feet
    if pose.stance not in ("kneeling", "hanging"):
        for foot in feet:
            assert bounds(foot)[3] == pytest.approx(floor, abs=0.6), f"{name}: foot off the ground line"


@pytest.mark.parametrize(("name", "pose"), POSES, ids=[name for name, _ in POSES])
def test_a_fitted_figure_is_cut_to_its_drawing(name, pose):
    """The card's figure: the same drawing on a canvas cut to it, a margin all round, so it
    fills its box; only a wall, as tall as the canvas, is cut at the top."""
    fitted = fitted_pose_svg(pose)
    root = parse(fitted.svg)
    left, top, right, bottom = view_box(root)
    assert (right - left, bottom - top) == (fitted.width, fitted.height)
    assert fitted.width < WIDTH or fitted.height < HEIGHT
    parts = [e for e in drawn(root) if "db-ground" not in classes(e)]
    assert len(parts) == len(drawn(parse(pose_svg(pose)))) - 1
    x0, y0, x1, _ = zip(*map(bounds, parts), strict=True)
    tops = [y for y, e in zip(y0, parts, strict=True) if "db-wall" not in classes(e)]
    assert left <= min(x0) and max(x1) <= right and top <= min(tops), name
    slack = FIT_MARGIN + 1.5  # the margin, rounding to whole centimetres and a stroke's end
    assert min(x0) - left <= slack and right - max(x1) <= slack and min(tops) - top <= slack, name


@pytest.mark.parametrize(("name", "pose"), POSES, ids=[name for name, _ in POSES])
def test_hands_are_on_the_load(name, pose):
    if pose.load is None:
        return
    root = parse(pose_svg(pose))
    hand = next(e for e in drawn(root) if "db-hand" in classes(e))
    hx, hy = float(hand.get("cx")), float(hand.get("cy"))
    loads = [e for e in drawn(root) if "db-load" in classes(e)]
    reach = 18 if "kettlebell" in pose.load else 0.5

    def holds(load: ET.Element) -> bool:
        if load.tag.endswith("line"):
            return (hx, hy) == (float(load.get("x2")), float(load.get("y2")))
        x0, y0, x1, y1 = bounds(load)
        return x0 - reach <= hx <= x1 + reach and y0 - reach <= hy <= y1 + reach

    assert loads and any(holds(load) for load in loads), f"{name}: hand off the load"


def all_figures() -> list[tuple[str, str]]:
    return [(name, pose_svg(pose)) for name, pose in POSES] + [
        (f"fault/{fault_id}", fault_svg(poses, ENGLISH_WORDS)) for fault_id, poses in PAIRS
    ]


def test_every_figure_parses_and_says_what_it_shows():
    for name, svg in all_figures():
        root = parse(svg)
        assert root.get("role") == "img", name
        label = root.get("aria-label")
        assert label and root.find(f"{SVG}title").text == label, name


def test_fault_figure_names_both_poses_and_draws_the_fault_in_the_accent():
    for fault_id, poses in PAIRS:
        root = parse(fault_svg(poses, ENGLISH_WORDS))
        assert poses.correct.caption in root.get("aria-label") and poses.faulty.caption in root.get(
            "aria-label"
        )
        assert any("db-fault" in classes(e) for e in root.iter()), fault_id
        label = root.get("aria-label")
        assert label.startswith("Right") and label.count("Right") == 1 and label.count("Fault") == 1, label
    assert PAIRS, "the shipped faults have no poses"


def test_a_caption_without_its_side_is_given_one():
    poses = PAIRS[0][1]
    bare = poses.model_copy(
        update={
            "correct": poses.correct.model_copy(update={"caption": "hips back"}),
            "faulty": poses.faulty.model_copy(update={"caption": "back rounded"}),
        }
    )
    assert parse(fault_svg(bare, ENGLISH_WORDS)).get("aria-label") == "Right: hips back. Fault: back rounded"


def test_figures_use_no_fixed_colours():
    """Colours come from the page (currentColor, CSS variables) or the viewer's scheme (system
    colours), so no figure turns black on black in dark mode."""
    for name, svg in all_figures():
        root = parse(svg)
        for element in root.iter():
            for attribute in ("fill", "stroke", "color", "style"):
                assert element.get(attribute) is None, f"{name}: {attribute} on {element.tag}"
        style = root.find(f"{SVG}style").text
        for prop, value in re.findall(r"(?<![-\w])(fill|stroke|color|background)\s*:\s*([^;}]+)", style):
            assert ALLOWED_COLOUR.match(value.strip()), f"{name}: {prop}: {value}"
        assert not re.search(r"#[0-9a-fA-F]{3,8}\b|rgb|hsl", style)


def test_one_scale_for_every_figure():
    boxes = {parse(pose_svg(pose)).get("viewBox") for _, pose in POSES}
    assert len(boxes) == 1
    heights = {round(pose.body().points["head"][1], 3) for _, pose in POSES if pose.stance != "lying"}
    standing = Position(name="start", caption="Standing tall").body()
    assert math.isclose(standing.points["head"][1] + 0.114, 1.75, abs_tol=0.01)
    assert heights


def test_shipped_records_are_drawn():
    """Every exercise has at least its start and finish, every fault its pair."""
    for exercise in LIBRARY.exercises.values():
        names = {position.name for position in exercise.positions}
        assert {"start", "finish"} <= names, exercise.id
    assert all(fault.positions for fault in LIBRARY.faults.values())


def test_a_pose_a_body_cannot_take_is_refused_with_its_place(tmp_path):
    content = tmp_path / "content"
    for kind in ("exercises", "sources"):
        (content / kind).mkdir(parents=True)
    (content / "sources" / "s.yml").write_text("id: s\ntitle: A source\ndrew: Facts.\n", "utf-8")
    (content / "exercises" / "bent.yml").write_text(
        "id: bent\nname: Bent\npattern: hinge\nlevel: 1\nmuscles: {primary: [Glutes]}\n"
        "summary: A drill.\nsteps: [Hinge.]\nsources: [s]\npositions:\n"
        "  - name: start\n    caption: Standing\n    elbow: 200\n",
        "utf-8",
    )
    result = drillbook("check", cwd=tmp_path)
    assert result.returncode == 1
    assert (
        "content/exercises/bent.yml:12:12: `positions[0].elbow`: Input should be less than or equal to 150"
        in (result.stderr)
    )


def test_figures_are_written_listed_in_the_gallery_and_exported():
    """Every figure is a file under figures/, the gallery shows each one, and the JSON export
    names the file of each position and fault pair."""
    import json

    from drillbook.export import export_files
    from drillbook.render import render_figures
    from drillbook.views import library_views

    files = render_figures(LIBRARY, library_views(LIBRARY))
    gallery = files["figures/index.md"]
    exported = export_files(LIBRARY, library_views(LIBRARY), "https://example.org/")
    for name, pose in SHIPPED:
        exercise_id, position = name.split("/")
        path = f"figures/exercises/{exercise_id}/{position}.svg"
        assert parse(files[path]).get("aria-label") == pose.caption
        entry = json.loads(exported[f"api/exercises/{exercise_id}.json"])
        assert entry["figures"][position] == f"https://example.org/{path}"
    # The gallery shows each figure file as an image (none inline), the pair with its label.
    shown = re.findall(r'<img class="db-figure" src="([^"]+)" alt="([^"]*)"', gallery)
    assert len(shown) == len(SHIPPED) + len(PAIRS)
    assert "<svg" not in gallery
    assert all(f"figures/{src}" in files for src, _ in shown)
    labels = {src: alt for src, alt in shown if alt}
    assert {src: parse(files[f"figures/{src}"]).get("aria-label") for src in labels} == labels
    faults = json.loads(exported["api/faults.json"])["faults"]
    assert all(item["figure"] == f"https://example.org/figures/faults/{item['id']}.svg" for item in faults)
    assert all(f"figures/faults/{item['id']}.svg" in files for item in faults)


def test_pages_show_the_figures(built_site):
    """On the built site: an exercise page opens with its positions, a fault page shows the
    pair, the exercise's fault checklist shows each fault's pair, a ladder shows each step."""
    rdl = LIBRARY.exercises["romanian-deadlift"]
    page = (built_site / "exercises" / "romanian-deadlift" / "index.html").read_text("utf-8")
    strip = page.split('class="db-figures db-figures--strip"', 1)[1].split('id="at-a-glance"', 1)[0]
    labels = re.findall(r'<svg[^>]* aria-label="([^"]*)"', strip)
    assert labels == [position.caption for position in rdl.positions]
    assert page.index("db-figures--strip") < page.index('id="at-a-glance"')
    checklist = page.split('id="fault-checklist"', 1)[1]
    assert checklist.count("db-figure-box--pair") == len(rdl.faults)
    fault = (built_site / "faults" / "rounded-back" / "index.html").read_text("utf-8")
    assert LIBRARY.faults["rounded-back"].positions.faulty.caption in fault
    ladder_id = "wall-to-rdl"
    ladder = (built_site / "ladders" / ladder_id / "index.html").read_text("utf-8")
    assert ladder.count('class="db-figure-step"') == len(LIBRARY.ladders[ladder_id].steps)
    gallery = (built_site / "figures" / "index.html").read_text("utf-8")
    sources = re.findall(r'<img class="db-figure" src="([^"]+)"', gallery)
    assert len(sources) == len(SHIPPED) + len(PAIRS)
    assert all((built_site / "figures" / src).is_file() for src in sources)
    assert "exercises/romanian-deadlift/bottom.svg" in sources


def test_the_new_stances_draw_their_second_leg_and_their_props():
    poses = dict(EXAMPLES)
    split = parse(pose_svg(poses["test/split-squat/bottom"]))
    assert [e for e in drawn(split) if "db-rear-foot" in classes(e)]
    bench = parse(pose_svg(poses["test/split-squat/rear-foot-on-bench"]))
    assert [e for e in drawn(bench) if "db-bench" in classes(e)]
    hang = parse(pose_svg(poses["test/push-pull-superset/hang"]))
    bar = next(e for e in drawn(hang) if "db-bar" in classes(e))
    hands = [e for e in drawn(hang) if "db-hand" in classes(e)]
    assert all((h.get("cx"), h.get("cy")) == (bar.get("cx"), bar.get("cy")) for h in hands)
    press = parse(pose_svg(poses["test/front-squat-to-press/finish"]))
    load = next(e for e in drawn(press) if "db-load" in classes(e))
    head = next(e for e in drawn(press) if "db-head" in classes(e))
    assert float(load.get("cy")) < float(head.get("cy")) - 30


def test_a_stance_a_body_cannot_take_is_refused_with_its_place(tmp_path):
    content = tmp_path / "content"
    for kind in ("exercises", "sources"):
        (content / kind).mkdir(parents=True)
    (content / "sources" / "s.yml").write_text("id: s\ntitle: A source\ndrew: Facts.\n", "utf-8")
    (content / "exercises" / "split.yml").write_text(
        "id: split\nname: Split\npattern: squat\nlevel: 1\nmuscles: {primary: [Quadriceps]}\n"
        "summary: A drill.\nsteps: [Lunge.]\nsources: [s]\npositions:\n"
        "  - name: bottom\n    caption: Bottom\n    stance: split\n    ankle: 15\n    knee: 100\n"
        "    trunk: 10\n    rear_hip: -5\n    rear_knee: 30\n",
        "utf-8",
    )
    result = drillbook("check", cwd=tmp_path)
    assert result.returncode == 1
    assert (
        "content/exercises/split.yml:10:5: `positions[0]`: `stance: split`: the rear ankle ends 27 cm "
        "below where it stands on its toes; `rear_knee: 71` puts it on its toes"
    ) in result.stderr, result.stderr


def test_a_hanging_figure_hangs_from_the_bar_with_its_feet_off_the_floor():
    """Hands on the bar overhead (the arms straight up in a dead hang, bent at the top of the
    pull-up), the feet pointed and at least 10 cm above the ground line."""
    poses = dict(EXAMPLES)
    for name in ("test/push-pull-superset/hang", "test/push-pull-superset/finish"):
        root = parse(pose_svg(poses[name]))
        ground = next(e for e in drawn(root) if "db-ground" in classes(e))
        floor = float(ground.get("y1")) - float(ground.get("stroke-width")) / 2
        feet = [e for e in drawn(root) if "db-foot" in classes(e)]
        assert feet and all(floor - bounds(foot)[3] >= 10 for foot in feet), name
        bar = next(e for e in drawn(root) if "db-bar" in classes(e))
        assert float(bar.get("cy")) == -200
        hands = [e for e in drawn(root) if "db-hand" in classes(e)]
        assert hands and all(hand.get("cy") == bar.get("cy") for hand in hands), name
        body = poses[name].body()
        assert body.points["toe"][1] < body.points["ankle"][1] - 0.1, f"{name}: the toes point down"
    hang = poses["test/push-pull-superset/hang"].body().points
    assert abs(hang["hand"][0] - hang["shoulder"][0]) < 0.05
    assert hang["hand"][1] - hang["shoulder"][1] > 0.6


@pytest.mark.parametrize("language", ["de", "es", "fr"])
def test_a_translated_site_labels_its_figures_in_its_language(language):
    """The fault pair's labels and alt text and every word of the gallery's angle lines are
    the site's language; the coach's captions stay as written."""
    from drillbook.render import render_figures
    from drillbook.views import SiteNames, library_views

    words = words_for(language)
    english = {
        message
        for key, message in ENGLISH_WORDS.messages.items()
        if key.startswith("figures.") and message != words.messages[key]
    }
    files = render_figures(LIBRARY, library_views(LIBRARY, SiteNames(language=language)))
    for fault_id, poses in PAIRS:
        root = parse(files[f"figures/faults/{fault_id}.svg"])
        labels = [text.text for text in root.iter(f"{SVG}text")]
        assert labels == [words("figures.pair.correct"), words("figures.pair.fault")], fault_id
        assert root.get("aria-label").startswith(words("figures.pair.correct")), fault_id
        assert poses.faulty.caption.rstrip(".") in root.get("aria-label"), fault_id
    gallery = files["figures/index.md"]
    lines = re.findall(r"</code> · (.*?)</small>", gallery)
    lines += re.findall(r"<figcaption>[^:<]*\u00a0?: (.*?)<br>[^:<]*\u00a0?: (.*?)</figcaption>", gallery)
    terms = {
        re.sub(r" -?[\d.,]+(°| cm)?$", "", part)
        for line in lines
        for angles in ([line] if isinstance(line, str) else line)
        for part in angles.split(" · ")
    }
    assert len(terms) > 20
    assert not terms & english, sorted(terms & english)
    assert all(pose.caption in gallery for _, pose in SHIPPED)


def test_every_word_an_angle_line_can_hold_is_in_the_catalogue():
    from drillbook.figures import LISTED_ANGLES
    from drillbook.pose import HAND_PLACES, HOLDS, REAR_FEET, STANCES

    keys = [
        *(f"stance.{stance}" for stance in STANCES),
        *(f"joint.{name}" for name in LISTED_ANGLES),
        *(f"prop.{kind}" for kind in PROP_KINDS),
        *(f"hold.{hold}" for hold in HOLDS if hold != "hands"),
        *(f"rear_foot.{foot}" for foot in REAR_FEET),
        *(f"place.{place}" for place in HAND_PLACES),
        "spine.rounded",
        "spine.arched",
        "view.front",
        "view.back",
    ]
    missing = [key for key in keys if f"figures.angles.{key}" not in ENGLISH_WORDS.messages]
    assert not missing, missing

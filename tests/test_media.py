"""Photos and video: what a reader sees of them on the built pages (size, alt text, web copies,
credit and license), their cache, the JSON export, the Credits page, and the import of the
dataset's photos. The photos are drawn here with Pillow: the shipped content has none."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import copy_project, drillbook
from PIL import Image, ImageDraw
from pypdf import PdfReader

from drillbook import media
from drillbook.decks import PAPERS, lay_out_chunk
from drillbook.media import MediaFiles, Player, media_outputs, read_image, video_player
from drillbook.pipeline import read_library

EXERCISE = "wall-hip-hinge"
FAULT = "rounded-back"
EXERCISE_MEDIA = """
media:
  - kind: image
    file: media/hinge-side.jpg
    alt: A lifter at the wall with the hips pushed back and a flat back
    caption: The hips reach the wall; the shins stay upright.
    credit: "Photo: Test Coach"
    license: CC-BY-4.0
    source_url: https://photos.example.org/hinge-side
    card: true
  - kind: image
    file: media/hinge-start.png
    alt: A lifter standing tall a foot in front of the wall
    license: CC0-1.0
  - kind: video
    url: https://www.youtube.com/watch?v=abcDEF12345
    alt: The wall hip hinge, filmed from the side
    credit: Test Channel
    license: CC-BY-SA-4.0
  - kind: video
    url: https://vimeo.com/123456789
    alt: The wall hip hinge, slowed down
"""
FAULT_MEDIA = """
media:
  - kind: image
    file: media/rounded-back.jpg
    alt: A back rounding as the lifter reaches for the floor
    credit: Test dataset
    license: unknown
"""
PHOTOS = {"hinge-side.jpg": (1600, 1067), "hinge-start.png": (640, 480), "rounded-back.jpg": (400, 300)}


def photo(path: Path, width: int, height: int, colour=(190, 70, 60)) -> Path:
    """A drawn stand-in for a photo: a floor, a wall and a figure."""
    image = Image.new("RGB", (width, height), (228, 232, 238))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, height * 4 // 5, width, height], fill=(110, 118, 132))
    draw.rectangle([width * 4 // 5, 0, width, height * 4 // 5], fill=(160, 170, 186))
    unit = min(width, height) // 10
    draw.ellipse([width // 2 - unit, unit, width // 2 + unit, 3 * unit], fill=colour)
    draw.line([width // 2, 3 * unit, width // 2 + 2 * unit, 6 * unit], fill=colour, width=unit)
    draw.line([width // 2 + 2 * unit, 6 * unit, width // 2, height * 4 // 5], fill=colour, width=unit)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)
    return path


def media_project(target: Path) -> Path:
    """The shipped project with photos and videos on one exercise and one fault."""
    project = copy_project(target)
    content = project / "content"
    for name, (width, height) in PHOTOS.items():
        photo(content / "media" / name, width, height)
    for path, block in (
        (content / "exercises" / f"{EXERCISE}.yml", EXERCISE_MEDIA),
        (content / "faults" / f"{FAULT}.yml", FAULT_MEDIA),
    ):
        path.write_text(path.read_text("utf-8") + block, "utf-8")
    return project


def build(project: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` without the PDF decks (test_print.py prints the cards)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DRILLBOOK_DECKS": "0"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def built_media(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    project = media_project(tmp_path_factory.mktemp("media") / "project")
    return project, build(project)


class Figures(HTMLParser):
    """The attributes of every <img> and <a data-player>, and the text of every <figcaption>."""

    def __init__(self):
        super().__init__()
        self.images: list[dict] = []
        self.players: list[dict] = []
        self.captions: list[str] = []
        self._caption: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append(attrs)
        elif tag == "a" and "data-player" in attrs:
            self.players.append(attrs)
        elif tag == "figcaption":
            self._caption = []

    def handle_data(self, data):
        if self._caption is not None:
            self._caption.append(data)

    def handle_endtag(self, tag):
        if tag == "figcaption" and self._caption is not None:
            self.captions.append(" ".join("".join(self._caption).split()))
            self._caption = None


def figures(site: Path, page: str) -> Figures:
    parser = Figures()
    parser.feed((site / page / "index.html").read_text("utf-8"))
    return parser


def test_exercise_page_shows_each_photo_at_its_size_with_alt_web_copies_and_credit(built_media):
    project, _ = built_media
    site = project / "site"
    shown = figures(site, f"exercises/{EXERCISE}")
    gallery = [image for image in shown.images if image["src"].startswith("../../media/")]
    assert [(image["width"], image["height"]) for image in gallery] == [("1600", "1067"), ("640", "480")]
    side = gallery[0]
    assert side["alt"] == "A lifter at the wall with the hips pushed back and a flat back"
    assert side["loading"] == "lazy"
    assert side["srcset"] == (
        "../../media/hinge-side-jpg-480w.webp 480w, ../../media/hinge-side-jpg-960w.webp 960w"
    )
    page_dir = site / "exercises" / EXERCISE
    for candidate in side["srcset"].split(", "):
        url, width = candidate.split(" ")
        with Image.open(page_dir / url) as copy:
            assert (copy.format, f"{copy.width}w") == ("WEBP", width)
    with Image.open(page_dir / side["src"]) as original:
        assert original.size == (1600, 1067)
    assert gallery[1]["srcset"].endswith("hinge-start-png-640w.webp 640w")
    assert (
        "The hips reach the wall; the shins stay upright. Photo: Test Coach · CC BY 4.0 · original"
        in shown.captions
    )
    assert "CC0 1.0" in shown.captions
    assert "Test Channel · CC BY-SA 4.0" in shown.captions
    assert "license unknown" in shown.captions


def test_videos_link_to_the_hosts_privacy_enhanced_players(built_media):
    project, _ = built_media
    players = figures(project / "site", f"exercises/{EXERCISE}").players
    assert [player["data-player"] for player in players] == [
        "https://www.youtube-nocookie.com/embed/abcDEF12345?autoplay=1",
        "https://player.vimeo.com/video/123456789?dnt=1&autoplay=1",
    ]


def test_fault_card_and_embed_show_their_photos(built_media):
    project, _ = built_media
    site = project / "site"
    fault = figures(site, f"faults/{FAULT}")
    assert [(i["src"], i["alt"]) for i in fault.images if "media/" in i["src"]] == [
        ("../../media/rounded-back.jpg", "A back rounding as the lifter reaches for the floor")
    ]
    assert "Test dataset · license unknown" in fault.captions
    card = figures(site, f"cards/{EXERCISE}")
    assert [(i["src"], i["width"], i["height"]) for i in card.images] == [
        ("../../media/hinge-side.jpg", "1600", "1067")
    ]
    assert "Photo: Test Coach · CC BY 4.0" in card.captions
    embed = figures(site, f"embed/{EXERCISE}")
    assert len([i for i in embed.images if "media/" in i["src"]]) == 2
    fragment = (project / "docs" / "embed" / f"{EXERCISE}.fragment.html").read_text("utf-8")
    assert 'src="https://drillbook.example.org/media/hinge-side.jpg" width="1600" height="1067"' in fragment


def test_credits_page_lists_every_asset_and_the_build_counts_unknown_licenses(built_media):
    project, result = built_media
    assert (
        "drillbook: photos and videos with no known license: 2 of 5; see browse/credits.md" in result.stderr
    )
    credits = (project / "site" / "browse" / "credits" / "index.html").read_text("utf-8")
    text = " ".join(re.sub(r"<[^>]+>", " ", credits).split())
    assert "Photos and videos in this library: 5. Without a known license: 2 (listed first)." in text
    unknown = text.index("license unknown")
    assert text.index("A back rounding as the lifter reaches for the floor") < unknown
    assert text.index("CC BY 4.0") > unknown


def test_json_export_gives_each_photo_its_urls_credit_and_license(built_media):
    project, _ = built_media
    data = json.loads((project / "site" / "api" / "exercises" / f"{EXERCISE}.json").read_text("utf-8"))
    side = data["shown"]["media"][0]
    assert side["url"] == "https://drillbook.example.org/media/hinge-side.jpg"
    assert (side["width"], side["height"]) == (1600, 1067)
    assert [copy["width"] for copy in side["web_copies"]] == [480, 960]
    assert (side["credit"], side["license"]) == ("Photo: Test Coach", "CC-BY-4.0")
    assert side["license_url"] == "https://creativecommons.org/licenses/by/4.0/"
    video = data["shown"]["media"][3]
    assert video["license"] == "unknown"
    assert video["player"] == "https://player.vimeo.com/video/123456789?dnt=1&autoplay=1"


def test_web_copies_are_made_once_then_read_from_the_cache(tmp_path, monkeypatch):
    content = tmp_path / "content"
    photo(content / "media" / "a.jpg", 1200, 900)
    image, _ = read_image(content, "media/a.jpg")
    files = MediaFiles(content, {image.name: image})
    first = media_outputs(files)
    assert sorted(first) == ["media/a-jpg-480w.webp", "media/a-jpg-960w.webp", "media/a.jpg"]
    assert len(list((tmp_path / ".cache" / "drillbook" / "media").iterdir())) == 2

    def no_resizing(path, width):
        raise AssertionError("a cached web copy was made again")

    monkeypatch.setattr(media, "web_copy", no_resizing)
    assert media_outputs(files) == first


def test_check_accepts_the_photos_and_generate_copies_them_into_docs_media(tmp_path):
    project = media_project(tmp_path / "project")
    assert drillbook("check", cwd=project).returncode == 0
    result = drillbook("generate", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "drillbook: web copies made: 5, of 3 images" in result.stderr.splitlines()
    assert (
        "drillbook: photos and videos with no known license: 2 of 5; see browse/credits.md" in result.stderr
    )
    again = drillbook("generate", cwd=project)
    assert "web copies made" not in again.stderr
    assert sorted(p.name for p in (project / "docs" / "media").iterdir()) == sorted(
        [
            ".drillbook-generated",
            *PHOTOS,
            "hinge-side-jpg-480w.webp",
            "hinge-side-jpg-960w.webp",
            "hinge-start-png-480w.webp",
            "hinge-start-png-640w.webp",
            "rounded-back-jpg-400w.webp",
        ]
    )
    assert read_library(project / "content").media.images["media/hinge-side.jpg"].width == 1600


def dataset_with_photos(folder: Path, names: list[str], size: tuple[int, int] = (850, 567)) -> list[dict]:
    """free-exercise-db entries, and their photos drawn into `folder` as `<id>/0.jpg`, `<id>/1.jpg`."""
    entries = []
    for name in names:
        dataset_id = name.replace(" ", "_")
        entry = {
            "id": dataset_id,
            "name": name,
            "force": "pull",
            "level": "beginner",
            "mechanic": "compound",
            "equipment": "kettlebells",
            "primaryMuscles": ["hamstrings"],
            "secondaryMuscles": ["glutes"],
            "instructions": ["Stand tall with the bell between the feet.", "Push the hips back."],
            "category": "strength",
            "images": [f"{dataset_id}/0.jpg", f"{dataset_id}/1.jpg"],
        }
        for index, image in enumerate(entry["images"]):
            photo(folder / image, *size, colour=(60, 90 + 60 * index, 170))
        entries.append(entry)
    return entries


def test_import_with_images_copies_the_photos_credited_with_license_unknown(tmp_path):
    project = copy_project(tmp_path / "project")
    folder = tmp_path / "free-exercise-db" / "exercises"
    dataset = tmp_path / "exercises.json"
    entries = dataset_with_photos(folder, ["Kettlebell Sumo Deadlift", "Kettlebell Good Morning"])
    dataset.write_text(json.dumps(entries), "utf-8")
    record = project / "content" / "exercises" / "kettlebell-sumo-deadlift.yml"

    plain = drillbook("import", "free-exercise-db", str(dataset), cwd=project)
    assert plain.returncode == 0, plain.stderr
    assert not (project / "content" / "media").exists()
    assert "media:" not in record.read_text("utf-8")

    result = drillbook(
        "import", "free-exercise-db", str(dataset), "--force", "--images", str(folder), cwd=project
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith(
        "Imported 2 exercises; 0 renamed, 0 changed, 0 skipped; 4 photos copied into content/media/ "
        "(license unknown)"
    )
    copied = project / "content" / "media" / "free-exercise-db"
    assert sorted(p.name for p in copied.iterdir()) == [
        "kettlebell-good-morning-0.jpg",
        "kettlebell-good-morning-1.jpg",
        "kettlebell-sumo-deadlift-0.jpg",
        "kettlebell-sumo-deadlift-1.jpg",
    ]
    original = folder / "Kettlebell_Sumo_Deadlift" / "1.jpg"
    assert (copied / "kettlebell-sumo-deadlift-1.jpg").read_bytes() == original.read_bytes()
    text = record.read_text("utf-8")
    assert "file: media/free-exercise-db/kettlebell-sumo-deadlift-0.jpg" in text
    assert "credit: Free Exercise DB" in text
    assert "license: unknown" in text

    built = build(project)
    assert "drillbook: photos and videos with no known license: 4 of 4; see browse/credits.md" in built.stderr
    page = figures(project / "site", "exercises/kettlebell-sumo-deadlift")
    assert [(i["width"], i["height"]) for i in page.images if "media/" in i["src"]] == [("850", "567")] * 2
    assert "Free Exercise DB · license unknown · original" in page.captions


def test_import_names_the_photos_it_leaves_out(tmp_path):
    project = copy_project(tmp_path / "project")
    folder = tmp_path / "exercises"
    entries = dataset_with_photos(folder, ["Kettlebell Sumo Deadlift"])
    (folder / "Kettlebell_Sumo_Deadlift" / "1.jpg").unlink()
    dataset = tmp_path / "exercises.json"
    dataset.write_text(json.dumps(entries), "utf-8")
    result = drillbook("import", "free-exercise-db", str(dataset), "--images", str(folder), cwd=project)
    assert result.returncode == 0, result.stderr
    assert (
        "changed entry 1 (Kettlebell Sumo Deadlift): photo `Kettlebell_Sumo_Deadlift/1.jpg` left out: "
        "no such file in ../exercises" in result.stdout
    )
    assert drillbook("check", cwd=project).returncode == 0


def test_pdf_deck_prints_the_card_photo(built_media):
    project, _ = built_media
    paper = next(iter(PAPERS))
    document = lay_out_chunk(project / "site", [f"cards/{EXERCISE}"], paper, True)
    assert len(document.pages) == 1
    assert len(PdfReader(io.BytesIO(document.write_pdf())).pages[0].images) == 1


def test_a_photo_the_camera_turned_has_its_size_as_shown(tmp_path):
    """A phone photo stored sideways with an EXIF orientation: the page's width and height and
    the web copies follow the picture as a browser shows it."""
    content = tmp_path / "content"
    path = content / "media" / "upright.jpg"
    path.parent.mkdir(parents=True)
    exif = Image.Exif()
    exif[0x0112] = 6
    Image.new("RGB", (1200, 800), (90, 120, 160)).save(path, exif=exif)
    image, _ = read_image(content, "media/upright.jpg")
    assert (image.width, image.height) == (800, 1200)
    copy = media_outputs(MediaFiles(content, {image.name: image}))["media/upright-jpg-480w.webp"]
    assert Image.open(io.BytesIO(copy)).size == (480, 720)


@pytest.mark.parametrize(
    "url, host, player",
    [
        (
            "https://www.youtube.com/watch?v=abcDEF12345&t=42",
            "YouTube",
            "https://www.youtube-nocookie.com/embed/abcDEF12345?autoplay=1",
        ),
        (
            "https://youtu.be/abcDEF12345",
            "YouTube",
            "https://www.youtube-nocookie.com/embed/abcDEF12345?autoplay=1",
        ),
        (
            "https://m.youtube.com/shorts/abcDEF12345",
            "YouTube",
            "https://www.youtube-nocookie.com/embed/abcDEF12345?autoplay=1",
        ),
        (
            "https://vimeo.com/channels/staffpicks/76979871",
            "Vimeo",
            "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1",
        ),
        (
            "https://player.vimeo.com/video/76979871",
            "Vimeo",
            "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1",
        ),
        ("https://video.example.org/hinge.mp4", "video.example.org", None),
        ("https://www.youtube.com/watch?v=<script>", "youtube.com", None),
    ],
)
def test_youtube_and_vimeo_links_get_their_privacy_enhanced_player(url, host, player):
    assert video_player(url) == Player(host, player)


def test_an_svg_is_shown_as_it_is_at_the_size_its_root_gives(tmp_path):
    content = tmp_path / "content"
    path = content / "media" / "stance.svg"
    path.parent.mkdir(parents=True)
    path.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 240"><circle r="9"/></svg>')
    image, _ = read_image(content, "media/stance.svg")
    assert (image.width, image.height, image.resizable) == (320, 240, False)
    assert sorted(media_outputs(MediaFiles(content, {image.name: image}))) == ["media/stance.svg"]
    path.write_text("<svg xmlns='http://www.w3.org/2000/svg'><circle r='9'/></svg>")
    assert read_image(content, "media/stance.svg") == (
        None,
        "content/media/stance.svg is not an SVG with a width and height or a viewBox",
    )


def test_import_of_many_photos_prints_a_few_progress_lines(tmp_path):
    project = copy_project(tmp_path / "project")
    folder = tmp_path / "exercises"
    entries = dataset_with_photos(folder, [f"Drill {n}" for n in range(50)], size=(40, 30))
    dataset = tmp_path / "exercises.json"
    dataset.write_text(json.dumps(entries), "utf-8")
    result = drillbook("import", "free-exercise-db", str(dataset), "--images", str(folder), cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [f"Copying photos: {n}/100 photos copied" for n in (25, 50, 75, 100)]

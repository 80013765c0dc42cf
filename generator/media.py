"""Photos and video: the image files checked once (where they are, what they are, how big),
their copies in the site with web-sized WebP versions made once and cached between builds,
and the addresses of video players.

An image in `content/media/NAME` lands at `docs/media/NAME`, beside its web copies
(`hinge.jpg`: `hinge-jpg-480w.webp`, `hinge-jpg-960w.webp`)."""

from __future__ import annotations

import hashlib
import io
import logging
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qs, urlsplit

from .errors import Problem, counted
from .load import Record
from .validate import dotted_path
from .write import Outputs

log = logging.getLogger("mkdocs.plugins.drillbook")

MEDIA_FOLDER = "media"
# A phone photo is 2–8 MB; anything larger is not meant for a web page or a card.
MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
RASTER_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP", ".gif": "GIF"}
SVG = ".svg"
# Widths of the WebP copies offered in `srcset`; none is wider than the original.
WEB_WIDTHS = (480, 960)
WEBP_QUALITY = 80
CACHE_FOLDER = Path(".cache") / "drillbook" / "media"
PROGRESS_EVERY = 25
# The EXIF orientation tag, and its values that turn the picture a quarter.
ORIENTATION = 0x0112
TURNED = {5, 6, 7, 8}


@dataclass(frozen=True)
class ImageFile:
    """One image of `content/media/`, as checked: its size in pixels and its content's hash."""

    name: str
    path: Path
    width: int
    height: int
    format: str
    digest: str

    @property
    def resizable(self) -> bool:
        """GIFs (perhaps animated) and SVGs are shown as they are."""
        return self.format in ("PNG", "JPEG", "WEBP")

    def web_widths(self) -> list[int]:
        return sorted({min(width, self.width) for width in WEB_WIDTHS}) if self.resizable else []

    def web_name(self, width: int) -> str:
        """'media/hinge.jpg' -> 'media/hinge-jpg-480w.webp': beside the original, never its name."""
        folder, _, name = self.name.rpartition("/")
        return f"{folder}/{name.replace('.', '-')}-{width}w.webp"


@dataclass
class MediaFiles:
    """Every image file the records use, by its name under `content/` ('media/hinge.jpg')."""

    content_dir: Path | None = None
    images: dict[str, ImageFile] = field(default_factory=dict)

    @property
    def cache_dir(self) -> Path | None:
        """Beside `content/`, as Material's social plugin keeps its cards in `.cache/`."""
        return self.content_dir.parent / CACHE_FOLDER if self.content_dir else None


def check_media(records: list[Record], content_dir: Path) -> tuple[MediaFiles, list[Problem]]:
    """Every local image the records name, read once; a problem for each file that is
    missing, outside `content/media/`, not an image of a known format, or too large. Read from
    each record's data, so a record with other problems has its files checked too."""
    media = MediaFiles(content_dir)
    problems: list[Problem] = []
    for record in records:
        items = record.data.get("media")
        items = items if isinstance(items, list) else []
        problems += _second_card_photos(record, items)
        for index, item in enumerate(items):
            name = item.get("file") if isinstance(item, dict) else None
            if not isinstance(name, str) or name in media.images:
                continue
            image, message = read_image(content_dir, name)
            if image is None:
                loc = ("media", index, "file")
                problems.append(record.problem(loc, f"`{dotted_path(loc)}`: {message}"))
            else:
                media.images[name] = image
    return media, problems


def _second_card_photos(record: Record, items: list) -> list[Problem]:
    """A card prints one photo: every `card: true` after the first is a problem."""
    marked = [
        index for index, item in enumerate(items) if isinstance(item, dict) and item.get("card") is True
    ]
    return [
        record.problem(
            ("media", index, "card"),
            f"`media[{index}].card`: a card prints one photo, and `media[{marked[0]}]` is marked already",
        )
        for index in marked[1:]
    ]


def read_image(content_dir: Path, name: str) -> tuple[ImageFile | None, str]:
    """The checked image at `content_dir/name`, or None and what is wrong with it."""
    pure = PurePosixPath(name)
    if pure.is_absolute() or ".." in pure.parts or "\\" in name or pure.parts[0] != MEDIA_FOLDER:
        return None, (
            f"`{name}` is outside content/{MEDIA_FOLDER}/; put the file there and write it as "
            f"`{MEDIA_FOLDER}/NAME`"
        )
    suffix = pure.suffix.lower()
    if suffix not in RASTER_FORMATS and suffix != SVG:
        return (
            None,
            f"`{name}`: an image is a PNG, JPEG, WebP, GIF or SVG file (.png .jpg .jpeg .webp .gif .svg)",
        )
    path = content_dir / pure
    if not path.is_file():
        return None, f"no file content/{name}; check the name, or add the file"
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return None, (
            f"content/{name} is {size:,} bytes; an image may be at most {MAX_IMAGE_BYTES // 1024 // 1024} MB "
            f"({MAX_IMAGE_BYTES:,} bytes): save it smaller (2000 pixels wide is plenty)"
        )
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if suffix == SVG:
        dimensions = svg_size(data)
        if dimensions is None:
            return None, f"content/{name} is not an SVG with a width and height or a viewBox"
        return ImageFile(name, path, *dimensions, "SVG", digest), ""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height, found = image.width, image.height, image.format
            if image.getexif().get(ORIENTATION) in TURNED:  # shown turned, as the camera held it
                width, height = height, width
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        return None, f"content/{name} is not a readable {RASTER_FORMATS[suffix]} image"
    if found != RASTER_FORMATS[suffix]:
        return None, f"content/{name} holds a {found} image; give it the matching extension"
    if width * height > MAX_IMAGE_PIXELS:
        return None, (
            f"content/{name} is {width} × {height} pixels; an image may have at most "
            f"{MAX_IMAGE_PIXELS // 1_000_000} million pixels"
        )
    return ImageFile(name, path, width, height, found, digest), ""


def image_format(path: Path) -> str | None:
    """The format Pillow reads in the file ('JPEG', 'PNG', …), or None if it reads none."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            return image.format
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        return None


def svg_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of an SVG from its root element, in CSS pixels."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return None
    if not root.tag.endswith("svg"):
        return None
    number = re.compile(r"^\s*([0-9.]+)\s*(px)?\s*$")
    width, height = (number.match(root.get(key, "")) for key in ("width", "height"))
    if width and height:
        return round(float(width[1])), round(float(height[1]))
    box = root.get("viewBox", "").replace(",", " ").split()
    try:
        return (round(float(box[2])), round(float(box[3]))) if len(box) == 4 else None
    except ValueError:
        return None


def media_outputs(media: MediaFiles) -> Outputs:
    """Each image as it is, and its WebP copies: made once, then read from the cache."""
    outputs = Outputs()
    images = sorted(media.images.values(), key=lambda image: image.name)
    made = 0
    for image in images:
        outputs.add(image.name, image.path.read_bytes(), f"the image content/{image.name}")
        for width in image.web_widths():
            cached = media.cache_dir / f"{image.digest[:32]}-{width}.webp" if media.cache_dir else None
            if cached and cached.is_file():
                data = cached.read_bytes()
            else:
                if made == 0:
                    log.info(
                        f"drillbook: making web copies of images (kept in {CACHE_FOLDER} for later builds)"
                    )
                data = web_copy(image.path, width)
                made += 1
                if made % PROGRESS_EVERY == 0:
                    log.info(f"drillbook: {made} web copies made")
                if cached:
                    cached.parent.mkdir(parents=True, exist_ok=True)
                    cached.write_bytes(data)
            outputs.add(image.web_name(width), data, f"the web copy of content/{image.name}")
    if made:
        log.info(f"drillbook: web copies made: {made}, of {counted(len(images), 'image')}")
    return outputs


def web_copy(path: Path, width: int) -> bytes:
    """A WebP copy `width` pixels wide, turned upright as the camera recorded it."""
    from PIL import Image, ImageOps

    with Image.open(path) as original:
        image = ImageOps.exif_transpose(original)
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if image.has_transparency_data else "RGB")
        height = max(1, round(image.height * width / image.width))
        resized = image.resize((width, height), Image.Resampling.LANCZOS)
        stream = io.BytesIO()
        resized.save(stream, "WEBP", quality=WEBP_QUALITY, method=6)
    return stream.getvalue()


@dataclass(frozen=True)
class Player:
    """Where a video plays: the host's name and its privacy-enhanced player, if it has one."""

    host: str
    embed: str | None


_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")


def video_player(url: str) -> Player:
    """The player of a YouTube or Vimeo link (youtube-nocookie.com, player.vimeo.com with
    dnt=1); other hosts get a link only."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    segments = [segment for segment in parts.path.split("/") if segment]
    video_id = None
    if host in ("youtube.com", "youtube-nocookie.com"):
        if segments[:1] == ["watch"]:
            video_id = parse_qs(parts.query).get("v", [None])[0]
        elif len(segments) >= 2 and segments[0] in ("embed", "shorts", "live"):
            video_id = segments[1]
    elif host == "youtu.be" and segments:
        video_id = segments[0]
    if video_id and _YOUTUBE_ID.fullmatch(video_id):
        return Player("YouTube", f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1")
    if host in ("vimeo.com", "player.vimeo.com"):
        numbers = [segment for segment in segments if segment.isdigit()]
        if numbers:
            return Player("Vimeo", f"https://player.vimeo.com/video/{numbers[0]}?dnt=1&autoplay=1")
    return Player(host or url, None)

"""Uploaded pictures, checked and re-encoded before anything is stored.

An upload is trusted for nothing: its name and declared type are compared with what its bytes
are, its size and pixel count are checked before it is decoded, and what is kept is a fresh
encoding of its pixels alone, so that metadata (EXIF with GPS positions, comments, colour
profiles naming a device) and anything hidden after the image data never reach the storage.
"""

import hashlib
import io
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
# The formats kept, by what the bytes are, with the names and declared types that may go with
# them.
FORMATS = {
    "PNG": {"suffixes": {".png"}, "types": {"image/png"}, "content_type": "image/png"},
    "JPEG": {
        "suffixes": {".jpg", ".jpeg"},
        "types": {"image/jpeg", "image/pjpeg", "image/jpg"},
        "content_type": "image/jpeg",
    },
}
SUFFIX_OF = {"PNG": ".png", "JPEG": ".jpg"}
# Pixel modes each format stores as they are; others are converted (palettes, CMYK, 16-bit).
KEPT_MODES = {"PNG": {"1", "L", "LA", "RGB", "RGBA"}, "JPEG": {"L", "RGB"}}


class ImageRefused(ValueError):
    """The upload is not stored; the message says why, for the person who sent it."""


@dataclass(frozen=True)
class CleanImage:
    content: bytes
    format: str
    content_type: str
    suffix: str
    width: int
    height: int
    sha256: str


def _looks_like_svg(name: str, head: bytes) -> bool:
    text = head.lstrip()[:256].lower()
    return PurePosixPath(name).suffix.lower() in {".svg", ".svgz"} or (
        text.startswith((b"<?xml", b"<svg")) and b"<svg" in text
    )


def _open(content: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            # Pillow warns past its own limit and raises past twice that; ours is lower.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(io.BytesIO(content))
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRefused(
            _("The file is not a PNG or JPEG picture (its content is something else).")
        ) from None


def _check_kind(image: Image.Image, name: str, declared_type: str) -> dict:
    kind = FORMATS.get(image.format or "")
    if kind is None:
        raise ImageRefused(
            _("Only PNG and JPEG pictures are accepted; this file is %(format)s.")
            % {"format": image.format}
        )
    suffix = PurePosixPath(name).suffix.lower()
    declared = (declared_type or "").split(";", 1)[0].strip().lower()
    # Some clients declare every file as bytes: that says nothing either way.
    declared = "" if declared == "application/octet-stream" else declared
    if suffix not in kind["suffixes"] or (declared and declared not in kind["types"]):
        raise ImageRefused(
            _(
                "The file's name or type (%(name)s) does not match its content, which is a "
                "%(format)s picture. Save it again with the right extension."
            )
            % {"name": name, "format": image.format}
        )
    return kind


def _pixels(image: Image.Image) -> Image.Image:
    """A new image holding only the pixels, turned upright as the camera said."""
    upright = ImageOps.exif_transpose(image) or image
    fmt = image.format or "PNG"
    if upright.mode not in KEPT_MODES[fmt]:
        has_alpha = "A" in upright.mode or "transparency" in upright.info
        target = "RGBA" if fmt == "PNG" and has_alpha else "RGB"
        upright = upright.convert(target)
    # frombytes copies the pixel data and nothing else: no info, no EXIF, no text chunks.
    return Image.frombytes(upright.mode, upright.size, upright.tobytes())


def image_clean(*, content: bytes, name: str, declared_type: str = "") -> CleanImage:
    """The upload re-encoded from its pixels, or ImageRefused naming the reason.

    Refused: larger than MAX_IMAGE_BYTES, SVG, not an image (an HTML page named .png), a type
    other than PNG or JPEG, a name or declared type that does not match the bytes, more than
    MAX_IMAGE_PIXELS pixels (checked from the header, before decoding), damaged data."""
    if len(content) > MAX_IMAGE_BYTES:
        raise ImageRefused(
            _("The picture is larger than %(mb)d MB; make it smaller and upload it again.")
            % {"mb": MAX_IMAGE_BYTES // (1024 * 1024)}
        )
    if _looks_like_svg(name, content[:512]):
        raise ImageRefused(
            _("SVG drawings are not accepted: export the drawing as PNG and upload that.")
        )
    image = _open(content)
    kind = _check_kind(image, name, declared_type)
    width, height = image.size
    if width * height > MAX_IMAGE_PIXELS:
        raise ImageRefused(
            _(
                "The picture has %(mp)s megapixels; at most %(limit)d are accepted. Scale it "
                "down and upload it again."
            )
            % {"mp": f"{width * height / 1_000_000:.1f}", "limit": MAX_IMAGE_PIXELS // 1_000_000}
        )
    try:
        image.load()
        clean = _pixels(image)
    except (OSError, ValueError, SyntaxError) as error:
        raise ImageRefused(_("The picture is damaged and cannot be read.")) from error
    fmt = image.format or "PNG"
    output = io.BytesIO()
    if fmt == "JPEG":
        clean.save(output, format="JPEG", quality=90, optimize=True)
    else:
        clean.save(output, format="PNG", optimize=False)
    data = output.getvalue()
    return CleanImage(
        content=data,
        format=fmt,
        content_type=kind["content_type"],
        suffix=SUFFIX_OF[fmt],
        width=clean.width,
        height=clean.height,
        sha256=hashlib.sha256(data).hexdigest(),
    )

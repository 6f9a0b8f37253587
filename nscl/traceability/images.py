"""Product images, made small enough for a phone on a slow connection before they are kept."""

from io import BytesIO
from pathlib import Path

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

MAX_SIDE = 800  # pixels: sharp on a phone, ~50–120 kB as JPEG


def for_phones(upload) -> ContentFile:
    """The upload turned upright, at most MAX_SIDE on its longer side, as a JPEG."""
    with Image.open(upload) as image:
        small = ImageOps.exif_transpose(image).convert("RGB")
        small.thumbnail((MAX_SIDE, MAX_SIDE))
        out = BytesIO()
        small.save(out, "JPEG", quality=82, optimize=True)
    return ContentFile(out.getvalue(), name=f"{Path(upload.name).stem[:60]}.jpg")

"""Product images, made small enough for a phone on a slow connection before they are kept."""

from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from nscl.core.numbers import format_vn_number

MAX_SIDE = 800  # pixels: sharp on a phone, ~50–120 kB as JPEG


def max_pixels() -> int:
    return int(getattr(settings, "NSCL_IMAGE_MAX_PIXELS", 40_000_000))


def check_pixels(upload) -> None:
    """Refuse an image of more pixels than NSCL_IMAGE_MAX_PIXELS before anything decodes it:
    its size is read from the file's header (a 17 KB PNG can declare 12.000 × 12.000 pixels,
    gigabytes once decoded)."""
    upload.seek(0)
    try:
        with Image.open(upload) as image:  # lazy: the header only
            width, height = image.size
    except Image.DecompressionBombError:
        width = height = None
    except Exception as exc:  # not an image PIL can read
        raise ValidationError(_("Tệp không phải là ảnh đọc được.")) from exc
    finally:
        upload.seek(0)
    if width is None or width * height > max_pixels():
        size = (_("quá lớn") if width is None else
                f"{format_vn_number(width)} × {format_vn_number(height)}")
        raise ValidationError(_(
            "Ảnh %(size)s điểm ảnh vượt giới hạn %(limit)s điểm ảnh; hãy thu nhỏ ảnh rồi tải "
            "lại.") % {"size": size, "limit": format_vn_number(max_pixels())})


def for_phones(upload) -> ContentFile:
    """The upload turned upright, at most MAX_SIDE on its longer side, as a JPEG."""
    check_pixels(upload)
    with Image.open(upload) as image:
        small = ImageOps.exif_transpose(image).convert("RGB")
        small.thumbnail((MAX_SIDE, MAX_SIDE))
        out = BytesIO()
        small.save(out, "JPEG", quality=82, optimize=True)
    return ContentFile(out.getvalue(), name=f"{Path(upload.name).stem[:60]}.jpg")

"""Files units attach to their reports: what may be stored, checked by the bytes themselves (a
renamed executable is not a PDF), and how it is served (only through a view that checks the
scope; never from /media/)."""

import hashlib
import re
import zipfile
from io import BytesIO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024
KINDS = {  # extension → (content type, a check of the first bytes)
    "pdf": ("application/pdf", lambda b: b.startswith(b"%PDF-")),
    "png": ("image/png", lambda b: b.startswith(b"\x89PNG\r\n\x1a\n")),
    "jpg": ("image/jpeg", lambda b: b.startswith(b"\xff\xd8\xff")),
    "jpeg": ("image/jpeg", lambda b: b.startswith(b"\xff\xd8\xff")),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             lambda b: _office(b, "word/")),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             lambda b: _office(b, "xl/")),
}


def _office(content: bytes, folder: str) -> bool:
    if not content.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(BytesIO(content)) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile:
        return False
    return "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)


def safe_name(name: str) -> str:
    """The file's own name, kept readable (Vietnamese letters stay) but without paths or
    characters a download header or a file system would trip on."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = re.sub(r"[\x00-\x1f\"'<>:|?*;]+", "", base).strip(" .") or "tep"
    return base[-120:]


def checked(name: str, content: bytes) -> tuple[str, str, str]:
    """(safe name, content type, sha256) of an acceptable upload; ValidationError naming the
    file otherwise."""
    clean = safe_name(name)
    extension = clean.rsplit(".", 1)[-1].lower() if "." in clean else ""
    if extension not in KINDS:
        raise ValidationError(_("Tệp “%(n)s”: chỉ nhận PDF, ảnh JPG, PNG, Word (.docx) hoặc "
                                "Excel (.xlsx).") % {"n": clean})
    if len(content) > MAX_BYTES:
        raise ValidationError(_("Tệp “%(n)s” lớn hơn 10 MB.") % {"n": clean})
    if not content:
        raise ValidationError(_("Tệp “%(n)s” rỗng.") % {"n": clean})
    content_type, looks_right = KINDS[extension]
    if not looks_right(content):
        raise ValidationError(_("Tệp “%(n)s” không phải là tệp %(e)s thật (nội dung không "
                                "khớp với đuôi tệp).") % {"n": clean, "e": extension.upper()})
    return clean, content_type, hashlib.sha256(content).hexdigest()


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()

"""Serving an uploaded file to someone the scope layer let through (never from /media/)."""

from django.http import FileResponse

# opened in the browser; anything else is downloaded, so an uploaded page never runs on our site
INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg"}


def private_file(field_file, content_type: str, filename: str) -> FileResponse:
    """The stored file with its own name; the browser neither sniffs another type nor caches it."""
    content_type = content_type or "application/octet-stream"
    response = FileResponse(field_file.open("rb"), content_type=content_type,
                            as_attachment=content_type not in INLINE_TYPES, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response

"""A case's documents: checked by name, size and their bytes (a renamed executable is not a
PDF), stored through Django's storage API (any backend in production), read back only through
the scoped download view.

Files are written inside the caller's transaction; if it rolls back, the stored files are
deleted again so no orphan bytes stay behind (`stored_with`).
"""

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from nscl.core.permissions import require
from nscl.reporting.files import checked
from nscl.workflow.services import event_record

from ..choices import DocumentKind
from ..events import SupportVerb
from ..models import CaseDocument, SupportCase
from ..permissions import can_attach_document


@contextmanager
def stored_with():
    """Collect the files saved in the block; delete them if the block raises."""
    saved: list = []
    try:
        yield saved
    except BaseException:
        for document in saved:
            document.file.storage.delete(document.file.name)
        raise


def _save(case: SupportCase, actor, kind: str, name: str, content: bytes, title: str,
          saved: list) -> CaseDocument:
    if kind not in DocumentKind.values:
        raise ValidationError(_("Loại tài liệu “%(k)s” không có trong danh mục.") % {"k": kind})
    try:
        clean, content_type, digest = checked(name, content)
    except ValidationError as exc:
        label = DocumentKind(kind).label
        raise ValidationError(f"{label}: {' '.join(exc.messages)}") from exc
    document = CaseDocument(case=case, kind=kind, stage=case.status, original_name=clean,
                            title=(title or DocumentKind(kind).label).strip()[:200],
                            content_type=content_type, size=len(content), sha256=digest,
                            uploaded_by=actor)
    document.file.save(clean, ContentFile(content), save=False)
    saved.append(document)
    document.save()
    return document


def attach_all(case: SupportCase, actor, documents: list[tuple[str, str, bytes]],
               saved: list) -> list[CaseDocument]:
    """Store an application's documents (kind, file name, bytes) in the caller's transaction."""
    return [_save(case, actor, kind, name, content, "", saved)
            for kind, name, content in documents]


def missing_kinds(call, documents: list[tuple[str, str, bytes]]) -> list[str]:
    given = {kind for kind, _name, _content in documents}
    return [str(DocumentKind(k).label) for k in call.required_kinds() if k not in given]


def document_attach(*, case: SupportCase, actor, kind: str, name: str, content: bytes,
                    title: str = "") -> CaseDocument:
    """A document added at a step of the case (a certificate, minutes, acceptance records),
    by the beneficiary, the office or a member of a council assigned to the case; logged."""
    require(can_attach_document(actor, case))
    with stored_with() as saved, transaction.atomic():
        document = _save(case, actor, kind, name, content, title, saved)
        event_record(actor=actor, verb=SupportVerb.DOCUMENT_ADDED, obj=case,
                     after={"kind": str(document.get_kind_display()),
                            "file": document.original_name, "size": document.size,
                            "sha256": document.sha256},
                     note=_("Đính kèm: %(t)s") % {"t": document.title})
    return document

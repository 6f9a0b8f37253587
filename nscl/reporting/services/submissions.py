"""A unit's contribution: saved as a draft (its sections, its grid, its signer), sent within its
time (on time until the deadline, late until the expiry the office set, after that only once
reopened), returned or accepted by the office (accepted is frozen); files attached to it."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nscl.core.permissions import require

from .. import outline as outlines
from ..files import checked
from ..models import Submission, SubmissionAttachment, SubmissionRow
from ..permissions import sending_window
from ..table import MAX_CELL, MAX_ROWS, RowInput, check_rows, columns
from ..workflow import SUBMISSION_FLOW, S

MAX_SECTION = 20_000


def stored_rows(submission: Submission) -> list[RowInput]:
    return [RowInput(r.order, dict(r.cells), r.is_total) for r in submission.rows.all()]


def submission_save(*, submission: Submission, actor, sections: dict, rows: list[RowInput],
                    document_number: str = "", document_date: dt.date | None = None,
                    signer_authority: str = "", signer_title: str = "", signer_name: str = ""
                    ) -> Submission:
    """Save the unit's draft (its reporter, or the office on its behalf). An accepted
    submission is frozen."""
    if len(rows) > MAX_ROWS:
        raise ValidationError(_("Bảng số liệu có quá %(n)s dòng.") % {"n": MAX_ROWS})

    def step(obj):
        keys = outlines.writable_keys(obj.request.outline)
        obj.sections = {k: (sections.get(k) or "").strip()[:MAX_SECTION] for k in keys}
        obj.document_number, obj.document_date = document_number.strip()[:40], document_date
        obj.signer_authority = signer_authority.strip()[:60]
        obj.signer_title = signer_title.strip()[:60]
        obj.signer_name = signer_name.strip()[:100]
        if obj.status == S.EXPECTED:
            obj.status = S.DRAFT
        keys_of = {c["key"] for c in columns(obj.request.form)}
        obj.rows.all().delete()
        SubmissionRow.objects.bulk_create([SubmissionRow(
            submission=obj, order=r.order, is_total=r.is_total,
            cells={k: str(v)[:MAX_CELL] for k, v in r.cells.items() if k in keys_of})
            for r in rows])
        return {"rows": len(rows)}
    return SUBMISSION_FLOW.perform(submission, "save", actor, step)


def submission_submit(*, submission: Submission, actor, today: dt.date | None = None
                      ) -> Submission:
    """Send to the program office: refused past its time (unless reopened), while the table has
    a bad cell or a wrong total, or with nothing written."""
    def step(obj):
        require(sending_window(obj, today))
        _numbers, findings = check_rows(obj.request.form, stored_rows(obj))
        if findings:
            raise ValidationError([f.message for f in findings])
        if not any((obj.sections or {}).values()) and not obj.rows.exists():
            raise ValidationError(_("Báo cáo chưa có nội dung."))
        obj.submitted_at = timezone.now()
        return {"late": obj.is_late}
    return SUBMISSION_FLOW.perform(submission, "submit", actor, step)


def submission_send(*, submission: Submission, actor, today: dt.date | None = None,
                    **draft) -> Submission:
    """Save the draft as typed and send it, in one transaction (the page's "send" button).

    Two identical sends at the same moment (a double click, two tabs) take the submission's lock
    one after the other: the second finds it sent and is refused with nothing written — no
    second save in the log. A send refused for what the draft holds (a bad cell, a wrong total,
    past its time) still keeps the draft saved, and says why."""
    with transaction.atomic():
        submission_save(submission=submission, actor=actor, **draft)
        try:
            return submission_submit(submission=submission, actor=actor, today=today)
        except (ValidationError, PermissionDenied) as exc:  # its own savepoint rolled back
            refusal = exc
    raise refusal


def submission_review(*, submission: Submission, actor, accept: bool, comment: str = ""
                      ) -> Submission:
    """Accept (the submission is then frozen) or return it with comments."""
    if not accept and not comment.strip():
        raise ValidationError(_("Ghi ý kiến để đơn vị biết cần sửa gì."))

    def step(obj):
        obj.review_comment = comment
        obj.accepted_at = timezone.now() if accept else None
        return {"text": comment}
    return SUBMISSION_FLOW.perform(submission, "accept" if accept else "return", actor, step)


def submission_reopen(*, submission: Submission, actor, until: dt.date) -> Submission:
    """Give a late or missing unit a new deadline."""
    def step(obj):
        if until <= timezone.localdate():
            raise ValidationError(_("Hạn mới phải sau hôm nay."))
        obj.reopened_until = until
        return {"deadline": until}
    return SUBMISSION_FLOW.perform(submission, "reopen", actor, step)


def attachment_add(*, submission: Submission, actor, kind: str, title: str, name: str,
                   content: bytes) -> SubmissionAttachment:
    """Attach a file (type checked by its bytes, at most 10 MB) while the unit may edit."""
    clean, content_type, digest = checked(name, content)
    holder = {}

    def step(obj):
        attachment = SubmissionAttachment(
            submission=obj, kind=kind, title=(title or clean).strip()[:200],
            original_name=clean, content_type=content_type, size=len(content), sha256=digest,
            uploaded_by=actor)
        attachment.full_clean(exclude=["file"])
        attachment.file.save(clean, ContentFile(content), save=False)
        holder["attachment"], holder["name"] = attachment, attachment.file.name
        attachment.save()
        return {"file": clean, "sha256": digest}
    try:
        SUBMISSION_FLOW.perform(submission, "attach", actor, step)
    except Exception:
        if "attachment" in holder:  # the row was rolled back: do not keep its file
            holder["attachment"].file.storage.delete(holder["name"])
        raise
    return holder["attachment"]


def attachment_remove(*, attachment: SubmissionAttachment, actor) -> None:
    """Remove an attachment while the unit may still edit; the file goes once committed."""
    def step(obj):
        name, storage = attachment.file.name, attachment.file.storage
        title = attachment.title
        attachment.delete()
        transaction.on_commit(lambda: storage.delete(name))
        return {"file": title, "value": "removed"}
    SUBMISSION_FLOW.perform(attachment.submission, "attach", actor, step,
                            note=_("Gỡ tài liệu đính kèm"))

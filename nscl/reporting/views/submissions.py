"""A unit's submission: its sections, the grid (posted, as .xlsx out and back), attachments, its
own Word and PDF; the office's review and new deadlines."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nscl.core.downloads import private_file
from nscl.core.forms import add_refusal
from nscl.workflow.confirmation import confirm_step, facts_from_form

from .. import documents, selectors, services
from ..build import prefill
from ..forms import (
    AttachmentForm,
    GridUploadForm,
    ReopenForm,
    ReviewForm,
    SubmissionForm,
)
from ..jobs import submission_pdf_start
from ..permissions import can_manage_reporting, sending_window
from ..table import blank_rows, check_rows, columns, form_xlsx, rows_from_post, rows_from_xlsx
from ..workflow import SUBMISSION_FLOW
from .common import FAILURES, _attachment, _errors


def _submission_context(request, submission, form, rows, editable):
    req = submission.request
    numbers, findings = check_rows(req.form, rows)
    return {
        "submission": submission, "req": req, "form": form, "editable": editable,
        "rows": rows, "columns": columns(req.form), "numbers": numbers, "findings": findings,
        "window": sending_window(submission), "review_form": ReviewForm(),
        "upload_form": GridUploadForm(), "attachment_form": AttachmentForm(),
        "attachments": submission.attachments.all(),
        "can_review": SUBMISSION_FLOW.may(request.user, submission, "accept"),
        "can_manage": can_manage_reporting(request.user, req.plan),
        "submit_confirm": SUBMISSION_FLOW.by_action["submit"].confirm,
        "accept_confirm": SUBMISSION_FLOW.by_action["accept"].confirm,
        "has_total": bool((req.form or {}).get("total", True))}


@login_required
def submission_detail(request, pk):
    submission = selectors.submission_get(request.user, pk)
    if not submission.request.is_issued:
        raise Http404
    editable = bool(SUBMISSION_FLOW.may(request.user, submission, "save"))
    req = submission.request
    initial, rows = _stored(submission, editable and request.method == "GET")
    form = SubmissionForm(request.POST or None, initial=initial, outline=req.outline)
    if request.method == "POST":
        rows = rows_from_post(req.form, request.POST)
        page = confirm_step(
            request, SUBMISSION_FLOW, "submit", submission, facts=facts_from_form(form),
            back=reverse("reporting:submission_detail", args=[submission.pk])) \
            if "submit" in request.POST and form.is_valid() else None
        if page is not None:
            return page
        if form.is_valid():
            draft = {"sections": form.sections(), "rows": rows, **{
                k: form.cleaned_data[k] for k in ("document_number", "document_date",
                                                  "signer_authority", "signer_title",
                                                  "signer_name")}}
            sending = "submit" in request.POST
            try:
                if sending:  # confirmed above; saved and sent in one transaction
                    services.submission_send(submission=submission, actor=request.user, **draft)
                    messages.success(request, _("Đã gửi báo cáo."))
                else:
                    services.submission_save(submission=submission, actor=request.user, **draft)
                    messages.success(request, _("Đã lưu bản nháp."))
            except FAILURES as exc:  # said at the top; the page keeps what was typed
                _errors(request, exc)
                submission = selectors.submission_get(request.user, pk)
                editable = bool(SUBMISSION_FLOW.may(request.user, submission, "save"))
            else:
                return redirect("reporting:submission_detail", pk=submission.pk)
    if editable and not rows:
        rows = blank_rows(req.form)
    return render(request, "reporting/submission_detail.html",
                  _submission_context(request, submission, form, rows, editable))


def _stored(submission, fill: bool) -> tuple[dict, list]:
    """The report's saved text and rows; with `fill`, an empty draft prefilled."""
    rows = services.stored_rows(submission)
    initial = {f"s_{k}": v for k, v in (submission.sections or {}).items()} | {
        name: getattr(submission, name) for name in (
            "document_number", "document_date", "signer_authority", "signer_title",
            "signer_name")}
    if fill and not any((submission.sections or {}).values()) and not rows:
        sections, rows = prefill(submission)
        initial |= {f"s_{k}": v for k, v in sections.items()}
    return initial, rows


@login_required
def submission_grid_xlsx(request, pk):
    """The form as an Excel sheet to fill offline (with the rows saved so far)."""
    submission = selectors.submission_get(request.user, pk)
    req = submission.request
    rows = services.stored_rows(submission) or blank_rows(req.form)
    content = form_xlsx(req.form, rows, f"{req.reference} — {submission.unit.name}")
    return _attachment(HttpResponse(content, content_type=documents.XLSX),
                       f"bieu-so-lieu-{submission.pk}.xlsx")


@login_required
@require_POST
def submission_grid_upload(request, pk):
    """Fill the grid from an uploaded sheet: all rows or none, every bad cell named."""
    submission = selectors.submission_get(request.user, pk)
    form = GridUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Chọn tệp Excel (.xlsx)."))
        return redirect("reporting:submission_detail", pk=submission.pk)
    upload = form.cleaned_data["file"]
    try:
        if upload.size > 5 * 1024 * 1024 or not upload.name.lower().endswith(".xlsx"):
            raise ValidationError(_("Chỉ nhận tệp Excel (.xlsx) tối đa 5 MB."))
        rows = rows_from_xlsx(submission.request.form, upload.read())
        services.submission_save(
            submission=submission, actor=request.user, sections=submission.sections or {},
            rows=rows, **{k: getattr(submission, k) for k in (
                "document_number", "document_date", "signer_authority", "signer_title",
                "signer_name")})
    except FAILURES as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Đã nhập %(n)s dòng từ tệp Excel.") % {"n": len(rows)})
    return redirect("reporting:submission_detail", pk=submission.pk)


@login_required
def submission_file(request, pk, fmt):
    """The unit's own report as Word or PDF, in the Decree 30 layout with its own header."""
    if fmt not in {"docx", "pdf"}:
        raise Http404
    submission = selectors.submission_get(request.user, pk)
    if fmt == "pdf":  # LibreOffice: a job, whose page gives the file
        job = submission_pdf_start(submission=submission, actor=request.user)
        return redirect("jobs:job_detail", pk=job.pk)
    name = f"bao-cao-{submission.unit.code}-{submission.request.number or submission.pk}"
    return _attachment(HttpResponse(documents.submission_docx(submission),
                                    content_type=documents.DOCX), f"{name}.docx")


@login_required
@require_POST
def attachment_add(request, pk):
    submission = selectors.submission_get(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > 10 * 1024 * 1024:
                raise ValidationError(_("Tệp “%(n)s” lớn hơn 10 MB.") % {"n": upload.name})
            services.attachment_add(submission=submission, actor=request.user,
                                    kind=form.cleaned_data["kind"],
                                    title=form.cleaned_data["title"], name=upload.name,
                                    content=upload.read())
        except FAILURES as exc:
            add_refusal(form, exc)
        else:
            messages.success(request, _("Đã đính kèm “%(n)s”.") % {"n": upload.name})
            return redirect("reporting:submission_detail", pk=submission.pk)
    # the report's page again, the kind and title kept; a browser cannot refill a file input
    form.add_error("file", _("Vui lòng chọn lại tệp."))
    editable = bool(SUBMISSION_FLOW.may(request.user, submission, "save"))
    initial, rows = _stored(submission, editable)
    if editable and not rows:
        rows = blank_rows(submission.request.form)
    context = _submission_context(request, submission, SubmissionForm(
        initial=initial, outline=submission.request.outline), rows, editable)
    return render(request, "reporting/submission_detail.html",
                  context | {"attachment_form": form})


@login_required
def attachment_download(request, pk):
    """An attachment, to whoever may see its submission (the unit, the office), never from
    /media/."""
    attachment = selectors.attachment_get(request.user, pk)
    return private_file(attachment.file, attachment.content_type, attachment.original_name)


@login_required
@require_POST
def attachment_remove(request, pk):
    attachment = selectors.attachment_get(request.user, pk)
    try:
        services.attachment_remove(attachment=attachment, actor=request.user)
    except FAILURES as exc:
        _errors(request, exc)
    return redirect("reporting:submission_detail", pk=attachment.submission_id)


@login_required
@require_POST
def submission_review(request, pk):
    submission = selectors.submission_get(request.user, pk)
    form = ReviewForm(request.POST)
    form.is_valid()
    accept = "accept" in request.POST
    page = confirm_step(request, SUBMISSION_FLOW, "accept", submission,
                        facts=facts_from_form(form),
                        back=reverse("reporting:submission_detail", args=[submission.pk])) \
        if accept else None
    if page is not None:
        return page
    try:
        services.submission_review(submission=submission, actor=request.user, accept=accept,
                                   comment=form.cleaned_data.get("comment", ""))
        messages.success(request, _("Đã ghi ý kiến xem xét."))
    except FAILURES as exc:
        _errors(request, exc)
    return redirect("reporting:submission_detail", pk=submission.pk)


@login_required
@require_POST
def submission_reopen(request, pk):
    submission = selectors.submission_get(request.user, pk)
    form = ReopenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ghi hạn mới dạng dd/mm/yyyy."))
    else:
        try:
            services.submission_reopen(submission=submission, actor=request.user,
                                       until=form.cleaned_data["until"])
            messages.success(request, _("Đã gia hạn cho %(u)s.") % {"u": submission.unit})
        except FAILURES as exc:
            _errors(request, exc)
    return redirect("reporting:request_detail", pk=submission.request_id)

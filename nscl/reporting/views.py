"""Reporting pages: requests (drafted with every Decree 09 element, issued, copied, made from a
template) and their completeness, a unit's submission (sections, the grid, attachments, its own
Word and PDF), the consolidated report (edit, freeze, sign, send, correct; its versions) and the
Ministry's comparison of provinces. Thin: every write is a service, every read a selector."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nscl.core.params import int_param
from nscl.core.permissions import require
from nscl.organisation.models import Unit
from nscl.workflow.engine import WorkflowError

from . import documents, selectors, services, signing
from . import outline as outlines
from .build import prefill
from .choices import RequestStatus
from .figures import Table, report_tables
from .files import sha256
from .forms import (
    AttachmentForm,
    CorrectionForm,
    GridUploadForm,
    ReopenForm,
    ReportForm,
    RequestForm,
    ReviewForm,
    SignedUploadForm,
    SignForm,
    SubmissionForm,
)
from .permissions import can_compare_provinces, can_manage_reporting, sending_window
from .table import blank_rows, check_rows, columns, form_xlsx, rows_from_post, rows_from_xlsx
from .workflow import REPORT_FLOW, REQUEST_FLOW, SUBMISSION_FLOW

FAILURES = (ValidationError, PermissionDenied, WorkflowError, documents.ConversionError)


def _errors(request, exc) -> None:
    for message in (exc.messages if isinstance(exc, ValidationError) else [str(exc)]):
        messages.error(request, message)


def _confirmed(request) -> bool:
    """Irreversible steps show their summary with a box to tick (no script needed)."""
    if request.POST.get("xac_nhan") == "1":
        return True
    messages.error(request, _("Đánh dấu ô xác nhận trước khi thực hiện bước này."))
    return False


def _attachment(response, name: str):
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- the reporting home page ---------------------------------------------------------------------

@login_required
def inbox(request):
    plans = list(selectors.plans_to_report_on(request.user).order_by("start_year"))
    return render(request, "reporting/inbox.html", {
        "requests": selectors.requests_for(request.user).order_by("-created_at")[:200],
        "templates": selectors.templates_for(request.user) if plans else [],
        "plans": plans, "year": timezone.localdate().year,
        "submissions": selectors.submissions_for(request.user)
        .filter(request__status=RequestStatus.ISSUED).order_by("-request__issued_on")[:300],
        "sent": selectors.sent_reports(request.user),
        "can_compare": can_compare_provinces(request.user)})


# --- requests ------------------------------------------------------------------------------------

def _request_form(request, req, data=None):
    path = req.plan.province.province_path()
    units = Unit.objects.filter(path__startswith=path, valid_until__isnull=True).exclude(
        kind__in=("enterprise", "province", "ministry", "commune")).order_by("name")
    communes = Unit.objects.filter(path__startswith=path, kind="commune").order_by("name")
    listed = req.listed_units.all() if req.pk else Unit.objects.none()
    return RequestForm(data, initial=RequestForm.initial_for(req),
                       units=(units | communes.filter(pk__in=listed) | listed).distinct()
                       .order_by("kind", "name"),
                       recipients=Unit.objects.filter(path__startswith=path, kind="department",
                                                      valid_until__isnull=True).order_by("name"))


@login_required
@require_POST
def request_new(request):
    """A new draft for one of the office's plans (then edited on its own page)."""
    plans = selectors.plans_to_report_on(request.user)
    if not plans.exists():
        raise PermissionDenied(_("Chỉ cơ quan điều hành Chương trình soạn công văn đề nghị báo "
                                 "cáo."))
    plan = plans.filter(pk=int_param(request.POST, "ke_hoach")).first()
    if plan is None:
        messages.error(request, _("Chọn kế hoạch của công văn."))
        return redirect("reporting:inbox")
    try:
        req = services.request_create(plan=plan, actor=request.user,
                                      name=request.POST.get("name", "")[:300].strip())
    except FAILURES as exc:
        _errors(request, exc)
        return redirect("reporting:inbox")
    return redirect("reporting:request_edit", pk=req.pk)


@login_required
def request_edit(request, pk):
    req = selectors.request_get(request.user, pk)
    require(REQUEST_FLOW.may(request.user, req, "edit"))
    form = _request_form(request, req, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_update(request=req, actor=request.user,
                                    units=form.cleaned_data["units"], **form.request_fields())
        except FAILURES as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Đã lưu dự thảo công văn."))
            return redirect("reporting:request_detail", pk=req.pk)
    return render(request, "reporting/request_edit.html", {"req": req, "form": form})


@login_required
def request_detail(request, pk):
    req = selectors.request_get(request.user, pk)
    report = getattr(req, "report", None) if req.is_issued else None
    manage = bool(can_manage_reporting(request.user, req.plan))
    return render(request, "reporting/request_detail.html", {
        "req": req, "rows": selectors.completeness(req) if req.is_issued else [],
        "problems": services.request_problems(req) if not req.is_issued else [],
        "audience": services.audience_units(req)[:400] if not req.is_issued else [],
        "can_edit": REQUEST_FLOW.may(request.user, req, "edit"),
        "can_issue": REQUEST_FLOW.may(request.user, req, "issue"),
        "issue_confirm": REQUEST_FLOW.by_action["issue"].confirm,
        "can_manage": manage,
        "can_build": manage and req.is_issued and (
            report is None or REPORT_FLOW.may(request.user, report, "build")),
        "report": report, "reopen_form": ReopenForm(),
        "outline": outlines.numbered(req.outline), "columns": columns(req.form)})


@login_required
@require_POST
def request_issue(request, pk):
    req = selectors.request_get(request.user, pk)
    if _confirmed(request):
        try:
            services.request_issue(request=req, actor=request.user)
        except FAILURES as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Đã ban hành công văn %(r)s.") % {"r": req.reference})
    return redirect("reporting:request_detail", pk=req.pk)


@login_required
@require_POST
def request_copy(request, pk):
    req = selectors.request_get(request.user, pk)
    try:
        copy = services.request_copy(source=req, actor=request.user)
    except FAILURES as exc:
        _errors(request, exc)
        return redirect("reporting:request_detail", pk=req.pk)
    messages.success(request, _("Đã sao chép thành dự thảo của kỳ sau; kiểm tra và ban hành."))
    return redirect("reporting:request_edit", pk=copy.pk)


@login_required
@require_POST
def template_save(request, pk):
    req = selectors.request_get(request.user, pk)
    try:
        template = services.template_from_request(request=req, actor=request.user)
    except FAILURES as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Đã lưu mẫu “%(n)s”: công văn các kỳ sau được tạo từ mẫu "
                                    "này.") % {"n": template.name})
    return redirect("reporting:request_detail", pk=req.pk)


@login_required
@require_POST
def template_make(request, pk):
    template = selectors.templates_for(request.user).filter(pk=pk).first()
    if template is None:
        raise Http404
    year = int_param(request.POST, "year", low=2000, high=2100)
    part = int_param(request.POST, "part", low=1, high=4) or 1
    if year is None:
        messages.error(request, _("Ghi năm của kỳ báo cáo."))
        return redirect("reporting:inbox")
    try:
        req = services.request_from_template(template=template, year=year, part=part,
                                             actor=request.user)
    except (*FAILURES, ValueError) as exc:
        _errors(request, exc if not isinstance(exc, ValueError) else ValidationError(
            _("Kỳ không hợp lệ với tần suất của mẫu.")))
        return redirect("reporting:inbox")
    return redirect("reporting:request_edit", pk=req.pk)


# --- a unit's submission -------------------------------------------------------------------------

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
    rows = services.stored_rows(submission)
    initial = {f"s_{k}": v for k, v in (submission.sections or {}).items()} | {
        name: getattr(submission, name) for name in (
            "document_number", "document_date", "signer_authority", "signer_title",
            "signer_name")}
    if request.method == "GET" and editable and not any((submission.sections or {}).values()) \
            and not rows:
        sections, rows = prefill(submission)
        initial |= {f"s_{k}": v for k, v in sections.items()}
    form = SubmissionForm(request.POST or None, initial=initial, outline=req.outline)
    if request.method == "POST":
        rows = rows_from_post(req.form, request.POST)
        if form.is_valid():
            try:
                services.submission_save(
                    submission=submission, actor=request.user, sections=form.sections(),
                    rows=rows, **{k: form.cleaned_data[k] for k in (
                        "document_number", "document_date", "signer_authority",
                        "signer_title", "signer_name")})
                if "submit" in request.POST:
                    if _confirmed(request):
                        services.submission_submit(submission=submission, actor=request.user)
                        messages.success(request, _("Đã gửi báo cáo."))
                else:
                    messages.success(request, _("Đã lưu bản nháp."))
            except FAILURES as exc:
                _errors(request, exc)
            return redirect("reporting:submission_detail", pk=submission.pk)
    if editable and not rows:
        rows = blank_rows(req.form)
    return render(request, "reporting/submission_detail.html",
                  _submission_context(request, submission, form, rows, editable))


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
    word = documents.submission_docx(submission)
    name = f"bao-cao-{submission.unit.code}-{submission.request.number or submission.pk}"
    if fmt == "docx":
        return _attachment(HttpResponse(word, content_type=documents.DOCX), f"{name}.docx")
    try:
        pdf = documents.pdf_bytes(word)
    except documents.ConversionError as exc:
        messages.error(request, str(exc))
        return redirect("reporting:submission_detail", pk=submission.pk)
    return _attachment(HttpResponse(pdf, content_type="application/pdf"), f"{name}.pdf")


@login_required
@require_POST
def attachment_add(request, pk):
    submission = selectors.submission_get(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("reporting:submission_detail", pk=submission.pk)
    upload = form.cleaned_data["file"]
    try:
        if upload.size > 10 * 1024 * 1024:
            raise ValidationError(_("Tệp “%(n)s” lớn hơn 10 MB.") % {"n": upload.name})
        services.attachment_add(submission=submission, actor=request.user,
                                kind=form.cleaned_data["kind"], title=form.cleaned_data["title"],
                                name=upload.name, content=upload.read())
    except FAILURES as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Đã đính kèm “%(n)s”.") % {"n": upload.name})
    return redirect("reporting:submission_detail", pk=submission.pk)


@login_required
def attachment_download(request, pk):
    """An attachment, to whoever may see its submission (the unit, the office), never from
    /media/."""
    attachment = selectors.attachment_get(request.user, pk)
    inline = attachment.content_type in {"application/pdf", "image/png", "image/jpeg"}
    response = FileResponse(attachment.file.open("rb"), content_type=attachment.content_type,
                            as_attachment=not inline, filename=attachment.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


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
    if accept and not _confirmed(request):
        return redirect("reporting:submission_detail", pk=submission.pk)
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


# --- the consolidated report ---------------------------------------------------------------------

@login_required
@require_POST
def report_create(request, pk):
    req = selectors.request_get(request.user, pk)
    try:
        report = services.report_build(request=req, actor=request.user)
    except FAILURES as exc:
        _errors(request, exc)
        return redirect("reporting:request_detail", pk=req.pk)
    messages.success(request, _("Đã tổng hợp báo cáo từ dữ liệu và các báo cáo được chấp nhận."))
    return redirect("reporting:report_detail", pk=report.pk)


def _versions(request, report):
    """The versions the user may see, each with its signature verified now (on download)."""
    rows = []
    for version in selectors.versions_for(request.user, report).order_by("-number"):
        check = None
        if version.signature and version.pdf.name:
            with version.pdf.open("rb") as handle:
                check = signing.verify(handle.read())
        rows.append({"version": version, "check": check})
    return rows


@login_required
def report_detail(request, pk):
    report = selectors.report_get(request.user, pk)
    req = report.request
    can_edit = bool(REPORT_FLOW.may(request.user, report, "edit"))
    initial = {f: getattr(report, f) for f in ReportForm.base_fields} | {
        f"s_{k}": v for k, v in (report.sections or {}).items()}
    form = ReportForm(request.POST or None, initial=initial, outline=req.outline)
    if request.method == "POST":
        require(REPORT_FLOW.may(request.user, report, "edit"))
        if form.is_valid():
            try:
                services.report_save(report=report, actor=request.user,
                                     sections=form.sections(), **form.header_fields())
                messages.success(request, _("Đã lưu nội dung báo cáo."))
                return redirect("reporting:report_detail", pk=report.pk)
            except FAILURES as exc:
                _errors(request, exc)
    office = bool(can_manage_reporting(request.user, req.plan))
    versions = _versions(request, report)
    current = next((v["version"] for v in versions if v["version"].number == report.version),
                   None)
    if can_edit or current is None:
        _figures, tables = report_tables(req) if office else (None, [])
    else:
        tables = [Table.thawed(t) for t in current.tables]
    dashboard = None
    if office and req.window:
        dashboard = (f"?tu={req.window.since.isoformat()}&den={req.window.until.isoformat()}"
                     + (f"&nam_dau={req.years[0]}&nam_cuoi={req.years[1]}" if req.years else ""))
    return render(request, "reporting/report_detail.html", {
        "report": report, "req": req, "form": form, "can_edit": can_edit, "office": office,
        "tables": tables, "versions": versions, "current": current, "dashboard": dashboard,
        "flow": {t.action: t for t in REPORT_FLOW.allowed(request.user, report)},
        "sign_form": SignForm(), "signed_upload_form": SignedUploadForm(),
        "correction_form": CorrectionForm()})


@login_required
def report_file(request, pk, fmt):
    """The draft as it is now (Word, Excel; PDF through LibreOffice). A report whose current
    version is frozen gets that version's stored files."""
    if fmt not in {"docx", "pdf", "xlsx"}:
        raise Http404
    report = selectors.report_get(request.user, pk)
    require(can_manage_reporting(request.user, report.request.plan))
    name = documents.file_name(report)
    figures_tables = report_tables(report.request)[1]
    if fmt == "xlsx":
        content, kind = documents.xlsx_bytes(report, figures_tables), documents.XLSX
    else:
        word = documents.report_docx(report, figures_tables)
        content, kind = word, documents.DOCX
        if fmt == "pdf":
            try:
                content, kind = documents.pdf_bytes(word), "application/pdf"
            except documents.ConversionError as exc:
                messages.error(request, str(exc))
                return redirect("reporting:report_detail", pk=report.pk)
    return _attachment(HttpResponse(content, content_type=kind), f"du-thao-{name}.{fmt}")


CONTENT_TYPES = {"docx": documents.DOCX, "xlsx": documents.XLSX, "pdf": "application/pdf"}


@login_required
def version_file(request, pk, fmt):
    """A version's stored file, exactly the bytes kept when it was frozen (and signed): its
    SHA-256 is checked before it is served, and a signed PDF verified."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    version = selectors.version_get(request.user, pk)
    stored = getattr(version, fmt)
    if not stored.name:
        raise Http404
    with stored.open("rb") as handle:
        content = handle.read()
    if sha256(content) != getattr(version, f"sha256_{fmt}"):
        return render(request, "reporting/file_damaged.html", {"version": version}, status=409)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["X-Checksum-SHA256"] = getattr(version, f"sha256_{fmt}")
    if fmt == "pdf" and version.signature:
        check = signing.verify(content)
        response["X-Signature-Valid"] = "1" if check.ok else "0"
    name = documents.file_name(version.report, version.number)
    return _attachment(response, f"{name}.{fmt}")


def _report_step(request, pk, action, run, success):
    report = selectors.report_get(request.user, pk)
    transition = REPORT_FLOW.by_action[action]
    if transition.confirm and not _confirmed(request):
        return redirect("reporting:report_detail", pk=report.pk)
    try:
        run(report)
    except FAILURES as exc:
        _errors(request, exc)
    else:
        messages.success(request, success)
    return redirect("reporting:report_detail", pk=report.pk)


@login_required
@require_POST
def report_freeze(request, pk):
    return _report_step(request, pk, "freeze", lambda r: services.version_freeze(
        report=r, actor=request.user), _("Đã chốt báo cáo: các tệp Word, PDF, Excel được lưu."))


@login_required
@require_POST
def report_unfreeze(request, pk):
    return _report_step(request, pk, "unfreeze", lambda r: services.version_unfreeze(
        report=r, actor=request.user), _("Đã hủy chốt; báo cáo trở lại dự thảo."))


@login_required
@require_POST
def report_sign(request, pk):
    selectors.report_get(request.user, pk)  # out of scope: 404 before anything is read
    form = SignForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Chọn tệp chứng thư số (.p12, .pfx)."))
        return redirect("reporting:report_detail", pk=pk)
    upload = form.cleaned_data["certificate"]
    if upload.size > 100_000:
        messages.error(request, _("Tệp chứng thư số quá lớn."))
        return redirect("reporting:report_detail", pk=pk)
    return _report_step(request, pk, "sign", lambda r: services.version_sign(
        report=r, actor=request.user, pkcs12=upload.read(),
        passphrase=form.cleaned_data["passphrase"]), _("Đã ký số báo cáo; chữ ký hợp lệ."))


@login_required
@require_POST
def report_upload_signed(request, pk):
    selectors.report_get(request.user, pk)  # out of scope: 404 before anything is read
    form = SignedUploadForm(request.POST, request.FILES)
    if not form.is_valid() or form.cleaned_data["file"].size > 30 * 1024 * 1024:
        messages.error(request, _("Chọn tệp PDF đã ký (tối đa 30 MB)."))
        return redirect("reporting:report_detail", pk=pk)
    content = form.cleaned_data["file"].read()
    return _report_step(request, pk, "sign", lambda r: services.version_upload_signed(
        report=r, actor=request.user, content=content),
        _("Đã nhận tệp PDF đã ký; chữ ký hợp lệ."))


@login_required
@require_POST
def report_send(request, pk):
    return _report_step(request, pk, "send", lambda r: services.report_send(
        report=r, actor=request.user), _("Đã gửi báo cáo tới Bộ Khoa học và Công nghệ."))


@login_required
@require_POST
def report_correct(request, pk):
    selectors.report_get(request.user, pk)
    form = CorrectionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _report_step(request, pk, "correct", lambda r: services.report_correct(
        report=r, actor=request.user, note=note),
        _("Đã lập phiên bản đính chính; sửa, chốt, ký và gửi lại."))


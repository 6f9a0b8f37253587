"""The consolidated report: edit, freeze, sign, send, correct; its versions and their files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nscl.core.permissions import require
from nscl.workflow.confirmation import confirm_step, facts_from_form

from .. import documents, selectors, services, signing
from ..figures import Table, report_tables
from ..files import sha256
from ..forms import (
    CorrectionForm,
    ReportForm,
    SignedUploadForm,
    SignForm,
)
from ..jobs import report_freeze_start, report_pdf_start
from ..permissions import can_manage_reporting
from ..workflow import REPORT_FLOW
from .common import FAILURES, _attachment, _errors


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
    if fmt == "pdf":  # LibreOffice takes seconds: a job, whose page shows it and the file
        return redirect("jobs:job_detail", pk=report_pdf_start(report=report,
                                                               actor=request.user).pk)
    name = documents.file_name(report)
    figures_tables = report_tables(report.request)[1]
    if fmt == "xlsx":
        content, kind = documents.xlsx_bytes(report, figures_tables), documents.XLSX
    else:
        content, kind = documents.report_docx(report, figures_tables), documents.DOCX
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


def _report_step(request, pk, action, run, success, facts=()):
    report = selectors.report_get(request.user, pk)
    page = confirm_step(request, REPORT_FLOW, action, report, facts=facts,
                        back=reverse("reporting:report_detail", args=[report.pk]))
    if page is not None:
        return page
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
    """Freezing makes the PDF (LibreOffice): it runs as a job, whose page follows it."""
    report = selectors.report_get(request.user, pk)
    allowed = REPORT_FLOW.may(request.user, report, "freeze")
    if not allowed:
        messages.error(request, allowed.reason)
        return redirect("reporting:report_detail", pk=report.pk)
    problems = services.freeze_problems(report)  # said before asking to confirm
    page = confirm_step(request, REPORT_FLOW, "freeze", report,
                        back=reverse("reporting:report_detail", args=[report.pk]))
    if page is not None and not problems:
        return page
    if not problems:
        job = report_freeze_start(report=report, actor=request.user)
        return redirect("jobs:job_detail", pk=job.pk)
    for problem in problems:
        messages.error(request, problem)
    return redirect("reporting:report_detail", pk=report.pk)


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
        _("Đã lập phiên bản đính chính; sửa, chốt, ký và gửi lại."), facts_from_form(form))

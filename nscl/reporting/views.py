"""Reporting pages: requests and their completeness, a unit's submission, the consolidated
report (edit, documents, send) and the Ministry's comparison of provinces."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nscl.core.permissions import require
from nscl.workflow.engine import WorkflowError

from . import documents, selectors, services
from .build import prefill, report_build
from .choices import TEXT_KEYS
from .figures import KEY_LABELS, all_tables, key_figures
from .forms import ReopenForm, ReportForm, ReviewForm, SubmissionForm
from .jobs import file_name, report_pdf_start
from .permissions import can_manage_reporting
from .table import check_rows, rows_from_text
from .workflow import REPORT_FLOW, SUBMISSION_FLOW

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _errors(request, exc) -> None:
    for message in (exc.messages if isinstance(exc, ValidationError) else [str(exc)]):
        messages.error(request, message)


@login_required
def inbox(request):
    return render(request, "reporting/inbox.html", {
        "requests": selectors.requests_for(request.user),
        "submissions": selectors.submissions_for(request.user).order_by("-request__issued_on"),
        "sent": selectors.sent_reports(request.user)})


@login_required
def request_detail(request, pk):
    req = selectors.request_get(request.user, pk)
    report = getattr(req, "report", None)
    return render(request, "reporting/request_detail.html", {
        "req": req, "rows": selectors.completeness(req),
        "can_manage": can_manage_reporting(request.user, req.plan),
        "can_build": can_manage_reporting(request.user, req.plan) and (
            report is None or REPORT_FLOW.may(request.user, report, "build")),
        "report": report, "reopen_form": ReopenForm()})


def _table_text(rows) -> str:
    return "\n".join(f"{r.activity} | {r.cost_text} | {r.period}" for r in rows)


@login_required
def submission_detail(request, pk):
    submission = selectors.submission_get(request.user, pk)
    editable = bool(SUBMISSION_FLOW.may(request.user, submission, "save"))
    initial = {f"s_{k}": (submission.sections or {}).get(k, "") for k in TEXT_KEYS}
    initial |= {"document_number": submission.document_number,
                "document_date": submission.document_date,
                "table": _table_text(services.stored_rows(submission))}
    if request.method == "GET" and editable and not any(submission.sections.values()) \
            and not submission.rows.exists():
        sections, rows = prefill(submission)
        initial |= {f"s_{k}": v for k, v in sections.items()} | {"table": _table_text(rows)}
    form = SubmissionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        rows = rows_from_text(form.cleaned_data["table"])
        try:
            services.submission_save(submission=submission, actor=request.user,
                                     sections=form.sections(), rows=rows,
                                     document_number=form.cleaned_data["document_number"],
                                     document_date=form.cleaned_data["document_date"])
            if "submit" in request.POST:
                services.submission_submit(submission=submission, actor=request.user)
                messages.success(request, _("Đã gửi báo cáo."))
            else:
                messages.success(request, _("Đã lưu bản nháp."))
        except (ValidationError, PermissionDenied, WorkflowError) as exc:
            _errors(request, exc)
        return redirect("reporting:submission_detail", pk=submission.pk)
    _costs, findings = check_rows(services.stored_rows(submission))
    return render(request, "reporting/submission_detail.html", {
        "submission": submission, "form": form, "editable": editable, "findings": findings,
        "rows": submission.rows.all(), "review_form": ReviewForm(),
        "can_review": SUBMISSION_FLOW.may(request.user, submission, "accept")})


@login_required
@require_POST
def submission_review(request, pk):
    submission = selectors.submission_get(request.user, pk)
    form = ReviewForm(request.POST)
    form.is_valid()
    try:
        services.submission_review(submission=submission, actor=request.user,
                                   accept="accept" in request.POST,
                                   comment=form.cleaned_data.get("comment", ""))
        messages.success(request, _("Đã ghi ý kiến xem xét."))
    except (ValidationError, PermissionDenied, WorkflowError) as exc:
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
        except (ValidationError, PermissionDenied, WorkflowError) as exc:
            _errors(request, exc)
    return redirect("reporting:request_detail", pk=submission.request_id)


@login_required
@require_POST
def report_create(request, pk):
    req = selectors.request_get(request.user, pk)
    try:
        report = report_build(request=req, actor=request.user)
    except (PermissionDenied, WorkflowError) as exc:
        _errors(request, exc)
        return redirect("reporting:request_detail", pk=req.pk)
    messages.success(request, _("Đã tổng hợp báo cáo từ dữ liệu và các báo cáo được chấp nhận."))
    return redirect("reporting:report_detail", pk=report.pk)


@login_required
def report_detail(request, pk):
    report = selectors.report_get(request.user, pk)
    can_edit = REPORT_FLOW.may(request.user, report, "edit")
    initial = {f: getattr(report, f) for f in ReportForm.base_fields} | {
        f"s_{k}": report.sections.get(k, "") for k in TEXT_KEYS}
    form = ReportForm(request.POST or None, initial=initial)
    if request.method == "POST":
        require(can_edit)
        if form.is_valid():
            try:
                services.report_save(report=report, actor=request.user,
                                     sections=form.sections(), **form.header_fields())
                messages.success(request, _("Đã lưu nội dung báo cáo."))
                return redirect("reporting:report_detail", pk=report.pk)
            except (ValidationError, WorkflowError) as exc:
                _errors(request, exc)
    req = report.request
    return render(request, "reporting/report_detail.html", {
        "report": report, "form": form, "can_edit": can_edit,
        "tables": all_tables(req.plan, req.period_start, req.period_end)})


@login_required
def report_file(request, pk, fmt):
    if fmt not in {"docx", "pdf", "xlsx"}:
        raise Http404
    report = selectors.report_get(request.user, pk)
    if fmt == "pdf":  # LibreOffice takes seconds: a job, whose page shows it and the file
        return redirect("jobs:job_detail", pk=report_pdf_start(report=report,
                                                               actor=request.user).pk)
    name = file_name(report)
    if fmt == "xlsx":
        content, kind = documents.xlsx_bytes(report), XLSX
    else:
        content, kind = documents.docx_bytes(report), DOCX
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
@require_POST
def report_send(request, pk):
    report = selectors.report_get(request.user, pk)
    req = report.request
    try:
        services.report_send(report=report, actor=request.user,
                             figures=key_figures(req.plan, req.period_start, req.period_end))
    except WorkflowError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Đã gửi báo cáo tới Bộ Khoa học và Công nghệ."))
    return redirect("reporting:report_detail", pk=report.pk)


@login_required
def ministry_compare(request):
    """Every province's sent report, their key figures side by side."""
    reports = list(selectors.sent_reports(request.user).order_by("request__period_end"))
    return render(request, "reporting/compare.html", {"reports": reports,
                                                      "labels": KEY_LABELS})

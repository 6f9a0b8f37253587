"""The consolidated report: built from the records and the accepted contributions, edited while
a draft, then frozen into a version — its Word, PDF and Excel made once and kept with their
SHA-256 and the figures as they were — optionally signed (PAdES), and sent. A sent version never
changes: the Ministry and every later download get exactly its bytes; a correction opens the
next version, with its own number and date."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nscl.core.permissions import require
from nscl.core.text import in_vietnamese
from nscl.workflow.services import event_record

from .. import build, documents, signing
from ..events import ReportingVerb
from ..figures import frozen_figures, report_tables
from ..files import sha256
from ..models import ConsolidatedReport, ReportingRequest, ReportVersion
from ..permissions import can_manage_reporting
from ..workflow import REPORT_FLOW

HEADER_FIELDS = ("governing_body", "issuing_body", "place")

# the document's "Nơi nhận" block, Vietnamese as the document is
RECIPIENTS = ("Bộ Khoa học và Công nghệ\nUBND tỉnh\nCác sở, ban, ngành tỉnh\n"  # i18n: doc
              "Lưu: VT, TĐC")


@transaction.atomic
def report_build(*, request: ReportingRequest, actor) -> ConsolidatedReport:
    """Create the report, or refresh its text from the records and the accepted contributions
    (header, signature and closing edits are kept). A report frozen or sent refuses."""
    require(can_manage_reporting(actor, request.plan))
    request.refresh_from_db()
    if not request.is_issued or request.window is None:
        raise ValidationError(_("Công văn chưa được ban hành nên chưa tổng hợp được."))
    figures, _tables = report_tables(request)
    sections, notes = build.merge(request, figures)
    report = ConsolidatedReport.objects.filter(request=request).first()
    if report is None:
        day = build.default_date(request)
        header = build.header_for(request, day)
        report = ConsolidatedReport.objects.create(
            request=request, date=day, created_by=actor, subject=build.subject_for(request),
            opening=build.opening_for(request, day),
            closing=build.closing_for(request, day),
            recipients=RECIPIENTS,
            signer_name=(getattr(actor, "full_name", "") or getattr(actor, "username", "")
                         or "…"), sections=sections, notes=notes, **header)
        event_record(actor=actor, verb=ReportingVerb.REPORT_CREATED, obj=report,
                     context=request.plan, after={"name": report.reference})

    def step(obj):
        obj.sections, obj.notes = sections, notes
        return {"name": obj.reference, "notes": len(notes)}
    return REPORT_FLOW.perform(report, "build", actor, step)


def report_save(*, report: ConsolidatedReport, actor, **fields) -> ConsolidatedReport:
    """Edit the report while it is a draft. A new date re-derives the issuing authority and
    place (a dissolved province before 1/7/2025, its successor after) unless they were edited."""
    def step(obj):
        old_date = obj.date
        derived = build.header_for(obj.request, old_date)
        before = {k: getattr(obj, k) for k in fields if k != "sections"}
        for name, value in fields.items():
            setattr(obj, name, value)
        if "date" in fields and obj.date != old_date:
            fresh = build.header_for(obj.request, obj.date)
            for name in HEADER_FIELDS:
                if getattr(obj, name) == derived[name]:
                    setattr(obj, name, fresh[name])
            if obj.closing == build.closing_for(obj.request, old_date):
                obj.closing = build.closing_for(obj.request, obj.date)
        obj.full_clean()
        return {k: getattr(obj, k) for k in before if getattr(obj, k) != before[k]}
    return REPORT_FLOW.perform(report, "edit", actor, step)


def _store(version: ReportVersion, field: str, name: str, content: bytes) -> None:
    getattr(version, field).save(name, ContentFile(content), save=False)
    setattr(version, f"sha256_{field}", sha256(content))


def freeze_problems(report: ConsolidatedReport) -> list[str]:
    """What must be written before the report can be frozen (checked before the job starts)."""
    problems = []
    if not report.number.strip():
        problems.append(_("Ghi số văn bản trước khi chốt báo cáo."))
    if not report.signer_name.strip() or report.signer_name == "…":
        problems.append(_("Ghi tên người ký trước khi chốt báo cáo."))
    return problems


@in_vietnamese
def version_freeze(*, report: ConsolidatedReport, actor, pdf_maker=documents.pdf_bytes
                   ) -> ReportVersion:
    """Freeze the report as its current version: the figures and tables as they are now, the
    Word and Excel made from them and the PDF from the Word (LibreOffice, through the one
    `documents.pdf_bytes`, so a background task may run this as it is)."""
    report.refresh_from_db()
    problems = freeze_problems(report)
    if problems:
        raise ValidationError(problems)
    figures, tables = report_tables(report.request)
    docx = documents.report_docx(report, tables)
    xlsx = documents.xlsx_bytes(report, tables)
    pdf = pdf_maker(docx)
    holder = {}

    def step(obj):
        version = ReportVersion(report=obj, number=obj.version, reference=obj.reference,
                                date=obj.date, note=obj.correction_note, created_by=actor,
                                figures=frozen_figures(figures, obj.request),
                                tables=[t.frozen() for t in tables])
        name = documents.file_name(obj, obj.version)
        for field, content in (("docx", docx), ("pdf", pdf), ("xlsx", xlsx)):
            _store(version, field, f"{name}.{field}", content)
        holder["version"] = version
        version.save()
        return {"version": version.number, "sha256": version.sha256_pdf}
    try:
        REPORT_FLOW.perform(report, "freeze", actor, step)
    except Exception:
        _discard(holder.get("version"))
        raise
    return holder["version"]


def _discard(version: ReportVersion | None) -> None:
    if version is None:
        return
    for field in ("docx", "pdf", "xlsx"):
        stored = getattr(version, field)
        if stored.name:
            stored.storage.delete(stored.name)


def current_version(report: ConsolidatedReport) -> ReportVersion | None:
    return report.versions.filter(number=report.version).first()


def version_unfreeze(*, report: ConsolidatedReport, actor) -> ConsolidatedReport:
    """Back to a draft before sending: the unsent version and its files are dropped."""
    def step(obj):
        version = obj.versions.filter(number=obj.version, sent_at__isnull=True).first()
        if version is not None:
            names = [(getattr(version, f).storage, getattr(version, f).name)
                     for f in ("docx", "pdf", "xlsx") if getattr(version, f).name]
            version.delete()
            transaction.on_commit(lambda: [s.delete(n) for s, n in names])
        return {"version": obj.version}
    return REPORT_FLOW.perform(report, "unfreeze", actor, step)


def _signed(obj: ConsolidatedReport, content: bytes, original: bytes) -> dict:
    """Check a signed PDF of the frozen version and keep it: it must be our PDF with a
    signature added (an incremental update), intact, valid, trusted and covering the file."""
    if not content.startswith(original):
        raise ValidationError(_("Tệp đã ký không phải là bản PDF đã chốt của báo cáo này (nội "
                                "dung khác bản đã chốt)."))
    check = signing.verify(content)
    if not check.ok:
        raise ValidationError(check.problems or [_("Chữ ký số không hợp lệ.")])
    version = obj.versions.get(number=obj.version)
    old = version.pdf.name
    _store(version, "pdf", old.rsplit("/", 1)[-1].replace(".pdf", "-da-ky.pdf"), content)
    version.signature = check.as_dict()
    version.save()
    storage = version.pdf.storage
    transaction.on_commit(lambda: storage.delete(old))
    return {"signer": check.signer, "sha256": version.sha256_pdf}


def version_sign(*, report: ConsolidatedReport, actor, pkcs12: bytes, passphrase: str
                 ) -> ReportVersion:
    """Sign the frozen PDF with the signer's PKCS#12 (development), the signature and seal
    images placed as Decree 30 draws them; verified before it is kept."""
    report.refresh_from_db()
    version = current_version(report)
    if version is None or not version.pdf.name:
        raise ValidationError(_("Chưa chốt báo cáo nên chưa có bản PDF để ký."))
    with version.pdf.open("rb") as handle:
        original = handle.read()
    signed = signing.sign_pdf(
        original, pkcs12, passphrase, signer_name=report.signer_name,
        signer_title=report.signer_title, organisation=report.issuing_body,
        place=report.place, reason=_("Ký ban hành báo cáo %(r)s") % {"r": report.reference})

    def step(obj):
        return _signed(obj, signed, original)
    REPORT_FLOW.perform(report, "sign", actor, step)
    return current_version(report)


def version_upload_signed(*, report: ConsolidatedReport, actor, content: bytes
                          ) -> ReportVersion:
    """Keep a PDF the signer signed in their own tool (a USB token): verified on upload."""
    version = current_version(report)
    if version is None or not version.pdf.name:
        raise ValidationError(_("Chưa chốt báo cáo nên chưa có bản PDF để ký."))
    with version.pdf.open("rb") as handle:
        original = handle.read()

    def step(obj):
        return _signed(obj, content, original)
    REPORT_FLOW.perform(report, "sign", actor, step)
    return current_version(report)


def report_send(*, report: ConsolidatedReport, actor) -> ReportVersion:
    """Send the frozen (and, if it was, signed) version to the Ministry: from now on it is what
    the Ministry and every download get, byte for byte."""
    def step(obj):
        version = obj.versions.get(number=obj.version)
        version.sent_at, version.sent_by = timezone.now(), actor
        version.save(update_fields=["sent_at", "sent_by", "updated_at"])
        obj.ever_sent = True
        return {"version": version.number, "sha256": version.sha256_pdf,
                "figures": {k: v["value"] for k, v in version.figures["figures"].items()}}
    REPORT_FLOW.perform(report, "send", actor, step)
    return report.versions.get(number=ConsolidatedReport.objects.get(pk=report.pk).version)


def report_correct(*, report: ConsolidatedReport, actor, note: str) -> ConsolidatedReport:
    """Open the next version of a sent report (an erratum): the sent one stays as it was; the
    new one gets its own number and date when it is issued."""
    if not note.strip():
        raise ValidationError(_("Ghi lý do đính chính."))

    def step(obj):
        obj.version += 1
        obj.correction_note = note.strip()
        obj.number = ""
        obj.date = timezone.localdate()
        for name, value in build.header_for(obj.request, obj.date).items():
            setattr(obj, name, value)
        obj.closing = build.closing_for(obj.request, obj.date)
        return {"version": obj.version, "text": obj.correction_note}
    return REPORT_FLOW.perform(report, "correct", actor, step)

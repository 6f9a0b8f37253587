import datetime as dt

from django.db import migrations

LEGACY_KEYS = {"I.1": "planning", "I.2": "directives", "I.3": "integration",
               "II.1.1": "policy", "II.1.2": "communication", "II.1.3": "standards",
               "II.1.4": "training", "II.1.5": "conformity", "II.1.6": "international",
               "III": "proposals"}
KINDS = {"annual": ("periodic", "annual"), "midterm": ("midterm", "ad_hoc"),
         "final": ("final", "ad_hoc"), "ad_hoc": ("thematic", "ad_hoc")}


def _sections(old):
    return {LEGACY_KEYS.get(k, k): v for k, v in (old or {}).items()}


def forwards(apps, schema_editor):
    """Requests kept their years: the period becomes their dates and the data window the
    Decree 09 rule (periodic) or the years up to the issue date (reviews); every existing
    request was issued to the units that have a submission; sections move to the keys of the
    outline; table rows keep their cells as typed; a sent report becomes its version 1 (the
    files of those versions were never kept)."""
    Request = apps.get_model("reporting", "ReportingRequest")
    Submission = apps.get_model("reporting", "Submission")
    Row = apps.get_model("reporting", "SubmissionRow")
    Report = apps.get_model("reporting", "ConsolidatedReport")
    Version = apps.get_model("reporting", "ReportVersion")
    for request in Request.objects.all():
        kind, frequency = KINDS.get(request.kind, ("thematic", "ad_hoc"))
        request.kind, request.frequency = kind, frequency
        request.period_from = dt.date(request.period_start, 1, 1)
        request.period_to = dt.date(request.period_end, 12, 31)
        if frequency == "annual":
            request.data_from = dt.date(request.period_start - 1, 12, 15)
            request.data_until = dt.date(request.period_end, 12, 14)
        else:
            request.data_from = request.period_from
            request.data_until = min(request.period_to, request.issued_on or request.period_to)
        request.status, request.audience, request.method = "issued", "list", "system"
        request.name = request.name or request.subject
        request.content = request.content or request.subject
        request.recipient_id = request.issuer_id
        request.save()
        request.listed_units.set(Submission.objects.filter(request=request)
                                 .values_list("unit_id", flat=True))
    for submission in Submission.objects.all():
        submission.sections = _sections(submission.sections)
        submission.save(update_fields=["sections"])
    for row in Row.objects.all():
        row.cells = {"activity": row.activity, "cost": row.cost_text, "period": row.period}
        row.save(update_fields=["cells"])
    for report in Report.objects.all():
        report.sections = _sections(report.sections)
        if report.status == "sent":
            report.ever_sent = True
            Version.objects.create(
                report=report, number=1, reference=f"{report.number or '…'}/{report.symbol}",
                date=report.date, figures={"legacy": report.figures},
                created_by_id=report.created_by_id, sent_at=report.updated_at,
                created_at=report.updated_at, updated_at=report.updated_at)
        report.save()


class Migration(migrations.Migration):

    dependencies = [("reporting", "0002_requests_versions")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

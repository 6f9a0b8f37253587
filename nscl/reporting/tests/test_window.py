"""Figures true to the report: records placed on both sides of the period and of its data cut-off
(payments, events, cases, experts) give each figure for exactly the Decree 09 window — the same
on the dashboard, in the report and in the Ministry's comparison — "chưa có số liệu" where no
record stands behind a figure, and every figure links to the records it counts."""

import datetime as dt
from decimal import Decimal

import pytest

from nscl.activities.choices import EventKind
from nscl.activities.models import Expert
from nscl.activities.services.events import event_create
from nscl.organisation.models import Unit
from nscl.reporting import services
from nscl.reporting.choices import Audience
from nscl.support.choices import CaseStatus
from nscl.support.models import Payment, SupportCase

BEFORE, FIRST, LAST, AFTER = (dt.date(2025, 12, 14), dt.date(2025, 12, 15),
                              dt.date(2026, 12, 14), dt.date(2026, 12, 15))


@pytest.fixture
def placed(soc_trang, users):
    """Four liquidated cases, their payments, four events and two experts, one of each on the
    day before the 2026 window, its first day, its last day (the cut-off) and the day after."""
    office = users["vanphong.cantho"]
    cases = list(SupportCase.objects.filter(call_category__call__plan=soc_trang,
                                            status=CaseStatus.LIQUIDATED,
                                            contract__payments__isnull=False)
                 .distinct().order_by("pk")[:4])
    for case, day in zip(cases, (BEFORE, FIRST, LAST, AFTER), strict=True):
        SupportCase.objects.filter(pk=case.pk).update(accepted_on=day)
        Payment.objects.filter(contract__case=case).update(paid_on=day)
    organiser = Unit.objects.get(code="92-SKHCN")

    def line(year):  # line 2 (workshops, trainings) of the appendix of that year
        return soc_trang.appendices.get(start_year__lte=year, end_year__gte=year) \
            .lines.get(code="2")
    events = [event_create(plan=soc_trang, actor=office, organiser=organiser, kind=kind,
                           title=f"Hoạt động {day:%d/%m/%Y}", starts_on=day, ends_on=day,
                           enterprises=n * 10, officials=n, cost=Decimal(n * 7),
                           budget_line=line(day.year))
              for n, (kind, day) in enumerate(
                  ((EventKind.WORKSHOP, BEFORE), (EventKind.TRAINING, FIRST),
                   (EventKind.WORKSHOP, LAST), (EventKind.TRAINING, AFTER)), start=1)]
    for day, number in ((BEFORE, "CG-T-1"), (dt.date(2026, 3, 20), "CG-T-2")):
        Expert.objects.create(plan=soc_trang, full_name=f"Chuyên gia {number}", employer="Sở",
                              certificate_number=number, certified_on=day)
    return {"cases": cases, "events": events}


def _expected(placed) -> dict:
    inside_cases = placed["cases"][1:3]
    inside_events = placed["events"][1:3]
    paid = sum((p.amount for c in inside_cases for p in Payment.objects.filter(
        contract__case=c)), Decimal(0)) + sum((e.cost for e in inside_events), Decimal(0))
    return {"support_turns": Decimal(2),
            "enterprises": Decimal(len({c.beneficiary_id for c in inside_cases})),
            "workshops": Decimal(1), "trainings": Decimal(1),
            "participants": Decimal(sum(e.participants for e in inside_events)),
            "communication": None, "experts": Decimal(1), "paid": paid, "tfp_share": None}


def test_each_figure_counts_exactly_the_window_everywhere(client, users, soc_trang, placed):
    office = users["vanphong.cantho"]
    expected = _expected(placed)
    request = services.request_create(
        plan=soc_trang, actor=office, audience=Audience.LIST,
        units=[Unit.objects.get(code="92-SCT")], name="Báo cáo năm 2026",
        content="Kết quả năm 2026", number="901", issued_on=dt.date(2026, 11, 1),
        subject="Báo cáo kết quả thực hiện Chương trình năm 2026",
        deadline=dt.date(2026, 12, 18))
    assert (request.data_from, request.data_until) == (FIRST, LAST)
    services.request_issue(request=request, actor=office)

    # the report
    report = services.report_build(request=request, actor=office)
    client.force_login(office)
    page = client.get(f"/bao-cao/bao-cao/{report.pk}/")
    key_table = next(t for t in page.context["tables"] if t.key == "key")
    in_report = {key: row[3].value for key, row in zip(expected, key_table.rows, strict=True)}
    assert in_report == expected
    assert key_table.rows[5][3].text == "chưa có số liệu"  # communication: no record, no zero
    text = " ".join(report.sections.values())
    assert "chưa có số liệu về sản phẩm truyền thông" in text and " 0 " not in text

    # the dashboard, opened from the report for the same window
    dashboard = client.get(f"/bang-dieu-khien/{soc_trang.pk}/{page.context['dashboard']}")
    on_dashboard = {f.key: f.value for f in dashboard.context["board"].key_figures}
    assert on_dashboard == expected

    # every figure links to exactly its records
    turns = next(f for f in dashboard.context["board"].key_figures if f.key == "support_turns")
    listed = client.get(turns.link)
    assert {c.pk for c in listed.context["listing"].rows} == {c.pk for c in placed["cases"][1:3]}
    paid = next(f for f in dashboard.context["board"].key_figures if f.key == "paid")
    payments = client.get(paid.links[0][1])
    assert payments.context["total"] + sum(e.cost for e in placed["events"][1:3]) == \
        expected["paid"]

    # the Ministry's comparison, from the version frozen and sent
    services.report_save(report=report, actor=office, number="902", date=dt.date(2026, 12, 20))
    services.version_freeze(report=report, actor=office, pdf_maker=_pdf)
    services.report_send(report=report, actor=office)
    client.force_login(users["bo.khcn"])
    ministry = client.get("/bao-cao/so-sanh-tinh/")
    chosen = next(c for c in ministry.context["choices"] if "năm 2026" in c.label)
    ministry = client.get("/bao-cao/so-sanh-tinh/", {"ky": chosen.key})
    entry = next(e for e in ministry.context["chosen"].entries
                 if e.version.report_id == report.pk)
    assert {key: entry.value(key) for key in expected} == expected
    # a record added after sending changes the live figures, never the sent ones
    Payment.objects.filter(contract__case=placed["cases"][3]).update(paid_on=LAST)
    again = client.get("/bao-cao/so-sanh-tinh/", {"ky": chosen.key})
    assert next(e for e in again.context["chosen"].entries
                if e.version.report_id == report.pk).value("paid") == expected["paid"]


def _pdf(docx: bytes) -> bytes:
    from nscl.reporting.documents import pdf_bytes
    return pdf_bytes(docx)

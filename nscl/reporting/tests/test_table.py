"""A unit's quantitative table: an empty, negative or out-of-range cost, or a table of only its
total row, is refused by name — and can never switch the total check off."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from nscl.core.numbers import INTL, VN, format_number
from nscl.core.tests.hypothesis_counts import counted
from nscl.reporting import services
from nscl.reporting.choices import DEFAULT_FORM
from nscl.reporting.models import ReportingRequest, Submission
from nscl.reporting.table import check_rows, default_row


@pytest.fixture
def request_567(db):
    return ReportingRequest.objects.get(number="567", symbol="SKHCN-TĐC")


def rows_from_text(text: str):
    """Rows written one per line as `activity | cost | period` (a line starting with "Tổng" is
    the total), as seeds 000 and 001 print their tables."""
    rows = []
    for n, line in enumerate((x for x in text.splitlines() if x.strip()), start=1):
        parts = [p.strip() for p in line.split("|")] + ["", ""]
        rows.append(default_row(n, parts[0], parts[1], parts[2],
                                parts[0].lower().startswith("tổng")))
    return rows


def _check(rows):
    numbers, findings = check_rows(DEFAULT_FORM, rows)
    return {order: cells.get("cost") for order, cells in numbers.items()}, findings


def _findings(text: str):
    return _check(rows_from_text(text))[1]


def test_an_empty_cost_cell_is_refused_and_named():
    findings = _findings("Hội thảo | 20.000.000 | 2023\nTập huấn |  | 2024\nTổng | 20.000.000 |")
    assert [(f.row, f.column) for f in findings] == [(2, "cost")]
    assert "chưa ghi kinh phí" in findings[0].message


def test_a_negative_cost_is_refused():
    findings = _findings("Hội thảo | -5.000.000 | 2023\nTập huấn | 25.000.000 | 2024\n"
                         "Tổng | 20.000.000 |")
    assert [(f.row, f.column) for f in findings] == [(1, "cost")]
    assert "không được âm" in findings[0].message


def test_a_table_with_only_its_total_row_is_refused_not_a_server_error():
    findings = _findings("Tổng | 20.000.000 |")
    assert [(f.row, f.column) for f in findings] == [("Tổng", "total")]
    assert "chỉ có dòng Tổng" in findings[0].message


def test_a_22_digit_cost_is_refused_with_the_limit_and_never_stored(request_567, users):
    cost = "1" + "0" * 21
    findings = _findings(f"Hội thảo | {cost} | 2023\nTổng | {cost} |")
    assert {f.column for f in findings} == {"cost"}
    assert "vượt giới hạn cho phép (tối đa 1.000.000.000.000.000 đồng)" in findings[0].message
    submission = request_567.submissions.get(unit__name="Xã Ba Dinh")
    Submission.objects.filter(pk=submission.pk).update(status="draft")
    services.submission_save(submission=submission, actor=users["baocao.badinh"],
                             sections={"proposals": "Đề xuất"},
                             rows=rows_from_text(f"Hội thảo | {cost} | 2023"))
    assert [r.cells["cost"] for r in submission.rows.all()] == [cost]  # kept as typed only
    with pytest.raises(ValidationError, match="vượt giới hạn"):
        services.submission_submit(submission=submission, actor=users["baocao.badinh"],
                                   today=dt.date(2025, 8, 10))


def test_a_cost_with_its_currency_is_read():
    costs, findings = _check(rows_from_text("Hội thảo | 228.400.000 đồng | 2023\n"
                                            "Tổng | 228.400.000đ |"))
    assert findings == [] and costs[1] == 228400000


@st.composite
def tables(draw):
    costs = draw(st.lists(st.integers(0, 10**12), min_size=1, max_size=8))
    style = draw(st.sampled_from([VN, INTL]))
    delta = draw(st.sampled_from([0, 0, 1, 1000, -7]))
    total = sum(costs) + delta
    rows = [default_row(n, f"Hoạt động {n}", format_number(c, style=style), "2024")
            for n, c in enumerate(costs, start=1)]
    rows.append(default_row(len(rows) + 1, "Tổng", format_number(max(total, 0), style=style), "",
                            True))
    return rows, sum(costs), max(total, 0)


@settings(max_examples=60, deadline=None)
@given(tables())
@counted("submission tables")
def test_a_written_table_is_read_back_and_its_total_checked(drawn):
    rows, summed, stated = drawn
    costs, findings = _check(rows)
    assert sum(costs[r.order] for r in rows if not r.is_total) == summed
    assert [f.column for f in findings] == ([] if summed == stated else ["total"])


def test_an_empty_cost_cell_does_not_switch_the_total_check_off(request_567, users):
    """Issue 13: a table with an empty cost cell was submitted with a wrong total. Both faults
    are named, and the send (saved and sent in one transaction) is refused with the draft kept."""
    text = "Hội thảo | 20.000.000 | 2023\nTập huấn |  | 2024\nTổng | 50.000.000 |"
    findings = _findings(text)
    assert [(f.row, f.column) for f in findings] == [(2, "cost"), ("Tổng", "total")]
    assert "chênh lệch 30.000.000" in findings[1].message
    submission = request_567.submissions.get(unit__name="Xã Ba Dinh")
    Submission.objects.filter(pk=submission.pk).update(status="draft")
    with pytest.raises(ValidationError, match="chưa ghi kinh phí"):
        services.submission_send(submission=submission, actor=users["baocao.badinh"],
                                 sections={"proposals": "Đề xuất"}, rows=rows_from_text(text),
                                 today=dt.date(2025, 8, 10))
    submission.refresh_from_db()
    assert submission.status == "draft" and submission.rows.count() == 3  # kept, not sent
    negative = rows_from_text("Hội thảo | -5.000.000 | 2023\nTổng | -5.000.000 |")
    with pytest.raises(ValidationError, match="không được âm"):
        services.submission_send(submission=submission, actor=users["baocao.badinh"],
                                 sections={"proposals": "Đề xuất"}, rows=negative,
                                 today=dt.date(2025, 8, 10))
    assert Submission.objects.get(pk=submission.pk).status == "draft"

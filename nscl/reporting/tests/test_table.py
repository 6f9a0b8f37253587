"""A unit's quantitative table: an empty, negative or out-of-range cost, or a table of only its
total row, is refused by name — and can never switch the total check off."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from nscl.core.numbers import INTL, VN, format_number
from nscl.core.tests.hypothesis_counts import counted
from nscl.reporting import services
from nscl.reporting.models import ReportingRequest, Submission
from nscl.reporting.table import RowInput, check_rows, rows_from_text


@pytest.fixture
def request_567(db):
    return ReportingRequest.objects.get(number="567", symbol="SKHCN-TĐC")


def _findings(text: str):
    return check_rows(rows_from_text(text))[1]


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
                             sections={"III": "Đề xuất"},
                             rows=rows_from_text(f"Hội thảo | {cost} | 2023"))
    assert [r.cost for r in submission.rows.all()] == [None]
    with pytest.raises(ValidationError, match="vượt giới hạn"):
        services.submission_submit(submission=submission, actor=users["baocao.badinh"])


def test_a_cost_with_its_currency_is_read():
    costs, findings = check_rows(rows_from_text("Hội thảo | 228.400.000 đồng | 2023\n"
                                                "Tổng | 228.400.000đ |"))
    assert findings == [] and costs[1] == 228400000


@st.composite
def tables(draw):
    costs = draw(st.lists(st.integers(0, 10**12), min_size=1, max_size=8))
    style = draw(st.sampled_from([VN, INTL]))
    delta = draw(st.sampled_from([0, 0, 1, 1000, -7]))
    total = sum(costs) + delta
    rows = [RowInput(n, f"Hoạt động {n}", format_number(c, style=style), "2024")
            for n, c in enumerate(costs, start=1)]
    rows.append(RowInput(len(rows) + 1, "Tổng", format_number(max(total, 0), style=style), "",
                         True))
    return rows, sum(costs), max(total, 0)


@settings(max_examples=60, deadline=None)
@given(tables())
@counted("submission tables")
def test_a_written_table_is_read_back_and_its_total_checked(drawn):
    rows, summed, stated = drawn
    costs, findings = check_rows(rows)
    assert sum(costs[r.order] for r in rows if not r.is_total) == summed
    assert [f.column for f in findings] == ([] if summed == stated else ["total"])

"""Importing appendices into a plan: all or nothing, logged, and checked once stored."""

from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from nscl.budget.io import read_budget_file, read_budget_path
from nscl.budget.io.xlsx import write_xlsx
from nscl.budget.models import Appendix, BudgetLine, BudgetLineYear
from nscl.budget.selectors import appendix_data, plan_budget_findings
from nscl.budget.services import BudgetImportError, budget_document_import, budget_line_update
from nscl.conftest import SOC_TRANG_PLAN, seed_path
from nscl.workflow.models import DomainEvent


def _counts():
    return (Appendix.objects.count(), BudgetLine.objects.count(), BudgetLineYear.objects.count(),
            DomainEvent.objects.count())


def _xlsx_with_bad_cells(cells: dict[tuple[str, str, int], str]) -> bytes:
    document = read_budget_path(seed_path(SOC_TRANG_PLAN))
    workbook = load_workbook(BytesIO(write_xlsx(document.appendices)))
    for (sheet_name, code, column), value in cells.items():
        sheet = workbook[sheet_name]
        row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == code)
        sheet.cell(row, column).value = value
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_the_demo_stores_both_appendices_as_published(soc_trang):
    findings = plan_budget_findings(soc_trang)
    errors = {(f.appendix, f.line, f.check, f.year) for f in findings if f.severity == "error"}
    assert len(errors) == 7 and {e[0] for e in errors} == {"Phụ lục I"}
    line = BudgetLine.objects.get(appendix__plan=soc_trang, appendix__code="Phụ lục I", code="5.4")
    assert (line.total, line.parent.code) == (Decimal(80), "5")


def test_an_import_with_bad_rows_writes_nothing_and_names_every_row(soc_trang, users):
    content = _xlsx_with_bad_cells({("Phụ lục I", "5.4", 6): "20.00.000",
                                    ("Phụ lục II", "1.3", 8): "3O",
                                    ("Phụ lục II", "6", 4): "5,,"})
    before = _counts()
    with pytest.raises(BudgetImportError) as caught:
        budget_document_import(plan=soc_trang, document=read_budget_file("x.xlsx", content),
                               actor=users["vanphong.cantho"])
    assert _counts() == before
    named = {(i.appendix, i.line, i.column) for i in caught.value.issues}
    assert named == {("Phụ lục I", "5.4", "Tổng kinh phí"), ("Phụ lục II", "1.3", "năm 2027"),
                     ("Phụ lục II", "6", "Số lượng")}


def test_an_appendix_outside_the_plan_years_writes_nothing(tuyen_quang, users):
    document = read_budget_path(seed_path(SOC_TRANG_PLAN))  # 2026–2030 is outside 2021–2025
    before = _counts()
    with pytest.raises(BudgetImportError, match="ngoài thời gian của kế hoạch"):
        budget_document_import(plan=tuyen_quang, document=document,
                               actor=users["vanphong.tuyenquang"])
    assert _counts() == before


def test_reimport_replaces_and_is_logged(soc_trang, users):
    document = read_budget_path(seed_path(SOC_TRANG_PLAN))
    stored = budget_document_import(plan=soc_trang, document=document,
                                    actor=users["vanphong.cantho"])
    assert [a.code for a in stored] == ["Phụ lục I", "Phụ lục II"]
    assert soc_trang.appendices.count() == 2
    event = DomainEvent.objects.filter(verb="appendix_imported").first()
    assert event.actor == users["vanphong.cantho"] and event.before["lines"] == 20


def test_correcting_a_line_keeps_before_and_after_and_clears_its_error(soc_trang, users):
    line = BudgetLine.objects.get(appendix__plan=soc_trang, appendix__code="Phụ lục I", code="5.4")
    budget_line_update(line=line, actor=users["vanphong.cantho"],
                       fields={"total": Decimal(100)}, years={})
    event = DomainEvent.objects.get(verb="budget_line_updated")
    assert (event.before["total"], event.after["total"]) == ("80", "100")
    remaining = {(f.line, f.check) for f in plan_budget_findings(soc_trang)
                 if f.severity == "error"}
    assert ("5.4", "quantity_times_price") not in remaining
    assert ("5", "children_total") not in remaining  # 1.350 + 3.400 + 555 + 100 = 5.405
    assert ("5", "children_total_year") in remaining  # 2021 still 806 against 826
    assert appendix_data(line.appendix).lines[17].total == Decimal(100)


def test_plan_history_keeps_budget_events_after_an_appendix_is_replaced(client, soc_trang, users):
    document = read_budget_path(seed_path(SOC_TRANG_PLAN))
    actor = users["vanphong.cantho"]
    line = BudgetLine.objects.get(appendix__plan=soc_trang, appendix__code="Phụ lục I", code="6")
    budget_line_update(line=line, actor=actor, fields={"quantity": Decimal(4)}, years={})
    budget_document_import(plan=soc_trang, document=document, actor=actor)  # replaces it
    client.force_login(actor)
    url, page = f"/ke-hoach/{soc_trang.pk}/lich-su/", ""
    for number in range(1, 100):  # every page of the history (50 events a page)
        html = client.get(url, {"trang": number}).content.decode()
        page += html
        if 'rel="next"' not in html:
            break
    assert "Sửa dòng dự toán" in page and "Sửa dòng 6 (Phụ lục I)" in page
    assert page.count("Nhập phụ lục dự toán") == 4  # two by the demo, two now
    assert "số lượng</strong>: 5 → 4" in page

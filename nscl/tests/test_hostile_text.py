"""Issue 13: text typed by anyone cannot hurt the files the office opens.

- A beneficiary's `=HYPERLINK(…)` arrived in the office's .xlsx as a live formula: every
  exporter now writes through `core.xlsx.append_row`, which writes text that a spreadsheet
  would read as a formula (`=`, `+`, `-`, `@`, tab, carriage return) as text.
- A control character (`\\x01`) in any text made the case export and the consolidated report's
  Word and PDF fail for everyone: inputs are stripped at the edge (the middleware for pages,
  the JSON parser for the API), and text stored before is cleaned on output.
"""

import re
import zipfile
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from openpyxl import Workbook, load_workbook

from nscl.core.parsers import ControlFreeJSONParser
from nscl.core.text import strip_controls_in
from nscl.core.xlsx import append_row
from nscl.reporting import outline as outlines
from nscl.reporting.documents import report_docx, xlsx_bytes
from nscl.reporting.models import ConsolidatedReport, ReportingRequest
from nscl.support.models import CallCategory, SupportCase
from nscl.support.tests.factories import PDF
from nscl.tests.test_one_place import _sources
from nscl.tests.worlds import small_province

HYPERLINK = '=HYPERLINK("http://x","y")'
STARTS = [HYPERLINK, "+84 912 345 678", "-5 triệu", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


def _sheet_xml(content: bytes) -> str:
    with zipfile.ZipFile(BytesIO(content)) as archive:
        return "".join(archive.read(n).decode() for n in archive.namelist()
                       if n.startswith("xl/worksheets/"))


@pytest.mark.parametrize("write_only", [True, False])
def test_text_that_starts_like_a_formula_is_written_as_text(write_only):
    book = Workbook(write_only=write_only)
    sheet = book.create_sheet("Hồ sơ") if write_only else book.active
    append_row(sheet, [*STARTS, "Áp dụng ISO 9001", 1350])
    out = BytesIO()
    book.save(out)
    assert "<f>" not in _sheet_xml(out.getvalue())  # not one formula in the file
    cells = next(load_workbook(BytesIO(out.getvalue())).worksheets[0].iter_rows())
    for cell, typed in zip(cells, STARTS, strict=False):
        assert cell.data_type == "s" and cell.quotePrefix, typed
        assert cell.value.replace("\n", "\r") == typed.replace("\n", "\r"), typed
    assert [c.value for c in cells[len(STARTS):]] == ["Áp dụng ISO 9001", 1350]
    assert not cells[len(STARTS)].quotePrefix  # ordinary text is left as it is


def test_a_hyperlink_typed_in_a_case_reaches_the_office_export_as_text(client, users,
                                                                      soc_trang):
    """Before: the office's .xlsx held a live `=HYPERLINK` formula."""
    case = SupportCase.objects.filter(call_category__call__plan=soc_trang).order_by("pk").first()
    SupportCase.objects.filter(pk=case.pk).update(content=HYPERLINK)
    client.force_login(users["vanphong.cantho"])
    response = client.get(f"/ho-tro/?q={case.code}&xuat=xlsx")
    assert response.status_code == 200
    assert "HYPERLINK" in _sheet_xml(response.content) and "<f>" not in _sheet_xml(
        response.content)
    row = list(load_workbook(BytesIO(response.content)).active.iter_rows())[1]
    assert row[0].value == case.code
    assert (row[5].value, row[5].data_type) == (HYPERLINK, "s")


def test_no_exporter_appends_a_row_without_the_safe_writer():
    """The rule lives in `core/xlsx.py`: no worksheet is appended to anywhere else."""
    found = [f"{name}:{n}" for name, text in _sources() if name != "core/xlsx.py"
             for n, line in enumerate(text.splitlines(), start=1)
             if re.search(r"\b(sheet|ws|worksheet)\.append\(", line)]
    assert not found, found


# --- control characters -------------------------------------------------------------------------

def test_control_characters_are_stripped_from_a_posted_form(client, db):
    """Before: the application's content was stored with its `\\x01`."""
    w = small_province()
    client.force_login(w.firm_user)
    category = CallCategory.objects.get(call=w.call, category__code="5.1")
    response = client.post(reverse("support:case_new") + f"?dot={w.call.pk}", {
        "call_category": category.pk, "beneficiary": w.firm.pk,
        "content": "Áp dụng\x01 ISO 9001:2015\x1b\x7f, 5S\r\nvà Kaizen\t(đợt 1)",
        "consultant": "Công ty\x0c tư vấn", "estimated_cost": "60", "requested_amount": "40",
        "commitment_signed": "on",
        "doc_commitment": SimpleUploadedFile("cam-ket.pdf", PDF, "application/pdf")})
    assert response.status_code == 302
    case = SupportCase.objects.get(call_category__call=w.call)
    assert case.content == "Áp dụng ISO 9001:2015, 5S\r\nvà Kaizen\t(đợt 1)"
    assert case.consultant == "Công ty tư vấn"
    assert client.get("/ho-tro/?q=ISO\x01").status_code == 200


def test_control_characters_are_stripped_from_a_json_body(client, users, soc_trang):
    client.force_login(users["vanphong.cantho"])
    created = client.post("/api/v1/reporting/requests/", {
        "plan": soc_trang.pk, "name": "Báo cáo\x01 quý\x02 III", "content": "Kết quả\x07.",
        "number": "78"}, content_type="application/json")
    assert created.status_code == 201, created.content
    request = ReportingRequest.objects.get(pk=created.json()["id"])
    assert (request.name, request.content) == ("Báo cáo quý III", "Kết quả.")


def test_the_json_parser_cleans_every_string_keys_too_at_any_depth():
    body = b'{"a\\u0001": ["x\\u0002y", {"b": "\\u0003z\\n"}], "n": 5, "t": true}'
    parsed = ControlFreeJSONParser().parse(BytesIO(body))
    assert parsed == {"a": ["xy", {"b": "z\n"}], "n": 5, "t": True}
    deep = current = []
    for _n in range(5000):  # no recursion: 5.000 levels do not exhaust the stack
        current.append([])
        current = current[0]
    current.append("\x01")
    assert strip_controls_in(deep) is deep


@pytest.fixture
def quang_ngai(db):
    return ConsolidatedReport.objects.get(request__number="567")


def test_control_characters_stored_before_do_not_break_the_report_or_the_case_export(
        quang_ngai, client, users, soc_trang):
    """Before: python-docx and openpyxl refused the text, and the consolidated report's Word
    (and so its PDF, LibreOffice's rendering of that Word file), its Excel and the case export
    failed for everyone."""
    key = outlines.writable_keys(quang_ngai.request.outline)[-1]
    sections = {**(quang_ngai.sections or {}),
                key: "Kết quả\x01 nổi bật\x1f của năm.\x0bMột dòng\x02 nữa."}
    ConsolidatedReport.objects.filter(pk=quang_ngai.pk).update(
        sections=sections, subject=quang_ngai.subject + "\x02", signer_name="Nguyễn\x1f Văn A")
    quang_ngai.refresh_from_db()
    doc = Document(BytesIO(report_docx(quang_ngai)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Kết quả nổi bật của năm." in text and "Một dòng nữa." in text
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text)
    submission = quang_ngai.request.submissions.exclude(rows=None).first()
    row = submission.rows.first()
    row.cells = {**row.cells, "activity": "Hội thảo\x01"}
    row.save()
    assert load_workbook(BytesIO(xlsx_bytes(quang_ngai)))  # the units' sheet too

    case = SupportCase.objects.filter(call_category__call__plan=soc_trang).order_by("pk").first()
    SupportCase.objects.filter(pk=case.pk).update(content="Tư vấn\x01 ISO")
    client.force_login(users["vanphong.cantho"])
    response = client.get(f"/ho-tro/?q={case.code}&xuat=xlsx")
    assert response.status_code == 200
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][5] == "Tư vấn ISO"

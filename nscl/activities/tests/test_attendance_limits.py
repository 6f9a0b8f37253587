"""Attendance sheets at the edges: names over 150 characters, phones over 20, date cells, hostile
workbooks — row or file errors, never a 500 on PostgreSQL or a silent cut on SQLite."""

import datetime as dt
from io import BytesIO

import pytest
from openpyxl import Workbook

from nscl.activities.choices import EventKind
from nscl.activities.models import Participant
from nscl.activities.services.events import AttendanceImportError, attendance_import, event_create
from nscl.core.tests import crafted


@pytest.fixture
def training(soc_trang, users):
    return event_create(plan=soc_trang, actor=users["vanphong.cantho"],
                        organiser=users["vanphong.cantho"].unit, kind=EventKind.TRAINING,
                        title="Tập huấn 5S", starts_on=dt.date(2026, 5, 1),
                        ends_on=dt.date(2026, 5, 2))


def _sheet(rows, header=("Họ và tên", "Đơn vị công tác", "Đối tượng", "Điện thoại")) -> bytes:
    book = Workbook()
    book.active.append(list(header))
    for row in rows:
        book.active.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def test_long_names_and_phones_are_row_errors(training, users):
    before = Participant.objects.count()
    with pytest.raises(AttendanceImportError) as caught:
        attendance_import(event=training, actor=users["vanphong.cantho"], content=_sheet([
            ["N" * 151, "HTX", "Hợp tác xã", ""],
            ["Trần Văn Bình", "HTX", "Hợp tác xã", "0" * 21],
            ["Lê Thị Cúc", "x" * 201, "Sinh viên", ""]]))
    assert Participant.objects.count() == before
    by_row = {e.row: " ".join(e.messages) for e in caught.value.errors}
    assert "150" in by_row[2] and "20" in by_row[3] and "200" in by_row[4]


def test_date_cells_and_english_headers_are_read(training, users):
    added = attendance_import(event=training, actor=users["vanphong.cantho"], content=_sheet(
        [["Phan Văn Dũng", dt.date(2024, 3, 15), "Sinh viên", 912345678]],
        header=("Full name", "Organisation", "Kind", "Phone")))
    person = Participant.objects.get(full_name="Phan Văn Dũng")
    assert added == 1 and person.organisation == "15/03/2024" and person.phone == "912345678"


@pytest.mark.parametrize("content,message", [
    (crafted.dimension_bomb("XFD"), "vượt giới hạn số cột"),
    (crafted.billion_laughs(), "DTD"),
    (crafted.corrupt_sheet(), "không phải là bảng tính Excel"),
])
def test_hostile_workbooks_are_clean_errors(training, users, content, message):
    with pytest.raises(AttendanceImportError) as caught:
        attendance_import(event=training, actor=users["vanphong.cantho"], content=content)
    assert message in str(caught.value)

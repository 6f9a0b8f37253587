"""Events, attendance sheets with de-duplicated persons, experts and awards."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import Workbook

from nscl.activities.choices import EventKind
from nscl.activities.indicators import participant_turns, persons_trained
from nscl.activities.models import Attendance, Event, Participant
from nscl.activities.selectors import events_for
from nscl.activities.services.events import AttendanceImportError, attendance_import, event_create


def _sheet(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["Họ và tên", "Đơn vị công tác", "Đối tượng", "Điện thoại"])
    for row in rows:
        sheet.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def training(soc_trang, users):
    return event_create(plan=soc_trang, actor=users["vanphong.cantho"],
                        organiser=users["vanphong.cantho"].unit, kind=EventKind.TRAINING,
                        title="Tập huấn Lean", starts_on=dt.date(2026, 4, 1),
                        ends_on=dt.date(2026, 4, 2))


def test_attendance_sheets_count_persons_once_and_turns_every_time(training, users, soc_trang):
    office = users["vanphong.cantho"]
    attendance_import(event=training, actor=office, content=_sheet([
        ["Nguyễn Văn An", "Công ty TNHH Gạo Sóc Trăng", "Doanh nghiệp", "0912 345 678"],
        ["Trần Thị Bích", "HTX Mỹ Xuyên", "Hợp tác xã", ""],
        ["Lê Minh", "Sở KH&CN", "Cán bộ, công chức", ""]]))
    training.refresh_from_db()
    assert (training.enterprises, training.cooperatives, training.officials) == (1, 1, 1)
    second = event_create(plan=soc_trang, actor=office, organiser=office.unit,
                          kind=EventKind.TRAINING, title="Tập huấn Kaizen",
                          starts_on=dt.date(2026, 6, 1), ends_on=dt.date(2026, 6, 1))
    attendance_import(event=second, actor=office, content=_sheet([
        ["NGUYEN VAN AN", "Cty Gạo", "Doanh nghiệp", "+84 912345678"],  # same phone
        ["Trần Thị Bích", "Hợp tác xã Mỹ Xuyên", "Hợp tác xã", ""],  # same name and HTX
        ["Phạm Văn Cường", "", "Sinh viên", ""]]))
    assert Participant.objects.filter(attendances__event__in=[training, second]).distinct() \
        .count() == 4
    indicator = soc_trang.indicators.get(order=2)
    turns = participant_turns(indicator, "training", 2026, 2026)[2026]
    persons = persons_trained(indicator, "training", 2026, 2026)[2026]
    assert (turns, persons) == (6, 4)  # An and Bích attended both trainings of 2026


def test_a_sheet_with_bad_rows_writes_nothing(training, users):
    before = (Participant.objects.count(), Attendance.objects.count())
    with pytest.raises(AttendanceImportError) as caught:
        attendance_import(event=training, actor=users["vanphong.cantho"], content=_sheet([
            ["Võ Văn Nam", "HTX", "Hợp tác xã", ""],
            ["", "Công ty", "Doanh nghiệp", ""],
            ["Lý Thị Mai", "", "Nông dân", ""]]))
    assert before == (Participant.objects.count(), Attendance.objects.count())
    messages = {e.row: " ".join(e.messages) for e in caught.value.errors}
    assert set(messages) == {3, 4}
    assert "thiếu họ và tên" in messages[3] and "đối tượng “Nông dân” không hợp lệ" in messages[4]


def test_event_cost_must_go_on_a_line_of_its_year(soc_trang, users):
    line_2030 = soc_trang.appendices.get(code="Phụ lục II").lines.get(code="2.2")
    with pytest.raises(ValidationError, match="không có kinh phí cho năm 2025"):
        event_create(plan=soc_trang, actor=users["vanphong.cantho"],
                     organiser=users["vanphong.cantho"].unit, kind=EventKind.TRAINING,
                     title="Sai dòng", starts_on=dt.date(2025, 4, 1), ends_on=dt.date(2025, 4, 1),
                     cost=Decimal(40), budget_line=line_2030)
    assert not Event.objects.filter(title="Sai dòng").exists()


def test_a_commune_records_only_its_own_events(soc_trang, users):
    xa1, xa2 = users["baocao.xa1.cantho"], users["baocao.xa2.cantho"]
    with pytest.raises(PermissionDenied):
        event_create(plan=soc_trang, actor=xa1, organiser=xa2.unit, kind=EventKind.CONFERENCE,
                     title="Hội nghị của xã khác", starts_on=dt.date(2025, 4, 1),
                     ends_on=dt.date(2025, 4, 1))
    event = event_create(plan=soc_trang, actor=xa1, organiser=xa1.unit,
                         kind=EventKind.CONFERENCE, title="Hội nghị của xã",
                         starts_on=dt.date(2025, 9, 1), ends_on=dt.date(2025, 9, 1),
                         households=25)
    assert event in events_for(xa1) and event not in events_for(xa2)


@pytest.mark.parametrize("name,count", [("bo.khcn", None), ("xem.cantho", "province"),
                                        ("doanhnghiep.cantho", 0), ("hoidong.cantho", 0),
                                        ("vanphong.tuyenquang", "tq")])
def test_event_scope_per_role(users, soc_trang, tuyen_quang, name, count):
    seen = events_for(users[name])
    if count is None:
        assert seen.count() == Event.objects.count()
    elif count == "province":
        assert set(seen.values_list("plan", flat=True)) == {soc_trang.pk}
    elif count == "tq":
        assert set(seen.values_list("plan", flat=True)) == {tuyen_quang.pk}
    else:
        assert seen.count() == 0


def test_the_event_form_and_page(client, users, soc_trang):
    client.force_login(users["vanphong.cantho"])
    form = client.get("/hoat-dong/moi/").context["form"]
    line = form.fields["budget_line"].queryset.get(appendix__code="Phụ lục I", code="2.1")
    response = client.post("/hoat-dong/moi/", {
        "plan": soc_trang.pk, "kind": "workshop", "title": "Hội thảo truy xuất nguồn gốc",
        "organiser": users["vanphong.cantho"].unit_id, "starts_on": "12/05/2025",
        "ends_on": "12/05/2025", "enterprises": "40", "cooperatives": "5", "households": "0",
        "officials": "10", "lecturers": "0", "students": "0", "cost": "30",
        "budget_line": line.pk})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Hội thảo truy xuất nguồn gốc" in page and "55" in page and "12/05/2025" in page


def test_experts_and_awards_page(client, users, soc_trang):
    client.force_login(users["vanphong.cantho"])
    response = client.post(f"/hoat-dong/ke-hoach/{soc_trang.pk}/chuyen-gia-giai-thuong/", {
        "expert": "1", "e-full_name": "Thạch Thị Sa Ra", "e-employer": "Sở KH&CN",
        "e-certificate_number": "CG-2025-001", "e-certified_on": "01/10/2025"})
    assert response.status_code == 302
    phase = soc_trang.phases.get(start_year=2021)
    from nscl.plans.progress import plan_progress
    experts = {r.indicator.order: r.current for r in plan_progress(soc_trang, phase)}[8]
    assert experts == 13  # 12 from the 2022 course, 1 now
    client.force_login(users["lanhdao.cantho"])
    assert client.post(f"/hoat-dong/ke-hoach/{soc_trang.pk}/chuyen-gia-giai-thuong/",
                       {"award": "1"}).status_code == 403

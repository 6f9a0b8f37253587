"""Calls: open and close to the minute in the province's time zone, offered only where and
while they take applications, edited, closed early and extended with every change logged."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from nscl.support.choices import CallStatus
from nscl.support.models import CallCategory, SupportCase
from nscl.support.selectors import open_calls_for
from nscl.support.services import calls as services
from nscl.support.services.cases import case_submit
from nscl.workflow.models import DomainEvent

from .factories import THREE, minute, open_call


@pytest.fixture
def call_2026(soc_trang, users):
    """Opens 08:00 10/03/2026, closes 17:00 31/03/2026; three documents required."""
    return open_call(soc_trang, soc_trang.appendices.get(code="Phụ lục II"), year=2026,
                     opens_on=minute("08:00 10/03/2026"), deadline=minute("17:00 31/03/2026"),
                     required=("commitment", "business_registration", "quotation"),
                     actor=users["vanphong.cantho"])


def _apply(call, user, at, documents=THREE):
    return case_submit(call_category=CallCategory.objects.get(call=call, category__code="5.1"),
                       beneficiary=user.unit.beneficiary, content="Áp dụng ISO 9001:2015",
                       estimated_cost=60, requested_amount=40, commitment_signed=True,
                       actor=user, at=at, documents=documents)


def test_an_application_before_the_call_opens_and_after_it_closes_to_the_minute(
        call_2026, users):
    user = users["doanhnghiep.cantho"]
    with pytest.raises(ValidationError, match="mở nhận hồ sơ từ 08:00 10/03/2026"):
        _apply(call_2026, user, minute("07:59 10/03/2026"))
    with pytest.raises(ValidationError, match="hết hạn nộp hồ sơ lúc 17:00 31/03/2026"):
        _apply(call_2026, user, minute("17:01 31/03/2026"))
    assert not SupportCase.objects.filter(call_category__call=call_2026).exists()
    first = _apply(call_2026, user, minute("08:00 10/03/2026"))
    last = _apply(call_2026, user, minute("17:00 31/03/2026") + dt.timedelta(seconds=59))
    assert (first.submitted_on, last.submitted_on) == (dt.date(2026, 3, 10), dt.date(2026, 3, 31))
    assert sorted(d.kind for d in first.documents.all()) == [
        "business_registration", "commitment", "quotation"]


def test_a_missing_required_document_is_named_and_nothing_is_written(call_2026, users):
    with pytest.raises(ValidationError, match="Còn thiếu tài liệu: Báo giá của đơn vị tư vấn"):
        _apply(call_2026, users["doanhnghiep.cantho"], minute("09:00 11/03/2026"),
               documents=THREE[:2])
    assert not SupportCase.objects.filter(call_category__call=call_2026).exists()


def test_calls_are_offered_only_while_open_and_in_the_users_province(call_2026, users,
                                                                      tuyen_quang):
    other = open_call(tuyen_quang, tuyen_quang.appendices.order_by("-end_year").first(),
                      year=2025, opens_on=minute("08:00 10/03/2026"),
                      deadline=minute("17:00 31/03/2026"), codes=("5.1",))
    user = users["doanhnghiep.cantho"]
    assert call_2026 not in open_calls_for(user, minute("07:59 10/03/2026"))
    offered = list(open_calls_for(user, minute("17:00 31/03/2026")))
    assert call_2026 in offered and other not in offered  # Tuyên Quang's is not for Cần Thơ
    assert call_2026 not in open_calls_for(user, minute("17:01 31/03/2026"))
    assert other in open_calls_for(users["vanphong.tuyenquang"], minute("12:00 20/03/2026"))
    services.call_close(call=call_2026, actor=users["vanphong.cantho"])
    assert call_2026 not in open_calls_for(user, minute("12:00 20/03/2026"))


def test_edit_close_and_extend_are_logged_with_before_and_after(call_2026, users):
    office = users["vanphong.cantho"]
    services.call_update(call=call_2026, actor=office, now=minute("09:00 10/03/2026"),
                         title="Đợt 1 năm 2026", description="Hỗ trợ ISO 9001, 5S, Kaizen",
                         required_documents=["commitment", "quotation"])
    call_2026.refresh_from_db()
    assert call_2026.required_kinds() == ["commitment", "quotation"]
    edit = DomainEvent.objects.filter(verb="call_edit", object_id=call_2026.pk).get()
    assert edit.actor == office
    assert edit.after["title"] == "Đợt thử nghiệm năm 2026 → Đợt 1 năm 2026"
    with pytest.raises(ValidationError, match="đã mở nhận hồ sơ"):
        services.call_update(call=call_2026, actor=office, now=minute("09:00 10/03/2026"),
                             opens_at=minute("08:00 12/03/2026"))
    services.call_close(call=call_2026, actor=office)
    call_2026.refresh_from_db()
    assert call_2026.status == CallStatus.CLOSED
    with pytest.raises(ValidationError, match="Ghi lý do gia hạn"):
        services.call_extend(call=call_2026, actor=office, deadline=minute("17:00 15/04/2026"),
                             reason=" ", now=minute("09:00 20/03/2026"))
    services.call_extend(call=call_2026, actor=office, deadline=minute("17:00 15/04/2026"),
                         reason="Nhiều doanh nghiệp xin thêm thời gian chuẩn bị báo giá",
                         now=minute("09:00 20/03/2026"))
    call_2026.refresh_from_db()
    assert call_2026.status == CallStatus.OPEN and call_2026.deadline == dt.date(2026, 4, 15)
    extend = DomainEvent.objects.filter(verb="call_extend", object_id=call_2026.pk).get()
    assert extend.after["deadline_before"] == "17:00 31/03/2026"
    assert extend.note.startswith("Nhiều doanh nghiệp")
    assert call_2026.history.count() >= 4  # opened, edited, closed, extended
    with pytest.raises(ValidationError, match="không sửa được nữa"):
        services.call_update(call=call_2026, actor=office, now=minute("17:01 15/04/2026"),
                             title="Sửa muộn")


def test_only_the_provinces_office_changes_a_call(call_2026, users):
    for name in ("doanhnghiep.cantho", "lanhdao.cantho", "vanphong.tuyenquang"):
        with pytest.raises(Exception, match="không có quyền"):
            services.call_close(call=call_2026, actor=users[name])


def test_the_call_page_from_the_plan_shows_rules_documents_lines_and_applications(
        client, call_2026, users, soc_trang):
    _apply(call_2026, users["doanhnghiep.cantho"], minute("09:00 11/03/2026"))
    client.force_login(users["vanphong.cantho"])
    support = client.get(f"/ho-tro/ke-hoach/{soc_trang.pk}/").content.decode()
    assert f'href="/ho-tro/dot/{call_2026.pk}/"' in support
    page = client.get(f"/ho-tro/dot/{call_2026.pk}/").content.decode()
    for text in ("08:00 10/03/2026", "17:00 31/03/2026", "Giấy chứng nhận đăng ký kinh doanh",
                 "Báo giá của đơn vị tư vấn", "HS-2026-", "Đóng đợt sớm", "Gia hạn nộp hồ sơ"):
        assert text in page, text
    client.force_login(users["hoidong.cantho"])  # sees the call, not the applications
    page = client.get(f"/ho-tro/dot/{call_2026.pk}/").content.decode()
    assert "HS-2026-" not in page and "Đóng đợt sớm" not in page


def test_the_office_opens_a_call_on_its_page_with_minutes_and_documents(client, users,
                                                                        soc_trang):
    client.force_login(users["vanphong.cantho"])
    form = client.get(f"/ho-tro/ke-hoach/{soc_trang.pk}/dot-moi/").context["form"]
    line = form.fields["line_5.2"].queryset.get(appendix__code="Phụ lục II", code="5.2")
    assert form.fields["line_5.2"].initial == line.pk  # pre-filled from the latest appendix
    response = client.post(f"/ho-tro/ke-hoach/{soc_trang.pk}/dot-moi/", {
        "year": 2026, "title": "Đợt 2 năm 2026", "opens_at": "08:00 01/06/2026",
        "closes_at": "16:30 30/06/2026", "description": "Hỗ trợ áp dụng ISO 22000",
        "required_documents": ["commitment", "quotation"], "offer_5.2": "on",
        "line_5.2": line.pk, "norm_5.2": "90"})
    assert response.status_code == 302
    call = soc_trang.calls.get(title="Đợt 2 năm 2026")
    assert response["Location"] == f"/ho-tro/dot/{call.pk}/"
    assert services.local_text(call.closes_at) == "16:30 30/06/2026"
    assert call.required_kinds() == ["commitment", "quotation"]

"""A rule error never empties a form: the page comes back with every value the user typed and
the rule's message next to its field (or at the top) — one test per kind of form: a case step
(the contract), the approval decision, a unit's report, the plan, the council score, the
application, the recall of a lot and the call (in nscl/core/tests/test_constraint_messages.py)."""

import datetime as dt
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from nscl.core.numbers import format_vn_number
from nscl.reporting import services as reporting
from nscl.reporting.models import Submission
from nscl.support.models import Contract, SupportCase
from nscl.support.services import councils
from nscl.traceability import services as traceability
from nscl.traceability.choices import HARVESTING
from nscl.traceability.models import Product, Recall
from nscl.workflow.confirmation import CONFIRM_FIELD

from .test_confirmation import _scored_council, _sign_contract


def test_a_contract_refused_by_a_rule_keeps_what_was_typed(client, users):
    case, url, data = _sign_contract(users)
    data |= {"sign_contract-deadline": "15/05/2025", CONFIRM_FIELD: "1"}  # before signing
    client.force_login(users["vanphong.cantho"])
    page = client.post(url, data)
    assert page.status_code == 200  # the page again, not a redirect that empties the form
    bound = next(f for t, f in page.context["actions"] if t.action == "sign_contract")
    assert bound.errors["deadline"] == ["Thời hạn hoàn thành phải sau ngày ký hợp đồng."]
    text = page.content.decode()
    for value in ("15/2025/HĐ-HT", "01/07/2025", "15/05/2025", "Viện Năng suất Việt Nam",
                  "Tư vấn áp dụng ISO 9001"):
        assert value in text, value
    assert not Contract.objects.filter(case=case).exists()


def test_an_approval_keeps_the_amounts_typed(client, users):
    case = SupportCase.objects.get(code="HS-2025-4-004")
    client.force_login(users["lanhdao.cantho"])
    page = client.post(f"/ho-tro/ke-hoach/{case.plan.pk}/phe-duyet/", {
        "number": "556/QĐ-UBND", "date": "21/05/2025", f"amount_{case.pk}": "38,5 triệu"})
    text = page.content.decode()
    assert page.status_code == 200 and "không phải là số" in text
    assert 'value="38,5 triệu"' in text and 'value="556/QĐ-UBND"' in text


def test_a_report_refused_on_sending_keeps_its_text_and_grid(client, users):
    submission = Submission.objects.get(status="draft", unit__name__contains="Sở Công Thương")
    reporting.submission_reopen(submission=submission, actor=users["vanphong.quangngai"],
                                until=timezone.localdate() + dt.timedelta(days=10))
    client.force_login(users["baocao.sct.quangngai"])
    data = {"submit": "1", CONFIRM_FIELD: "1", "document_number": "480/BC-SCT",
            "s_results": "Hỗ trợ 12 doanh nghiệp áp dụng công cụ cải tiến năng suất."}
    for row in reporting.stored_rows(submission):  # the seed's grid, a malformed number in it
        data |= {f"r-{row.order}-{k}": v for k, v in row.cells.items()}
        if row.is_total:
            data[f"r-{row.order}-total"] = "1"
    page = client.post(f"/bao-cao/dong-gop/{submission.pk}/", data)
    text = page.content.decode()
    assert page.status_code == 200 and "20.00.000" in text  # the cell as typed
    assert "Hỗ trợ 12 doanh nghiệp áp dụng công cụ cải tiến năng suất." in text
    assert 'value="480/BC-SCT"' in text
    assert Submission.objects.get(pk=submission.pk).status != "submitted"


def _posted(value):
    """A value as the page's form would send it."""
    if isinstance(value, Decimal):
        return format_vn_number(value)
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return value


def test_a_plan_with_its_years_reversed_keeps_the_form(client, users, soc_trang):
    client.force_login(users["vanphong.cantho"])
    page = client.get(f"/ke-hoach/{soc_trang.pk}/sua/")
    data = {name: _posted(field.value()) for name, field in page.context["form"]._bound_items()
            if field.value() not in (None, False)}
    data |= {"start_year": "2030", "end_year": "2025", "title": "Kế hoạch đã sửa tên"}
    page = client.post(f"/ke-hoach/{soc_trang.pk}/sua/", data)
    form = page.context["form"]
    assert page.status_code == 200
    assert form.errors["end_year"]  # next to its field
    assert "Kế hoạch đã sửa tên" in page.content.decode()


def test_a_score_over_a_maximum_keeps_every_point_and_comment(client, users, soc_trang):
    council = _scored_council(users, soc_trang)
    case = council.selection_cases.get()
    member = users["hoidong.cantho"]
    councils.score_reopen(case=case, member=council.members.get(user=member),
                          actor=users["chutich.cantho"], reason="Nhập nhầm điểm")
    criteria = councils.criteria_for(case)
    data = {f"points_{c.pk}": str(c.max_points) for c in criteria}
    data[f"points_{criteria[0].pk}"] = str(criteria[0].max_points + 5)
    data |= {f"comment_{c.pk}": f"Nhận xét riêng {c.pk}" for c in criteria}
    client.force_login(member)
    page = client.post(f"/ho-tro/ho-so/{case.pk}/cham-diem/", data)
    text = page.content.decode()
    assert page.status_code == 200 and "tối đa" in str(page.context["form"].errors)
    for c in criteria:
        assert f"Nhận xét riêng {c.pk}" in text


def test_an_indicator_value_refused_keeps_its_source_note(client, users, tuyen_quang):
    client.force_login(users["vanphong.tuyenquang"])
    indicator = tuyen_quang.indicators.get(order=1)
    page = client.post(f"/ke-hoach/{tuyen_quang.pk}/so-lieu/", {
        "indicator": indicator.pk, "unit": users["vanphong.tuyenquang"].unit_id, "year": 2027,
        "value": "10", "source_note": "Báo cáo số 27/BC-SKHCN ngày 05/01/2026"})
    assert page.status_code == 200  # not a redirect that empties the form
    text = page.content.decode()
    assert "Năm phải trong thời gian của kế hoạch (2021–2025)" in text
    assert "Báo cáo số 27/BC-SKHCN ngày 05/01/2026" in text


def _recall_post(**changes):
    return {"reason": "Phát hiện dư lượng thuốc bảo vệ thực vật vượt ngưỡng",
            "recalled_on": "20/11/2026",
            "instructions": "Ngừng sử dụng, mang sản phẩm đến điểm bán để được hoàn tiền.",
            "contact": "HTX Mỹ Xuyên 0299 3851 234"} | changes


def test_a_recall_refused_by_a_rule_keeps_what_was_typed(client, users):
    """The lot is already being recalled: the product's page comes back with this lot's recall
    form open, every value typed, the refusal in it — not a redirect that empties the form."""
    product = Product.objects.get(name="Gạo thơm ST25 Mỹ Xuyên")
    batch = product.batches.get(lot="ST25-2025-01")
    office = users["vanphong.cantho"]
    traceability.recall_order(actor=office, batch=batch, reason="Lần đầu", instructions="Ngừng",
                              recalled_on=dt.date(2026, 11, 1), contact="0299 3851 234")
    client.force_login(office)
    url = reverse("traceability:recall_new", args=[product.pk, batch.pk])
    page = client.post(url, _recall_post())
    assert page.status_code == 200
    text = page.content.decode()
    assert f"Lô {batch.lot} đang bị thu hồi." in text
    assert f'id="recall-form-{batch.pk}"' in text and '<details class="recall-form" open>' in text
    for value in _recall_post().values():
        assert value in text, value
    assert Recall.objects.filter(batch=batch).count() == 1

    page = client.post(url, _recall_post(recalled_on="31/02/2026"))  # a date that is not one
    text = page.content.decode()
    assert page.status_code == 200 and 'value="31/02/2026"' in text
    assert "Phát hiện dư lượng thuốc bảo vệ thực vật vượt ngưỡng" in text
    form = next(b.recall_form for b in page.context["batches"] if b.pk == batch.pk)
    assert form.errors["recalled_on"]  # next to its field


def test_a_lot_refused_by_a_rule_keeps_what_was_typed(client, users):
    """A lot the product already has: the product's page again with the lot's form filled and
    the refusal in it, nothing written."""
    product = Product.objects.get(name="Gạo thơm ST25 Mỹ Xuyên")
    client.force_login(users["vanphong.cantho"])
    page = client.post(reverse("traceability:batch_new", args=[product.pk]), {
        "lot": "ST25-2025-01", "produced_on": "12/10/2026", "expires_on": "12/10/2027",
        "quantity": "4500"})
    text = page.content.decode()
    assert page.status_code == 200 and "Sản phẩm đã có lô ST25-2025-01." in text
    for value in ('value="ST25-2025-01"', 'value="12/10/2026"', 'value="12/10/2027"',
                  'value="4500"'):
        assert value in text, value
    assert page.context["batch_form"].errors
    assert product.batches.filter(lot="ST25-2025-01").count() == 1


def test_an_approval_under_a_number_already_used_is_refused_not_a_500(client, users):
    """Issue 13: a duplicate decision number reached the database's unique constraint — a
    500. It is the constraint's message, the form as typed, nothing approved."""
    case = SupportCase.objects.get(code="HS-2025-4-004")
    used = case.plan.approval_decisions.order_by("pk").first()
    assert used is not None
    client.force_login(users["lanhdao.cantho"])
    page = client.post(f"/ho-tro/ke-hoach/{case.plan.pk}/phe-duyet/", {
        "number": used.number, "date": "21/05/2025", f"amount_{case.pk}": "38",
        CONFIRM_FIELD: "1"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Kế hoạch đã có quyết định phê duyệt mang số này." in text
    assert f'value="{used.number}"' in text
    case.refresh_from_db()
    assert case.approval_id is None


def test_a_roll_refused_keeps_its_count_lot_and_pin_box(client, users):
    """A count the service refuses (none) and one that is not a number: each time the page
    again with the count as typed, the lot chosen and the PIN box ticked, nothing issued."""
    product = Product.objects.get(name="Gạo thơm ST25 Mỹ Xuyên")
    batch = product.batches.get(lot="ST25-2025-01")
    rolls = product.rolls.count()
    client.force_login(users["vanphong.cantho"])
    url = reverse("traceability:roll_issue", args=[product.pk])
    for count, message in (("0", "Số tem mỗi cuộn từ 1 đến"),
                           ("12.5OO", "Số tem phải là số nguyên")):
        page = client.post(url, {"count": count, "batch": batch.pk, "with_pin": "on"})
        text = page.content.decode()
        assert page.status_code == 200 and message in text, count
        assert f'value="{count}"' in text
        assert f'<option value="{batch.pk}" selected>' in text
        assert 'name="with_pin" id="issue-with_pin" checked' in text
    assert product.rolls.count() == rolls


def test_a_contract_dated_before_its_approval_is_refused_next_to_its_date(client, users):
    """Issue 15: a step cannot be dated before the case's previous dated step (here the
    province's approval); the refusal names both dates and the form keeps what was typed."""
    case, url, data = _sign_contract(users)
    approved_on = case.approval.date
    early = approved_on - dt.timedelta(days=5)
    data |= {"sign_contract-signed_on": f"{early:%d/%m/%Y}", CONFIRM_FIELD: "1"}
    client.force_login(users["vanphong.cantho"])
    page = client.post(url, data)
    assert page.status_code == 200
    bound = next(f for t, f in page.context["actions"] if t.action == "sign_contract")
    assert bound.errors["signed_on"] == [
        f"Ngày ký hợp đồng {early:%d/%m/%Y} trước ngày quyết định phê duyệt "
        f"{approved_on:%d/%m/%Y} của hồ sơ {case.code}: các bước của hồ sơ phải theo đúng thứ "
        "tự ngày."]
    text = page.content.decode()
    for value in ("15/2025/HĐ-HT", f"{early:%d/%m/%Y}", "Viện Năng suất Việt Nam"):
        assert value in text, value
    assert not Contract.objects.filter(case=case).exists()


def test_an_approval_dated_before_the_application_is_refused_next_to_its_date(client, users):
    case = SupportCase.objects.get(code="HS-2025-4-004")
    early = case.submitted_on - dt.timedelta(days=1)
    client.force_login(users["lanhdao.cantho"])
    page = client.post(f"/ho-tro/ke-hoach/{case.plan.pk}/phe-duyet/", {
        "number": "557/QĐ-UBND", "date": f"{early:%d/%m/%Y}", "signed_by": "Trần Văn Phê Duyệt",
        f"amount_{case.pk}": format_vn_number(min(case.requested_amount,
                                                  case.call_category.unit_norm)),
        CONFIRM_FIELD: "1"})
    assert page.status_code == 200
    assert page.context["form"].errors["date"] == [
        f"Ngày quyết định phê duyệt {early:%d/%m/%Y} trước ngày nộp hồ sơ "
        f"{case.submitted_on:%d/%m/%Y} của hồ sơ {case.code}: các bước của hồ sơ phải theo "
        "đúng thứ tự ngày."]
    assert 'value="557/QĐ-UBND"' in page.content.decode()
    case.refresh_from_db()
    assert case.status == "recommended" and case.approval is None


def test_a_lot_step_refused_keeps_its_lot_step_time_and_place(client, users):
    """The product page's “Ghi công đoạn” form (issue 15): a malformed time comes back on the
    product page with the lot, step, time and place as typed, nothing recorded; the time is
    typed as every date-time of the app, hh:mm dd/mm/yyyy."""
    product = Product.objects.get(name="Gạo thơm ST25 Mỹ Xuyên")
    batch = product.batches.get(lot="ST25-2025-01")
    events = batch.events.count()
    client.force_login(users["vanphong.cantho"])
    url = reverse("traceability:event_record", args=[product.pk])
    page = client.get(reverse("traceability:product_detail", args=[product.pk]))
    assert 'placeholder="hh:mm dd/mm/yyyy"' in page.content.decode()
    assert 'type="datetime-local"' not in page.content.decode()
    page = client.post(url, {"batch": batch.pk, "step": HARVESTING, "time": "25:00 31/02/2026",
                             "place": "Cánh đồng ấp Hòa Trung"})
    text = page.content.decode()
    assert page.status_code == 200
    assert page.context["event_form"].errors["time"]
    assert 'value="25:00 31/02/2026"' in text and 'value="Cánh đồng ấp Hòa Trung"' in text
    assert f'<option value="{batch.pk}" selected>' in text
    assert batch.events.count() == events
    page = client.post(url, {"batch": batch.pk, "step": HARVESTING, "time": "07:30 20/11/2026",
                             "place": "Cánh đồng ấp Hòa Trung"})
    assert page.status_code == 302 and batch.events.count() == events + 1
    event = batch.events.order_by("-pk").first()
    assert f"{timezone.localtime(event.event_time):%H:%M %d/%m/%Y}" == "07:30 20/11/2026"


def test_a_refused_case_document_keeps_its_kind_and_title(client, users):
    """A file the rules refuse (not a document type): the case page again with the kind chosen
    and the title typed; the file input cannot be refilled, so the form asks for it again."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = SupportCase.objects.get(code="HS-2025-4-005")
    documents = case.documents.count()
    client.force_login(users["vanphong.cantho"])
    page = client.post(reverse("support:document_add", args=[case.pk]), {
        "doc-kind": "quotation", "doc-title": "Báo giá tư vấn ISO 22000",
        "doc-file": SimpleUploadedFile("bao-gia.exe", b"MZ\x90\x00", "application/octet-stream")})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Vui lòng chọn lại tệp." in page.context["document_form"].errors["file"]
    assert 'value="Báo giá tư vấn ISO 22000"' in text
    assert '<option value="quotation" selected>' in text
    assert case.documents.count() == documents


def test_a_refused_report_attachment_keeps_its_kind_and_title(client, users):
    """The same for a report's attachment: the report's page again, kind and title kept, the
    file asked for again; nothing attached."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    submission = Submission.objects.get(status="draft", unit__name__contains="Sở Công Thương")
    reporting.submission_reopen(submission=submission, actor=users["vanphong.quangngai"],
                                until=timezone.localdate() + dt.timedelta(days=10))
    attachments = submission.attachments.count()
    client.force_login(users["baocao.sct.quangngai"])
    page = client.post(reverse("reporting:attachment_add", args=[submission.pk]), {
        "kind": "annex", "title": "Danh sách doanh nghiệp được hỗ trợ",
        "file": SimpleUploadedFile("danh-sach.exe", b"MZ\x90\x00", "application/octet-stream")})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Vui lòng chọn lại tệp." in page.context["attachment_form"].errors["file"]
    assert 'value="Danh sách doanh nghiệp được hỗ trợ"' in text
    assert '<option value="annex" selected>' in text
    assert submission.attachments.count() == attachments

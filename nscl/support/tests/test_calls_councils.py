"""The program office opens calls and forms councils through their pages."""

import pytest

from nscl.support.models import Council, SupportCall


def test_opening_a_call_ties_categories_to_lines_and_norms(client, users, soc_trang):
    client.force_login(users["vanphong.cantho"])
    form = client.get(f"/ho-tro/ke-hoach/{soc_trang.pk}/dot-moi/").context["form"]
    line_2026 = form.fields["line_5.1"].queryset.get(appendix__code="Phụ lục II", code="5.1")
    line_2025 = form.fields["line_5.1"].queryset.get(appendix__code="Phụ lục I", code="5.1")
    data = {"year": 2026, "title": "Đợt 1 năm 2026", "opens_at": "08:00 15/01/2026",
            "closes_at": "17:00 31/03/2026", "offer_5.1": "on", "line_5.1": line_2025.pk,
            "norm_5.1": "20"}
    response = client.post(f"/ho-tro/ke-hoach/{soc_trang.pk}/dot-moi/", data)
    assert "Dòng dự toán 5.1 (Phụ lục I) không có kinh phí cho năm 2026" in \
        response.content.decode()
    assert not SupportCall.objects.filter(title="Đợt 1 năm 2026").exists()
    response = client.post(f"/ho-tro/ke-hoach/{soc_trang.pk}/dot-moi/",
                           data | {"line_5.1": line_2026.pk})
    assert response.status_code == 302
    call = SupportCall.objects.get(title="Đợt 1 năm 2026")
    assert [(c.category.code, c.budget_line_id, c.unit_norm) for c in call.categories.all()] == \
        [("5.1", line_2026.pk, 20)]


def test_a_call_needs_a_line_and_a_norm_for_each_category(client, users, soc_trang):
    client.force_login(users["vanphong.cantho"])
    response = client.post(f"/ho-tro/ke-hoach/{soc_trang.pk}/dot-moi/", {
        "year": 2026, "title": "Đợt lỗi", "opens_at": "08:00 15/01/2026", "deadline": "31/03/2026",
        "offer_5.2": "on"})
    assert "Nhóm 5.2: cần chọn dòng dự toán và ghi định mức." in response.content.decode()


def test_forming_a_council_by_decision(client, users, soc_trang):
    client.force_login(users["vanphong.cantho"])
    response = client.post(f"/ho-tro/ke-hoach/{soc_trang.pk}/hoi-dong-moi/", {
        "kind": "selection", "name": "Hội đồng xét chọn đợt 1 năm 2026",
        "decision_number": "15/QĐ-SKHCN", "decision_date": "01/02/2026",
        "chair": users["chutich.cantho"].pk, "secretary": users["thuky.cantho"].pk,
        "members": [users["hoidong.cantho"].pk]})
    assert response.status_code == 302
    council = Council.objects.get(decision_number="15/QĐ-SKHCN")
    assert sorted(m.role for m in council.members.all()) == ["chair", "member", "secretary"]


def test_one_person_cannot_hold_two_seats(client, users, soc_trang):
    client.force_login(users["vanphong.cantho"])
    response = client.post(f"/ho-tro/ke-hoach/{soc_trang.pk}/hoi-dong-moi/", {
        "kind": "selection", "name": "HĐ", "decision_number": "16/QĐ-SKHCN",
        "decision_date": "01/02/2026", "chair": users["thuky.cantho"].pk,
        "secretary": users["thuky.cantho"].pk})
    assert "Mỗi người chỉ giữ một vai trò" in response.content.decode()
    assert not Council.objects.filter(decision_number="16/QĐ-SKHCN").exists()


@pytest.mark.parametrize("name", ["lanhdao.cantho", "hoidong.cantho", "doanhnghiep.cantho",
                                  "vanphong.tuyenquang"])
def test_only_the_program_office_opens_calls(client, users, soc_trang, name):
    client.force_login(users[name])
    assert client.get(f"/ho-tro/ke-hoach/{soc_trang.pk}/dot-moi/").status_code in (403, 404)

"""A case's documents: checked by their bytes, stored through the storage API with the case's
transaction, opened only by the beneficiary, the office and the councils assigned — 404 to
anyone else, and never from a public /media/ address."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage

from nscl.support.choices import CaseStatus, CouncilKind
from nscl.support.models import CallCategory, CaseDocument, SupportCase
from nscl.support.services.cases import case_assign_selection, case_screen, case_submit
from nscl.support.services.councils import conflict_declare
from nscl.support.services.documents import document_attach

from .factories import PDF, THREE, minute, open_call


@pytest.fixture
def case(soc_trang, users):
    call = open_call(soc_trang, soc_trang.appendices.get(code="Phụ lục II"), year=2026,
                     opens_on=minute("08:00 10/03/2026"), deadline=minute("17:00 31/03/2026"),
                     required=("commitment", "business_registration", "quotation"))
    user = users["doanhnghiep.cantho"]
    return case_submit(call_category=CallCategory.objects.get(call=call, category__code="5.1"),
                       beneficiary=user.unit.beneficiary, content="Áp dụng ISO 9001:2015",
                       estimated_cost=60, requested_amount=40, commitment_signed=True,
                       actor=user, at=minute("09:00 11/03/2026"), documents=THREE)


def test_a_document_is_404_to_a_user_out_of_scope(client, case, users, soc_trang):
    document = case.documents.get(kind="commitment")
    url = f"/ho-tro/tai-lieu/{document.pk}/"
    for name in ("doanhnghiep.cantho", "vanphong.cantho"):
        client.force_login(users[name])
        response = client.get(url)
        assert response.status_code == 200, name
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
    for name in ("hoidong.cantho", "baocao.xa1.cantho", "vanphong.tuyenquang", "bo.khcn",
                 "xem.cantho"):
        client.force_login(users[name])
        assert client.get(url).status_code == 404, name
    council = soc_trang.councils.filter(kind=CouncilKind.SELECTION,
                                        members__user=users["hoidong.cantho"],
                                        concluded_at__isnull=True).first()
    if council is None:
        pytest.fail("the demo has an open selection council with hoidong.cantho")
    case_screen(case=case, actor=users["vanphong.cantho"])
    case_assign_selection(case=SupportCase.objects.get(pk=case.pk), council=council,
                          actor=users["vanphong.cantho"])
    client.force_login(users["hoidong.cantho"])  # assigned, not yet declared: still 404
    assert client.get(url).status_code == 404
    conflict_declare(case=case, actor=users["hoidong.cantho"], has_conflict=False)
    assert client.get(url).status_code == 200  # declared no conflict: the council reads it


def test_files_are_not_served_from_media_url(client, case, users):
    document = case.documents.first()
    assert default_storage.exists(document.file.name)
    client.force_login(users["vanphong.cantho"])
    assert client.get(document.file.url).status_code == 404
    page = client.get(f"/ho-tro/ho-so/{case.pk}/").content.decode()
    assert f"/ho-tro/tai-lieu/{document.pk}/" in page and document.file.url not in page


def test_a_renamed_file_is_refused_by_its_content_and_nothing_is_left(case, users):
    with pytest.raises(ValidationError, match="Giấy chứng nhận: Tệp “chung-nhan.pdf” không "
                                              "phải là tệp PDF thật"):
        document_attach(case=case, actor=users["doanhnghiep.cantho"], kind="certificate",
                        name="chung-nhan.pdf", content=b"MZ\x90\x00 not a pdf")
    assert not case.documents.filter(kind="certificate").exists()


def test_an_application_with_one_bad_file_writes_no_case_and_no_file(soc_trang, users):
    call = open_call(soc_trang, soc_trang.appendices.get(code="Phụ lục II"), year=2026,
                     required=("commitment", "quotation"))
    before = set(default_storage.listdir("support")[0]) if default_storage.exists("support") \
        else set()
    saved_names = []
    original = CaseDocument.save

    def spy(self, *args, **kwargs):
        saved_names.append(self.file.name)
        return original(self, *args, **kwargs)

    CaseDocument.save = spy
    try:
        with pytest.raises(ValidationError, match="Báo giá của đơn vị tư vấn"):
            case_submit(call_category=CallCategory.objects.get(call=call, category__code="5.1"),
                        beneficiary=users["doanhnghiep.cantho"].unit.beneficiary,
                        content="Áp dụng 5S", estimated_cost=60, requested_amount=40,
                        commitment_signed=True, actor=users["doanhnghiep.cantho"],
                        at=minute("09:00 11/06/2026"),
                        documents=[THREE[0], ("quotation", "bao-gia.xlsx", PDF)])
    finally:
        CaseDocument.save = original
    assert saved_names and not any(default_storage.exists(n) for n in saved_names)
    assert not SupportCase.objects.filter(call_category__call=call).exists()
    assert before <= (set(default_storage.listdir("support")[0])
                      if default_storage.exists("support") else set())


def test_documents_at_a_later_step_keep_their_kind_and_step(case, users):
    office = users["vanphong.cantho"]
    document = document_attach(case=case, actor=office, kind="minutes",
                               name="Biên bản kiểm tra.pdf", content=PDF)
    assert (document.stage, document.size, document.original_name) == (
        CaseStatus.SUBMITTED, len(PDF), "Biên bản kiểm tra.pdf")
    assert case.documents.count() == 4
    with pytest.raises(Exception, match="Chỉ đối tượng thụ hưởng"):
        document_attach(case=case, actor=users["lanhdao.cantho"], kind="minutes",
                        name="x.pdf", content=PDF)

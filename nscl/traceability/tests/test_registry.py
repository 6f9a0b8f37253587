"""The product registry: declaring and editing products and lots, who may, what is logged, and
the indicator it feeds (share of OCOP products with a registered trademark)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from nscl.plans.engine import yearly_values
from nscl.traceability.models import Batch, Product
from nscl.workflow.models import DomainEvent

NEW = reverse("traceability:product_new")


def _form(producer, **changes):
    data = {"producer": producer.pk, "gtin": "8935049500018", "name": "Kẹo dừa sáp Cầu Kè",
            "category": "Bánh kẹo", "place": producer.commune_id, "ocop_stars": "3",
            "ocop_year": "2024", "standards": "TCCS 03:2024/KDS", "certifications": "",
            "trademark_status": "registered", "trademark_number": "4-0500001-000",
            "trademark_registered_on": "15/03/2025", "shelf_life": "6 tháng",
            "model_code": "", "published": "on"}
    data.update(changes)
    return data


@pytest.fixture
def office(client, users):
    client.force_login(users["vanphong.cantho"])
    return users["vanphong.cantho"]


def test_the_office_declares_a_product(client, office, rice):
    producer = rice.producer
    response = client.post(NEW, _form(producer))
    product = Product.objects.get(gtin="08935049500018")
    assert response.status_code == 302 and response["Location"].endswith(f"/{product.pk}/")
    assert (product.producer, product.ocop_stars, str(product.trademark_registered_on)) == (
        producer, 3, "2025-03-15")
    assert DomainEvent.objects.filter(verb="product_created", object_id=str(product.pk)).exists()


def test_bad_product_fields_are_named_in_vietnamese(client, office, rice):
    page = client.post(NEW, _form(rice.producer, gtin="8935049500019", ocop_year="",
                                  trademark_number="")).content.decode()
    for text in ("sai chữ số kiểm tra", "Sản phẩm OCOP cần năm công nhận.",
                 "Nhãn hiệu đã được bảo hộ cần số văn bằng."):
        assert text in page, text
    page = client.post(NEW, _form(rice.producer, gtin=rice.gtin)).content.decode()
    assert "đã được khai báo cho sản phẩm khác" in page
    assert not Product.objects.filter(name="Kẹo dừa sáp Cầu Kè").exists()


def test_who_may_declare_products(client, users, rice):
    client.force_login(users["baocao.xa1.cantho"])
    assert client.get(NEW).status_code == 403
    client.force_login(users["vanphong.tuyenquang"])  # another province's office: not this one
    assert client.get(reverse("traceability:product_edit", args=[rice.pk])).status_code == 404
    client.force_login(users["doanhnghiep.cantho"])  # a producer: only itself in the list
    form = client.get(NEW).context["form"]
    assert list(form.fields["producer"].queryset) == [rice.producer]


def test_an_edit_keeps_before_and_after(client, office, rice):
    data = _form(rice.producer, name=rice.name, ocop_stars="5", ocop_year="2023",
                 trademark_number=rice.trademark_number, trademark_registered_on="")
    client.post(reverse("traceability:product_edit", args=[rice.pk]), data)
    rice.refresh_from_db()
    assert rice.ocop_stars == 5 and rice.gtin == "08938501001009"  # the GTIN cannot change
    event = DomainEvent.objects.filter(verb="product_updated", object_id=str(rice.pk)).latest("pk")
    assert event.before["ocop_stars"] == 4 and event.after["ocop_stars"] == 5
    assert event.actor == office and rice.history.count() >= 2


def test_lots_are_declared_and_checked(client, office, rice):
    url = reverse("traceability:batch_new", args=[rice.pk])
    client.post(url, {"lot": "ST25-2026-01", "produced_on": "05/01/2026",
                      "expires_on": "05/01/2027", "quantity": "5000"})
    assert rice.batches.filter(lot="ST25-2026-01", quantity=5000).exists()
    for lot, error in (("ST25/2026", "không hợp lệ"), ("ST25-2026-01", "đã có lô")):
        page = client.post(url, {"lot": lot, "produced_on": "05/01/2026", "quantity": "1"},
                           follow=True).content.decode()
        assert error in page, lot
    assert Batch.objects.filter(product=rice).count() == 2


def test_the_registry_computes_the_trademark_share(tuyen_quang):
    indicator = tuyen_quang.indicators.get(name__startswith="Tỷ lệ sản phẩm OCOP")
    values = yearly_values(indicator, 2021, 2025)
    # 2021: 1 of 2 registered; 2022: 2 of 4; 2023 on: 3 of 5 (Hàm Yên, Na Hang, bạc hà)
    assert values == {2021: Decimal("50.00"), 2022: Decimal("50.00"), 2023: Decimal("60.00"),
                      2024: Decimal("60.00"), 2025: Decimal("60.00")}


def test_the_portal_milestone_is_reached_when_a_product_is_published(tuyen_quang):
    from django.utils import timezone

    indicator = tuyen_quang.indicators.get(name__startswith="Cổng thông tin điện tử")
    this_year = timezone.localdate().year
    assert yearly_values(indicator, 2021, this_year) == {this_year: Decimal(1)}
    Product.objects.filter(place__path__startswith="/BKHCN/08/").update(published=False)
    assert yearly_values(indicator, 2021, this_year) == {}


def test_a_product_photo_is_made_small_and_shown_on_the_public_page(client, office, rice):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (3000, 2000), (200, 160, 40)).save(buffer, "PNG")
    upload = SimpleUploadedFile("gao-st25.png", buffer.getvalue(), content_type="image/png")
    data = _form(rice.producer, name=rice.name, ocop_stars="4", ocop_year="2023",
                 trademark_number=rice.trademark_number, trademark_registered_on="")
    client.post(reverse("traceability:product_edit", args=[rice.pk]), {**data, "image": upload})
    rice.refresh_from_db()
    with Image.open(rice.image.path) as stored:
        assert stored.format == "JPEG" and max(stored.size) == 800
    stamp = rice.rolls.get(status="active").stamps.order_by("id")[60]
    page = client.get(f"/01/{rice.gtin}/10/ST25-2025-01/21/{stamp.serial}",
                      HTTP_ACCEPT="text/html").content.decode()
    image_url = reverse("product_image", args=[rice.pk])
    assert f'src="{image_url}"' in page and "Thông tin chưa được cung cấp" not in page
    assert client.get(image_url)["Content-Type"] == "image/jpeg"
    Product.objects.filter(pk=rice.pk).update(published=False)
    assert client.get(image_url).status_code == 404

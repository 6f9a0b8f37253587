"""A product photo is checked for its pixel count before anything decodes it: a 17 KB PNG of
12.000 × 12.000 pixels (gigabytes once decoded) is refused at once with a Vietnamese message."""

import time
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from nscl.core.tests.crafted import huge_png
from nscl.traceability import images
from nscl.traceability.models import Product


def test_the_crafted_png_is_small_and_huge():
    data = huge_png()
    assert len(data) < 25_000
    with Image.open(BytesIO(data)) as image:
        assert image.size == (12_000, 12_000)


@pytest.mark.django_db
def test_a_12000_pixel_square_photo_is_refused_by_the_product_form(client, users):
    rice = Product.objects.get(name="Gạo thơm ST25 Mỹ Xuyên")
    client.force_login(users["vanphong.cantho"])
    upload = SimpleUploadedFile("bom.png", huge_png(), content_type="image/png")
    started = time.perf_counter()
    response = client.post(reverse("traceability:product_edit", args=[rice.pk]),
                           {"name": rice.name, "image": upload})
    elapsed = time.perf_counter() - started
    assert response.status_code == 200  # the form again, with the error
    errors = response.context["form"].errors["image"]
    assert any("12.000 × 12.000" in e and "điểm ảnh" in e for e in errors), errors
    assert elapsed < 1.0
    rice.refresh_from_db()
    assert not rice.image


def test_the_service_refuses_it_too_before_decoding(settings):
    with pytest.raises(ValidationError) as refused:
        images.for_phones(SimpleUploadedFile("bom.png", huge_png(), content_type="image/png"))
    assert "40.000.000" in refused.value.messages[0]


def test_a_phone_photo_passes(settings):
    buffer = BytesIO()
    Image.new("RGB", (4000, 3000), (200, 160, 40)).save(buffer, "JPEG")
    photo = SimpleUploadedFile("anh.jpg", buffer.getvalue(), content_type="image/jpeg")
    images.check_pixels(photo)
    settings.NSCL_IMAGE_MAX_PIXELS = 10_000_000
    with pytest.raises(ValidationError):
        images.check_pixels(photo)

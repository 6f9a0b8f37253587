"""403, 404 and 500 as users meet them (DEBUG off, as in production): in Vietnamese, in the
site's frame, with a way back; in English for who chose it; the 500 page needs neither the
request nor the database."""

import pytest
from django.conf import settings
from django.test import Client

from nscl.core.errors import server_error

FRAME = 'class="topbar"'  # base.html's header: the page is in the site's frame


def test_404_is_vietnamese_in_the_frame_with_a_way_back(client, users, settings):
    assert settings.DEBUG is False
    client.force_login(users["vanphong.cantho"])
    page = client.get("/ke-hoach/987654/", HTTP_REFERER="http://testserver/ke-hoach/")
    text = page.content.decode()
    assert page.status_code == 404 and FRAME in text
    assert "Không tìm thấy trang" in text and "Mã lỗi 404" in text
    assert 'href="http://testserver/ke-hoach/" id="error-back"' in text
    assert 'id="error-home"' in text
    elsewhere = client.get("/ke-hoach/987654/", HTTP_REFERER="https://evil.example/").content
    assert b"evil.example" not in elsewhere and b'id="error-back"' not in elsewhere


def test_403_says_why_in_vietnamese(client, users, soc_trang):
    client.force_login(users["lanhdao.cantho"])  # leadership reads the plan, opens no call
    page = client.get(f"/ho-tro/ke-hoach/{soc_trang.pk}/dot-moi/")
    text = page.content.decode()
    assert page.status_code == 403 and FRAME in text
    assert "Không có quyền truy cập" in text and 'id="error-home"' in text
    assert 'id="error-reason"' in text  # the check's own reason, in Vietnamese


@pytest.mark.urls("nscl.core.tests.urls_failing")
def test_a_failing_page_gives_the_500_page_in_vietnamese(db):
    client = Client(raise_request_exception=False)
    page = client.get("/trang-loi/")
    text = page.content.decode()
    assert page.status_code == 500 and FRAME in text
    assert "Lỗi hệ thống" in text and 'id="error-home"' in text
    assert "một lỗi lập trình" not in text  # nothing of the failure is shown


def test_the_500_page_needs_no_request_and_no_database(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        page = server_error(None)
    assert page.status_code == 500 and "Lỗi hệ thống" in page.content.decode()


@pytest.mark.urls("nscl.core.tests.urls_failing")
def test_error_pages_in_english(client, users):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(users["doanhnghiep.cantho"])
    assert "Page not found" in client.get("/ke-hoach/987654/").content.decode()
    failing = Client(raise_request_exception=False)
    failing.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "System error" in failing.get("/trang-loi/").content.decode()

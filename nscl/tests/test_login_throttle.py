"""Login throttling (django-axes): per account and per address, a Vietnamese 429 page that says
when to try again, and a lockout that ends after the cool-off."""

from datetime import timedelta

import pytest

from nscl.demo.accounts import DEMO_PASSWORD

ATTACKER = "203.0.113.5"
COLLEAGUE = "198.51.100.7"


def _log_in(client, username, password, address):
    return client.post("/dang-nhap/", {"username": username, "password": password},
                       REMOTE_ADDR=address)


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_thirty_wrong_passwords_lock_the_account_and_the_address(client):
    for attempt in range(30):
        response = _log_in(client, "vanphong.cantho", f"doan-sai-{attempt}", ATTACKER)
        assert response.status_code in (200, 429)
    response = _log_in(client, "vanphong.cantho", DEMO_PASSWORD, ATTACKER)
    assert response.status_code == 429
    assert not _logged_in(client)
    page = response.content.decode()
    assert "Tạm khóa đăng nhập" in page and "Thử lại sau" in page
    assert 'class="topbar"' in page  # the site's frame, not a bare message
    assert int(response["Retry-After"]) > 0

    # the same account from another address is locked too (per account)...
    other = client.__class__()
    assert _log_in(other, "vanphong.cantho", DEMO_PASSWORD, COLLEAGUE).status_code == 429
    # ...and another account from the attacker's address (per address)
    assert _log_in(other, "xem.cantho", DEMO_PASSWORD, ATTACKER).status_code == 429
    # another account from another address still works
    colleague = client.__class__()
    assert _log_in(colleague, "xem.cantho", DEMO_PASSWORD, COLLEAGUE).status_code == 302
    assert _logged_in(colleague)


@pytest.mark.django_db
def test_the_lockout_page_is_in_english_for_english_readers(client):
    client.cookies["django_language"] = "en"
    for attempt in range(12):
        _log_in(client, "vanphong.cantho", f"wrong-{attempt}", ATTACKER)
    response = _log_in(client, "vanphong.cantho", DEMO_PASSWORD, ATTACKER)
    assert response.status_code == 429
    assert "Try again after" in response.content.decode()


@pytest.mark.django_db
def test_the_lockout_ends_after_the_cool_off(client, settings):
    for attempt in range(12):
        _log_in(client, "vanphong.cantho", f"doan-sai-{attempt}", ATTACKER)
    assert _log_in(client, "vanphong.cantho", DEMO_PASSWORD, ATTACKER).status_code == 429
    # the failures are now older than the cool-off
    settings.AXES_COOLOFF_TIME = timedelta(microseconds=1)
    response = _log_in(client, "vanphong.cantho", DEMO_PASSWORD, ATTACKER)
    assert response.status_code == 302
    assert _logged_in(client)


@pytest.mark.django_db
def test_a_few_typing_mistakes_do_not_lock(client, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        _log_in(client, "vanphong.cantho", f"go-nham-{attempt}", ATTACKER)
    assert _log_in(client, "vanphong.cantho", DEMO_PASSWORD, ATTACKER).status_code == 302

"""Production resists guessing: passwords, API authentication, the schema, sessions, the admin."""

import base64
import importlib
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import clear_url_caches

import nscl.urls


@pytest.mark.parametrize("password", ["12345678", "password", "matkhau"])
def test_guessable_passwords_are_refused_in_vietnamese(password):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert any("mật khẩu" in m.lower() for m in refused.value.messages), refused.value.messages


def test_a_long_uncommon_password_passes():
    validate_password("Nang-suat-chat-luong-2030")


def test_the_api_takes_no_http_basic_password(client, users):
    user = users["vanphong.cantho"]
    user.set_password("Nang-suat-chat-luong-2030")
    user.save()
    token = base64.b64encode(f"{user.username}:Nang-suat-chat-luong-2030".encode()).decode()
    response = client.get("/api/v1/plans/", HTTP_AUTHORIZATION=f"Basic {token}")
    assert response.status_code in (401, 403)  # the right password, and still no way in
    client.force_login(user)
    assert client.get("/api/v1/plans/").status_code == 200


def test_the_schema_is_behind_login(client, users):
    assert client.get("/api/v1/schema/").status_code in (401, 403)
    client.force_login(users["vanphong.cantho"])
    assert client.get("/api/v1/schema/").status_code == 200


def test_a_session_lasts_a_working_day(client, users, settings):
    assert settings.SESSION_COOKIE_AGE == 9 * 3600
    client.force_login(users["vanphong.cantho"])
    assert client.session.get_expiry_age() == 9 * 3600


def _admin_answers(client, enabled: bool) -> int:
    with override_settings(NSCL_ADMIN_ENABLED=enabled):
        importlib.reload(nscl.urls)
        clear_url_caches()
        try:
            return client.get("/quan-tri/").status_code
        finally:
            pass


def test_the_admin_exists_only_when_enabled(client, users):
    client.force_login(users["admin"])
    try:
        assert _admin_answers(client, enabled=False) == 404
        assert _admin_answers(client, enabled=True) == 200
    finally:
        importlib.reload(nscl.urls)
        clear_url_caches()


def test_an_empty_database_url_means_the_embedded_database(monkeypatch):
    """`DATABASE_URL= make test` once crashed the settings (KeyError 'ENGINE')."""
    from nscl.settings.base import database_from_env

    monkeypatch.setenv("DATABASE_URL", "")
    assert database_from_env()["ENGINE"] == "django.db.backends.sqlite3"
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/nscl")
    assert database_from_env()["ENGINE"] == "django.db.backends.postgresql"


def _check_deploy(tmp_path, **extra) -> subprocess.CompletedProcess:
    """`nscl check --deploy` under the production settings with what production must set."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("NSCL_", "SECURE_", "DJANGO_"))}
    env.update(DJANGO_SETTINGS_MODULE="nscl.settings.production",
               SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="nscl.example.gov.vn",
               CSRF_TRUSTED_ORIGINS="https://nscl.example.gov.vn",
               NSCL_RESOLVER_BASE="https://truyxuat.example.gov.vn", DATABASE_URL="",
               NSCL_VAR_DIR=str(tmp_path), STATIC_ROOT=str(tmp_path / "static"),
               MEDIA_ROOT=str(tmp_path / "media"), **extra)
    nscl = Path(sys.executable).with_name("nscl")
    return subprocess.run([str(nscl), "check", "--deploy", "--fail-level", "WARNING"],
                          env=env, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    """No warning at all, nothing silenced (SILENCED_SYSTEM_CHECKS is empty)."""
    done = _check_deploy(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout


def test_check_deploy_would_fail_on_a_weakened_setting(tmp_path):
    """The same command fails when production is weakened (here: no HSTS): the test above
    proves something."""
    done = _check_deploy(tmp_path, SECURE_HSTS_SECONDS="0")
    assert done.returncode != 0 and "security.W004" in done.stdout + done.stderr

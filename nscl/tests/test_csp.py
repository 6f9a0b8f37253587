"""A Content-Security-Policy (django-csp) that the pages pass: no inline script, style or event
handler anywhere in the templates, and the header on every answer. The browser tests also fail
on any violation the browser reports (tests/helpers.py)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = sorted(p for p in ROOT.rglob("templates/**/*.html"))
INLINE = [
    ("style attribute", re.compile(r'\sstyle\s*=', re.I)),
    ("<style> block", re.compile(r"<style[\s>]", re.I)),
    ("inline <script>", re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)),
    ("event handler attribute", re.compile(r"\son[a-z]+\s*=", re.I)),
    ("javascript: URL", re.compile(r"javascript:", re.I)),
]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_template_needs_inline_code(template):
    text = template.read_text()
    found = [f"{what}: …{text[max(0, m.start() - 40):m.end() + 40]}…"
             for what, pattern in INLINE for m in pattern.finditer(text)]
    assert not found, found


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
def test_every_page_carries_the_policy(client, users, soc_trang):
    for path in ["/dang-nhap/", "/suc-khoe/web"]:
        policy = _policy(client.get(path))
        assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
        assert "'unsafe-inline'" not in str(policy) and "'unsafe-eval'" not in str(policy)
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    client.force_login(users["vanphong.cantho"])
    for path in [f"/ke-hoach/{soc_trang.pk}/", f"/bang-dieu-khien/{soc_trang.pk}/"]:
        response = client.get(path, follow=True)
        assert response.status_code == 200
        assert "style=" not in response.content.decode()
        assert _policy(response)["script-src"] == ["'self'"]


def test_bars_and_indents_stay_within_their_classes():
    from nscl.core.templatetags.vn import bar_width, indent

    assert bar_width(0.5) == "pct-50" and bar_width(3, 1) == "pct-100"
    assert bar_width(-1) == "pct-0" and bar_width(1, 0) == "pct-0"
    assert bar_width(float("nan")) == "pct-0" and bar_width(None) == "pct-0"
    assert bar_width(37, 100) == "pct-37"
    assert indent(3) == "indent-3" and indent(40) == "indent-12" and indent("x") == "indent-0"


@pytest.mark.browser
def test_the_browser_helper_fails_on_a_violation():
    """The shared browser helper records what the policy blocks and fails the test."""
    from nscl.tests.helpers import chromium

    page_html = ("<html><head><meta http-equiv='Content-Security-Policy' "
                 "content=\"style-src 'self'; script-src 'self'\"></head>"
                 "<body><p style='color:red'>x</p>"
                 "<script>document.title='x'</script></body></html>")
    violation = pytest.raises(AssertionError, match="Content-Security-Policy violations")
    with violation, chromium() as browser:
        page = browser.new_page()
        page.set_content(page_html)
        page.wait_for_timeout(200)
    with chromium() as browser:  # a clean page passes
        page = browser.new_page()
        page.set_content("<html><body><p>x</p></body></html>")


@pytest.mark.django_db
def test_the_policy_built_once_is_django_csps_own_and_follows_the_settings(client, settings):
    """The header is built once per process (nscl.core.middleware.PolicyOnceMiddleware): the
    same text django-csp builds, on the public resolver's answers too, rebuilt when the
    settings change; a response that asks for its own policy, or a page that used a nonce,
    still gets it."""
    from csp.constants import NONCE
    from csp.decorators import csp_update
    from csp.utils import build_policy
    from django.http import HttpResponse
    from django.test import RequestFactory

    from nscl.core.middleware import PolicyOnceMiddleware

    own = build_policy()
    for path in ["/healthz", "/dang-nhap/", "/01/08938501001009", "/suc-khoe/"]:
        response = client.get(path, HTTP_ACCEPT="text/html")
        assert response["Content-Security-Policy"] == own, path
        assert "Content-Security-Policy-Report-Only" not in response
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    assert client.get("/healthz")["Content-Security-Policy"] == "default-src 'none'"
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"img-src": ["'self'"]}}
    assert _policy_ro(client.get("/healthz")) == {"default-src": ["'self'"],
                                                  "img-src": ["'self'"]}

    middleware = PolicyOnceMiddleware(lambda request: None)
    view = csp_update({"img-src": ["https://tiles.example"]})(lambda request: HttpResponse())
    request = RequestFactory().get("/")
    middleware.process_request(request)
    assert _policy(middleware.process_response(request, view(request))) == {
        "default-src": ["'none'"], "img-src": ["https://tiles.example"]}
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"script-src": ["'self'", NONCE]}}
    request = RequestFactory().get("/")
    middleware.process_request(request)
    nonce = str(request.csp_nonce)  # a page that used a nonce
    response = middleware.process_response(request, HttpResponse())
    assert _policy(response)["script-src"] == ["'self'", f"'nonce-{nonce}'"]


def _policy_ro(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy-Report-Only"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}

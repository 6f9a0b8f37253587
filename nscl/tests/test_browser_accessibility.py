"""The accessibility check the browser tests run after every navigation: axe-core (from the npm
registry) fails a page with a WCAG 2.1 A/AA violation and names it; a clean page passes; what
an htmx swap brings into a page already checked is checked too."""

from pathlib import Path

import django_htmx
import pytest

from .helpers import AccessibilityViolation, audit, chromium

pytestmark = pytest.mark.browser

CLEAN = """<!doctype html><html lang="vi"><head><title>Thử</title></head><body>
<main><h1>Danh sách</h1><label for="s">Trạng thái</label>
<select id="s"><option>Mọi trạng thái</option></select></main></body></html>"""


def test_a_select_without_a_label_fails_the_page_and_a_labelled_one_passes():
    with chromium() as browser:
        page = browser.new_page()
        page.set_content(CLEAN)
        audit(page)  # no violation
        page.set_content(CLEAN.replace('<label for="s">Trạng thái</label>', "")
                         .replace('lang="vi"', ""))
        page.evaluate("() => { window.__nsclAxeChecked = false; }")  # a new document
        with pytest.raises(AccessibilityViolation) as failure:
            audit(page)
    message = str(failure.value)
    assert "select-name" in message and "html-has-lang" in message
    assert "#s" in message


HTMX = Path(django_htmx.__file__).parent / "static" / "django_htmx" / "htmx-2.min.js"
SITE = "http://nscl.test"


def _site(route):
    """A page with htmx (as the site's pages load it) and the fragment its button swaps in: a
    select without a label, as a list's filter once was."""
    if route.request.url.endswith("/htmx.js"):
        return route.fulfill(path=str(HTMX), content_type="text/javascript")
    if route.request.url.endswith("/phan-doan/"):
        return route.fulfill(content_type="text/html; charset=utf-8", body='<select id="swapped">'
                             '<option>Mọi trạng thái</option></select>')
    return route.fulfill(content_type="text/html; charset=utf-8", body=CLEAN.replace(
        "</head>", '<script src="/htmx.js"></script></head>').replace(
        "</main>", '<div id="slot"></div><button hx-get="/phan-doan/" hx-target="#slot">'
        "Tải thêm</button></main>"))


def test_content_an_htmx_swap_brings_is_checked_too():
    """The page passes when it loads; the click whose swap brings an unlabelled select fails
    (the check waits for the swap to settle and runs again on the new content)."""
    with chromium() as browser:
        page = browser.new_page()
        page.route(f"{SITE}/**", _site)
        page.goto(f"{SITE}/")  # checked: no violation
        with pytest.raises(AccessibilityViolation) as failure:
            page.get_by_role("button", name="Tải thêm").click()
            page.locator("#swapped").wait_for()  # the swap may land after the click returns
            page.locator("#slot").inner_text()
        page.close()  # the failing page is not checked again when the browser closes
    assert "select-name" in str(failure.value) and "#swapped" in str(failure.value)

"""The accessibility check the browser tests run after every navigation: axe-core (from the npm
registry) fails a page with a WCAG 2.1 A/AA violation and names it; a clean page passes."""

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

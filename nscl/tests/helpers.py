"""What the browser tests share."""

import os
from contextlib import contextmanager

from django.db import connections
from playwright.sync_api import sync_playwright

from nscl.demo.accounts import DEMO_PASSWORD


def log_in(page, base_url: str, username: str) -> None:
    """Start a fresh session as one of the demo accounts."""
    page.context.clear_cookies()
    page.goto(f"{base_url}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")


CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


# Every page reports what the Content-Security-Policy blocked, as a console error the helper
# collects (Chromium also writes its own "Refused to …" console errors, collected too).
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => console.error(
  "Content Security Policy violation: " + e.violatedDirective + " blocked " +
  (e.blockedURI || "inline") + " at " + (e.sourceFile || document.location.href) + ":" +
  e.lineNumber));
"""


def _watch(context, violations: list[str]) -> None:
    context.add_init_script(REPORT_VIOLATIONS)

    def on_console(message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            violations.append(message.text)

    context.on("console", on_console)


def _watched(browser, violations: list[str]):
    """The browser, whose new contexts and pages record CSP violations."""
    new_context = browser.new_context

    def watched_context(**kwargs):
        context = new_context(**kwargs)
        _watch(context, violations)
        return context

    def watched_page(**kwargs):
        context = watched_context(**kwargs)
        page = context.new_page()
        return page

    browser.new_context = watched_context
    browser.new_page = watched_page
    return browser


@contextmanager
def chromium():
    """The system Chromium, headless. The live server and Playwright share the main thread's
    event loop, so database work the test does meanwhile opens connections of its own: they are
    closed here, or the test database could not be dropped at the end of the run.

    Any Content-Security-Policy violation on any page fails the test when the browser closes."""
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    violations: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            try:
                yield _watched(browser, violations)
            finally:
                connections.close_all()
                browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)

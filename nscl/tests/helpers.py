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


@contextmanager
def chromium():
    """The system Chromium, headless. The live server and Playwright share the main thread's
    event loop, so database work the test does meanwhile opens connections of its own: they are
    closed here, or the test database could not be dropped at the end of the run."""
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            try:
                yield browser
            finally:
                connections.close_all()
                browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)

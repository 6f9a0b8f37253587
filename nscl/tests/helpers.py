"""What the browser tests share."""

import os
import subprocess
from contextlib import contextmanager
from pathlib import Path

from django.db import connections
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page, sync_playwright
from playwright.sync_api._generated import LocatorAssertions, PageAssertions, mapping

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


REPO = Path(__file__).resolve().parents[2]
AXE_VERSION = "4.10.3"  # the same pin as scripts/ensure-axe.sh
AXE = REPO / "var" / "axe" / f"axe-{AXE_VERSION}.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Page and locator actions after which the page may show a new document or new content: the
# check runs after each (once per document, again after each htmx swap — see `HTMX_WATCH`).
NAVIGATING = {Page: ("goto", "click", "press", "go_back", "reload", "select_option", "fill",
                     "check", "set_input_files", "screenshot"),
              Locator: ("click", "press", "select_option", "fill", "check", "set_input_files",
                        "inner_text", "screenshot")}
# Every document marks itself unchecked after each htmx swap has settled (new content from the
# server — a job's progress, a roll's fill — that the check of the page never saw); `audit`
# waits for swaps in flight to settle, then checks again.
HTMX_WATCH = """
document.addEventListener("htmx:afterSettle", () => { window.__nsclAxeChecked = false;
  window.__nsclSwaps = (window.__nsclSwaps || 0) + 1; });
"""
HTMX_IDLE = "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
RUN_AXE = """async (tags) => {
  if (window.__nsclAxeChecked) return null;
  window.__nsclAxeChecked = true;
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags},
                                          resultTypes: ["violations"]});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 6).map(n => n.target.join(" ") + " — " + n.failureSummary)}));
}"""


class AccessibilityViolation(AssertionError):
    pass


def axe_source() -> Path:
    """axe-core from the npm registry (var/axe/, fetched by scripts/ensure-axe.sh on first use)."""
    if not AXE.exists():
        subprocess.run(["sh", str(REPO / "scripts" / "ensure-axe.sh")], check=True)
    return AXE


def audit(page: Page) -> None:
    """Run axe-core on the page's document once (WCAG 2.1 A and AA); fail on any violation,
    listing each rule, what it asks and the elements that break it."""
    for attempt in range(3):
        try:
            page.wait_for_load_state("load")
            if page.evaluate("() => document.contentType") != "text/html":
                return  # a file or a picture the browser shows, not a page
            if not page.evaluate("() => typeof axe !== 'undefined'"):
                page.add_script_tag(path=str(axe_source()))  # a page opened before the checks
            page.wait_for_function(HTMX_IDLE, timeout=10_000)  # a swap in flight lands first
            violations = page.evaluate(RUN_AXE, WCAG)
            break
        except PlaywrightError as exc:  # the page navigated while it was being checked
            if attempt == 2 or "context was destroyed" not in str(exc) and \
                    "navigation" not in str(exc).lower():
                raise
    if violations:
        lines = [f"{v['id']} ({v['impact']}): {v['help']}\n      " + "\n      ".join(v["nodes"])
                 for v in violations]
        message = f"WCAG 2.1 A/AA violations on {page.url}:\n  - " + "\n  - ".join(lines)
        survey = os.environ.get("NSCL_AXE_SURVEY")  # a file: note them all and go on
        if survey:
            with open(survey, "a", encoding="utf-8") as out:
                out.write(message + "\n")
            return
        raise AccessibilityViolation(message)


def _audited(method, page_of):
    def action(self, *args, **kwargs):
        result = method(self, *args, **kwargs)
        page = page_of(self)
        if not page.is_closed():
            audit(page)
        return result
    action.__wrapped__ = method
    return action


def _asserted_page(assertions) -> Page:
    """The page an `expect(...)` is about."""
    impl = assertions._impl_obj
    target = getattr(impl, "_actual_page", None) or impl._actual_locator.page
    return mapping.from_impl(target)


ASSERTIONS = (LocatorAssertions, PageAssertions)


@contextmanager
def accessibility_checks():
    """While active, each action of any page that may change what it shows (goto, click,
    press, select_option, fill, check …) and each passing `expect(…)` is followed by the
    axe-core check (`audit`): once per document, and again once an htmx swap has brought new
    content (a test that waits for a swapped-in progress with `expect` has it checked then).
    The pages' contexts load axe-core in every document (`_watch`)."""
    saved = {(cls, name): getattr(cls, name) for cls, names in NAVIGATING.items()
             for name in names}
    saved |= {(cls, name): getattr(cls, name) for cls in ASSERTIONS for name in dir(cls)
              if name.startswith(("to_", "not_to_"))}
    try:
        for (cls, name), method in saved.items():
            page_of = ((lambda p: p) if cls is Page else (lambda loc: loc.page)
                       if cls is Locator else _asserted_page)
            setattr(cls, name, _audited(method, page_of))
        yield
    finally:
        for (cls, name), method in saved.items():
            setattr(cls, name, method)


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
    context.add_init_script(HTMX_WATCH)
    # axe-core in every document, as an init script (not a <script> the CSP would block)
    context.add_init_script(path=str(axe_source()))

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
    """The system Chromium, headless, every page it opens checked by axe-core after each
    navigation (`accessibility_checks`). The live server and Playwright share the main thread's
    event loop, so database work the test does meanwhile opens connections of its own: they are
    closed here, or the test database could not be dropped at the end of the run.

    Any Content-Security-Policy violation on any page fails the test when the browser closes."""
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    violations: list[str] = []
    try:
        with sync_playwright() as playwright, accessibility_checks():
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            try:
                yield _watched(browser, violations)
                for context in browser.contexts:  # what the last swaps brought, checked too
                    for page in context.pages:
                        if not page.is_closed() and page.url != "about:blank":
                            audit(page)
            finally:
                connections.close_all()
                browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)

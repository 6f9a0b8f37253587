"""What the browser tests share."""

from nscl.demo.accounts import DEMO_PASSWORD


def log_in(page, base_url: str, username: str) -> None:
    """Start a fresh session as one of the demo accounts."""
    page.context.clear_cookies()
    page.goto(f"{base_url}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")

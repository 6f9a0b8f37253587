"""Absolute links to the site's pages, for what leaves the browser (e-mails): the configured
`NSCL_SITE_URL` and the page's path, never the address a request happened to come in by."""

from django.conf import settings
from django.utils.translation import gettext as _


def absolute_url(path: str) -> str:
    return settings.NSCL_SITE_URL.rstrip("/") + "/" + path.lstrip("/")


def see_at(path: str) -> str:
    """The line an e-mail ends with: where to see what it is about."""
    return _("Xem trên hệ thống NSCL: %(url)s") % {"url": absolute_url(path)}

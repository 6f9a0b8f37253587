"""Login throttling (django-axes, configured in settings/base.py): who is guessing, and the page
a locked account or address sees."""

from axes.helpers import get_cool_off
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from nscl.traceability.clients import address


def client_address(request: HttpRequest) -> str:
    """The client's address as the resolver trusts it (NSCL_TRUSTED_PROXIES)."""
    return address(request.META)


def locked_out(request: HttpRequest, response=None, credentials=None) -> HttpResponse:
    """HTTP 429 in the site's frame, saying when to try again. Every attempt during the lockout
    starts the cool-off again, so the time is counted from now."""
    cool_off = get_cool_off(request)
    retry_at = timezone.localtime(timezone.now() + cool_off)
    locked = render(request, "organisation/locked_out.html",
                    {"retry_at": retry_at, "minutes": max(1, round(cool_off.total_seconds() / 60))},
                    status=429)
    locked["Retry-After"] = str(max(1, int(cool_off.total_seconds())))
    return locked

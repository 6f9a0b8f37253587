"""The site's error pages (403, 404, 500): in the user's language, in the site's frame, each with
a way back — to the page the user came from (when it is this site's) and to the home page.

The 500 page is rendered without the request's context (no user, no session, no database):
whatever failed may be exactly those. Should even the template fail, a plain page says it."""

from django.http import HttpResponseForbidden, HttpResponseNotFound, HttpResponseServerError
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _


def _back(request) -> str:
    """Where the user came from, when it is a page of this site (never an outside address)."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure()):
        return referer
    return ""


def _reason(exception) -> str:
    """A refusal's own reason, when the code gave one in words (our checks say why)."""
    text = str(exception) if exception is not None else ""
    return "" if not text or text == "None" or text.startswith("<") else text


def permission_denied(request, exception=None, template_name="403.html"):
    return HttpResponseForbidden(loader.render_to_string(template_name, {
        "reason": _reason(exception), "back": _back(request)}, request))


def page_not_found(request, exception=None, template_name="404.html"):
    return HttpResponseNotFound(loader.render_to_string(template_name, {
        "back": _back(request)}, request))


def server_error(request=None, template_name="500.html"):
    try:
        return HttpResponseServerError(loader.render_to_string(template_name, {}))
    except Exception:  # noqa: BLE001 — the last resort must answer whatever broke
        title = _("Lỗi hệ thống")
        text = _("Hệ thống gặp sự cố và chưa thực hiện được yêu cầu. Vui lòng thử lại sau ít "
                 "phút; nếu vẫn lỗi, hãy báo quản trị hệ thống.")
        return HttpResponseServerError(
            f"<!doctype html><meta charset=utf-8><title>{title}</title><h1>{title}</h1>"
            f"<p>{text}</p><p><a href=\"/\">{_('Về trang chủ')}</a></p>")

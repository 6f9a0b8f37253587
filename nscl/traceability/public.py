"""The public GS1 Digital Link resolver (GS1-Conformant resolver standard 1.2).

- `/01/{GTIN}`, `/01/{GTIN}/10/{lot}`, `/01/{GTIN}[/10/{lot}]/21/{serial}` (GTIN-8/12/13 too,
  answered at the 14-digit form); a compressed URI is decompressed (`Link: …; rel="owl:sameAs"`).
- `?linkType=linkset` (or the older `all`, or `Accept: application/linkset+json`): the linkset of
  every level up to the GTIN, 200. `?linkType=gs1:…`: 307 to that link at the most granular
  level that has it, else to the default link. No linkType: 307 to the default link.
- A stamp (the hot path): a browser or phone gets the stamp's page itself, which is the stamp's
  default link (`gs1:pip`), without a round trip; the scan is logged and counted
  (`scanning`). A serial with no entry, or a voided or not yet activated stamp (an entry that is
  not active), falls back to the lot or the product: 307 there, with a signed notice the page
  shows (a copied or made-up stamp is still said to be one). A lot with no entry falls back to
  the product; a GTIN with no published product is 404.
- Bad syntax is 400; no error is ever 200; the query string is passed on; CORS on every answer;
  GET, HEAD (never logged as a scan) and OPTIONS.
"""

import hashlib
import hmac
import json
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.http import FileResponse, HttpResponse, JsonResponse
from django.http.response import HttpResponseRedirectBase
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import Resolver404
from django.urls import resolve as url_resolve
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from nscl.organisation.scope import restrict

from . import clients, linksets, scanning
from .choices import ScanResult
from .digital_link import Request, SyntaxProblem, decompress, parse
from .models import Product
from .scanpage import scan_page
from .serials import is_well_formed
from .traceinfo import roll_information

LIMIT = getattr(settings, "NSCL_RESOLVER_RATE_LIMIT", 120)  # requests per client per minute
NO_STORE = "no-store, private"
CORS = {"Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
        "Access-Control-Allow-Headers": "Accept, Accept-Language",
        "Access-Control-Expose-Headers": "Link, Location, Content-Type"}
PIP = {None, "", "gs1:pip", "https://gs1.org/voc/pip", "https://ref.gs1.org/voc/pip"}
NOTICE = "canh-bao"  # the query parameter of a fallback's signed notice
DATA = Path(__file__).resolve().parent / "data" / "gs1-resolver-1.2"


_CORS_STORE = {name.lower(): (name, value) for name, value in CORS.items()}


def _headers(response: HttpResponse, **extra) -> HttpResponse:
    """CORS on every answer. The fixed headers go in as one dict update (they are ASCII and
    known): setting them one by one cost a scan 15 µs."""
    response.headers._store.update(_CORS_STORE)  # noqa: SLF001
    for name, value in extra.items():
        response[name] = value
    return response


def _accepts(request, media: str) -> bool:
    return media in request.META.get("HTTP_ACCEPT", "")


def _wants_json(request) -> bool:
    return request.GET.get("format") == "json" or _accepts(request, "application/json")


def _passed_on(request, target: str, **extra) -> str:
    """The target with the request's query string passed on (and `extra` pairs)."""
    pairs = [(k, v) for k, values in request.GET.lists() for v in values] + list(extra.items())
    if not pairs:
        return target
    return target + ("&" if "?" in target else "?") + urlencode(pairs)


class TemporaryRedirect(HttpResponseRedirectBase):
    """307, as GS1 resolvers redirect: the client repeats the same request at the target."""

    status_code = 307


def _redirect(request, target: str, anchor: str, **extra) -> HttpResponse:
    response = TemporaryRedirect(_passed_on(request, target, **extra))
    return _headers(response, Link=linksets.linkset_header(anchor),
                    **{"Cache-Control": NO_STORE})


def _error(request, status: int, message: str) -> HttpResponse:
    """An error is never 200: a problem document for machines, a short page for people."""
    if _accepts(request, "text/html"):
        page = render_to_string("traceability/public_error.html", {"message": message,
                                                                   "status": status})
        response = HttpResponse(page, status=status)
    else:
        response = JsonResponse({"type": "about:blank", "title": message, "status": status},
                                status=status, content_type="application/problem+json",
                                json_dumps_params={"ensure_ascii": False})
    return _headers(response, **{"Cache-Control": NO_STORE})


def sign(status: str, gtin: str, serial: str) -> str:
    """A notice a fallback carries to the page it lands on, that no one else can write."""
    text = f"{status}|{gtin}|{serial}"
    mac = hmac.new(settings.SECRET_KEY.encode(), text.encode(), hashlib.sha256).hexdigest()[:16]
    return f"{status}.{serial}.{mac}"


def notice(token: str, gtin: str) -> tuple[str, str] | None:
    """(status, serial) of a genuine notice for this GTIN, else None."""
    status, _sep, rest = token.partition(".")
    serial, _sep, _mac = rest.rpartition(".")
    if status and serial and hmac.compare_digest(sign(status, gtin, serial), token):
        return status, serial
    return None


@csrf_exempt
def resolve(request, path: str):
    try:
        link = parse(path)
    except SyntaxProblem as problem:
        return _error(request, 400, str(problem))
    return _answer(request, link)


@csrf_exempt
def resolve_compressed(request, segment: str):
    """A compressed GS1 Digital Link URI, answered as its uncompressed form, which the `Link`
    header names (`owl:sameAs`)."""
    path = decompress(segment)
    if path is None:
        try:
            url_resolve(f"/{segment}/")  # a page's address typed without its slash
            return _headers(HttpResponse(status=301), Location=f"/{segment}/")
        except Resolver404:
            return _error(request, 404, _("Không có trang này."))
    try:
        link = parse(path)
    except SyntaxProblem as problem:
        return _error(request, 400, str(problem))
    response = _answer(request, link)
    same = f'<{linksets.base()}{link.path()}>; rel="owl:sameAs"'
    response["Link"] = same + (", " + response["Link"] if response.get("Link") else "")
    return response


def _answer(request, link: Request) -> HttpResponse:
    if request.method == "OPTIONS":
        return _headers(HttpResponse(status=204), Allow="GET, HEAD, OPTIONS")
    ip = clients.address(request.META)
    requested = request.GET.get("linkType")
    wants_linkset = requested in ("linkset", "all") or _accepts(request,
                                                               "application/linkset+json")
    stamp = link.key == "01" and link.serial and not wants_linkset and requested in PIP
    # a person's scan of a stamp (logged and counted): the rate limit and the repeat-scan
    # memory in one cache round trip; a serial that cannot exist is not remembered
    scan = stamp and request.method != "HEAD" and (
        requested or _accepts(request, "text/html") or _wants_json(request))
    client = clients.client_hash(ip, request.META.get("HTTP_USER_AGENT", "")[:200]) \
        if scan else ""
    remembered = scan and is_well_formed(link.serial)
    # a request with a session may be the producer's own check, which does not count: known
    # only after the rate limit, so it is counted on the stamp's kept facts afterwards
    counts = settings.SESSION_COOKIE_NAME not in request.COOKIES
    visit = clients.visit(ip, LIMIT, link.serial if remembered else None, client, counts,
                          link.gtin)
    if visit.over:
        response = HttpResponse(_("Quá nhiều lượt quét từ thiết bị này, vui lòng thử lại sau một "
                                  "phút."), status=429, content_type="text/plain; charset=utf-8")
        return _headers(response, **{"Retry-After": "60"})
    if link.key != "01":
        return _error(request, 404, _("Cổng truy xuất này chỉ phân giải mã GTIN (01)."))
    if scan:
        return _scan(request, link, client, visit if remembered else None, counts)
    if stamp:
        return _machine(request, link)
    return _levels(request, link, requested, wants_linkset)


def _machine(request, link: Request) -> HttpResponse:
    """A stamp asked by an application, or HEAD: not a person scanning, nothing logged."""
    hit = scanning.lookup(link.gtin, link.lot, link.serial)
    result = scanning.result_of(hit)
    if result in (ScanResult.GENUINE_FIRST, ScanResult.GENUINE_REPEAT):
        anchor = _anchor_uri(link)
        if request.method == "HEAD":
            return _headers(HttpResponse(status=200), Link=linksets.linkset_header(anchor))
        return _redirect(request, f"{anchor}?linkType=gs1:pip", anchor)
    return _fallback(request, link, result)


def _scan(request, link: Request, client: str, visit: clients.Visit | None,
          counts: bool) -> HttpResponse:
    """The hot path: the stamp from its kept facts or one prepared read, the scan logged
    behind, the page from a cached frame. `visit`: what the rate limit's round trip read (None:
    not asked, a serial that cannot exist); `counts`: whether it counted this scan."""
    seen = bool(visit and visit.seen)
    scan = scanning.scan_record(
        gtin=link.gtin, lot=link.lot, serial=link.serial, client=client,
        latitude=request.GET.get("lat"), longitude=request.GET.get("lon"),
        seen_before=seen, by_owner=_by_owner(request, link),
        forget_seen=None if visit is None else lambda: clients.forget(link.serial, client),
        kept_facts=visit.kept if visit else None, kept_counted=counts and not seen)
    if not scan.genuine:
        return _fallback(request, link, scan.result)
    info = roll_information(scan.hit.roll_id, scan.hit.version) if scan.shows_product else None
    anchor = _anchor_uri(link)
    if _wants_json(request):
        response = JsonResponse({
            "status": scan.result, "status_label": str(ScanResult(scan.result).label),
            "scan_count": scan.previous + (1 if scan.counted else 0),
            "information": info.as_json(link.serial) if info else None,
            "expired": scanning.expired(scan.hit), "recall": scanning.recall_of(scan.hit),
            "linkset": f"{anchor}?linkType=linkset"}, json_dumps_params={"ensure_ascii": False})
    else:
        response = HttpResponse(scan_page(scan, info, link.serial))
    return _headers(response, Link=linksets.linkset_header(anchor),
                    **{"Cache-Control": NO_STORE})  # every scan must reach the server


def _by_owner(request, link: Request) -> bool:
    """A logged-in producer (or its province's office) checking its own stamp: only a request
    that carries a session pays for finding out."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    from .permissions import can_manage_product

    user = request.user
    product = Product.objects.select_related("producer", "place").filter(gtin=link.gtin).first()
    return bool(product and user.is_authenticated and can_manage_product(user, product))


def _anchor_uri(link: Request) -> str:
    return linksets.base() + link.path()


def _fallback(request, link: Request, result: str) -> HttpResponse:
    """A serial with no active entry: to the lot, or the product, with a signed notice."""
    product = restrict(Product.objects.filter(gtin=link.gtin), None).first()
    if product is None:
        return _error(request, 404, _("Mã %(s)s không có trong hệ thống: sản phẩm có thể là hàng "
                                      "giả.") % {"s": link.serial})
    level = "10" if link.lot and product.batches.filter(lot=link.lot).exists() else "01"
    target = linksets.base() + link.path(upto=level)
    return _redirect(request, target, target, **{NOTICE: sign(result, link.gtin, link.serial)})


def _levels(request, link: Request, requested: str | None, wants_linkset: bool):
    """A product, a lot, or a stamp's linkset or other link types."""
    product = restrict(Product.objects.select_related("producer").filter(gtin=link.gtin),
                       None).first()
    if product is None:
        return _error(request, 404, _("Không có sản phẩm GTIN %(g)s trên cổng truy xuất.")
                      % {"g": link.gtin})
    batch = product.batches.filter(lot=link.lot).first() if link.lot else None
    if link.lot and batch is None:  # a lot with no entry: the product answers
        target = linksets.base() + link.path(upto="01")
        return _redirect(request, target, target)
    anchors = []
    if link.serial:
        hit = scanning.lookup(link.gtin, link.lot, link.serial)
        if scanning.result_of(hit) not in (ScanResult.GENUINE_FIRST, ScanResult.GENUINE_REPEAT):
            return _fallback(request, link, scanning.result_of(hit))
        anchors.append(linksets.stamp_anchor(product, link.lot, link.serial))
    if batch is not None:
        anchors.append(linksets.lot_anchor(product, batch))
    anchors.append(linksets.product_anchor(product, product.batches.filter(
        recalls__state__in=scanning.RECALL_IN_FORCE).exists()))
    own = anchors[0].uri
    if wants_linkset:
        return _linkset(request, anchors)
    wanted = linksets.link_type(requested or "")
    for anchor in anchors:  # the most granular level that has the link type
        found = anchor.find(wanted) if wanted else None
        if found:
            return _redirect(request, found.href, own)
    default = anchors[0].find(anchors[0].default)
    return _redirect(request, default.href, own)


def _linkset(request, anchors) -> HttpResponse:
    body = linksets.linkset(anchors)
    if _accepts(request, "text/html") and not _accepts(request, "json"):
        page = render_to_string("traceability/public_linkset.html", {"anchors": body["linkset"]})
        response = HttpResponse(page)
    else:
        response = HttpResponse(json.dumps(body, ensure_ascii=False),
                                content_type="application/linkset+json")
    return _headers(response, Link=linksets.CONTEXT_LINK, Vary="Accept",
                    **{"Cache-Control": "no-cache"})


def well_known(request):
    """The resolver description file (valid against GS1's description-file schema)."""
    body = {"name": _("NSCL — Cổng truy xuất nguồn gốc"), "resolverRoot": linksets.base() + "/",
            "supportedLinkType": [{"namespace": "https://gs1.org/voc/", "prefix": "gs1:"}],
            "supportedPrimaryKeys": ["01"], "linkTypeDefaultCanBeAll": False,
            "supportsSemanticInterpretation": False, "validatesAIcombinations": True,
            "supportsLanguageVariants": True,
            "contact": {"fn": getattr(settings, "NSCL_RESOLVER_OPERATOR",
                                      "Sở Khoa học và Công nghệ")}}  # i18n: data
    response = HttpResponse(json.dumps(body, ensure_ascii=False),
                            content_type="application/json")
    return _headers(response)


def bare(request):
    """The baseline of the load test: the same server and middleware, nothing else."""
    return HttpResponse("ok", content_type="text/plain")


def product_image(request, pk: int):
    """A published product's image, for its public page; nothing for an unpublished one."""
    product = get_object_or_404(restrict(Product.objects.exclude(image=""), None), pk=pk)
    response = FileResponse(product.image.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def health(request):
    """The health check: the database, and the scan log — what this process holds back, what it
    lost and has not written down yet, and every loss written down (503 when anything is
    wrong)."""
    from django.db import DatabaseError
    from django.db.models import Sum

    from .models import ScanLogLoss
    from .scanlog import scan_log

    body = {"scan_log": scan_log.health(), "database": "ok"}
    try:
        body["scan_log"]["lost_recorded"] = ScanLogLoss.objects.aggregate(
            n=Sum("dropped"))["n"] or 0
    except DatabaseError:
        body["database"] = "unreachable"
    healthy = body["database"] == "ok" and not body["scan_log"]["lost_unrecorded"] \
        and not body["scan_log"]["failing_since"]
    return JsonResponse(body, status=200 if healthy else 503)

"""The public resolver: what a phone shows when it scans a stamp's QR code.

A plain Django view because it is the hot path: no DRF, no session, one SQL statement per scan
(`scanning`), the writes left to `scanlog`, the page from a cached frame (`scanpage`). GS1 Digital
Link: /01/{GTIN}[/10/{lot}]/21/{serial}; JSON when asked (Accept: application/json or
?format=json), as resolvers do. Rate-limited per client through the cache (use a shared cache,
such as Redis via CACHE_URL, when several server processes run).
"""

import json

from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from nscl.organisation.scope import restrict

from .choices import ScanResult
from .models import Product
from .scanning import client_hash, scan_record
from .scanpage import scan_page
from .traceinfo import roll_information

LIMIT = getattr(settings, "NSCL_RESOLVER_RATE_LIMIT", 120)  # scans per client per minute
NO_STORE = "no-store, private"


def _client(request) -> tuple[str, str]:
    ip = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[0].strip() \
        or request.META.get("REMOTE_ADDR", "")
    return client_hash(ip, request.META.get("HTTP_USER_AGENT", "")[:200]), ip


def _limited(ip: str) -> bool:
    """Over `LIMIT` scans in the client's current minute (one cache operation per scan)."""
    key = f"resolver:{ip}"
    try:
        count = cache.incr(key)
    except ValueError:  # the client's first scan this minute
        count = 1 if cache.add(key, 1, 60) else cache.incr(key)
    return count > LIMIT


def _wants_json(request) -> bool:
    return request.GET.get("format") == "json" or \
        "application/json" in request.META.get("HTTP_ACCEPT", "")


@csrf_exempt
def resolve(request, gtin: str, serial: str, lot: str = ""):
    response = _resolve(request, gtin, serial, lot)
    response["Cache-Control"] = NO_STORE  # every scan must reach the server to be counted
    return response


def _resolve(request, gtin: str, serial: str, lot: str) -> HttpResponse:
    client, ip = _client(request)
    if _limited(ip):
        return HttpResponse(_("Quá nhiều lượt quét từ thiết bị này, vui lòng thử lại sau một "
                              "phút."), status=429, content_type="text/plain; charset=utf-8")
    scan = scan_record(gtin=gtin, lot=lot, serial=serial, client=client,
                       latitude=request.GET.get("lat"), longitude=request.GET.get("lon"))
    info = roll_information(scan.hit.roll_id, scan.hit.version) if scan.shows_product else None
    status = 404 if scan.result == ScanResult.UNKNOWN else 200
    if _wants_json(request):
        return JsonResponse({"status": scan.result,
                             "status_label": str(ScanResult(scan.result).label),
                             "scan_count": scan.previous + 1 if scan.hit else 0,
                             "information": info.as_json(serial) if info else None,
                             "linkset": _linkset(request, gtin, lot, serial)}, status=status,
                            json_dumps_params={"ensure_ascii": False})
    return HttpResponse(scan_page(scan, info, serial), status=status)


def _linkset(request, gtin, lot, serial) -> list[dict]:
    here = request.build_absolute_uri(request.path)
    return [{"anchor": here, "https://gs1.org/voc/pip": [{"href": here, "type": "text/html",
                                                           "hreflang": ["vi"]}]}]


def well_known(request):
    """The resolver description a GS1 Digital Link client looks for."""
    body = {"name": "NSCL — Cổng truy xuất nguồn gốc", "resolverRoot": request.build_absolute_uri(
        "/"), "supportedPrimaryKeys": ["01"], "supportedLinkType": ["gs1:pip"],
            "linkTypeDefaultCanBeLinkset": True}
    return HttpResponse(json.dumps(body, ensure_ascii=False), content_type="application/json")


def bare(request):
    """The baseline of the load test: the same server and middleware, nothing else."""
    return HttpResponse("ok", content_type="text/plain")


def product_image(request, pk: int):
    """A published product's image, for its public page; nothing for an unpublished one."""
    product = get_object_or_404(restrict(Product.objects.exclude(image=""), None), pk=pk)
    response = FileResponse(product.image.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=86400"
    return response

"""The public resolver: what a phone shows when it scans a stamp's QR code.

A plain Django view (no DRF, no session, no database beyond the stamp, its product and the two
writes of the scan log) because it is the hot path. GS1 Digital Link: /01/{GTIN}[/10/{lot}]/21/
{serial}; JSON when asked (Accept: application/json or ?format=json), as resolvers do.
Rate-limited per client through the cache.
"""

import json

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from .choices import ScanResult
from .services import client_hash, scan_record
from .traceinfo import public_information

LIMIT = getattr(settings, "NSCL_RESOLVER_RATE_LIMIT", 120)  # scans per client per minute


def _client(request) -> tuple[str, str]:
    ip = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[0].strip() \
        or request.META.get("REMOTE_ADDR", "")
    return client_hash(ip, request.META.get("HTTP_USER_AGENT", "")[:200]), ip


def _limited(ip: str) -> bool:
    key = f"resolver:{ip}"
    count = cache.get_or_set(key, 0, 60)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, 60)
        count = 1
    return count > LIMIT


def _wants_json(request) -> bool:
    return request.GET.get("format") == "json" or \
        "application/json" in request.META.get("HTTP_ACCEPT", "")


@never_cache
@csrf_exempt
def resolve(request, gtin: str, serial: str, lot: str = ""):
    client, ip = _client(request)
    if _limited(ip):
        return HttpResponse(_("Quá nhiều lượt quét từ thiết bị này, vui lòng thử lại sau một "
                              "phút."), status=429, content_type="text/plain; charset=utf-8")
    result, stamp = scan_record(gtin=gtin, lot=lot, serial=serial, client=client,
                                latitude=request.GET.get("lat"), longitude=request.GET.get("lon"))
    genuine = result in (ScanResult.GENUINE_FIRST, ScanResult.GENUINE_REPEAT)
    info = public_information(stamp) if genuine else None  # a void stamp tells nothing more
    status = 404 if result == ScanResult.UNKNOWN else 200
    if _wants_json(request):
        return JsonResponse({"status": result, "status_label": str(ScanResult(result).label),
                             "scan_count": (stamp.scan_count + 1) if stamp else 0,
                             "information": info.as_json() if info else None,
                             "linkset": _linkset(request, gtin, lot, serial)}, status=status,
                            json_dumps_params={"ensure_ascii": False})
    return render(request, "traceability/public_scan.html", {
        "result": result, "label": ScanResult(result).label, "stamp": stamp, "info": info,
        "previous": stamp.scan_count if stamp else 0, "serial": serial}, status=status)


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

"""The pages the resolver's links lead to (no login): a product's information page, its
standards and certifications, a lot's page and journey, recall status (a page, or JSON for
applications), and the scratch-off PIN check. Only published products show anything."""

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from nscl.core.listing import paginate
from nscl.organisation.scope import restrict

from . import clients, services
from .models import Product, Recall
from .public import NOTICE, notice
from .scanning import RECALL_IN_FORCE
from .traceinfo import build

PIN_CLIENT_TRIES = 20  # PIN attempts a client gets an hour, over all stamps


def _product(gtin: str) -> Product:
    return get_object_or_404(restrict(Product.objects.select_related(
        "producer__commune", "place"), None), gtin=gtin)


def _recalls(product, batch=None):
    recalls = Recall.objects.filter(batch__product=product, state__in=RECALL_IN_FORCE)
    return recalls.filter(batch=batch) if batch is not None else recalls.select_related("batch")


def _page(request, template: str, product, batch=None, **context):
    shown = notice(request.GET.get(NOTICE, ""), product.gtin)
    return render(request, template, {
        "info": build(product, batch), "product": product, "batch": batch,
        "recalls": _recalls(product, batch), "notice": shown,
        "expired": bool(batch and batch.expires_on and batch.expires_on < timezone.localdate()),
        **context})


def product_page(request, gtin):
    product = _product(gtin)
    return _page(request, "traceability/public_product.html", product,
                 lots=paginate(request, product.batches.order_by("-produced_on", "-pk"),
                               per_page=20))


def certification_page(request, gtin):
    product = _product(gtin)
    if not (product.standards or product.certifications):
        raise Http404
    return _page(request, "traceability/public_product.html", product, section="certification")


def lot_page(request, gtin, lot):
    product = _product(gtin)
    batch = get_object_or_404(product.batches, lot=lot)
    return _page(request, "traceability/public_product.html", product, batch)


def journey_page(request, gtin, lot):
    product = _product(gtin)
    batch = get_object_or_404(product.batches, lot=lot)
    return _page(request, "traceability/public_product.html", product, batch,
                 section="journey")


def recall_status(request, gtin, lot=None):
    """gs1:recallStatus: whether the product (or the lot) is under recall, and what to do."""
    product = _product(gtin)
    batch = get_object_or_404(product.batches, lot=lot) if lot else None
    recalls = list(_recalls(product, batch).select_related("batch"))
    if request.GET.get("format") == "json" or "application/json" in request.META.get(
            "HTTP_ACCEPT", ""):
        return JsonResponse({
            "gtin": product.gtin, "lot": lot, "recalled": bool(recalls),
            "recalls": [{"lot": r.batch.lot, "state": r.state, "recalledOn":
                         r.recalled_on.isoformat(), "reason": r.reason,
                         "instructions": r.instructions, "contact": r.contact}
                        for r in recalls]}, json_dumps_params={"ensure_ascii": False})
    return _page(request, "traceability/public_product.html", product, batch,
                 section="recall")


@csrf_exempt  # a public form with no session: nothing a forged request could abuse
@require_POST
def pin_check(request, serial):
    """The scratch-off PIN of a stamp: genuine and verified now, or verified before (when)."""
    ip = clients.address(request.META)
    key = f"pin:{ip}"
    tries = cache.get_or_set(key, 0, 3600)
    if tries >= getattr(settings, "NSCL_PIN_CLIENT_TRIES", PIN_CLIENT_TRIES):
        return _pin_answer(request, "client_locked", None, status=429)
    cache.set(key, tries + 1, 3600)
    outcome, stamp = services.pin_verify(serial=serial[:20],
                                         pin=request.POST.get("pin", "").strip()[:16])
    status = {"first": 200, "again": 200, "wrong": 422, "locked": 423, "none": 404}[outcome]
    return _pin_answer(request, outcome, stamp, status=status)


def _pin_answer(request, outcome: str, stamp, status: int) -> HttpResponse:
    left = services.PIN_TRIES - stamp.pin_failures if stamp is not None else 0
    return render(request, "traceability/public_pin.html", {
        "outcome": outcome, "stamp": stamp, "left": left,
        "verified_at": timezone.localtime(stamp.pin_verified_at) if stamp is not None
        and stamp.pin_verified_at else None}, status=status)

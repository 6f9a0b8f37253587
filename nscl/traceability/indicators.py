"""Indicator computations over the product registry, registered with the indicator engine."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from .choices import TrademarkStatus
from .models import Product

HUNDRED = Decimal(100)


def ocop_trademark_share(indicator, _param, first: int, last: int) -> dict[int, Decimal]:
    """Share (%) of the province's OCOP products whose trademark is registered, year by year.

    A product counts from the year it was recognised OCOP, and as registered from the year its
    certificate was granted (from its recognition year when no date was recorded). Years after
    the current one are not projected.
    """
    province_path = indicator.plan.province.province_path()
    products = list(Product.objects.filter(place__path__startswith=province_path, ocop_stars__gt=0,
                                           ocop_year__lte=last)
                    .values("ocop_year", "trademark_status", "trademark_registered_on"))
    shares = {}
    for year in range(first, min(last, timezone.localdate().year) + 1):
        recognised = [p for p in products if p["ocop_year"] <= year]
        if not recognised:
            continue
        registered = sum(1 for p in recognised if _registered_by(p, year))
        shares[year] = (HUNDRED * registered / len(recognised)).quantize(Decimal("0.01"))
    return shares


def _registered_by(product: dict, year: int) -> bool:
    if product["trademark_status"] != TrademarkStatus.REGISTERED:
        return False
    granted = product["trademark_registered_on"]
    return granted is None or granted <= dt.date(year, 12, 31)


def portal_in_operation(indicator, _param, first: int, last: int) -> dict[int, Decimal]:
    """1 from the year the province's portal first published a product (a milestone)."""
    published = (Product.objects.filter(place__path__startswith=indicator.plan.province
                                        .province_path(), published=True)
                 .order_by("created_at").values_list("created_at", flat=True).first())
    if published is None:
        return {}
    since = timezone.localtime(published).year
    return {year: Decimal(1) for year in range(max(first, since), last + 1)}

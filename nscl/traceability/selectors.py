"""Reads of traceability through the scope layer, and the counterfeit signals of the scan log."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from nscl.organisation.choices import Role
from nscl.organisation.scope import PROVINCE_WIDE_ROLES, province_scope_path

from .models import Product


def products_for(user) -> QuerySet[Product]:
    products = Product.objects.select_related("producer", "place")
    if user.is_superuser or user.role == Role.MINISTRY:
        return products
    if user.unit_id is None:
        return products.none()
    if user.role in PROVINCE_WIDE_ROLES:
        return products.filter(place__path__startswith=province_scope_path(user))
    if user.role == Role.BENEFICIARY:
        return products.filter(producer__unit=user.unit)
    return products.none()


def product_get(user, pk: int) -> Product:
    return get_object_or_404(products_for(user), pk=pk)


def signals(products, limit: int = 50_000):
    """The scored counterfeit and compliance signals of the products' scan log."""
    from .signals import signals as scored

    return scored(products, limit)

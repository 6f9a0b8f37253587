"""Vietnamese numbers in templates: {{ amount|vn_number }} → 6.370, {{ share|vn_percent }}."""

from decimal import Decimal

from django import template

from nscl.core.numbers import format_vn_number, format_vn_percent

register = template.Library()


@register.filter
def vn_number(value, places=None):
    if value in (None, ""):
        return ""
    return format_vn_number(Decimal(str(value)), int(places) if places not in (None, "") else None)


@register.filter
def vn_percent(value, places=2):
    if value in (None, ""):
        return ""
    return format_vn_percent(Decimal(str(value)), int(places))


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def days_until(day):
    """Days from today (Asia/Ho_Chi_Minh) to `day`; negative when past."""
    from django.utils import timezone

    return (day - timezone.localdate()).days if day else None

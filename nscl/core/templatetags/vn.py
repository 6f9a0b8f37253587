"""Vietnamese numbers in templates: {{ amount|vn_number }} → 6.370, {{ share|vn_percent }}."""

from django import template

from nscl.core.numbers import format_vn_number, format_vn_percent

register = template.Library()


def _places(places) -> int | None:
    try:
        return int(places) if places not in (None, "") else None
    except (TypeError, ValueError):
        return None


@register.filter
def vn_number(value, places=None):
    """Never raises: NaN, Infinity and numbers of 10^28 or more are written out too."""
    if value in (None, ""):
        return ""
    return format_vn_number(value, _places(places))


@register.filter
def vn_percent(value, places=2):
    if value in (None, ""):
        return ""
    return format_vn_percent(value, _places(places) if _places(places) is not None else 2)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def days_until(day):
    """Days from today (Asia/Ho_Chi_Minh) to `day`; negative when past."""
    from django.utils import timezone

    return (day - timezone.localdate()).days if day else None


# Widths and indents without inline styles (the Content-Security-Policy allows none): a class
# per whole percent and per indent step, defined in static/css/nscl.css.
MAX_INDENT = 12


@register.simple_tag
def bar_width(part, whole=1) -> str:
    """`pct-N`, N the share part/whole in whole percent within 0–100 (a bar never overflows)."""
    try:
        share = float(part) / float(whole)
    except (TypeError, ValueError, ZeroDivisionError):
        return "pct-0"
    if share != share:  # NaN
        return "pct-0"
    return f"pct-{max(0, min(100, round(share * 100)))}"


@register.simple_tag
def indent(depth) -> str:
    """`indent-N`: N em of left padding, N within 0–12."""
    try:
        steps = int(depth)
    except (TypeError, ValueError):
        steps = 0
    return f"indent-{max(0, min(MAX_INDENT, steps))}"

"""Form fields that read what Vietnamese officials type."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .numbers import Kind, MalformedNumber, NumberOutOfRange, parse_number, parse_vn_number


class VietnameseDecimalField(forms.CharField):
    """A number typed the Vietnamese way (1.350 or 95,79); a malformed one is refused by name.
    With `kind` (and the unit's `scale`, e.g. 10⁶ đồng for triệu đồng) it is bounded too."""

    def __init__(self, *args, min_value: Decimal | None = None, kind: Kind | None = None,
                 scale: int = 1, unit: str = "", **kwargs):
        self.min_value, self.kind, self.scale, self.unit = min_value, kind, scale, unit
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        try:
            if self.kind is not None:
                return parse_number(text, kind=self.kind, scale=self.scale, unit=self.unit)
            number = parse_vn_number(text)
        except NumberOutOfRange as exc:
            raise forms.ValidationError(exc.message) from exc
        except MalformedNumber as exc:
            raise forms.ValidationError(
                _("“%(v)s” không phải là số hợp lệ: dùng dấu chấm ngăn cách hàng nghìn và dấu "
                  "phẩy thập phân, ví dụ 1.350 hoặc 95,79."), params={"v": text}) from exc
        if self.min_value is not None and number < self.min_value:
            raise forms.ValidationError(_("Giá trị không được âm."))
        return number


class VietnameseDateField(forms.DateField):
    """dd/mm/yyyy, as every Vietnamese document writes dates."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("input_formats", ["%d/%m/%Y", "%Y-%m-%d"])
        kwargs.setdefault("widget", forms.DateInput(format="%d/%m/%Y",
                                                    attrs={"placeholder": "dd/mm/yyyy"}))
        super().__init__(*args, **kwargs)


class VietnameseDateTimeField(forms.DateTimeField):
    """`17:00 31/03/2026` or `31/03/2026 17:00` — a minute in the site's time zone (the
    province's), as a deadline is written in a call's notice."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("input_formats", ["%H:%M %d/%m/%Y", "%d/%m/%Y %H:%M",
                                            "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
        kwargs.setdefault("widget", forms.DateTimeInput(
            format="%H:%M %d/%m/%Y", attrs={"placeholder": "hh:mm dd/mm/yyyy"}))
        kwargs.setdefault("help_text", _("Giờ và ngày, ví dụ 17:00 31/03/2026 (giờ Việt Nam)."))
        super().__init__(*args, **kwargs)


def add_refusal(form: forms.Form, exc: Exception) -> None:
    """A rule error the service raised, on the form the user filled: each message next to the
    field it names (a field of the form, or one of the model's that the form calls the same),
    the rest at the top. The view then renders the same bound form again, so every value the
    user typed stays; it never redirects (a redirect empties the form)."""
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    elif isinstance(exc, ValidationError):
        form.add_error(None, exc)
    else:  # a refusal (not allowed, wrong state): its reason, at the top
        form.add_error(None, str(exc) or _("Bạn không có quyền thực hiện bước này."))

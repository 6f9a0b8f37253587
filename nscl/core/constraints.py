"""A check constraint that says which field it is about, so its (Vietnamese) message shows
next to that field: in a ModelForm, and on a form a service's `full_clean()` error is put back
on (`nscl.core.forms.add_refusal`). Django reports a check's violation for the whole record.

`Check(condition=..., name=..., violation_error_message=_("..."))` blames the first field its
condition names (`closes_at__gt=F("opens_at")` → closes_at) unless `field=` says otherwise. To
migrations it is a plain CheckConstraint: using it changes no schema."""

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import Q


def first_field(condition) -> str | None:
    """The first model field a Q condition names."""
    for child in getattr(condition, "children", ()):
        if isinstance(child, Q):
            found = first_field(child)
            if found:
                return found
        elif isinstance(child, tuple) and child:
            return str(child[0]).split("__")[0]
    return None


class Check(models.CheckConstraint):
    def __init__(self, *args, field: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.field = field or first_field(self.condition)

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        try:
            super().validate(model, instance, exclude=exclude, using=using)
        except ValidationError as exc:
            if not self.field:
                raise
            raise ValidationError({self.field: exc}) from None

    def deconstruct(self):
        _path, args, kwargs = super().deconstruct()
        return "django.db.models.CheckConstraint", args, kwargs

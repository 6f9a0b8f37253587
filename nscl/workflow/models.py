"""The domain-event log: one row for every change a service makes, with who, when, before, after.

django-simple-history keeps row snapshots as well; this log says what happened in the words of
the domain ("Sửa thông tin kế hoạch", "Nhập phụ lục dự toán") and feeds timelines and audit
pages. Each row names the record it changed (`content_type`, `object_id`) and, where that
record belongs to a larger one whose history should show it, that context (a plan's history
shows its budget lines, events and indicator values). Who may read a row is decided by who may
see the record it changed (`selectors.visible_events`).

The words come from the apps that own them (`verbs.register`), never from a list here.
"""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from nscl.core.numbers import format_vn_number

from . import verbs

verbs.register({}, {
    "status": _("trạng thái"), "value": _("giá trị"), "name": _("tên"), "note": _("ghi chú"),
    "text": _("nội dung"), "date": _("ngày"), "reason": _("lý do"), "amount": _("kinh phí"),
    "deadline": _("thời hạn"), "deadline_before": _("thời hạn cũ"), "year": _("năm"),
})

ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}).*)?$")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


class DomainEvent(models.Model):
    """Something a person did to a record, kept forever."""

    occurred_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"),
                              null=True, blank=True, on_delete=models.PROTECT,
                              related_name="domain_events")
    verb = models.CharField(_("hành động"), max_length=64)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("đối tượng"), max_length=300)
    context_type = models.ForeignKey(ContentType, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    context_id = models.CharField(max_length=64, blank=True)
    before = models.JSONField(_("trước"), null=True, blank=True)
    after = models.JSONField(_("sau"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("sự kiện nghiệp vụ")
        verbose_name_plural = _("nhật ký nghiệp vụ")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"]),
                   models.Index(fields=["context_type", "context_id"])]

    def __str__(self) -> str:
        return f"{self.verb_label} {self.object_repr}"

    @property
    def verb_label(self) -> str:
        return verbs.verb_label(self.verb)

    @property
    def model(self):
        return self.content_type.model_class()

    def changes(self) -> list[tuple[str, object, object]]:
        """Field, before, after for every field whose value changed."""
        before, after = self.before or {}, self.after or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]

    def details(self) -> list[tuple[str, str]]:
        """What the step recorded (its `after`, but the state), readable by an official."""
        return [(self.label(k), self.value(k, v)) for k, v in (self.after or {}).items()
                if k != "status" and v not in ("", None, [], {})]

    def labelled_changes(self) -> list[tuple[str, str, str]]:
        """The changes, with the fields named in Vietnamese for the history page."""
        return [(self.label(k), self.value(k, b), self.value(k, a)) for k, b, a in self.changes()]

    def label(self, key: str) -> str:
        return verbs.field_label(key, self.model)

    def value(self, key: str, value) -> str:
        """A state or any choice in its words ("Đã gửi"), other values through `shown`."""
        try:
            field = self.model._meta.get_field(key) if self.model else None
        except Exception:  # noqa: BLE001 - a logged key that is not a field
            field = None
        if getattr(field, "choices", None) and isinstance(value, str):
            return str(dict(field.flatchoices).get(value, value))
        return shown(key, value)


def shown(field: str, value) -> str:
    """A logged value as an official reads it: 14.755, 07/08/2025, có/không, a list in words."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_("có") if value else _("không"))
    if isinstance(value, int | float | Decimal):
        return format_vn_number(Decimal(str(value)))
    if isinstance(value, list):
        return "; ".join(_item(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{verbs.field_label(k)}: {shown(k, v)}" for k, v in value.items())
    text = str(value)
    if (match := ISO_DATE.match(text)) is not None:
        return _date(match)
    if NUMBER.match(text) and field not in {"tax_code", "gtin", "number", "code"}:
        try:
            return format_vn_number(Decimal(text))
        except InvalidOperation:
            return text
    return text


def _item(item) -> str:
    if isinstance(item, dict) and "passed" in item:
        return f"{item.get('label', '')}: {_('đạt') if item['passed'] else _('không đạt')}"
    if isinstance(item, dict) and "points" in item:
        return f"{item.get('label', '')}: {shown('points', item['points'])}"
    return shown("", item)


def _date(match) -> str:
    year, month, day, hour, minute = match.groups()
    try:
        day_text = dt.date(int(year), int(month), int(day)).strftime("%d/%m/%Y")
    except ValueError:
        return match.group(0)
    return f"{hour}:{minute} {day_text}" if hour else day_text

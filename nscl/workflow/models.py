"""The domain-event log: one row for every change a service makes, with who, when, before, after.

django-simple-history keeps row snapshots as well; this log says what happened in the words of
the domain ("plan_updated", "appendix_imported") and feeds timelines and audit pages.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


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
    before = models.JSONField(_("trước"), null=True, blank=True)
    after = models.JSONField(_("sau"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("sự kiện nghiệp vụ")
        verbose_name_plural = _("nhật ký nghiệp vụ")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.verb} {self.object_repr}"

    def changes(self) -> list[tuple[str, object, object]]:
        """Field, before, after for every field whose value changed."""
        before, after = self.before or {}, self.after or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]

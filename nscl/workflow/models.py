"""The domain-event log: one row for every change a service makes, with who, when, before, after.

django-simple-history keeps row snapshots as well; this log says what happened in the words of
the domain ("plan_updated", "appendix_imported") and feeds timelines and audit pages.
"""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from nscl.core.numbers import format_vn_number

VERB_LABELS = {
    "plan_updated": _("Sửa thông tin kế hoạch"),
    "appendix_imported": _("Nhập phụ lục dự toán"),
    "budget_line_updated": _("Sửa dòng dự toán"),
    "indicator_value_recorded": _("Ghi số liệu chỉ tiêu"),
    "case_submit": _("Nộp hồ sơ"),
    "case_score": _("Chấm điểm"),
    "call_opened": _("Mở đợt tiếp nhận hồ sơ"),
    "beneficiary_created": _("Thêm đối tượng thụ hưởng"),
    "council_formed": _("Thành lập hội đồng"),
}
FIELD_LABELS = {
    "number": _("số"), "symbol": _("ký hiệu"), "issued_on": _("ngày ban hành"),
    "issuing_body": _("cơ quan ban hành"), "title": _("trích yếu"),
    "signer_authority": _("thẩm quyền ký"), "signer_title": _("chức vụ người ký"),
    "signer_name": _("người ký"), "start_year": _("từ năm"), "end_year": _("đến năm"),
    "total_budget": _("tổng kinh phí"), "funding_note": _("nguồn kinh phí"),
    "lines": _("số dòng"), "source_name": _("tệp nguồn"), "content": _("nội dung"),
    "measure_unit": _("đơn vị"), "quantity": _("số lượng"), "unit_price": _("đơn giá"),
    "total": _("tổng kinh phí"), "years": _("kinh phí các năm"), "indicator": _("chỉ tiêu"),
    "unit": _("đơn vị báo cáo"), "year": _("năm"), "value": _("giá trị"),
    "source_note": _("nguồn số liệu"),
    "eligibility": _("điều kiện"), "priority_points": _("điểm ưu tiên"), "council": _("hội đồng"),
    "points": _("điểm"), "member": _("thành viên"), "average": _("điểm trung bình"),
    "reason": _("lý do"), "decision": _("quyết định"), "amount": _("kinh phí"),
    "contract": _("hợp đồng"), "deadline": _("thời hạn"), "deadline_before": _("thời hạn cũ"),
    "date": _("ngày"), "text": _("nội dung"), "report": _("báo cáo"), "passed": _("đạt"),
    "accepted_on": _("ngày nghiệm thu"), "certificate": _("số chứng nhận"),
    "liquidation": _("biên bản thanh lý"), "paid": _("đã chi"), "call": _("đợt"),
    "categories": _("nhóm hỗ trợ"), "members": _("thành viên"), "name": _("tên"),
    "tax_code": _("mã số thuế"),
}

NUMERIC_FIELDS = {"total_budget", "quantity", "unit_price", "total", "value", "amount", "paid",
                  "average"}


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

    @property
    def verb_label(self) -> str:
        return str(VERB_LABELS.get(self.verb, self.verb))

    def changes(self) -> list[tuple[str, object, object]]:
        """Field, before, after for every field whose value changed."""
        before, after = self.before or {}, self.after or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]

    def details(self) -> list[tuple[str, str]]:
        """What the step recorded (its `after`, but the state), readable by an official."""
        return [(str(FIELD_LABELS.get(k, k)), _describe(k, v))
                for k, v in (self.after or {}).items() if k != "status" and v not in ("", None)]

    def labelled_changes(self) -> list[tuple[str, object, object]]:
        """The same, with the fields named in Vietnamese for the history page."""
        return [(str(FIELD_LABELS.get(k, k)), _shown(k, b), _shown(k, a))
                for k, b, a in self.changes()]


def _describe(field: str, value) -> str:
    if isinstance(value, bool):
        return str(_("có") if value else _("không"))
    if isinstance(value, list):
        return "; ".join(_describe_item(v) for v in value)
    return str(_shown(field, value))


def _describe_item(item) -> str:
    if isinstance(item, dict) and "passed" in item:
        return f"{item['label']}: {_('đạt') if item['passed'] else _('không đạt')}"
    if isinstance(item, dict) and "points" in item:
        return f"{item['label']}: {item['points']}"
    return str(item)


def _shown(field: str, value):
    """Amounts as officials read them (14.755); other values as stored."""
    if field in NUMERIC_FIELDS and isinstance(value, str):
        try:
            return format_vn_number(Decimal(value))
        except InvalidOperation:
            return value
    return value

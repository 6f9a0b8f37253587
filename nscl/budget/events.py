"""What the budget app writes to the domain-event log, in words."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BudgetVerb(models.TextChoices):
    APPENDIX_IMPORTED = "appendix_imported", _("Nhập phụ lục dự toán")
    BUDGET_LINE_UPDATED = "budget_line_updated", _("Sửa dòng dự toán")


FIELDS = {"lines": _("số dòng"), "source_name": _("tệp nguồn"), "years": _("kinh phí các năm"),
          "total": _("tổng kinh phí"), "content": _("nội dung"), "measure_unit": _("đơn vị"),
          "quantity": _("số lượng"), "unit_price": _("đơn giá")}

"""What the plans app writes to the domain-event log, in words."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanVerb(models.TextChoices):
    PLAN_UPDATED = "plan_updated", _("Sửa thông tin kế hoạch")
    INDICATOR_VALUE_RECORDED = "indicator_value_recorded", _("Ghi số liệu chỉ tiêu")


FIELDS = {"indicator": _("chỉ tiêu"), "unit": _("đơn vị báo cáo"),
          "source_note": _("nguồn số liệu")}

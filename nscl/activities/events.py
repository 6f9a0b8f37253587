"""What the activities app writes to the domain-event log, in words."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityVerb(models.TextChoices):
    EVENT_RECORDED = "event_recorded", _("Ghi hoạt động")
    ATTENDANCE_IMPORTED = "attendance_imported", _("Nhập danh sách tham dự")
    EXPERT_RECORDED = "expert_recorded", _("Ghi chuyên gia năng suất")
    AWARD_RECORDED = "award_recorded", _("Ghi tham dự Giải thưởng Chất lượng Quốc gia")


FIELDS = {"certificate": _("số chứng chỉ")}

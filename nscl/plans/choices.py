from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    AT_LEAST = "at_least", _("ít nhất")
    ABOVE = "above", _("trên")
    ABOUT = "about", _("khoảng")
    EXACTLY = "exactly", _("đúng")
    AT_MOST = "at_most", _("tối đa")


class IndicatorKind(models.TextChoices):
    COUNT = "count", _("số lượng cộng dồn")
    LEVEL = "level", _("mức, tỷ lệ (%)")
    GROWTH = "growth", _("tốc độ tăng hằng năm (%)")
    MILESTONE = "milestone", _("mốc hoàn thành")


class ValueSource(models.TextChoices):
    COMPUTED = "computed", _("tính từ dữ liệu")
    MANUAL = "manual", _("nhập tay, có ghi nguồn")


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("chủ trì")
    COORDINATE = "coordinate", _("phối hợp")

"""What the productivity app writes to the domain-event log, in words."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProductivityVerb(models.TextChoices):
    SERIES_IMPORTED = "series_imported", _("Nhập số liệu tăng trưởng")

"""What traceability writes to the domain-event log, beside the stamp rolls' workflow."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TraceabilityVerb(models.TextChoices):
    PRODUCT_CREATED = "product_created", _("Khai báo sản phẩm")
    PRODUCT_UPDATED = "product_updated", _("Sửa thông tin sản phẩm")
    BATCH_CREATED = "batch_created", _("Khai báo lô sản xuất")
    ROLL_CREATED = "roll_created", _("Cấp cuộn tem")


FIELDS = {"lot": _("số lô"), "gtin": _("mã GTIN")}

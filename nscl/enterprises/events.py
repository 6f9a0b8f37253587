"""What the registry writes to the domain-event log, in words."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EnterpriseVerb(models.TextChoices):
    BENEFICIARY_CREATED = "beneficiary_created", _("Thêm đối tượng thụ hưởng")


FIELDS = {"tax_code": _("mã số thuế")}

"""What reporting writes to the domain-event log, beside its workflows' steps."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportingVerb(models.TextChoices):
    REQUEST_ISSUED = "request_issued", _("Ban hành công văn đề nghị báo cáo")


FIELDS = {"sections": _("nội dung các mục"), "rows": _("số dòng bảng số liệu"),
          "figures": _("số liệu chính"), "notes": _("nguồn trích dẫn")}

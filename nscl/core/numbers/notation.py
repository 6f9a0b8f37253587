"""The two notations of numbers: Vietnamese (`1.234.567,5`) and international (`1,234,567.5`)."""

from django.utils.translation import gettext_lazy as _l

VN, INTL = "vn", "intl"
STYLE_LABELS = {VN: _l("Việt Nam (1.234.567,5)"), INTL: _l("quốc tế (1,234,567.5)")}

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """The top layer: reads every module, is read by none."""

    name = "nscl.dashboard"
    verbose_name = _("Bảng điều khiển")

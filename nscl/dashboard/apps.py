from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """The top layer: reads every module, is read by none."""

    name = "nscl.dashboard"
    verbose_name = "Bảng điều khiển"

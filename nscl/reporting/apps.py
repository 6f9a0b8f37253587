from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "nscl.reporting"
    verbose_name = "Báo cáo"

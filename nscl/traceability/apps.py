from django.apps import AppConfig


class TraceabilityConfig(AppConfig):
    name = "nscl.traceability"
    verbose_name = "Truy xuất nguồn gốc"

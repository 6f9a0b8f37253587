from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "nscl.core"
    verbose_name = "Lõi"

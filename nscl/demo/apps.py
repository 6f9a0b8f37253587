from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "nscl.demo"
    verbose_name = "Dữ liệu minh họa"

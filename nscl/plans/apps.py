from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "nscl.plans"
    verbose_name = "Kế hoạch và chỉ tiêu"

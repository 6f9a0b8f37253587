from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProductivityConfig(AppConfig):
    name = "nscl.productivity"
    verbose_name = _("Phân tích năng suất")

    def ready(self):
        from nscl.plans import engine
        from nscl.workflow import verbs

        from .events import ProductivityVerb
        from .indicators import tfp_computed

        engine.register("productivity.tfp_computed",
                        _("Đã tính đóng góp của TFP cho giai đoạn (đủ số liệu)"), tfp_computed)
        verbs.register(ProductivityVerb)

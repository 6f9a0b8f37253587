from django.apps import AppConfig


class ProductivityConfig(AppConfig):
    name = "nscl.productivity"
    verbose_name = "Phân tích năng suất"

    def ready(self):
        from nscl.plans import engine
        from nscl.workflow import verbs

        from .events import ProductivityVerb
        from .indicators import tfp_computed

        engine.register("productivity.tfp_computed",
                        "Đã tính đóng góp của TFP cho giai đoạn (đủ số liệu)", tfp_computed)
        verbs.register(ProductivityVerb)

from django.apps import AppConfig


class TraceabilityConfig(AppConfig):
    name = "nscl.traceability"
    verbose_name = "Truy xuất nguồn gốc"

    def ready(self):
        from nscl.plans import engine

        from . import indicators

        engine.register("traceability.ocop_trademark_share",
                        "Tỷ lệ sản phẩm OCOP có nhãn hiệu được bảo hộ (%)",
                        indicators.ocop_trademark_share)
        engine.register("traceability.portal", "Cổng truy xuất nguồn gốc của tỉnh đi vào hoạt động "
                        "(mốc)", indicators.portal_in_operation)

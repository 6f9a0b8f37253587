from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TraceabilityConfig(AppConfig):
    name = "nscl.traceability"
    verbose_name = _("Truy xuất nguồn gốc")

    def ready(self):
        from nscl.plans import engine
        from nscl.workflow import verbs

        from . import indicators, kept, workflow  # noqa: F401  (registers the stamp roll's steps)
        from .events import FIELDS, TraceabilityVerb

        engine.register("traceability.ocop_trademark_share",
                        _("Tỷ lệ sản phẩm OCOP có nhãn hiệu được bảo hộ (%)"),
                        indicators.ocop_trademark_share)
        engine.register("traceability.portal",
                        _("Cổng truy xuất nguồn gốc của tỉnh đi vào hoạt động (mốc)"),
                        indicators.portal_in_operation)
        verbs.register(TraceabilityVerb, FIELDS)
        kept.connect()  # a change of what a stamp's kept facts are made of makes them stale

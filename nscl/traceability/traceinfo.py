"""The ten items of public information of a traced product (Circular 02/2024/TT-BKHCN),
each present or said to be missing."""

import time
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Stamp

ITEMS = [
    ("name", _("Tên sản phẩm")), ("images", _("Hình ảnh")),
    ("producer", _("Tên cơ sở sản xuất, kinh doanh")), ("address", _("Địa chỉ")),
    ("stages", _("Các công đoạn (mã truy vết sản phẩm, địa điểm, thời điểm)")),
    ("production_time", _("Thời gian sản xuất, kinh doanh")),
    ("trace_code", _("Mã truy vết")),
    ("brand", _("Thương hiệu, nhãn hiệu, mã kiểu, số sê-ri")),
    ("shelf_life", _("Hạn sử dụng")), ("standards", _("Tiêu chuẩn áp dụng")),
]


@dataclass
class PublicInformation:
    values: dict = field(default_factory=dict)
    stages: list = field(default_factory=list)

    @property
    def items(self) -> list[tuple[str, str, object]]:
        return [(key, str(label), self.values.get(key)) for key, label in ITEMS]

    @property
    def missing(self) -> list[str]:
        return [str(label) for key, label in ITEMS if not self.values.get(key)]

    def as_json(self) -> dict:
        return {"items": {key: value for key, _l, value in self.items}, "missing": self.missing,
                "stages": self.stages}


_STAGES: dict[int, tuple[float, list]] = {}
# seconds a worker keeps a batch's journey before reading it again (0 in tests)
STAGES_TTL = float(getattr(settings, "NSCL_STAGES_CACHE_SECONDS", 60))


def _stages(batch) -> list:
    """A batch's journey, kept for a minute per process: every stamp of a lot shows the same."""
    if batch is None:
        return []
    now = time.monotonic()
    cached = _STAGES.get(batch.pk)
    if cached and now - cached[0] < STAGES_TTL:
        return cached[1]
    events = list(batch.events.order_by("event_time"))
    stages = [{"step": str(e.get_biz_step_display() or e.type),
               "time": f"{timezone.localtime(e.event_time):%d/%m/%Y %H:%M}",
               "place": e.biz_location or e.read_point, "code": (e.epcs or [""])[0]}
              for e in events]
    if len(_STAGES) > 10_000:
        _STAGES.clear()
    _STAGES[batch.pk] = (now, stages)
    return stages


def public_information(stamp: Stamp) -> PublicInformation | None:
    product, batch = stamp.roll.product, stamp.roll.batch
    if not product.published:
        return None
    producer = product.producer
    stages = _stages(batch)
    brand = ", ".join(filter(None, [
        f"Nhãn hiệu {product.get_trademark_status_display().lower()}"
        + (f" số {product.trademark_number}" if product.trademark_number else ""),
        product.model_code, f"sê-ri {stamp.serial}"]))
    values = {
        "name": product.name, "images": product.image.url if product.image else "",
        "producer": producer.name, "address": f"{producer.address}, {producer.commune.name}",
        "stages": len(stages), "production_time":
            f"{batch.produced_on:%d/%m/%Y}" if batch else "",
        "trace_code": stamp.serial, "brand": brand,
        "shelf_life": (f"đến {batch.expires_on:%d/%m/%Y}" if batch and batch.expires_on
                       else product.shelf_life),
        "standards": product.standards,
    }
    return PublicInformation(values=values, stages=stages)

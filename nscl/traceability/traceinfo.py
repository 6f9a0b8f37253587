"""The ten items of public information of a traced product (Circular 02/2024/TT-BKHCN),
each present or said to be missing."""

from dataclasses import dataclass, field

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


def public_information(stamp: Stamp) -> PublicInformation | None:
    product, batch = stamp.roll.product, stamp.roll.batch
    if not product.published:
        return None
    producer = product.producer
    events = list(batch.events.order_by("event_time")) if batch else []
    stages = [{"step": str(e.get_biz_step_display() or e.type),
               "time": f"{timezone.localtime(e.event_time):%d/%m/%Y %H:%M}",
               "place": e.biz_location or e.read_point, "code": (e.epcs or [""])[0]}
              for e in events]
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

"""The ten items of public information of a traced product (Circular 02/2024/TT-BKHCN),
each present or said to be missing.

Every stamp of a roll shows the same product, producer and batch journey, so a server process
builds a roll's information in each language (and its page: `scanpage`) once and keeps it for
`NSCL_PUBLIC_CACHE_SECONDS`, or until the product changes: only the stamp's own serial and
status are per scan.
"""

import time
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from .models import Batch, Product, StampRoll

ITEMS = [
    ("name", _("Tên sản phẩm")), ("images", _("Hình ảnh")),
    ("producer", _("Tên cơ sở sản xuất, kinh doanh")), ("address", _("Địa chỉ")),
    ("stages", _("Các công đoạn (mã truy vết sản phẩm, địa điểm, thời điểm)")),
    ("production_time", _("Thời gian sản xuất, kinh doanh")),
    ("trace_code", _("Mã truy vết")),
    ("brand", _("Thương hiệu, nhãn hiệu, mã kiểu, số sê-ri")),
    ("shelf_life", _("Hạn sử dụng")), ("standards", _("Tiêu chuẩn áp dụng")),
]
PER_STAMP = {"trace_code"}  # shown beside the stamp's status, not in the product's card


@dataclass
class PublicInformation:
    product: Product
    batch: Batch | None = None
    values: dict = field(default_factory=dict)
    stages: list = field(default_factory=list)
    frame: tuple[str, str] | None = None  # its page around the status box, once rendered

    @property
    def items(self) -> list[tuple[str, str, object]]:
        return [(key, str(label), self.values.get(key)) for key, label in ITEMS]

    @property
    def missing(self) -> list[str]:
        return [str(label) for key, label in ITEMS
                if key not in PER_STAMP and not self.values.get(key)]

    def as_json(self, serial: str) -> dict:
        items = {key: value for key, _l, value in self.items}
        items["trace_code"] = serial
        items["brand"] = ", ".join(filter(None, [items["brand"],
                                                 gettext("sê-ri %(s)s") % {"s": serial}]))
        return {"items": items, "missing": self.missing, "stages": self.stages}


_ROLLS: dict[tuple[int, str], tuple[float, object, PublicInformation]] = {}
# seconds a process keeps a roll's public information (0 in tests)
TTL = float(getattr(settings, "NSCL_PUBLIC_CACHE_SECONDS", 60))


def roll_information(roll_id: int, version: object) -> PublicInformation:
    """A roll's public information in the active language, built again after `TTL` or when its
    product changed."""
    now = time.monotonic()
    key = (roll_id, get_language())
    cached = _ROLLS.get(key)
    if cached and cached[1] == version and now - cached[0] < TTL:
        return cached[2]
    roll = StampRoll.objects.select_related("product__producer__commune", "batch").get(pk=roll_id)
    info = build(roll.product, roll.batch)
    if len(_ROLLS) > 10_000:
        _ROLLS.clear()
    _ROLLS[key] = (now, version, info)
    return info


def _stages(batch) -> list:
    if batch is None:
        return []
    return [{"step": str(e.get_biz_step_display() or e.type),
             "time": f"{timezone.localtime(e.event_time):%d/%m/%Y %H:%M}",
             "place": e.biz_location or e.read_point, "code": (e.epcs or [""])[0]}
            for e in batch.events.order_by("event_time")]


def build(product: Product, batch: Batch | None) -> PublicInformation:
    """The ten items of a product, or of one of its lots."""
    producer = product.producer
    stages = _stages(batch)
    trademark = gettext("Nhãn hiệu: %(status)s") % {
        "status": product.get_trademark_status_display().lower()}
    if product.trademark_number:
        trademark += " " + gettext("số %(n)s") % {"n": product.trademark_number}
    brand = ", ".join(filter(None, [trademark, product.model_code]))
    values = {
        "name": product.name,
        "images": reverse("product_image", args=[product.pk]) if product.image else "",
        "producer": producer.name, "address": f"{producer.address}, {producer.commune.name}",
        "stages": len(stages), "production_time":
            f"{batch.produced_on:%d/%m/%Y}" if batch else "",
        "brand": brand,
        "shelf_life": (gettext("đến %(d)s") % {"d": f"{batch.expires_on:%d/%m/%Y}"}
                       if batch and batch.expires_on else product.shelf_life),
        "standards": product.standards,
    }
    return PublicInformation(product=product, batch=batch, values=values, stages=stages)

"""Demo products of Cần Thơ's beneficiaries with their standards, a batch with its journey
captured as EPCIS events, an active roll of stamps, a voided one, and scans that raise each kind
of counterfeit signal. GTINs use Vietnam's GS1 prefix 893 with made-up company numbers."""

import datetime as dt

from stdnum import ean

from nscl.enterprises.models import Beneficiary
from nscl.traceability import epcis
from nscl.traceability.choices import HARVESTING
from nscl.traceability.identifiers import digital_link
from nscl.traceability.models import Batch, Product
from nscl.traceability.scanning import scan_record
from nscl.traceability.services import (
    product_create,
    roll_create,
    roll_fill,
    roll_set_status,
)

PRODUCTS = [
    ("HTX Nông nghiệp Mỹ Xuyên", "Gạo thơm ST25 Mỹ Xuyên", "Gạo", 4, 2023,
     "TCCS 01:2023/HTXMX; TCVN 11888:2017 Gạo trắng", "VietGAP (2024)", "registered",
     "4-0451234-000"),
    (None, "Bánh pía Vũng Thơm", "Bánh kẹo", 3, 2022, "TCCS 02:2022/BPVT", "HACCP", "applied", ""),
    (None, "Hành tím Vĩnh Châu", "Nông sản", 0, None, "", "", "none", ""),
]


# Tuyên Quang's OCOP products (illustrative): recognition year, trademark, certificate date —
# what the indicator "over 70% of OCOP products with a registered trademark" is computed from
TUYEN_QUANG_OCOP = [
    ("Cam sành Hàm Yên", "Trái cây", 4, 2021, "registered", "4-0398765-000", dt.date(2021, 9, 15)),
    ("Chè Shan tuyết Na Hang", "Chè", 4, 2021, "registered", "4-0412345-000", dt.date(2022, 6, 1)),
    ("Mật ong hoa bạc hà", "Mật ong", 4, 2022, "registered", "4-0456789-000", dt.date(2023, 8, 10)),
    ("Miến dong Hợp Thành", "Miến", 3, 2022, "applied", "", None),
    ("Rượu ngô Na Hang", "Đồ uống", 3, 2023, "none", "", None),
]


def gtin(company: int, item: int) -> str:
    body = f"893{company:04d}{item:05d}"
    return body + ean.calc_check_digit(body)


def load_traceability(users) -> int:
    if Product.objects.exists():
        return 0
    office = users["vanphong.cantho"]
    producers = list(Beneficiary.objects.filter(commune__parent__code="92").order_by("pk"))
    made = []
    for n, (owner, name, category, stars, year, standards, certs, mark, number) in enumerate(
            PRODUCTS):
        producer = Beneficiary.objects.get(name=owner) if owner else producers[n + 3]
        made.append(product_create(
            actor=office, producer=producer, gtin=gtin(8501, 100 + n), name=name, place=
            producer.commune, category=category, ocop_stars=stars, ocop_year=year,
            standards=standards, certifications=certs, trademark_status=mark,
            trademark_number=number, shelf_life="12 tháng"))
    rice = made[0]
    batch = Batch.objects.create(product=rice, lot="ST25-2025-01", produced_on=dt.date(2025, 9, 20),
                                 expires_on=dt.date(2027, 9, 20), quantity=20000)
    lot_uri = digital_link(rice.gtin, lot=batch.lot)
    steps = [(HARVESTING, "2025-09-10T07:00:00+07:00", "Cánh đồng lớn ấp Hòa Trung"),
             ("packing", "2025-09-20T14:00:00+07:00", "Xưởng đóng gói HTX Mỹ Xuyên"),
             ("shipping", "2025-09-25T08:30:00+07:00", "Kho HTX Mỹ Xuyên")]
    for step, when, place in steps:
        epcis.capture(epcis.stage_document(lot_uri=lot_uri, step=step, when=when, place=place),
                      actor=office)
    active = roll_fill(roll_create(product=rice, count=200, actor=office, batch=batch,
                                   fill=False))
    roll_set_status(roll=active, status="active", actor=office)
    lost = roll_fill(roll_create(product=rice, count=20, actor=office, batch=batch, fill=False))
    roll_set_status(roll=lost, status="void", actor=office)
    serials = list(active.stamps.order_by("id").values_list("serial", flat=True)[:3])
    for n in range(7):  # one stamp copied, and scanned by phone after phone
        scan_record(gtin=rice.gtin, lot=batch.lot, serial=serials[0], client=f"demo-copy-{n}")
    scan_record(gtin=rice.gtin, lot=batch.lot, serial=serials[1], client="demo-2",
                latitude="10.0", longitude="105.8")  # Cần Thơ, then Hà Nội the same day
    scan_record(gtin=rice.gtin, lot=batch.lot, serial=serials[1], client="demo-3",
                latitude="21.0", longitude="105.8")
    scan_record(gtin=rice.gtin, lot=batch.lot, serial="ZZZZZZZZZZZ", client="demo-4")
    void_serial = lost.stamps.first().serial
    scan_record(gtin=rice.gtin, lot=batch.lot, serial=void_serial, client="demo-5")
    return len(made) + _tuyen_quang_products(users["vanphong.tuyenquang"])


def _tuyen_quang_products(office) -> int:
    producers = list(Beneficiary.objects.filter(commune__path__startswith=office.unit
                                                .province_path()).order_by("pk"))
    for n, (name, category, stars, year, mark, number, granted) in enumerate(TUYEN_QUANG_OCOP):
        producer = producers[n % len(producers)]
        product_create(actor=office, producer=producer, gtin=gtin(8502, 100 + n), name=name,
                       place=producer.commune, category=category, ocop_stars=stars,
                       ocop_year=year, trademark_status=mark, trademark_number=number,
                       trademark_registered_on=granted, shelf_life="12 tháng")
    return len(TUYEN_QUANG_OCOP)



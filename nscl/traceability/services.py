"""Writes of traceability: products, batches, stamp rolls (issue, activate, void), scans."""

import hashlib
from collections.abc import Callable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from nscl.organisation.scope import can_manage_province_of
from nscl.workflow.services import event_record

from .choices import RollStatus, ScanResult
from .identifiers import normalise_gtin
from .models import Batch, Product, Scan, Stamp, StampRoll
from .serials import is_well_formed, new_serials

CHUNK = 20_000
MAX_ROLL = 2_000_000


def may_manage_product(user, product: Product) -> bool:
    """The producer itself, or the program office of its province."""
    return (user.is_authenticated and (user.unit_id == product.producer.unit_id
                                       or can_manage_province_of(user, product.place)))


@transaction.atomic
def product_create(*, actor, producer, gtin: str, name: str, place, **fields) -> Product:
    product = Product(producer=producer, gtin=normalise_gtin(gtin), name=name, place=place,
                      **fields)
    if not may_manage_product(actor, product):
        raise PermissionDenied(_("Bạn không được khai báo sản phẩm cho đơn vị này."))
    if Product.objects.filter(gtin=product.gtin).exists():
        raise ValidationError(_("GTIN %(g)s đã được khai báo cho sản phẩm khác.")
                              % {"g": product.gtin})
    product.full_clean()
    product.save()
    event_record(actor=actor, verb="product_created", obj=product,
                 after={"name": name, "gtin": product.gtin})
    return product


def roll_create(*, product: Product, count: int, actor, batch: Batch | None = None
                ) -> StampRoll:
    if not may_manage_product(actor, product):
        raise PermissionDenied(_("Bạn không được cấp tem cho sản phẩm này."))
    if not 1 <= count <= MAX_ROLL:
        raise ValidationError(_("Số tem mỗi cuộn từ 1 đến %(m)s.") % {"m": f"{MAX_ROLL:,}"
                                                                     .replace(",", ".")})
    if batch is not None and batch.product_id != product.pk:
        raise ValidationError(_("Lô %(l)s không thuộc sản phẩm này.") % {"l": batch.lot})
    roll = StampRoll.objects.create(product=product, batch=batch, count=count, issued_by=actor)
    event_record(actor=actor, verb="roll_created", obj=product, after={"value": count})
    return roll


def roll_fill(roll: StampRoll, progress: Callable[[int, int], None] | None = None) -> StampRoll:
    """Create the roll's stamps in chunks (one transaction each), reporting progress; a serial
    that happens to exist already is drawn again."""
    done = roll.stamps.count()
    while done < roll.count:
        size = min(CHUNK, roll.count - done)
        try:
            with transaction.atomic():
                _insert(roll.pk, new_serials(size))
        except (IntegrityError, connection.Database.IntegrityError):
            continue  # a duplicate serial (~10^-5 per million stamps): draw this chunk again
        done += size
        StampRoll.objects.filter(pk=roll.pk).update(issued=done)
        if progress:
            progress(done, roll.count)
    roll.refresh_from_db()
    return roll


def _insert(roll_id: int, serials: list[str]) -> None:
    """Plain rows, no model instances: COPY on PostgreSQL, executemany elsewhere. This is what
    lets a million stamps go in within a minute (Django's bulk_create alone takes as long)."""
    table = Stamp._meta.db_table
    columns = "(roll_id, serial, voided, scan_count)"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} {columns} FROM STDIN") as copy:
                for serial in serials:
                    copy.write_row((roll_id, serial, False, 0))
        else:
            cursor.executemany(f"INSERT INTO {table} {columns} VALUES (%s, %s, %s, %s)",
                               [(roll_id, s, False, 0) for s in serials])


@transaction.atomic
def roll_set_status(*, roll: StampRoll, status: str, actor) -> StampRoll:
    """Activate a roll when it is stuck on products; void it if it is lost or stolen."""
    if not may_manage_product(actor, roll.product):
        raise PermissionDenied(_("Bạn không được thay đổi cuộn tem này."))
    if roll.status == RollStatus.VOID:
        raise ValidationError(_("Cuộn tem đã hủy, không thể thay đổi."))
    if roll.issued < roll.count:
        raise ValidationError(_("Cuộn tem chưa tạo xong (%(d)s/%(n)s).") % {"d": roll.issued,
                                                                            "n": roll.count})
    before = {"status": roll.status}
    roll.status = status
    roll.save()
    event_record(actor=actor, verb="roll_status", obj=roll.product, before=before,
                 after={"status": status, "value": roll.count})
    return roll


def client_hash(ip: str, user_agent: str) -> str:
    """The client as a short hash: enough to count repeat scans, nothing personal kept."""
    return hashlib.sha256(f"{ip}|{user_agent}".encode()).hexdigest()[:16]


def _coarse(value: str | None) -> Decimal | None:
    try:
        return round(Decimal(value), 1) if value not in (None, "") else None
    except ArithmeticError:
        return None


def scan_record(*, gtin: str, lot: str, serial: str, client: str, latitude=None,
                longitude=None) -> tuple[str, Stamp | None]:
    """Resolve one scan and log it (two writes: the scan row, the stamp's counter)."""
    stamp = None
    if is_well_formed(serial):  # one query: the stamp with everything its page shows
        stamp = (Stamp.objects.select_related("roll__product__producer__commune",
                                              "roll__batch")
                 .filter(serial=serial, roll__product__gtin=gtin).first())
    if stamp is not None and lot and stamp.roll.batch and stamp.roll.batch.lot != lot:
        stamp = None
    if stamp is None:
        result = ScanResult.UNKNOWN
    elif stamp.voided or stamp.roll.status == RollStatus.VOID:
        result = ScanResult.VOID
    elif stamp.roll.status != RollStatus.ACTIVE:
        result = ScanResult.INACTIVE
    else:
        result = ScanResult.GENUINE_FIRST if stamp.scan_count == 0 else ScanResult.GENUINE_REPEAT
    with transaction.atomic():  # the log row and the counter: one commit
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # a scan log can wait for the next flush
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        Scan.objects.create(stamp=stamp, gtin=gtin[:14], lot=lot[:20], serial=serial[:40],
                            client=client, latitude=_coarse(latitude),
                            longitude=_coarse(longitude), result=result)
        if stamp is not None:
            Stamp.objects.filter(pk=stamp.pk).update(scan_count=F("scan_count") + 1)
    return result, stamp



"""Writes of traceability: products, batches, stamp rolls (issue, activate, void).

A scan of a stamp is in `scanning`, the hot path of the public resolver."""

import re
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from nscl.core.bulk import insert_rows
from nscl.core.permissions import require
from nscl.jobs.models import Job
from nscl.jobs.services import job_start
from nscl.workflow.services import event_record

from .choices import RollStatus
from .events import TraceabilityVerb
from .identifiers import normalise_gtin
from .images import for_phones
from .models import Batch, Product, Stamp, StampRoll
from .permissions import can_manage_product, can_place_product
from .serials import new_serials
from .workflow import ROLL_FLOW

CHUNK = 20_000
LOT = re.compile(r"[A-Za-z0-9._-]{1,20}")  # a subset of GS1 AI 10 that is safe in a URI path
MAX_ROLL = 2_000_000


@transaction.atomic
def product_create(*, actor, producer, gtin: str, name: str, place, **fields) -> Product:
    if fields.get("image"):
        fields["image"] = for_phones(fields["image"])
    product = Product(producer=producer, gtin=normalise_gtin(gtin), name=name, place=place,
                      **fields)
    require(can_place_product(actor, product, place))
    if Product.objects.filter(gtin=product.gtin).exists():
        raise ValidationError(_("GTIN %(g)s đã được khai báo cho sản phẩm khác.")
                              % {"g": product.gtin})
    product.full_clean()
    product.save()
    event_record(actor=actor, verb=TraceabilityVerb.PRODUCT_CREATED, obj=product,
                 after={"name": name, "gtin": product.gtin})
    return product


EDITABLE = ("name", "category", "image", "ocop_stars", "ocop_year", "standards",
            "certifications", "trademark_status", "trademark_number", "trademark_registered_on",
            "place", "shelf_life", "model_code", "published")


@transaction.atomic
def product_update(*, actor, product: Product, **fields) -> Product:
    """Change a product's public information; the log keeps each changed field before/after."""
    require(can_manage_product(actor, product))
    if "place" in fields:
        require(can_place_product(actor, product, fields["place"]))
    before, after = {}, {}
    for name, value in fields.items():
        if name not in EDITABLE:
            raise ValueError(name)
        if name == "image" and value:  # an image given is a new upload
            value = for_phones(value)
        old = getattr(product, name)
        if name == "image" or old != value:
            before[name], after[name] = old, value
            setattr(product, name, value)
    if not after:
        return product
    product.full_clean()
    product.save()
    event_record(actor=actor, verb=TraceabilityVerb.PRODUCT_UPDATED, obj=product, before=before,
                 after=after)
    return product


@transaction.atomic
def batch_create(*, actor, product: Product, lot: str, produced_on, expires_on=None,
                 quantity: int = 0) -> Batch:
    """A new lot of a product; its number goes into the stamps' GS1 Digital Link URIs."""
    require(can_manage_product(actor, product))
    lot = lot.strip()
    if not LOT.fullmatch(lot):
        raise ValidationError(_("Số lô “%(l)s” không hợp lệ: tối đa 20 ký tự gồm chữ không dấu, "
                                "chữ số và - . _") % {"l": lot})
    if product.batches.filter(lot=lot).exists():
        raise ValidationError(_("Sản phẩm đã có lô %(l)s.") % {"l": lot})
    if expires_on and expires_on <= produced_on:
        raise ValidationError(_("Hạn sử dụng phải sau ngày sản xuất."))
    batch = Batch.objects.create(product=product, lot=lot, produced_on=produced_on,
                                 expires_on=expires_on, quantity=quantity)
    event_record(actor=actor, verb=TraceabilityVerb.BATCH_CREATED, obj=batch, context=product,
                 after={"lot": lot, "value": quantity})
    return batch


@transaction.atomic
def roll_create(*, product: Product, count: int, actor, batch: Batch | None = None,
                fill: bool = True) -> StampRoll:
    """A roll that knows how many stamps it must have; its fill job is queued when the roll is
    committed (`roll_fill_start`), unless the caller starts it itself (`fill=False`)."""
    require(can_manage_product(actor, product))
    if not 1 <= count <= MAX_ROLL:
        raise ValidationError(_("Số tem mỗi cuộn từ 1 đến %(m)s.") % {"m": f"{MAX_ROLL:,}"
                                                                     .replace(",", ".")})
    if batch is not None and batch.product_id != product.pk:
        raise ValidationError(_("Lô %(l)s không thuộc sản phẩm này.") % {"l": batch.lot})
    roll = StampRoll.objects.create(product=product, batch=batch, count=count, issued_by=actor)
    event_record(actor=actor, verb=TraceabilityVerb.ROLL_CREATED, obj=roll, context=product,
                 after={"value": count})
    if fill:
        roll_fill_start(roll=roll, actor=actor)
    return roll


def roll_fill_start(*, roll: StampRoll, actor=None, enqueue: bool = True) -> Job:
    """The job that fills the roll: the one queued or running, else a new one that tops the
    roll up from where it stopped (a killed worker or command leaves it part-filled)."""
    return job_start(kind="roll_fill", key=f"roll_fill:{roll.pk}", actor=actor,
                     params={"roll": roll.pk}, total=roll.count, enqueue=enqueue)


def roll_fill(roll: StampRoll, progress: Callable[[int, int], None] | None = None) -> StampRoll:
    """Top the roll up to exactly `count` stamps, in chunks. Each chunk is one transaction that
    locks the roll, inserts the stamps and moves its `issued` counter, so a crash loses only the
    chunk in flight (rolled back), a second filler waits on the lock and then finds less to do,
    and running it again after any stop finishes the roll with no gap and no extra stamp. A
    serial that happens to exist already (~10^-5 per million stamps) draws the chunk again."""
    with transaction.atomic():  # a roll left by older code may count what it did not commit
        StampRoll.objects.filter(pk=roll.pk).update(issued=roll.stamps.count())
    while True:
        with transaction.atomic():
            locked = StampRoll.objects.select_for_update().get(pk=roll.pk)
            if locked.status == RollStatus.VOID or locked.issued >= locked.count:
                break
            size = min(CHUNK, locked.count - locked.issued)
            try:
                with transaction.atomic():
                    _insert(roll.pk, new_serials(size))
            except (IntegrityError, connection.Database.IntegrityError):
                continue
            StampRoll.objects.filter(pk=roll.pk).update(issued=F("issued") + size)
        if progress:
            progress(locked.issued + size, locked.count)
    if progress:
        progress(locked.issued, locked.count)
    roll.refresh_from_db()
    return roll


def _insert(roll_id: int, serials: list[str]) -> None:
    insert_rows(Stamp, ("roll", "serial", "voided", "scan_count"),
                ((roll_id, serial, False, 0) for serial in serials))


def roll_set_status(*, roll: StampRoll, status: str, actor) -> StampRoll:
    """Activate a roll when it is stuck on products; void it if it is lost or stolen."""
    action = {RollStatus.ACTIVE: "activate", RollStatus.VOID: "void"}[status]

    def step(roll):
        if roll.issued < roll.count and action == "activate":  # a part-filled roll is voidable
            raise ValidationError(_("Cuộn tem chưa tạo xong (%(d)s/%(n)s).")
                                  % {"d": roll.issued, "n": roll.count})
        return {"value": roll.count}
    return ROLL_FLOW.perform(roll, action, actor, step)

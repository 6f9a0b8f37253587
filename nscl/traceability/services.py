"""Writes of traceability: products, batches, stamp rolls (issue, activate, void).

A scan of a stamp is in `scanning`, the hot path of the public resolver."""

import hashlib
import hmac
import re
import secrets
from collections.abc import Callable

from django.conf import settings
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
from .models import Batch, Product, Recall, Stamp, StampRoll
from .permissions import (
    can_advance_recall,
    can_lift_recall,
    can_manage_product,
    can_place_product,
    can_recall_lot,
    is_office_of,
)
from .serials import new_serials
from .workflow import RECALL_FLOW, ROLL_FLOW

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
    try:
        with transaction.atomic():  # another request declaring the same GTIN at this moment
            product.save()
    except IntegrityError as exc:
        raise ValidationError(_("GTIN %(g)s đã được khai báo cho sản phẩm khác.")
                              % {"g": product.gtin}) from exc
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
                fill: bool = True, with_pin: bool = False) -> StampRoll:
    """A roll that knows how many stamps it must have; its fill job is queued when the roll is
    committed (`roll_fill_start`), unless the caller starts it itself (`fill=False`). A roll
    `with_pin` gets a scratch-off PIN per stamp when its first print file is made."""
    require(can_manage_product(actor, product))
    if not 1 <= count <= MAX_ROLL:
        raise ValidationError(_("Số tem mỗi cuộn từ 1 đến %(m)s.") % {"m": f"{MAX_ROLL:,}"
                                                                     .replace(",", ".")})
    if batch is not None and batch.product_id != product.pk:
        raise ValidationError(_("Lô %(l)s không thuộc sản phẩm này.") % {"l": batch.lot})
    roll = StampRoll.objects.create(product=product, batch=batch, count=count, issued_by=actor,
                                    with_pin=with_pin)
    event_record(actor=actor, verb=TraceabilityVerb.ROLL_CREATED, obj=roll, context=product,
                 after={"value": count, "with_pin": with_pin})
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


# --- recalls -----------------------------------------------------------------------------------

@transaction.atomic
def recall_order(*, actor, batch: Batch, reason: str, recalled_on, instructions: str,
                 contact: str):
    """Recall a lot: from now on every stamp of the lot shows it (its page and the resolver's
    recall-status link)."""
    require(can_recall_lot(actor, batch.product))
    fields = {"reason": reason.strip(), "instructions": instructions.strip(),
              "contact": contact.strip()}
    for name, label in (("reason", _("lý do")), ("instructions", _("hướng dẫn cho người mua")),
                        ("contact", _("liên hệ"))):
        if not fields[name]:
            raise ValidationError(_("Cần nhập %(f)s.") % {"f": label})
    if Recall.objects.select_for_update().filter(batch=batch).exclude(state="lifted").exists():
        raise ValidationError(_("Lô %(l)s đang bị thu hồi.") % {"l": batch.lot})
    office = is_office_of(actor, batch.product)
    recall = Recall(batch=batch, recalled_on=recalled_on, ordered_by=actor,
                    ordered_by_office=office, **fields)
    recall.full_clean()
    try:
        with transaction.atomic():
            recall.save()
    except IntegrityError as exc:  # a second recall of the lot at the same moment
        raise ValidationError(_("Lô %(l)s đang bị thu hồi.") % {"l": batch.lot}) from exc
    event_record(actor=actor, verb=TraceabilityVerb.RECALL_ORDERED, obj=recall,
                 context=batch.product, after={"lot": batch.lot, "reason": recall.reason,
                                               "recalled_on": recalled_on,
                                               "state": recall.state})
    return recall


def recall_advance(*, actor, recall, transition: str, note: str = ""):
    """One step of a recall (`workflow.RECALL_FLOW`): the engine checks the state and who may,
    changes it and logs it; lifting needs a reason."""
    step = RECALL_FLOW.by_action[transition]  # KeyError for a step that does not exist
    check = can_lift_recall if step.action == "lift" else can_advance_recall
    require(check(actor, recall))  # the named reason, before the engine's own check
    if step.action == "lift" and not note.strip():
        raise ValidationError(_("Cần ghi lý do."))
    return RECALL_FLOW.perform(recall, transition, actor, note=note.strip())


# --- scratch-off PINs --------------------------------------------------------------------------

PIN_DIGITS = 8
PIN_TRIES = 5  # wrong PINs a stamp takes before it is locked


def _pin_digest(serial: str, pin: str, salt: str) -> str:
    """HMAC-SHA256 keyed by the server's secret over a random per-stamp salt, the serial and
    the PIN: without the secret a copied table does not give the PINs back (8 digits would be
    found by trying them all in seconds otherwise), and it costs microseconds per label."""
    message = f"{salt}|{serial}|{pin}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def pin_hash(serial: str, pin: str) -> str:
    salt = secrets.token_hex(8)
    return f"hmac-sha256${salt}${_pin_digest(serial, pin, salt)}"


def pin_matches(serial: str, pin: str, stored: str) -> bool:
    try:
        _kind, salt, digest = stored.split("$")
    except ValueError:
        return False
    return hmac.compare_digest(_pin_digest(serial, pin, salt), digest)


@transaction.atomic
def pins_issue(*, actor, roll: StampRoll) -> dict[str, str]:
    """The PINs of a roll's stamps that have none yet — returned once, for the print file, and
    kept only as salted hashes. A second call returns nothing: PINs are printed once."""
    if not roll.with_pin:
        return {}
    require(can_manage_product(actor, roll.product))
    StampRoll.objects.select_for_update().get(pk=roll.pk)  # one printer file at a time
    pins, stamps = {}, list(roll.stamps.filter(pin_hash="").only("id", "serial"))
    for stamp in stamps:
        pin = "".join(secrets.choice("0123456789") for _ in range(PIN_DIGITS))
        stamp.pin_hash = pin_hash(stamp.serial, pin)
        pins[stamp.serial] = pin
    Stamp.objects.bulk_update(stamps, ["pin_hash"], batch_size=2000)
    if pins:
        event_record(actor=actor, verb=TraceabilityVerb.PINS_ISSUED, obj=roll,
                     context=roll.product, after={"value": len(pins)})
    return pins


@transaction.atomic
def pin_verify(*, serial: str, pin: str) -> tuple[str, Stamp | None]:
    """Check a stamp's PIN: ("first", stamp) the first time it is right, ("again", stamp) after
    that (with the first time on the stamp), ("wrong", stamp), ("locked", stamp) after
    `PIN_TRIES` wrong ones, ("none", None) for no such stamp with a PIN."""
    stamp = (Stamp.objects.select_for_update().select_related("roll")
             .filter(serial=serial).exclude(pin_hash="").first())
    if stamp is None or stamp.voided or stamp.roll.status != RollStatus.ACTIVE:
        return "none", None
    if stamp.pin_failures >= PIN_TRIES:
        return "locked", stamp
    if not (pin.isascii() and pin.isdigit() and pin_matches(serial, pin, stamp.pin_hash)):
        stamp.pin_failures += 1
        stamp.save(update_fields=["pin_failures"])
        return ("locked" if stamp.pin_failures >= PIN_TRIES else "wrong"), stamp
    if stamp.pin_verified_at is not None:
        return "again", stamp
    from django.utils import timezone

    stamp.pin_verified_at = timezone.now()
    stamp.save(update_fields=["pin_verified_at"])
    return "first", stamp

"""Calls for applications: opened, edited while open, closed early or extended with a reason.

Every change goes through the call's workflow (`CALL_FLOW`), so it is one event in the plan's
log (who, when, before → after) besides the call's own simple_history row.
A call opens and closes at a minute in the province's time zone (`SupportCall.is_open_at`).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nscl.core.permissions import require
from nscl.workflow.services import event_record

from ..choices import DocumentKind
from ..events import SupportVerb
from ..models import CallCategory, SupportCall
from ..permissions import can_manage_support
from ..workflow import CALL_FLOW

EDITABLE = ("title", "description", "eligibility", "priorities", "required_documents")


def as_moment(value, *, end: bool = False) -> dt.datetime:
    """An aware datetime in the province's time zone; a bare date means its first minute, or
    its last minute (23:59) when `end` (a deadline written as a day)."""
    if isinstance(value, dt.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    minute = dt.time(23, 59) if end else dt.time(0, 0)
    return timezone.make_aware(dt.datetime.combine(value, minute))


def local_text(moment: dt.datetime) -> str:
    """`17:00 31/03/2026`, as the province reads it."""
    return f"{timezone.localtime(moment):%H:%M %d/%m/%Y}"


def _documents(kinds) -> list[str]:
    unknown = [k for k in kinds if k not in DocumentKind.values]
    if unknown:
        raise ValidationError(_("Loại tài liệu không có trong danh mục: %(k)s.")
                              % {"k": ", ".join(unknown)})
    return list(dict.fromkeys(kinds))


@transaction.atomic
def call_open(*, plan, year: int, title: str, opens_on, deadline, categories: list[tuple], actor,
              description: str = "", eligibility: str = "", priorities: str = "",
              required_documents=(DocumentKind.COMMITMENT,)) -> SupportCall:
    """Open a call: each category tied to a budget line that plans money for the call's year
    and to a unit norm (the cap of one case). `opens_on`/`deadline` are datetimes (a bare date
    opens at 00:00 and closes at 23:59 of that day)."""
    require(can_manage_support(actor, plan))
    call = SupportCall(plan=plan, year=year, title=title, opens_at=as_moment(opens_on),
                       closes_at=as_moment(deadline, end=True), description=description,
                       eligibility=eligibility, priorities=priorities,
                       required_documents=_documents(required_documents))
    call.full_clean()
    call.save()
    for category, line, norm in categories:
        appendix = line.appendix
        if appendix.plan_id != plan.pk or not appendix.start_year <= year <= appendix.end_year:
            raise ValidationError(_("Dòng dự toán %(l)s (%(a)s) không có kinh phí cho năm %(y)s.")
                                  % {"l": line.code, "a": appendix.code, "y": year})
        if norm <= 0:
            raise ValidationError(_("Định mức của nhóm %(c)s phải lớn hơn 0.")
                                  % {"c": category.code})
        CallCategory.objects.create(call=call, category=category, budget_line=line, unit_norm=norm)
    codes = [category.code for category, *_rest in categories]
    event_record(actor=actor, verb=SupportVerb.CALL_OPENED, obj=call, context=plan,
                 after={"call": title, "year": year, "categories": codes,
                        "opens_at": local_text(call.opens_at),
                        "closes_at": local_text(call.closes_at)})
    return call


def call_update(*, call: SupportCall, actor, now=None, opens_at=None, **changes) -> SupportCall:
    """Edit a call while it is open (before its closing minute): its texts and required
    documents; its opening only before it has opened. The deadline moves by `call_extend`."""
    now = now or timezone.now()
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError(_("Không sửa được: %(f)s.") % {"f": ", ".join(sorted(unknown))})

    def step(call):
        if now > call.closes_at.replace(second=59):
            raise ValidationError(_("Đợt đã hết hạn nộp hồ sơ lúc %(d)s: không sửa được nữa.")
                                  % {"d": local_text(call.closes_at)})
        after = {}
        if "required_documents" in changes:
            changes["required_documents"] = _documents(changes["required_documents"])
        if opens_at is not None and as_moment(opens_at) != call.opens_at:
            if call.opens_at <= now:
                raise ValidationError(_("Đợt đã mở nhận hồ sơ: không đổi được thời điểm mở."))
            changes["opens_at"] = as_moment(opens_at)
        for name, value in changes.items():
            old = getattr(call, name)
            if old != value:
                after[name] = f"{_logged(old) or '—'} → {_logged(value) or '—'}"
                setattr(call, name, value)
        if not after:
            raise ValidationError(_("Không có thay đổi nào."))
        call.full_clean()
        return after
    return CALL_FLOW.perform(call, "edit", actor, step)


def _logged(value) -> str:
    """A value as the log shows it: a minute as the province reads it, document kinds by name."""
    if isinstance(value, dt.datetime):
        return local_text(value)
    if isinstance(value, list):
        return ", ".join(str(DocumentKind(k).label) for k in value)
    return str(value)


def call_close(*, call: SupportCall, actor, now=None) -> SupportCall:
    """Close a call early: it stops taking applications at once; those in are still reviewed."""
    now = now or timezone.now()

    def step(call):
        return {"closed_at": local_text(now), "closes_at": local_text(call.closes_at)}
    return CALL_FLOW.perform(call, "close", actor, step)


def call_extend(*, call: SupportCall, actor, deadline, reason: str, now=None) -> SupportCall:
    """Move a call's deadline later, with the reason logged; a closed call opens again."""
    now = now or timezone.now()
    new = as_moment(deadline, end=True)

    def step(call):
        if new <= call.closes_at or new <= now:
            raise ValidationError(_("Hạn mới phải sau hạn hiện tại %(d)s và sau thời điểm này.")
                                  % {"d": local_text(call.closes_at)})
        if not reason.strip():
            raise ValidationError(_("Ghi lý do gia hạn."))
        old, call.closes_at = call.closes_at, new
        return {"deadline_before": local_text(old), "deadline": local_text(new),
                "reason": reason}
    return CALL_FLOW.perform(call, "extend", actor, step, note=reason)

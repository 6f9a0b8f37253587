"""Every write to plans: edit a plan, record an indicator value. Each keeps before and after."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from nscl.core.permissions import require
from nscl.organisation.models import Unit
from nscl.workflow.services import event_record, snapshot

from .events import PlanVerb
from .models import Indicator, IndicatorValue, Plan
from .permissions import can_change_plan, can_record_value

PLAN_FIELDS = ["number", "symbol", "issued_on", "issuing_body", "title", "signer_authority",
               "signer_title", "signer_name", "start_year", "end_year", "total_budget",
               "funding_note"]


@transaction.atomic
def plan_update(*, plan: Plan, actor, data: dict) -> Plan:
    """Change a plan's header; the program office of its province only."""
    require(can_change_plan(actor, plan))
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    before = snapshot(plan, PLAN_FIELDS)
    for name, value in data.items():
        setattr(plan, name, value)
    plan.full_clean()
    plan.save()
    event_record(actor=actor, verb=PlanVerb.PLAN_UPDATED, obj=plan, before=before,
                 after=snapshot(plan, PLAN_FIELDS))
    return plan


@transaction.atomic
def indicator_value_record(*, indicator: Indicator, unit: Unit, year: int, value: Decimal,
                           source_note: str, actor) -> IndicatorValue:
    """Enter (or correct) the value a unit reports for a year, with the source it came from."""
    require(can_record_value(actor, indicator, unit))
    plan = indicator.plan
    if indicator.computation:
        raise ValueError(_("Chỉ tiêu “%(i)s” được tính tự động từ dữ liệu, không nhập tay.")
                         % {"i": indicator.name})
    if not plan.start_year <= year <= plan.end_year:
        raise ValueError(_("Năm %(y)s nằm ngoài thời gian của kế hoạch (%(a)s–%(b)s).")
                         % {"y": year, "a": plan.start_year, "b": plan.end_year})
    existing = IndicatorValue.objects.select_for_update().filter(
        indicator=indicator, unit=unit, year=year).first()
    before = snapshot(existing, ["value", "source_note"]) if existing else None
    record = existing or IndicatorValue(indicator=indicator, unit=unit, year=year)
    record.value, record.source_note, record.entered_by = value, source_note, actor
    record.full_clean()
    record.save()
    event_record(actor=actor, verb=PlanVerb.INDICATOR_VALUE_RECORDED, obj=record, context=plan,
                 before=before,
                 after={"indicator": indicator.name, "unit": unit.name, "year": year,
                        "value": str(value), "source_note": source_note})
    return record

"""Writes of activities: events, attendance sheets (de-duplicated persons), experts, awards."""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nscl.core.columns import match_columns
from nscl.core.permissions import require
from nscl.core.spreadsheets import SpreadsheetError, cell_text, read_workbook
from nscl.core.text import search_key
from nscl.enterprises.names import name_key
from nscl.workflow.services import event_record

from ..choices import TOPICS, ParticipantKind
from ..events import ActivityVerb
from ..models import Attendance, AwardEntry, Event, Expert, Participant, Topic
from ..permissions import can_import_attendance, can_record_event, can_record_people

KIND_BY_LABEL = {search_key(str(label)): value for value, label in ParticipantKind.choices}
COUNT_FIELD = {ParticipantKind.ENTERPRISE: "enterprises", ParticipantKind.COOPERATIVE:
               "cooperatives", ParticipantKind.HOUSEHOLD: "households",
               ParticipantKind.OFFICIAL: "officials", ParticipantKind.LECTURER: "lecturers",
               ParticipantKind.STUDENT: "students"}


def topics_ensure() -> dict[str, Topic]:
    for code, name in TOPICS:
        Topic.objects.update_or_create(code=code, defaults={"name": name})
    return {t.code: t for t in Topic.objects.all()}


@transaction.atomic
def event_create(*, plan, actor, topics=(), **fields) -> Event:
    """Record an event of a plan, by the program office or the organising unit's reporter."""
    organiser = fields["organiser"]
    require(can_record_event(actor, plan, organiser))
    if not organiser.path.startswith(plan.province.province_path()):
        raise ValidationError(_("Đơn vị tổ chức phải thuộc tỉnh của kế hoạch."))
    line = fields.get("budget_line")
    if line is not None:
        appendix = line.appendix
        year = fields["starts_on"].year
        if appendix.plan_id != plan.pk or not appendix.start_year <= year <= appendix.end_year:
            raise ValidationError(_("Dòng dự toán %(l)s (%(a)s) không có kinh phí cho năm %(y)s.")
                                  % {"l": line.code, "a": appendix.code, "y": year})
    event = Event(plan=plan, **fields)
    event.full_clean()
    event.save()
    event.topics.set(topics)
    event_record(actor=actor, verb=ActivityVerb.EVENT_RECORDED, obj=event, context=plan,
                 after={"name": event.title, "date": f"{event.starts_on:%d/%m/%Y}",
                        "amount": str(event.cost) if event.cost is not None else None})
    return event


def person_key(full_name: str, organisation: str, phone: str) -> str:
    """One person, however their name was typed: the phone when there is one, else the name
    and organisation without diacritics or legal-form words."""
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) >= 9:
        return f"tel:{digits[-9:]}"
    return f"ten:{search_key(full_name)}|{name_key(organisation)}"


@dataclass
class SheetError:
    row: int
    messages: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return _("Dòng %(r)s: %(m)s") % {"r": self.row, "m": "; ".join(self.messages)}


class AttendanceImportError(Exception):
    def __init__(self, errors: list[SheetError]):
        super().__init__("\n".join(map(str, errors)))
        self.errors = errors


HEADERS = {  # i18n: headings recognised in attendance files
    "full_name": ["Họ và tên", "Họ tên", "Tên", "Full name", "Name"],
           "organisation": ["Đơn vị công tác", "Đơn vị", "Cơ quan", "Organisation",
                            "Organization"],
           "kind": ["Đối tượng", "Loại đối tượng", "Kind", "Category"],
           "phone": ["Điện thoại", "Số điện thoại", "SĐT", "Phone"]}


def _sheet_rows(content: bytes) -> list[tuple[int, dict]]:
    """The rows of the first sheet, read by the bounded reader; dates and numbers as text."""
    try:
        sheets = read_workbook(content, label=_("danh sách"), first_sheet_only=True)
    except SpreadsheetError as exc:
        raise AttendanceImportError([SheetError(0, [str(exc)])]) from exc
    rows = [(r.number, r.values()) for r in sheets[0].rows] if sheets else []
    index = match_columns(rows[0][1], HEADERS) if rows else {}
    if "full_name" not in index or "kind" not in index:
        raise AttendanceImportError([SheetError(1, [_("Cần các cột “Họ và tên” và “Đối tượng”.")])])
    return [(n, {k: cell_text(r[i]) for k, i in index.items() if i < len(r) and r[i] is not None})
            for n, r in rows[1:] if any(v not in (None, "") for v in r)]


def _too_long(values: dict) -> list[str]:
    """Each text against its column, so a long name is a row error on every database."""
    problems = []
    for key in ("full_name", "organisation", "phone"):
        limit = Participant._meta.get_field(key).max_length
        if len(values.get(key, "")) > limit:
            problems.append(_("%(f)s dài quá %(n)s ký tự") % {
                "f": Participant._meta.get_field(key).verbose_name, "n": limit})
    return problems


@transaction.atomic
def attendance_import(*, event: Event, content: bytes, actor) -> int:
    """Read an attendance sheet: every row checked first (all or nothing); a person who is
    already known (same phone, or same name and organisation) is not created again; the event's
    counts by kind become those of its attendance."""
    require(can_import_attendance(actor, event))
    province = event.plan.province
    errors, people = [], []
    for number, values in _sheet_rows(content):
        error = SheetError(number)
        kind = KIND_BY_LABEL.get(search_key(values.get("kind", "")))
        if not values.get("full_name"):
            error.messages.append(_("thiếu họ và tên"))
        if kind is None:
            error.messages.append(_("đối tượng “%(v)s” không hợp lệ (Doanh nghiệp, Hợp tác xã, Hộ "
                                    "kinh doanh, Cán bộ, công chức, Giảng viên, Sinh viên)")
                                  % {"v": values.get("kind", "")[:60]})
        error.messages += _too_long(values)
        if error.messages:
            errors.append(error)
        else:
            people.append((values, kind))
    if errors:
        raise AttendanceImportError(errors)
    added = 0
    for values, kind in people:
        key = person_key(values["full_name"], values.get("organisation", ""),
                         values.get("phone", ""))
        # personal data stays with the province that collected it: persons are matched
        # within the province only (Law 91/2025/QH15)
        person, _created = Participant.objects.get_or_create(
            province=province, person_key=key, defaults={
            "full_name": values["full_name"], "organisation": values.get("organisation", ""),
            "kind": kind, "phone": values.get("phone", "")})
        _att, created = Attendance.objects.get_or_create(event=event, participant=person)
        added += created
    _counts_from_attendance(event)
    event_record(actor=actor, verb=ActivityVerb.ATTENDANCE_IMPORTED, obj=event, context=event.plan,
                 after={"name": event.title, "value": str(added)})
    return added


def _counts_from_attendance(event: Event) -> None:
    counts = dict.fromkeys(Event.COUNT_FIELDS, 0)
    for kind in event.attendances.values_list("participant__kind", flat=True):
        counts[COUNT_FIELD[kind]] += 1
    for name, value in counts.items():
        setattr(event, name, value)
    event.save()


@transaction.atomic
def expert_record(*, plan, actor, **fields) -> Expert:
    require(can_record_people(actor, plan))
    expert = Expert(plan=plan, **fields)
    expert.full_clean()
    expert.save()
    event_record(actor=actor, verb=ActivityVerb.EXPERT_RECORDED, obj=expert, context=plan,
                 after={"name": expert.full_name, "certificate": expert.certificate_number})
    return expert


@transaction.atomic
def award_record(*, plan, actor, **fields) -> AwardEntry:
    require(can_record_people(actor, plan))
    entry = AwardEntry(plan=plan, **fields)
    entry.full_clean()
    entry.save()
    event_record(actor=actor, verb=ActivityVerb.AWARD_RECORDED, obj=entry, context=plan,
                 after={"name": entry.organisation, "year": entry.year})
    return entry



"""Support's part of "Việc chờ tôi": case steps a user can take now, and a council member's
assignments: applications to declare conflicts for and to score, minutes and conclusions."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from nscl.core.numbers import format_vn_number
from nscl.workflow.inbox import More, Task

from .choices import CaseStatus, CouncilStatus
from .models import ConflictDeclaration, CouncilMember, Score, SupportCase
from .permissions import applies_for_itself
from .selectors import cases_for, open_calls_for, waiting_scan
from .services.calls import local_text
from .services.councils import missing_scores
from .workflow import CASE_FLOW, COUNCIL_FLOW


def case_tasks(user):
    rows, unread = waiting_scan(user)
    group = _("Hồ sơ hỗ trợ")
    if unread:
        yield More(group=group, count=unread, url=reverse("support:case_list") + "?status=" + (
            ",".join(sorted(CASE_FLOW.waiting_states()))), text=_(
            "Còn %(n)s hồ sơ đang chờ xử lý chưa xem ở đây: xem danh sách đầy đủ")
            % {"n": format_vn_number(unread)})
    for case, steps in rows:
        deadline = case.contract.deadline if case.status == CaseStatus.CONTRACTED and hasattr(
            case, "contract") else None
        yield Task(group=group, title=f"{case.code} — {case.beneficiary.name}",
                   url=reverse("support:case_detail", args=[case.pk]),
                   state=case.get_status_display(), actions=tuple(str(t.label) for t in steps),
                   deadline=deadline)


def council_tasks(user):
    """A member's assignments on working councils: the applications to declare a conflict of
    interest for, then to score; the secretary's minutes, the chair's conclusion. A fixed
    number of queries whatever the number of councils and cases."""
    group = _("Hội đồng của tôi")
    seats = {s.council_id: s for s in CouncilMember.objects.filter(
        user=user, council__status=CouncilStatus.FORMED).select_related("council")}
    if not seats:
        return
    declared = {(d.member_id, d.case_id): d for d in
                ConflictDeclaration.objects.filter(member__in=seats.values())}
    scored = set(Score.objects.filter(member__in=seats.values())
                 .values_list("member_id", "case_id"))
    working = cases_for(user).filter(
        Q(selection_council__in=seats, status=CaseStatus.UNDER_REVIEW)
        | Q(acceptance_council__in=seats, status=CaseStatus.AWAITING_ACCEPTANCE))
    busy = set()
    for case in working.order_by("code"):
        selection = case.status == CaseStatus.UNDER_REVIEW
        seat = seats[case.selection_council_id if selection else case.acceptance_council_id]
        busy.add(seat.council_id)
        title, declaration = f"{case.code} — {case.beneficiary.name}", \
            declared.get((seat.pk, case.pk))
        if declaration is None:
            yield Task(group=group, title=title, state=str(seat.council),
                       url=reverse("support:case_declare", args=[case.pk]),
                       actions=(_("Khai xung đột lợi ích"),))
        elif selection and not declaration.has_conflict and (seat.pk, case.pk) not in scored:
            yield Task(group=group, title=title, state=str(seat.council),
                       url=reverse("support:case_score", args=[case.pk]),
                       actions=(_("Chấm điểm theo tiêu chí"),))
    for council_id in busy:
        council = seats[council_id].council
        if council.kind != "selection" or missing_scores(council):
            continue
        step = "conclude" if council.minutes else "record_minutes"
        if COUNCIL_FLOW.may(user, council, step):
            yield Task(group=group, title=str(council), state=council.get_status_display(),
                       url=reverse("support:council_detail", args=[council.pk]),
                       actions=(COUNCIL_FLOW.by_action[step].label,))


def call_tasks(user):
    """Calls open now to the user's enterprise that it has not applied to yet."""
    if not applies_for_itself(user):
        return
    applied = SupportCase.objects.filter(beneficiary__unit_id=user.unit_id).values(
        "call_category__call")
    for call in open_calls_for(user).exclude(pk__in=applied):
        yield Task(group=_("Đợt đang nhận hồ sơ"), title=call.title,
                   url=reverse("support:call_detail", args=[call.pk]),
                   state=_("Hạn nộp %(d)s") % {"d": local_text(call.closes_at)},
                   actions=(_("Nộp hồ sơ"),), deadline=call.deadline)


def tasks(user):
    yield from call_tasks(user)
    yield from case_tasks(user)
    yield from council_tasks(user)

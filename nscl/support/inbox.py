"""Support's part of "Việc chờ tôi": case steps a user can take now, and a council member's
assignments: applications to declare conflicts for and to score, minutes and conclusions."""

from django.urls import reverse
from django.utils.translation import gettext as _

from nscl.workflow.inbox import Task

from .choices import CaseStatus, CouncilStatus
from .permissions import seat_of
from .selectors import my_councils, waiting_for
from .services.councils import missing_scores
from .workflow import COUNCIL_FLOW


def case_tasks(user):
    for case, steps in waiting_for(user):
        deadline = case.contract.deadline if case.status == CaseStatus.CONTRACTED and hasattr(
            case, "contract") else None
        yield Task(group=_("Hồ sơ hỗ trợ"), title=f"{case.code} — {case.beneficiary.name}",
                   url=reverse("support:case_detail", args=[case.pk]),
                   state=case.get_status_display(), actions=tuple(str(t.label) for t in steps),
                   deadline=deadline)


def _working_cases(council):
    if council.kind == "selection":
        return council.selection_cases.filter(status=CaseStatus.UNDER_REVIEW)
    return council.acceptance_cases.filter(status=CaseStatus.AWAITING_ACCEPTANCE)


def council_tasks(user):
    """A member's assignments on working councils: the applications to declare a conflict of
    interest for, then to score; the secretary's minutes, the chair's conclusion."""
    group = _("Hội đồng của tôi")
    for council in my_councils(user).filter(status=CouncilStatus.FORMED):
        seat = seat_of(user, council)
        declared = {d.case_id: d for d in seat.declarations.all()}
        scored = set(seat.scores.values_list("case_id", flat=True))
        for case in _working_cases(council).select_related("beneficiary"):
            title = f"{case.code} — {case.beneficiary.name}"
            if case.pk not in declared:
                yield Task(group=group, title=title, state=str(council),
                           url=reverse("support:case_declare", args=[case.pk]),
                           actions=(_("Khai xung đột lợi ích"),))
            elif (council.kind == "selection" and not declared[case.pk].has_conflict
                  and case.pk not in scored):
                yield Task(group=group, title=title, state=str(council),
                           url=reverse("support:case_score", args=[case.pk]),
                           actions=(_("Chấm điểm theo tiêu chí"),))
        if council.kind != "selection" or not _working_cases(council).exists() or \
                missing_scores(council):
            continue
        url = reverse("support:council_detail", args=[council.pk])
        if not council.minutes and COUNCIL_FLOW.may(user, council, "record_minutes"):
            yield Task(group=group, title=str(council), url=url,
                       state=council.get_status_display(), actions=(_("Ghi biên bản họp"),))
        if council.minutes and COUNCIL_FLOW.may(user, council, "conclude"):
            yield Task(group=group, title=str(council), url=url,
                       state=council.get_status_display(),
                       actions=(_("Kết luận và ký biên bản"),))


def tasks(user):
    yield from case_tasks(user)
    yield from council_tasks(user)

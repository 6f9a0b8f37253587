"""What a council does, as its members expect it: each member declares no conflict of interest
before opening an application (or declares one and is excluded from it), scores it by the
plan's criteria (points within each criterion's maximum, a comment each, the total computed),
once — only the chair reopens a submitted score, with a reason —; the secretary records the
minutes, the chair concludes and signs; the program office alone reopens a concluded council,
with a reason. Every step is checked by `permissions.py` and the council's and case's
workflows, and logged.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from nscl.core.numbers import format_vn_number as n
from nscl.core.permissions import require
from nscl.workflow.services import event_record

from ..choices import CaseStatus, CouncilStatus
from ..events import SupportVerb
from ..models import (
    ConflictDeclaration,
    Council,
    CouncilMember,
    Score,
    ScoreItem,
    ScoringCriterion,
    SupportCase,
)
from ..permissions import (
    can_declare,
    can_record_minutes,
    can_reopen_score,
    can_score,
    case_seat,
    related_to_applicant,
)
from ..workflow import CASE_FLOW, COUNCIL_FLOW, WorkflowError
from .money import remaining_on

PASS_MARK = Decimal(50)

# The default scoring criteria, drawn from the plans' "Tiêu chí xét chọn" (seed 003, part III:
# lawfully established and committed — checked at screening —, priority to key and
# traditional products, OCOP, local raw materials, export potential) and from what provincial
# selection councils score: need, feasibility, expected effect, spill-over, commitment.
DEFAULT_CRITERIA = (  # i18n: the default criteria, stored as the plan's data when first needed
    ("Sự cần thiết và mức độ phù hợp của nội dung đề nghị với mục tiêu nâng cao năng suất, "
     "chất lượng của Chương trình", 20,
     "Nội dung giải quyết đúng vấn đề năng suất, chất lượng của đơn vị; phù hợp nhóm hỗ trợ."),
    ("Tính khả thi của giải pháp và năng lực thực hiện (nhân lực, tài chính, đơn vị tư vấn, "
     "tiến độ)", 25, "Có kế hoạch, nguồn lực đối ứng và đơn vị tư vấn đủ năng lực."),
    ("Hiệu quả dự kiến: năng suất, chất lượng, chứng nhận đạt được; sản phẩm chủ lực, truyền "
     "thống, OCOP", 25, "Chỉ tiêu trước và sau hỗ trợ đo được; sản phẩm chủ lực được ưu tiên."),
    ("Sử dụng nguyên liệu trong nước, trong tỉnh; kim ngạch và tiềm năng xuất khẩu", 15,
     "Ưu tiên theo mục III.1.1 của Kế hoạch."),
    ("Khả năng duy trì, nhân rộng kết quả sau hỗ trợ và mức cam kết đối ứng kinh phí", 15,
     "Cam kết duy trì hệ thống, chia sẻ mô hình cho doanh nghiệp khác."),
)


def scoring_criteria_ensure(plan) -> list[ScoringCriterion]:
    """The plan's own criteria set, made from the defaults the first time it is needed."""
    found = list(plan.scoring_criteria.filter(call__isnull=True))
    if found:
        return found
    return [ScoringCriterion.objects.create(plan=plan, order=order, label=label,
                                            max_points=points, guidance=guidance)
            for order, (label, points, guidance) in enumerate(DEFAULT_CRITERIA, start=1)]


def criteria_for(case: SupportCase) -> list[ScoringCriterion]:
    """The call's own criteria when it set some, else the plan's."""
    call = case.call_category.call
    own = list(ScoringCriterion.objects.filter(call=call))
    return own or scoring_criteria_ensure(call.plan)


def relations_in(council: Council, cases) -> list[str]:
    """Why members of `council` may not review `cases`: each member related to an applicant."""
    found = []
    for seat in council.members.select_related("user"):
        for case in cases:
            why = related_to_applicant(seat.user, case.beneficiary)
            if why:
                found.append(_("%(m)s với hồ sơ %(c)s (%(w)s)")
                             % {"m": seat.user, "c": case.code, "w": why})
    return found


# --- conflict of interest --------------------------------------------------------------------

@transaction.atomic
def conflict_declare(*, case: SupportCase, actor, has_conflict: bool,
                     relation: str = "") -> ConflictDeclaration:
    """The member's declaration, once per case: no conflict opens the application to them; a
    conflict excludes them from it (they neither open nor score it), logged with the relation."""
    case = SupportCase.objects.select_for_update().get(pk=case.pk)
    require(can_declare(actor, case))
    if has_conflict and not relation.strip():
        raise ValidationError({"relation": _("Ghi quan hệ với đối tượng đề nghị hỗ trợ.")})
    seat = case_seat(actor, case)
    declaration = ConflictDeclaration.objects.create(
        case=case, member=seat, has_conflict=has_conflict, relation=relation.strip(),
        cleared=None if has_conflict else actor)
    verb = SupportVerb.CONFLICT_DECLARED if has_conflict else SupportVerb.NO_CONFLICT_DECLARED
    event_record(actor=actor, verb=verb, obj=declaration, context=seat.council,
                 after={"member": str(seat), "case_code": case.code,
                        **({"relation": relation.strip()} if has_conflict else {})})
    return declaration


# --- scoring ---------------------------------------------------------------------------------

def _checked_items(criteria, items: dict) -> list[tuple[ScoringCriterion, int, str]]:
    """Every criterion scored, within its maximum; the errors name the criterion."""
    rows, errors = [], {}
    for criterion in criteria:
        points, comment = items.get(criterion.pk, (None, ""))
        if points is None:
            errors[f"points_{criterion.pk}"] = _("Chưa chấm tiêu chí “%(t)s”.") % {
                "t": criterion.label}
        elif not 0 <= points <= criterion.max_points:
            errors[f"points_{criterion.pk}"] = _(
                "Tiêu chí “%(t)s”: điểm %(p)s phải từ 0 đến %(m)s.") % {
                "t": criterion.label, "p": points, "m": criterion.max_points}
        else:
            rows.append((criterion, int(points), (comment or "").strip()))
    if errors:
        raise ValidationError(errors)
    return rows


@transaction.atomic
def score_record(*, case: SupportCase, actor, items: dict, comment: str = "") -> Score:
    """A member scores a case assigned to their council by its criteria (`items`: criterion id
    → (points, comment)), once: a submitted score is final — only the chair reopens it, with a
    reason — and the council must not have concluded."""
    case = SupportCase.objects.select_for_update().get(pk=case.pk)  # the caller's copy may be old
    require(can_score(actor, case))
    council = case.selection_council
    member = council.members.get(user=actor)
    if case.status != CaseStatus.UNDER_REVIEW or council.status != CouncilStatus.FORMED:
        raise WorkflowError(_("Hồ sơ %(c)s không còn chờ chấm điểm.") % {"c": case.code})
    existing = Score.objects.filter(case=case, member=member).first()
    if existing is not None:
        raise WorkflowError(_("Bạn đã nộp phiếu chấm hồ sơ %(c)s (%(p)s điểm): phiếu đã nộp "
                              "chỉ được Chủ tịch hội đồng mở lại.")
                            % {"c": case.code, "p": existing.points})
    rows = _checked_items(criteria_for(case), items)
    total = sum(points for _c, points, _t in rows)
    score = Score.objects.create(case=case, member=member, points=total, comment=comment.strip())
    ScoreItem.objects.bulk_create([ScoreItem(score=score, criterion=c, points=p, comment=t)
                                   for c, p, t in rows])
    event_record(actor=actor, verb=SupportVerb.SCORE_RECORDED, obj=score, context=case,
                 after={"points": total, "member": str(member),
                        "items": {c.label[:60]: p for c, p, _t in rows}})
    return score


@transaction.atomic
def score_reopen(*, case: SupportCase, member: CouncilMember, actor, reason: str) -> None:
    """The chair reopens a member's submitted score so that it can be given again; the score
    and its reason are kept in the log."""
    case = SupportCase.objects.select_for_update().get(pk=case.pk)
    require(can_reopen_score(actor, case))
    if not reason.strip():
        raise ValidationError({"reason": _("Ghi lý do mở lại phiếu chấm.")})
    score = Score.objects.select_for_update().filter(case=case, member=member).first()
    if score is None or case.selection_council.status != CouncilStatus.FORMED:
        raise WorkflowError(_("Không có phiếu chấm nào để mở lại."))
    # logged on the case (the score goes); the timeline shows it only to who may see scores
    event_record(actor=actor, verb=SupportVerb.SCORE_REOPENED, obj=case,
                 before={"points": score.points, "member": str(member),
                         "items": {i.criterion.label[:60]: i.points
                                   for i in score.items.select_related("criterion")}},
                 after={"reason": reason.strip()}, note=reason.strip())
    score.delete()


# --- the ranking and the conclusion -------------------------------------------------------------

@dataclass
class Proposal:
    case: SupportCase
    average: Decimal | None
    total: Decimal
    proposed: bool
    reason: str

    def as_row(self) -> dict:
        return {"case": self.case.pk, "code": self.case.code,
                "beneficiary": self.case.beneficiary.name, "content": self.case.content,
                "average": None if self.average is None else str(self.average),
                "priority": self.case.priority_points, "total": str(self.total),
                "proposed": self.proposed, "reason": self.reason,
                "amount": str(min(self.case.requested_amount,
                                  self.case.call_category.unit_norm))}


def selection_proposal(council: Council) -> list[Proposal]:
    """Rank the council's cases (average score + priority points) and propose those that pass
    and fit what is left on their budget line for the call's year."""
    cases = list(council.selection_cases.filter(status=CaseStatus.UNDER_REVIEW)
                 .select_related("beneficiary", "call_category__budget_line",
                                 "call_category__call")
                 .annotate(avg=Avg("scores__points"), n_scores=Count("scores")))
    cases.sort(key=lambda c: (-(Decimal(c.avg or 0) + c.priority_points), c.submitted_on))
    left: dict[tuple[int, int], Decimal] = {}
    proposals = []
    for case in cases:
        avg = Decimal(str(round(case.avg, 2))) if case.avg is not None else None
        cc = case.call_category
        key = (cc.budget_line_id, cc.call.year)
        if key not in left:
            left[key] = remaining_on(cc.budget_line, cc.call.year)
        amount = min(case.requested_amount, cc.unit_norm)
        if avg is None or avg < PASS_MARK:
            proposals.append(Proposal(case, avg, Decimal(case.priority_points), False,
                                      _("Điểm trung bình dưới %(m)s") % {"m": n(PASS_MARK)}))
        elif amount > left[key]:
            proposals.append(Proposal(case, avg, avg + case.priority_points, False,
                                      _("Vượt kinh phí còn lại của dòng %(l)s năm %(y)s (%(r)s)")
                                      % {"l": cc.budget_line.code, "y": cc.call.year,
                                         "r": n(left[key])}))
        else:
            left[key] -= amount
            proposals.append(Proposal(case, avg, avg + case.priority_points, True,
                                      _("Đề xuất hỗ trợ %(a)s triệu đồng") % {"a": n(amount)}))
    return proposals


def missing_scores(council: Council) -> list[str]:
    """The cases under review still waiting for a member's score (members excluded from a case
    by a declared conflict are not waited for)."""
    members = council.members.count()
    cases = (council.selection_cases.filter(status=CaseStatus.UNDER_REVIEW)
             .annotate(k=Count("scores", distinct=True),
                       out=Count("conflict_declarations",
                                 filter=Q(conflict_declarations__has_conflict=True),
                                 distinct=True)))
    return [c.code for c in cases if c.k + c.out < members]


def minutes_record(*, council: Council, actor, minutes: str, meeting_on, meeting_place: str
                   ) -> Council:
    """The secretary records what the meeting said (while the council works)."""
    require(can_record_minutes(actor, council))
    errors = {}
    if not minutes.strip():
        errors["minutes"] = _("Cần ghi nội dung biên bản họp hội đồng.")
    if not meeting_place.strip():
        errors["meeting_place"] = _("Cần ghi địa điểm họp.")
    if errors:
        raise ValidationError(errors)

    def step(council):
        council.minutes, council.meeting_on = minutes.strip(), meeting_on
        council.meeting_place = meeting_place.strip()
        return {"minutes": minutes.strip()[:200], "meeting_on": meeting_on,
                "meeting_place": meeting_place.strip()}
    return COUNCIL_FLOW.perform(council, "record_minutes", actor, step)


def council_conclude(*, council: Council, actor) -> list[Proposal]:
    """The chair concludes and signs: each case becomes recommended or not, as proposed, and
    the decision is kept for the minutes. A concluded council is closed: concluding again is
    refused by its workflow."""
    proposals: list[Proposal] = []

    def step(council):
        missing = missing_scores(council)
        if missing:
            raise WorkflowError(_("Chưa đủ phiếu chấm của %(n)s thành viên cho hồ sơ: %(c)s.")
                                % {"n": council.members.count(), "c": ", ".join(missing)})
        if not council.minutes.strip():
            raise WorkflowError(_("Thư ký chưa ghi biên bản họp hội đồng."))
        proposals.extend(selection_proposal(council))
        for p in proposals:
            CASE_FLOW.perform(p.case, "recommend" if p.proposed else "not_recommend", actor,
                              lambda case, p=p: {"average": str(p.average), "reason": p.reason})
        council.concluded_at = timezone.now()
        council.result = [p.as_row() for p in proposals]
        return {"cases": len(proposals), "proposed": sum(p.proposed for p in proposals)}

    COUNCIL_FLOW.perform(council, "conclude", actor, step)
    return proposals


def council_reopen(*, council: Council, actor, reason: str) -> Council:
    """The program office reopens a concluded council (a mistake in the minutes, a member who
    scored with a conflict of interest …), with its reason logged. Its cases are reviewed again,
    which is refused once one of them was approved."""
    if not reason.strip():
        raise ValidationError({"reason": _("Ghi lý do mở lại hội đồng.")})

    def step(council):
        moved_on = council.selection_cases.exclude(status__in=[
            CaseStatus.RECOMMENDED, CaseStatus.NOT_RECOMMENDED, CaseStatus.UNDER_REVIEW,
            CaseStatus.WITHDRAWN])
        if moved_on.exists():
            raise WorkflowError(_("Không mở lại được: hồ sơ %(c)s đã qua bước phê duyệt.")
                                % {"c": ", ".join(c.code for c in moved_on)})
        for case in council.selection_cases.filter(status__in=[CaseStatus.RECOMMENDED,
                                                               CaseStatus.NOT_RECOMMENDED]):
            CASE_FLOW.perform(case, "reconsider", actor, lambda c: {"reason": reason.strip()},
                              note=reason.strip())
        council.concluded_at = None
        return {"reason": reason.strip()}
    return COUNCIL_FLOW.perform(council, "reopen", actor, step, note=reason.strip())

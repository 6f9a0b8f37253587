"""A realistic spread of beneficiaries and support cases for the demo plans, produced by the
real services (so every step is checked and logged like a user's): calls for 2022–2025, councils,
scores, decisions, contracts, acceptance, liquidation — and cases left at every stage in 2025.

Names, tax codes and figures are generated (seeded, so every load is the same) and illustrative.
"""

import datetime as dt
import random
from decimal import Decimal

from stdnum.vn import mst

from nscl.budget.models import BudgetLine
from nscl.enterprises.choices import BeneficiaryKind as BK
from nscl.enterprises.choices import EnterpriseSize
from nscl.enterprises.services import beneficiary_create
from nscl.organisation.choices import UnitKind
from nscl.organisation.models import Unit
from nscl.support.choices import CaseStatus as S
from nscl.support.choices import CouncilKind, CouncilRole
from nscl.support.models import Council, CouncilMember, SupportCall, SupportCase
from nscl.support.services import cases as steps
from nscl.support.services import councils as council_steps
from nscl.support.services.catalogue import categories_ensure, criteria_ensure

PRODUCTS = ["Gạo thơm ST25", "Bánh pía Vũng Thơm", "Lạp xưởng", "Tôm khô", "Nước mắm cá linh",
            "Hành tím Vĩnh Châu", "Bưởi năm roi", "Mật ong rừng tràm", "Khô cá lóc", "Kẹo dừa",
            "Trà mãng cầu", "Dừa sáp", "Bánh cống", "Mắm thái", "Cám gạo sấy", "Rượu nếp than",
            "Chả cá thác lác", "Măng khô", "Nấm rơm", "Muối tôm", "Bánh tráng", "Chuối sấy dẻo",
            "Tinh dầu tràm", "Khóm Cầu Đúc"]
TQ_PRODUCTS = ["Chè Shan tuyết", "Cam sành Hàm Yên", "Mật ong bạc hà", "Miến dong", "Rượu ngô",
               "Bưởi Xuân Vân", "Gà Chiêm Hóa", "Thịt trâu gác bếp", "Măng chua", "Chè xanh"]
FORMS = [(BK.ENTERPRISE, "Công ty TNHH {p} {i}"), (BK.ENTERPRISE, "Công ty Cổ phần {p} {i}"),
         (BK.COOPERATIVE, "Hợp tác xã {p} {i}"), (BK.HOUSEHOLD, "Hộ kinh doanh {p} {i}"),
         (BK.COOP_GROUP, "Tổ hợp tác {p} {i}")]
CONTENT = {"5.1": ["Xây dựng, công bố tiêu chuẩn cơ sở", "Chứng nhận hợp quy QCVN",
                   "Chứng nhận phù hợp TCVN"],
           "5.2": ["Tư vấn, chứng nhận ISO 22000:2018", "Áp dụng 5S và Kaizen",
                   "Tư vấn, chứng nhận ISO 9001:2015", "Áp dụng HACCP", "Áp dụng VietGAP",
                   "Hệ thống truy xuất nguồn gốc"],
           "5.3": ["Nâng cấp phòng thử nghiệm theo ISO/IEC 17025:2017"],
           "5.4": ["Tham dự Giải thưởng Chất lượng Quốc gia"]}
NORMS = {"5.1": Decimal(18), "5.2": Decimal(85), "5.3": Decimal(185), "5.4": Decimal(20)}
# per year: how many cases of each category reach which stage
PAST = {"5.1": 6, "5.2": 3, "5.3": 1, "5.4": 1}
STAGES_2025 = [S.SUBMITTED, S.ELIGIBLE, S.UNDER_REVIEW, S.RECOMMENDED, S.APPROVED,
               S.CONTRACTED, S.AWAITING_ACCEPTANCE, S.ACCEPTED, S.LIQUIDATED]
RANK = {stage: n for n, stage in enumerate(STAGES_2025)} | {S.FAILED: 7}


def _tax_code(rng: random.Random, kind: str) -> str:
    if kind == BK.HOUSEHOLD:
        return f"0{rng.randrange(10**10, 10**11)}"  # 12-digit personal identification number
    while True:
        body = f"{rng.randrange(10**8, 10**9)}"
        if mst.is_valid(body + mst.calc_check_digit(body)):
            return body + mst.calc_check_digit(body)


def _beneficiaries(rng, province: Unit, products: list[str], count: int, actor,
                   own_unit: Unit | None) -> list:
    """Generated beneficiaries; the first is the demo beneficiary account's own unit, if any."""
    communes = list(Unit.objects.filter(kind=UnitKind.COMMUNE, parent=province).order_by("code"))
    made = []
    for i in range(count):
        kind, pattern = FORMS[i % len(FORMS)]
        product = products[i % len(products)]
        ocop = rng.choice([0, 0, 1, 2])
        name = pattern.format(p=product, i=i // len(products) + 1).replace(" 1", "")
        if i == 0 and own_unit is not None:
            kind, name = BK.COOPERATIVE, own_unit.name
        made.append(beneficiary_create(
            actor=actor, commune=own_unit.parent if i == 0 and own_unit else
            communes[i % min(len(communes), 25)], unit=own_unit if i == 0 else None, name=name,
            kind=kind, tax_code=_tax_code(rng, kind),
            address=f"Số {rng.randint(1, 300)}, ấp {i % 9 + 1}",
            sector="Chế biến nông sản, thực phẩm", products=product,
            size=rng.choice([EnterpriseSize.MICRO, EnterpriseSize.SMALL, EnterpriseSize.MEDIUM]),
            workers=rng.randint(4, 180), ocop_products=ocop,
            ocop_max_stars=rng.choice([3, 4]) if ocop else 0,
            export_turnover=Decimal(rng.choice([0, 0, 0, 850, 2400])),
            key_product=rng.random() < 0.5, local_raw_materials=rng.random() < 0.7))
    return made


def _council(plan, kind, year, members) -> Council:
    label = "xét chọn" if kind == CouncilKind.SELECTION else "nghiệm thu"
    council = Council.objects.create(
        plan=plan, kind=kind, name=f"Hội đồng {label} năm {year}",
        decision_number=f"{year - 2000}{'1' if kind == CouncilKind.SELECTION else '2'}/QĐ-SKHCN",
        decision_date=dt.date(year, 5 if kind == CouncilKind.SELECTION else 10, 5))
    for user, role in members:
        CouncilMember.objects.create(council=council, user=user, role=role)
    return council


def _spread(total: int, criteria) -> dict:
    """A member's `total` (of 100) spread over the criteria in proportion to their maxima,
    exactly (the demo's totals, and so its rankings and payments, stay what they were)."""
    points = [c.max_points * total // 100 for c in criteria]
    for n in range(total - sum(points)):
        points[n % len(points)] += 1
    return {c.pk: (p, "") for c, p in zip(criteria, points, strict=True)}


class _Driver:
    """Takes the cases of one call through the real steps, up to the stage each should reach."""

    def __init__(self, plan, year, users, rng):
        self.plan, self.year, self.users, self.rng = plan, year, users, rng
        self.office, self.leader = users["office"], users["leader"]

    def run(self, targets: list[tuple[SupportCase, str]], members) -> None:
        def reach(stage):
            return [c for c, t in targets if RANK[t] >= RANK[stage]]
        for case in reach(S.ELIGIBLE):
            steps.case_screen(case=case, actor=self.office)
        waiting = [c for c, t in targets if t == S.UNDER_REVIEW]
        if waiting:  # a second council still scoring: its last member has not scored yet
            second = _council(self.plan, CouncilKind.SELECTION, self.year, members)
            second.name += " (đợt 2)"
            second.save()
            self._review(waiting, second, skip_last=True)
        selection = _council(self.plan, CouncilKind.SELECTION, self.year, members)
        self._review(reach(S.RECOMMENDED), selection)
        if not reach(S.RECOMMENDED):
            return
        council_steps.minutes_record(
            council=selection, actor=self._secretary(selection),
            meeting_on=dt.date(self.year, 5, 20), meeting_place="Phòng họp Sở Khoa học và Công "
            "nghệ", minutes="Các thành viên nhận xét từng hồ sơ; Hội đồng thống nhất danh sách "
            "đề xuất hỗ trợ theo điểm và kinh phí còn lại của dòng dự toán.")
        steps.council_conclude(council=selection,
                               actor=selection.members.get(role=CouncilRole.CHAIR).user)
        approved = [c for c in reach(S.APPROVED) if _fresh(c).status == S.RECOMMENDED]
        if approved:
            steps.approval_record(
                plan=self.plan, number=f"{self.rng.randint(1000, 2999)}/QĐ-UBND",
                date=dt.date(self.year, 6, 20), actor=self.leader, signed_by="Phó Chủ tịch",
                amounts={c.pk: min(c.requested_amount, c.call_category.unit_norm)
                         for c in approved})
        acceptance = _council(self.plan, CouncilKind.ACCEPTANCE, self.year, members)
        for n, case in enumerate(c for c in reach(S.CONTRACTED) if c in approved):
            self._contract_to(case, dict(targets)[case], acceptance, n)

    def _review(self, cases, council, skip_last=False) -> None:
        seats = list(council.members.order_by("id"))
        for case in cases:
            steps.case_assign_selection(case=case, council=council, actor=self.office)
            criteria = council_steps.criteria_for(case)
            for member in seats:  # every member declared; the last may not have scored yet
                council_steps.conflict_declare(case=case, actor=member.user, has_conflict=False)
            for member in seats[:-1] if skip_last else seats:
                steps.score_record(case=case, actor=member.user,
                                   items=_spread(self.rng.randint(62, 92), criteria))

    def _secretary(self, council):
        return council.members.get(role=CouncilRole.SECRETARY).user

    def _contract_to(self, case, target, acceptance, n) -> None:
        case = _fresh(case)
        steps.contract_sign(case=case, actor=self.office,
                            number=f"{self.year}-{case.pk:04d}/HĐ-HT",
                            signed_on=dt.date(self.year, 7, 1 + n % 25),
                            amount=case.approved_amount,
                            content=case.content, deadline=dt.date(self.year, 11, 30),
                            consultant=self.rng.choice(["Trung tâm Kỹ thuật TĐC 3",
                                                        "Viện Năng suất Việt Nam",
                                                        "Công ty Tư vấn Chất lượng Phương Nam"]))
        steps.note_record(case=case, actor=self.office, kind="visit",
                          date=dt.date(self.year, 9, 15), text="Kiểm tra tiến độ tại cơ sở.")
        if target == S.CONTRACTED:
            return
        steps.acceptance_request(case=case, actor=self.office,
                                 report="Đã hoàn thành nội dung hợp đồng, đề nghị nghiệm thu.")
        if target == S.AWAITING_ACCEPTANCE:
            return
        steps.case_assign_acceptance(case=case, council=acceptance, actor=self.office)
        code = case.call_category.category.code
        passed = target != S.FAILED
        steps.acceptance_record(
            case=case, actor=self._secretary(acceptance), passed=passed,
            accepted_on=dt.date(self.year, 11, 20),
            standard=case.content.split(", ")[-1] if passed else "",
            certificate_number=f"{self.rng.randint(1000, 9999)}/CN" if passed and code != "5.4"
            else "", certifier="Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng 3",
            award_won=passed and code == "5.4" and self.year == 2023,
            revenue_before=Decimal(self.rng.randint(800, 9000)),
            revenue_after=Decimal(self.rng.randint(900, 11000)),
            workers_before=20, workers_after=22)
        if target == S.LIQUIDATED:
            steps.case_liquidate(case=case, actor=self.office,
                                 liquidation_number=f"TL-{case.pk:04d}",
                                 paid_on=dt.date(self.year, 12, 10), amount=case.approved_amount)


def _fresh(case):
    return SupportCase.objects.get(pk=case.pk)


def _call(plan, year, codes, categories, office) -> SupportCall:
    lines = {line.code: line for line in BudgetLine.objects.filter(
        appendix__plan=plan, appendix__start_year__lte=year, appendix__end_year__gte=year,
        code__in=list(codes))}
    return steps.call_open(plan=plan, year=year, title=f"Đợt tiếp nhận hồ sơ năm {year}",
                           opens_on=dt.date(year, 2, 15), deadline=dt.date(year, 4, 30),
                           categories=[(categories[c], lines[c], NORMS[c]) for c in codes],
                           actor=office)


def _submit(call, code, beneficiary, rng, office, day) -> SupportCase:
    cc = call.categories.get(category__code=code)
    requested = cc.unit_norm if rng.random() < 0.7 else cc.unit_norm - rng.randint(1, 3)
    return steps.case_submit(call_category=cc, beneficiary=beneficiary,
                             content=rng.choice(CONTENT[code]), estimated_cost=requested * 2,
                             requested_amount=requested, commitment_signed=True, actor=office,
                             submitted_on=call.opens_on + dt.timedelta(days=day))


def load_support_demo(plan, users: dict, *, years, per_year, products, count, seed) -> int:
    """Beneficiaries, calls and cases for one plan; returns the number of cases created."""
    if plan.calls.exists():
        return 0
    rng = random.Random(seed)
    categories = categories_ensure()
    criteria_ensure(plan)
    province = plan.province.province()
    people = _beneficiaries(rng, province, products, count, users["office"],
                            users.get("own_unit"))
    members = users["members"]
    created = 0
    for year in years:
        call = _call(plan, year, per_year, categories, users["office"])
        targets = []
        for code, k in per_year.items():
            for i in range(k):
                who = people[(created + i * 7) % len(people)]
                case = _submit(call, code, who, rng, users["office"], created % 40)
                created += 1
                if year < 2025:
                    target = S.FAILED if (code == "5.1" and i == 0) else S.LIQUIDATED
                else:  # every stage of the workflow has cases in 2025
                    target = STAGES_2025[len(targets) % len(STAGES_2025)]
                targets.append((case, target))
        if year == 2025:
            extra = _submit(call, "5.2", people[-1], rng, users["office"], 30)
            steps.case_withdraw(case=extra, actor=users["office"],
                                reason="Doanh nghiệp xin rút do chưa bố trí được vốn đối ứng.")
            created += 1
        _Driver(plan, year, users, rng).run(targets, members)
    return created

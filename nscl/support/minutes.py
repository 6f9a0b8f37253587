"""The minutes (BIÊN BẢN) of a selection council's meeting in the layout of Decree 30/2020
(`reporting.decree30`, the one writer of official documents): time and place, who attended,
what the secretary recorded, the members' scores and the ranking, and the decision as the chair
concluded it (`Council.result`, kept at the conclusion because the cases move on), signed by
the secretary and the chair. Written in Vietnamese whatever the reader's language."""

from __future__ import annotations

from django.utils import timezone

from nscl.core.numbers import format_vn_number as n
from nscl.core.text import in_vietnamese
from nscl.organisation.names import body_name, people_committee, place_name, unit_on
from nscl.reporting.decree30 import Block, DocTable, Header, Letter, doc_date, write
from nscl.workflow.models import DomainEvent

from .models import ConflictDeclaration, Council, Score

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ROMAN = ["I", "II", "III", "IV", "V", "VI"]


def minutes_file_name(council: Council) -> str:
    return f"bien-ban-hoi-dong-{council.pk}"


def _issuer(council: Council, province) -> tuple[str, str]:
    """The body that formed the council (its decision's author), under its People's
    Committee; the People's Committee itself when the log does not say."""
    event = (DomainEvent.objects.filter(verb="council_formed", object_id=str(council.pk))
             .select_related("actor__unit").first())
    committee = people_committee(province)
    if event and event.actor and event.actor.unit_id:
        return committee, body_name(event.actor.unit)
    return "", committee


def _seat(council: Council, role: str):
    return council.members.filter(role=role).select_related("user").first()


def _members_table(council: Council) -> DocTable:
    rows = [[str(i), m.user.get_full_name() or str(m.user),
             m.user.unit.name if m.user.unit_id else "", m.get_role_display()]
            for i, m in enumerate(council.members.select_related("user__unit"), start=1)]
    return DocTable("", ["STT", "Họ và tên", "Đơn vị công tác", "Chức danh trong Hội đồng"],
                    rows)


def _result_table(result: list[dict]) -> DocTable:
    rows = [[str(i), r["code"], r["beneficiary"],
             n(r["average"]) if r["average"] is not None else "—", str(r["priority"]),
             n(r["total"]), "Đề xuất hỗ trợ" if r["proposed"] else "Không đề xuất"]
            for i, r in enumerate(result, start=1)]
    return DocTable("Bảng tổng hợp kết quả chấm điểm và xếp hạng",
                    ["STT", "Mã hồ sơ", "Đối tượng", "Điểm TB", "Điểm ưu tiên", "Tổng điểm",
                     "Kết quả"], rows, numeric={3, 4, 5})


def _scores_table(council: Council, codes: list[str]) -> DocTable:
    scores = (Score.objects.filter(case__selection_council=council, case__code__in=codes)
              .select_related("case", "member__user").order_by("case__code", "member_id"))
    rows = [[str(i), s.case.code, str(s.member.user), str(s.points)]
            for i, s in enumerate(scores, start=1)]
    return DocTable("Phiếu chấm của các thành viên",
                    ["STT", "Mã hồ sơ", "Thành viên", "Tổng điểm"], rows, numeric={3})


def _decision_blocks(result: list[dict]) -> list[Block]:
    proposed = [r for r in result if r["proposed"]]
    others = [r for r in result if not r["proposed"]]
    blocks = [Block("paragraph", f"Hội đồng thống nhất đề xuất hỗ trợ {len(proposed)} hồ sơ, "
                                 f"không đề xuất {len(others)} hồ sơ, cụ thể:")]
    if proposed:
        blocks.append(Block("table", table=DocTable(
            "Danh sách đề xuất hỗ trợ", ["STT", "Mã hồ sơ", "Đối tượng", "Nội dung",
                                         "Kinh phí đề xuất (triệu đồng)"],
            [[str(i), r["code"], r["beneficiary"], r["content"], n(r["amount"])]
             for i, r in enumerate(proposed, start=1)], numeric={4})))
    if others:
        blocks.append(Block("table", table=DocTable(
            "Hồ sơ không được đề xuất", ["STT", "Mã hồ sơ", "Đối tượng", "Lý do"],
            [[str(i), r["code"], r["beneficiary"], r["reason"]]
             for i, r in enumerate(others, start=1)])))
    return blocks


def minutes_letter(council: Council) -> Letter:
    day = council.meeting_on or (timezone.localtime(council.concluded_at).date()
                                 if council.concluded_at else timezone.localdate())
    province = unit_on(council.plan.province, day)
    governing, issuing = _issuer(council, province)
    chair, secretary = _seat(council, "chair"), _seat(council, "secretary")
    result = council.result or []
    excluded = (ConflictDeclaration.objects.filter(member__council=council, has_conflict=True)
                .select_related("member__user", "case"))
    attendance = [Block("table", table=_members_table(council))]
    if chair:
        attendance.append(Block("paragraph", f"Chủ trì: {chair.user}, Chủ tịch Hội đồng. "
                                             f"Thư ký: {secretary.user if secretary else '—'}."))
    attendance += [Block("paragraph", f"{d.member.user} khai có xung đột lợi ích với hồ sơ "
                                      f"{d.case.code} ({d.relation}) và không tham gia xem xét, "
                                      f"chấm điểm hồ sơ này.") for d in excluded]
    parts = [
        ("THỜI GIAN, ĐỊA ĐIỂM", [Block("paragraph", f"Thời gian: ngày {doc_date(day)}.\n"
                                                      f"Địa điểm: {council.meeting_place}.")]),
        ("THÀNH PHẦN THAM DỰ", attendance),
        ("NỘI DUNG CUỘC HỌP", [Block("paragraph", council.minutes or "—")]),
        ("KẾT QUẢ CHẤM ĐIỂM", [Block("table", table=_result_table(result)),
                               Block("table", table=_scores_table(
                                   council, [r["code"] for r in result]))]),
        ("KẾT LUẬN CỦA HỘI ĐỒNG", _decision_blocks(result)),
    ]
    blocks = []
    for number, (title, content) in zip(ROMAN, parts, strict=False):
        blocks.append(Block("heading", f"{number}. {title}"))
        blocks += content
    return Letter(
        header=Header(governing, issuing, "…/BB-HĐ", place_name(province), day),
        doc_type="BIÊN BẢN", subject=f"Họp {council.name}",
        opening=(f"Căn cứ Quyết định số {council.decision_number} ngày "
                 f"{doc_date(council.decision_date)} về việc thành lập {council.name}; "
                 f"Hội đồng họp xét chọn các hồ sơ đề nghị hỗ trợ như sau:"),
        blocks=blocks,
        closing="Biên bản đã được thông qua tại cuộc họp, các thành viên Hội đồng nhất trí./.",
        recipients=[], signer_authority="", signer_title="Chủ tịch Hội đồng",
        signer_name=str(chair.user) if chair else "",
        left_signer=("Thư ký", str(secretary.user) if secretary else ""))


@in_vietnamese
def minutes_docx(council: Council) -> bytes:
    return write(minutes_letter(council))

"""What the support app writes to the domain-event log, beside its workflows' steps."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SupportVerb(models.TextChoices):
    CASE_SUBMITTED = "case_submit", _("Nộp hồ sơ")
    SCORE_RECORDED = "case_score", _("Chấm điểm")
    SCORE_REOPENED = "case_score_reopened", _("Chủ tịch hội đồng mở lại phiếu chấm")
    CALL_OPENED = "call_opened", _("Mở đợt tiếp nhận hồ sơ")
    COUNCIL_FORMED = "council_formed", _("Thành lập hội đồng")
    NO_CONFLICT_DECLARED = "council_no_conflict", _("Cam kết không xung đột lợi ích")
    CONFLICT_DECLARED = "council_conflict", _("Khai có xung đột lợi ích, không tham gia hồ sơ")


FIELDS = {
    "eligibility": _("điều kiện"), "priority_points": _("điểm ưu tiên"), "council": _("hội đồng"),
    "points": _("điểm"), "member": _("thành viên"), "average": _("điểm trung bình"),
    "decision": _("quyết định"), "contract": _("hợp đồng"), "report": _("báo cáo"),
    "passed": _("đạt"), "accepted_on": _("ngày nghiệm thu"), "certificate": _("số chứng nhận"),
    "liquidation": _("biên bản thanh lý"), "paid": _("đã chi"), "call": _("đợt"),
    "categories": _("nhóm hỗ trợ"), "members": _("thành viên"), "minutes": _("biên bản"),
    "cases": _("hồ sơ"), "items": _("điểm theo tiêu chí"), "reason": _("lý do"),
    "relation": _("quan hệ"), "case_code": _("hồ sơ"), "proposed": _("số hồ sơ được đề xuất"),
    "meeting_on": _("ngày họp"), "meeting_place": _("địa điểm họp"),
}

"""What reporting writes to the domain-event log, beside its workflows' steps."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportingVerb(models.TextChoices):
    REQUEST_CREATED = "request_created", _("Soạn công văn đề nghị báo cáo mới")
    TEMPLATE_SAVED = "request_template_saved", _("Lưu mẫu chế độ báo cáo định kỳ")
    REPORT_CREATED = "report_created", _("Lập báo cáo tổng hợp")


FIELDS = {"sections": _("nội dung các mục"), "rows": _("số dòng bảng số liệu"),
          "figures": _("số liệu chính"), "notes": _("nguồn trích dẫn"),
          "units": _("số đơn vị phải báo cáo"), "version": _("phiên bản"),
          "sha256": _("mã kiểm tra SHA-256"), "signer": _("người ký số"),
          "file": _("tệp"), "copied_from": _("sao chép từ công văn"),
          "missing": _("yếu tố còn thiếu"), "late": _("gửi muộn"),
          # the key figures a sent version keeps (dashboard.figures.KEYS)
          "support_turns": _("lượt hỗ trợ nghiệm thu đạt"),
          "enterprises": _("doanh nghiệp được hỗ trợ"), "workshops": _("hội thảo, hội nghị"),
          "trainings": _("khóa đào tạo, tập huấn"), "participants": _("lượt người tham dự"),
          "communication": _("sản phẩm truyền thông"),
          "experts": _("chuyên gia được cấp chứng chỉ"), "paid": _("kinh phí đã chi"),
          "tfp_share": _("đóng góp của TFP (%)")}

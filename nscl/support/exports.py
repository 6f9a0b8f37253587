"""The case list as .xlsx, in the order and with the filters of the page."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook

from nscl.core.xlsx import append_row


def _headers() -> list[str]:
    return [_("Mã hồ sơ"), _("Đối tượng"), _("Mã số thuế"), _("Xã, phường"), _("Nhóm"),
            _("Nội dung"), _("Năm"), _("Đề nghị (triệu đồng)"), _("Được duyệt (triệu đồng)"),
            _("Trạng thái")]


def cases_xlsx(cases) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Hồ sơ hỗ trợ"))
    append_row(sheet, _headers())
    for c in cases.iterator():
        append_row(sheet, [c.code, c.beneficiary.name, c.beneficiary.tax_code,
                           c.beneficiary.commune.name, c.call_category.category.code, c.content,
                           c.call_category.call.year, float(c.requested_amount),
                           float(c.approved_amount) if c.approved_amount is not None else None,
                           c.get_status_display()])
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()

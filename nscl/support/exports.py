"""The case list as .xlsx, in the order and with the filters of the page."""

from io import BytesIO

from openpyxl import Workbook

HEADERS = ["Mã hồ sơ", "Đối tượng", "Mã số thuế", "Xã, phường", "Nhóm", "Nội dung", "Năm",
           "Đề nghị (triệu đồng)", "Được duyệt (triệu đồng)", "Trạng thái"]


def cases_xlsx(cases) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Hồ sơ hỗ trợ")
    sheet.append(HEADERS)
    for c in cases.iterator():
        sheet.append([c.code, c.beneficiary.name, c.beneficiary.tax_code,
                      c.beneficiary.commune.name, c.call_category.category.code, c.content,
                      c.call_category.call.year, float(c.requested_amount),
                      float(c.approved_amount) if c.approved_amount is not None else None,
                      c.get_status_display()])
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()

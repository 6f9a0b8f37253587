"""Vietnamese tax codes (mã số thuế).

10 digits with a check digit, or 13 with a 3-digit branch suffix (`0314409058-002`), checked by
python-stdnum. Since 1/7/2025 individuals and household businesses use their 12-digit personal
identification number as tax code (Circular 86/2024/TT-BTC); stdnum does not know it, so it gets
a format check here.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.vn import mst


def normalise_tax_code(raw: str) -> str:
    """Return the tax code as stored (`0314409058`, `0314409058-002`, `001085012345`), or raise
    a ValidationError that says what is wrong."""
    text = re.sub(r"[\s.]", "", raw or "")
    if re.fullmatch(r"\d{12}", text):
        return text
    try:
        return mst.format(mst.validate(text))
    except InvalidChecksum as exc:
        raise ValidationError(_("Mã số thuế %(v)s sai chữ số kiểm tra: kiểm tra lại từng chữ số.")
                              % {"v": raw}) from exc
    except StdnumError as exc:
        raise ValidationError(_("Mã số thuế %(v)s không hợp lệ: cần 10 chữ số, 13 chữ số (có mã "
                                "chi nhánh, ví dụ 0314409058-002) hoặc 12 chữ số định danh cá "
                                "nhân của hộ kinh doanh.") % {"v": raw}) from exc

"""GTINs (GTIN-8/12/13/14 with the GS1 mod-10 check digit, python-stdnum) and GS1 Digital Link
URIs: https://<host>/01/<GTIN-14>/10/<lot>/21/<serial>."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import ean
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError

# a GS1 Digital Link URI's GTIN, lot and serial, wherever it is hosted
LINK = re.compile(r"/01/(\d{14})(?:/10/([^/]{1,20}))?(?:/21/([^/]{1,20}))?$")


def normalise_gtin(raw: str) -> str:
    """A valid GTIN-8/12/13/14, left-padded to 14 digits; or a ValidationError saying why."""
    text = "".join(raw.split())
    if len(text) not in (8, 12, 13, 14):
        raise ValidationError(_("GTIN “%(v)s” phải có 8, 12, 13 hoặc 14 chữ số.") % {"v": raw})
    try:
        return ean.validate(text).zfill(14)
    except InvalidChecksum as exc:
        raise ValidationError(_("GTIN “%(v)s” sai chữ số kiểm tra.") % {"v": raw}) from exc
    except StdnumError as exc:
        raise ValidationError(_("GTIN “%(v)s” không hợp lệ.") % {"v": raw}) from exc


def digital_link(gtin: str, serial: str = "", lot: str = "") -> str:
    """A stamp's URI; without a serial, its lot's (an EPCIS class-level id) or its GTIN's."""
    base = getattr(settings, "NSCL_RESOLVER_BASE", "https://truyxuat.nscl.vn").rstrip("/")
    return (f"{base}/01/{gtin}" + (f"/10/{lot}" if lot else "")
            + (f"/21/{serial}" if serial else ""))

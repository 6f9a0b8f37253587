"""The page a phone shows after a scan, put together from a frame that rarely changes.

Everything but the status box is the same for every stamp of a roll (and, for a scan that shows
no product, for every such scan): that frame is rendered from `public_scan.html` once per roll
version and language and kept with the roll's information. A scan only fills the status box into
the frame's slot, written here with `format_html` rather than a template because rendering even a
small template on every scan cost more than finding the stamp in the database
(`docs/benchmarks.md`).
"""

from functools import lru_cache

from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext, override

from .choices import ScanResult
from .scanning import ScanOutcome
from .traceinfo import PublicInformation

SLOT = mark_safe("<!--status-->")
_FRAMES: dict[str, tuple[str, str]] = {}  # language → the frame of a page without a product


def _frame(info: PublicInformation | None) -> tuple[str, str]:
    """The page around the status box: kept with the roll's information (which is per
    language), or per language for a page without a product."""
    if info is not None and info.frame is not None:
        return info.frame
    language = get_language()
    if info is None and language in _FRAMES:
        return _FRAMES[language]
    page = render_to_string("traceability/public_scan.html", {"info": info, "status": SLOT})
    before, after = page.split(SLOT)
    if info is None:
        _FRAMES[language] = (before, after)
    else:
        info.frame = (before, after)
    return before, after


@lru_cache(maxsize=16)
def _words(language: str) -> dict:
    """The status box's fixed words in one language, translated once per process."""
    with override(language):
        return {
            "labels": {result.value: str(result.label) for result in ScanResult},
            "advice": {
                ScanResult.GENUINE_FIRST: gettext("Đây là lần quét đầu tiên của tem này."),
                ScanResult.VOID: gettext("Tem thuộc cuộn đã bị hủy: sản phẩm có thể không chính "
                                         "hãng. Hãy báo cho cơ quan quản lý."),
                ScanResult.UNKNOWN: gettext("Mã %(serial)s không có trong hệ thống: sản phẩm có "
                                            "thể là hàng giả."),
            },
            "trace_code": gettext("Mã truy vết (số sê-ri tem)"),
        }


@lru_cache(maxsize=1024)
def _scanned_before(language: str, times: int) -> str:
    with override(language):
        return ngettext(
            "Tem này đã được quét %(n)s lần trước đây. Nếu bạn vừa mua sản phẩm mà tem đã bị "
            "quét nhiều lần, hãy cảnh giác hàng giả.",
            "Tem này đã được quét %(n)s lần trước đây. Nếu bạn vừa mua sản phẩm mà tem đã bị "
            "quét nhiều lần, hãy cảnh giác hàng giả.", times) % {"n": times}


def status_box(scan: ScanOutcome, serial: str) -> SafeString:
    """What the scan found, what it means for the buyer, and the stamp's trace code."""
    language = get_language()
    words = _words(language)
    if scan.result == ScanResult.GENUINE_REPEAT:
        advice = _scanned_before(language, scan.previous)
    else:
        advice = words["advice"].get(scan.result, "") % {"serial": serial}
    trace_code = format_html("<small>{}: <strong>{}</strong></small>", words["trace_code"],
                             serial) if scan.genuine else ""
    return format_html('<div class="status s-{}" id="stamp-status">{}{}{}</div>', scan.result,
                       words["labels"][scan.result],
                       format_html("<small>{}</small>", advice) if advice else "", trace_code)


def scan_page(scan: ScanOutcome, info: PublicInformation | None, serial: str) -> str:
    before, after = _frame(info)
    return before + status_box(scan, serial) + after

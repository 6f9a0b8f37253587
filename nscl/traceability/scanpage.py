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
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext, override

from .choices import RecallState, ScanResult
from .scanning import ScanOutcome, expired, recall_of
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
            "expired": gettext("Lô hàng đã hết hạn sử dụng từ %(d)s: không nên dùng sản phẩm."),
            "recall": gettext("LÔ HÀNG ĐANG BỊ THU HỒI"),
            "recall_closed": gettext("Lô hàng đã bị thu hồi"),
            "recall_since": gettext("Từ ngày %(d)s. Lý do: %(r)s"),
            "recall_what": gettext("Người mua cần làm gì"),
            "recall_contact": gettext("Liên hệ"),
            "owner": gettext("Bạn đang kiểm tra tem của cơ sở mình: lượt quét này được ghi "
                             "nhưng không tính vào số lần quét."),
            "pin_title": gettext("Xác thực bằng mã PIN"),
            "pin_help": gettext("Cào lớp phủ trên tem để lấy mã PIN, rồi nhập vào đây."),
            "pin_label": gettext("Mã PIN"),
            "pin_button": gettext("Xác thực"),
        }


@lru_cache(maxsize=1024)
def _scanned_before(language: str, times: int) -> str:
    with override(language):
        return ngettext(
            "Tem này đã được quét %(n)s lần trước đây. Nếu bạn vừa mua sản phẩm mà tem đã bị "
            "quét nhiều lần, hãy cảnh giác hàng giả.",
            "Tem này đã được quét %(n)s lần trước đây. Nếu bạn vừa mua sản phẩm mà tem đã bị "
            "quét nhiều lần, hãy cảnh giác hàng giả.", times) % {"n": times}


@lru_cache(maxsize=4096)
def _status_head(language: str, result: str, previous: int) -> str:
    """A genuine stamp's status box up to its serial, built once per language, result and count
    (format_html on every scan cost more than the rest of the box)."""
    words = _words(language)
    advice = (_scanned_before(language, previous) if result == ScanResult.GENUINE_REPEAT
              else words["advice"].get(result, ""))
    return str(format_html('<div class="status s-{}" id="stamp-status">{}{}<small>{}: <strong>',
                           result, words["labels"][result],
                           format_html("<small>{}</small>", advice) if advice else "",
                           words["trace_code"]))


def status_box(scan: ScanOutcome, serial: str, language: str | None = None) -> SafeString:
    """What the scan found, what it means for the buyer, and the stamp's trace code."""
    language = language or get_language()
    if scan.genuine:
        return mark_safe(_status_head(language, scan.result, scan.previous) + escape(serial)
                         + "</strong></small></div>")
    words = _words(language)
    advice = words["advice"].get(scan.result, "") % {"serial": serial}
    return format_html('<div class="status s-{}" id="stamp-status">{}{}</div>', scan.result,
                       words["labels"][scan.result],
                       format_html("<small>{}</small>", advice) if advice else "")


def extras(scan: ScanOutcome, serial: str, language: str | None = None) -> SafeString:
    """What a scan adds below its status: the lot's recall, its expiry, the producer's own check,
    the PIN form of a roll that has PINs."""
    hit = scan.hit
    if not scan.genuine or not (hit.recall_id or hit.expires_on or hit.with_pin
                                or scan.by_owner):
        return mark_safe("")
    words = _words(language or get_language())
    parts = []
    recall = recall_of(scan.hit)
    if recall:
        title = words["recall_closed"] if recall["state"] == RecallState.CLOSED \
            else words["recall"]
        parts.append(format_html(
            '<div class="recall" id="recall"><strong>{}</strong><small>{}</small>'
            '<small><b>{}:</b> {}</small><small><b>{}:</b> {}</small></div>', title,
            words["recall_since"] % {"d": recall["recalled_on"], "r": recall["reason"]},
            words["recall_what"], recall["instructions"], words["recall_contact"],
            recall["contact"]))
    if expired(scan.hit):
        parts.append(format_html('<div class="expired" id="expired">{}</div>', words["expired"]
                                 % {"d": f"{scan.hit.expires_on:%d/%m/%Y}"}))
    if scan.by_owner:
        parts.append(format_html('<p class="owner">{}</p>', words["owner"]))
    if scan.hit.with_pin:
        parts.append(format_html(
            '<form class="card pin" id="pin-form" method="post" action="/xac-thuc-pin/{}/">'
            '<h2>{}</h2><p><small>{}</small></p><label for="pin">{}</label> '
            '<input id="pin" name="pin" inputmode="numeric" autocomplete="off" maxlength="8" '
            'required> <button type="submit">{}</button></form>', serial, words["pin_title"],
            words["pin_help"], words["pin_label"], words["pin_button"]))
    return mark_safe("".join(parts))


def scan_page(scan: ScanOutcome, info: PublicInformation | None, serial: str) -> str:
    before, after = _frame(info)
    language = get_language()
    return (before + status_box(scan, serial, language) + extras(scan, serial, language)
            + after)

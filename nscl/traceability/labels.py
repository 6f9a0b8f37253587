"""Print files of a roll: A4 label sheets as PDF (QR code holding the GS1 Digital Link URI,
product, serial), and a CSV for printing houses. QR codes are made with segno at a fixed version
and mask, drawn as vector runs (no images), so 10.000 labels take seconds."""

import csv
import io
import re
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import segno
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from .identifiers import digital_link
from .models import StampRoll

COLS, ROWS = 3, 8
LABEL_W, LABEL_H = 70 * mm, 37.125 * mm
QR_SIZE = 30 * mm
FONT = "NSCLSans"
DARK = re.compile(rb"\x01+")


def _font() -> str:
    """DejaVu Sans from matplotlib's package data: every Vietnamese glyph, no system font."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        import matplotlib

        path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
        pdfmetrics.registerFont(TTFont(FONT, str(path)))
    return FONT


def _stamps(roll: StampRoll) -> Iterable[str]:
    return roll.stamps.order_by("id").values_list("serial", flat=True).iterator(chunk_size=5000)


def _matrix(uri: str):
    return segno.make_qr(uri, error="m", version=5, mask=2, boost_error=False).matrix


def _matrices(uris: list[str]) -> list:
    """QR matrices for many URIs: ~1 ms each with segno, so big rolls use every core."""
    if len(uris) < 2000:
        return [_matrix(u) for u in uris]
    with ProcessPoolExecutor() as pool:
        return list(pool.map(_matrix, uris, chunksize=500))


def _qr_ops(matrix, x: float, y: float) -> str:
    """The QR as PDF path operators, one rectangle per run of dark modules, then fill.
    Written directly (not through reportlab's path objects, ten times slower here)."""
    size = len(matrix)
    cell = QR_SIZE / (size + 2)
    # one transform per code, then rectangles in whole modules: short integers to write and
    # to compress (a quarter of the bytes of absolute coordinates)
    ops = [f"q {cell:.4f} 0 0 {cell:.4f} {x:.2f} {y:.2f} cm"]
    for r, row in enumerate(matrix):
        line = size - r  # PDF y grows upwards; one module of quiet zone below
        for run in DARK.finditer(bytes(row)):  # runs of dark modules, found in C
            ops.append(f"{run.start() + 1} {line} {run.end() - run.start()} 1 re")
    ops.append("f Q")
    return "\n".join(ops)


def _pin_box(pdf, font: str, x: float, y: float, pin: str | None) -> None:
    """The scratch-off area: the PIN printed where the printer lays the scratch coat (a grey
    frame marks it); '—' on a reprint, whose PINs were printed once already."""
    pdf.setStrokeColorRGB(0.55, 0.55, 0.55)
    pdf.rect(x, y, 30 * mm, 6 * mm, stroke=1, fill=0)
    pdf.setFont(font, 5)
    pdf.drawString(x, y + 6.8 * mm, "Cào lớp phủ để lấy mã PIN")
    pdf.setFont(font, 10)
    pdf.drawString(x + 2 * mm, y + 1.7 * mm, f"PIN {pin}" if pin else "PIN —")


def label_pdf(roll: StampRoll, progress: Callable[[int, int], None] | None = None,
              pins: dict[str, str] | None = None) -> bytes:
    """The roll's A4 label sheets; `progress(done, total)` after each page (a task calls it);
    `pins` (serial → PIN) only in the one file the PINs are issued for."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, pageCompression=1)
    font = _font()
    product, lot = roll.product, roll.batch.lot if roll.batch else ""
    name = product.name[:40]
    cut = name.rfind(" ", 0, 21) if len(name) > 20 else len(name)
    first_line, second_line = name[:cut], name[cut:].strip()
    left, top = (A4[0] - COLS * LABEL_W) / 2, A4[1] - (A4[1] - ROWS * LABEL_H) / 2
    serials = list(_stamps(roll))
    matrices = _matrices([digital_link(product.gtin, s, lot) for s in serials])
    for n, (serial, matrix) in enumerate(zip(serials, matrices, strict=True)):
        slot = n % (COLS * ROWS)
        if n and slot == 0:
            pdf.showPage()
            if progress:
                progress(n, len(serials))
        col, row = slot % COLS, slot // COLS
        x, y = left + col * LABEL_W, top - (row + 1) * LABEL_H
        pdf.setFillColorRGB(0, 0, 0)
        pdf._code.append(_qr_ops(matrix, x + 2 * mm, y + 3.5 * mm))  # noqa: SLF001
        pdf.setFont(font, 7)
        pdf.drawString(x + 34 * mm, y + 26 * mm, first_line)
        pdf.drawString(x + 34 * mm, y + 22.5 * mm, second_line)
        pdf.setFont(font, 9)
        pdf.drawString(x + 34 * mm, y + 15 * mm, serial)
        pdf.setFont(font, 6)
        if roll.with_pin:
            pdf.drawString(x + 34 * mm, y + 11 * mm, f"GTIN {product.gtin}")
            _pin_box(pdf, font, x + 34 * mm, y + 2 * mm, (pins or {}).get(serial))
            continue
        pdf.drawString(x + 34 * mm, y + 10 * mm, "Quét mã để kiểm tra")
        pdf.drawString(x + 34 * mm, y + 6.5 * mm, f"GTIN {product.gtin}")
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def label_csv(roll: StampRoll, pins: dict[str, str] | None = None) -> bytes:
    """serial, gtin, lot, uri (and pin, for a roll with PINs: filled only in the one file the
    PINs are issued for)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["serial", "gtin", "lot", "uri"] + (["pin"] if roll.with_pin else []))
    lot = roll.batch.lot if roll.batch else ""
    for serial in _stamps(roll):
        row = [serial, roll.product.gtin, lot, digital_link(roll.product.gtin, serial, lot)]
        writer.writerow(row + ([(pins or {}).get(serial, "")] if roll.with_pin else []))
    return out.getvalue().encode("utf-8")

"""Print files of a roll: A4 label sheets as PDF (QR code holding the GS1 Digital Link URI,
product, serial), and a CSV for printing houses. QR codes are made with segno at a fixed version
and mask, drawn as vector runs (no images), so 10.000 labels take seconds."""

import csv
import io
from collections.abc import Iterable
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


def _font() -> str:
    """DejaVu Sans from matplotlib's package data: every Vietnamese glyph, no system font."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        import matplotlib

        path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
        pdfmetrics.registerFont(TTFont(FONT, str(path)))
    return FONT


def _stamps(roll: StampRoll) -> Iterable[str]:
    return roll.stamps.order_by("id").values_list("serial", flat=True).iterator(chunk_size=5000)


def _draw_qr(pdf, uri: str, x: float, y: float) -> None:
    code = segno.make_qr(uri, error="m", version=5, mask=2, boost_error=False)
    matrix = code.matrix
    cell = QR_SIZE / (len(matrix) + 2)
    path = pdf.beginPath()
    for r, row in enumerate(matrix):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                path.rect(x + (start + 1) * cell, y + QR_SIZE - (r + 2) * cell,
                          (c - start) * cell, cell)
            else:
                c += 1
    pdf.drawPath(path, stroke=0, fill=1)


def label_pdf(roll: StampRoll) -> bytes:
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, pageCompression=1)
    font = _font()
    product, lot = roll.product, roll.batch.lot if roll.batch else ""
    name = product.name[:34]
    left, top = (A4[0] - COLS * LABEL_W) / 2, A4[1] - (A4[1] - ROWS * LABEL_H) / 2
    for n, serial in enumerate(_stamps(roll)):
        slot = n % (COLS * ROWS)
        if n and slot == 0:
            pdf.showPage()
        col, row = slot % COLS, slot // COLS
        x, y = left + col * LABEL_W, top - (row + 1) * LABEL_H
        _draw_qr(pdf, digital_link(product.gtin, serial, lot), x + 2 * mm, y + 3.5 * mm)
        pdf.setFont(font, 7)
        pdf.drawString(x + 34 * mm, y + 26 * mm, name[:20])
        pdf.drawString(x + 34 * mm, y + 22.5 * mm, name[20:])
        pdf.setFont(font, 9)
        pdf.drawString(x + 34 * mm, y + 15 * mm, serial)
        pdf.setFont(font, 6)
        pdf.drawString(x + 34 * mm, y + 10 * mm, "Quét mã để kiểm tra")
        pdf.drawString(x + 34 * mm, y + 6.5 * mm, f"GTIN {product.gtin}")
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def label_csv(roll: StampRoll) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["serial", "gtin", "lot", "uri"])
    lot = roll.batch.lot if roll.batch else ""
    for serial in _stamps(roll):
        writer.writerow([serial, roll.product.gtin, lot,
                         digital_link(roll.product.gtin, serial, lot)])
    return out.getvalue().encode("utf-8")

"""Calls and cases made through the support services, for rule tests that need their own."""

import datetime as dt
import io
import zipfile
from decimal import Decimal

from django.utils import timezone

from nscl.support.models import CallCategory, SupportCall
from nscl.support.services.cases import call_open, case_submit
from nscl.support.services.catalogue import categories_ensure


def open_call(plan, appendix, *, year: int = 2024, opens_on=None, deadline=None,
              codes=("5.1", "5.2"), required=(), actor=None) -> SupportCall:
    """A call of `year` offering `codes`, each on its line of `appendix` with a norm of 50;
    `opens_on`/`deadline` a day or a minute."""
    categories = categories_ensure()
    lines = {line.code: line for line in appendix.lines.all()}
    return call_open(plan=plan, year=year, title=f"Đợt thử nghiệm năm {year}",
                     opens_on=opens_on or dt.date(year, 1, 1),
                     deadline=deadline or dt.date(year, 12, 31), actor=actor,
                     categories=[(categories[c], lines[c], Decimal(50)) for c in codes],
                     required_documents=required)


def minute(text: str) -> dt.datetime:
    """`17:00 31/03/2026` in the province's time zone."""
    return timezone.make_aware(dt.datetime.strptime(text, "%H:%M %d/%m/%Y"))


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def docx() -> bytes:
    """A minimal Word file (a zip with the parts Word writes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


THREE = [("commitment", "Bảng đăng ký và cam kết.pdf", PDF),
         ("business_registration", "GCN đăng ký kinh doanh.png", PNG),
         ("quotation", "Báo giá tư vấn ISO 22000.docx", docx())]


def application(call: SupportCall, beneficiary, *, code: str = "5.1", actor=None,
                submitted_on=None):
    category = CallCategory.objects.get(call=call, category__code=code)
    return case_submit(call_category=category, beneficiary=beneficiary,
                       content="Áp dụng ISO 9001 và công cụ 5S", estimated_cost=Decimal(60),
                       requested_amount=Decimal(40), commitment_signed=True, actor=actor,
                       submitted_on=submitted_on or call.opens_on)

"""PAdES signatures on the report's PDF: signed with a PKCS#12 certificate (development CA),
the images placed as Decree 30 describes, validated by pyHanko's own validator; one byte changed
after signing fails; a PDF signed elsewhere (a USB token) is verified on upload and refused when
it is not our frozen PDF, not intact or not from a trusted CA."""

import datetime as dt
from io import BytesIO

import pdfplumber
import pytest
from django.core.exceptions import ValidationError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from nscl.reporting import services, signing
from nscl.reporting.choices import ReportStatus
from nscl.reporting.models import ConsolidatedReport

PASSPHRASE = "mat-khau-thu"


@pytest.fixture
def signed_pdf(db) -> bytes:
    version = ConsolidatedReport.objects.get(request__number="1120").versions.get(number=1)
    return version.pdf.open("rb").read()


def test_the_signed_report_validates_with_pyhankos_validator(signed_pdf):
    reader = PdfFileReader(BytesIO(signed_pdf))
    [signature] = reader.embedded_signatures
    status = validate_pdf_signature(signature, ValidationContext(
        trust_roots=signing.trust_roots()))
    assert status.intact and status.valid and status.trusted and status.bottom_line
    assert status.signing_cert.subject.native["common_name"] == "Trần Minh Khoa"
    check = signing.verify(signed_pdf)
    assert check.ok and check.whole_file and check.signer == "Trần Minh Khoa"
    assert check.issuer == "NSCL Test CA (chỉ dùng thử nghiệm)" and check.serial
    assert check.signed_at and check.valid_until > check.valid_from


def test_one_byte_changed_after_signing_fails(signed_pdf):
    position = signed_pdf.index(b"stream", len(signed_pdf) // 10) + 40  # inside a page's content
    changed = bytearray(signed_pdf)
    changed[position] = (changed[position] + 1) % 256
    check = signing.verify(bytes(changed))
    assert not check.ok and not check.intact
    assert "Nội dung đã bị thay đổi sau khi ký." in check.problems
    status = validate_pdf_signature(
        PdfFileReader(BytesIO(bytes(changed)), strict=False).embedded_signatures[0],
        ValidationContext(trust_roots=signing.trust_roots()))
    assert not status.intact and not status.bottom_line


def test_the_images_sit_between_the_title_and_the_name(signed_pdf):
    with pdfplumber.open(BytesIO(signed_pdf)) as document:
        page = document.pages[-1]
        [annotation] = [a for a in page.annots if a.get("data", {}).get("FT") == "/Sig"
                        or "Sig" in str(a.get("data", {}).get("FT", ""))]
        lines = page.extract_text_lines()
        name = next(ln for ln in lines if "Trần Minh Khoa" in ln["text"])
        title = next(ln for ln in lines if "PHÓ GIÁM ĐỐC" in ln["text"])
    assert title["bottom"] - 5 <= annotation["top"] and annotation["bottom"] <= name["top"] + 15
    middle = (annotation["top"] + annotation["bottom"]) / 2
    assert abs(middle - (title["bottom"] + name["top"]) / 2) < 3
    image, signature_left = signing.appearance("Trần Minh Khoa", "Sở Khoa học và Công nghệ",
                                               "Sóc Trăng")
    seal_width = signing.seal_image("x", "y").width
    signature_width = image.width - signature_left
    assert abs((seal_width - signature_left) - signature_width / 3) <= 2  # a third overlapped
    ring = max(5, seal_width // 45)
    red = image.getpixel((seal_width // 2, (image.height - seal_width) // 2 + ring + ring // 2))
    assert red[0] > 150 and red[2] < 100 and red[3] > 0  # the seal's red rim
    blue = [image.getpixel((x, y)) for x in range(seal_width, image.width, 3)
            for y in range(0, image.height, 3)]
    assert any(p[2] > 120 and p[0] < 80 and p[3] > 0 for p in blue)  # the blue signature
    assert image.getpixel((image.width - 2, 2))[3] == 0  # transparent background


def _frozen_draft(users):
    """Quảng Ngãi's report opened for correction and frozen again (unsigned)."""
    office = users["vanphong.quangngai"]
    report = ConsolidatedReport.objects.get(request__number="567")
    services.report_correct(report=report, actor=office, note="Đính chính số liệu")
    services.report_save(report=report, actor=office, number="241", date=dt.date(2025, 9, 9))
    version = services.version_freeze(report=report, actor=office)
    return office, report, version


def test_a_pdf_signed_with_a_token_is_verified_on_upload(users):
    office, report, version = _frozen_draft(users)
    frozen = version.pdf.open("rb").read()
    certificate = signing.dev_pkcs12("Nguyễn Thanh Tùng", "Sở Khoa học và Công nghệ", PASSPHRASE)
    elsewhere = signing.sign_pdf(frozen, certificate, PASSPHRASE, signer_name="Nguyễn Thanh Tùng",
                                 signer_title="PHÓ GIÁM ĐỐC", organisation="Sở KH&CN",
                                 place="Quảng Ngãi", reason="Ký bằng thiết bị")
    changed = bytearray(elsewhere)
    changed[len(frozen) // 2] ^= 1
    with pytest.raises(ValidationError, match="không phải là bản PDF đã chốt"):
        services.version_upload_signed(report=report, actor=office, content=bytes(changed))
    stranger = _self_signed_pkcs12()
    untrusted = signing.sign_pdf(frozen, stranger, PASSPHRASE, signer_name="Nguyễn Thanh Tùng",
                                 signer_title="PHÓ GIÁM ĐỐC", organisation="X", place="Y",
                                 reason="Z")
    with pytest.raises(ValidationError, match="không do tổ chức được tin cậy cấp"):
        services.version_upload_signed(report=report, actor=office, content=untrusted)
    kept = services.version_upload_signed(report=report, actor=office, content=elsewhere)
    assert kept.signature["ok"] and kept.signature["signer"] == "Nguyễn Thanh Tùng"
    assert kept.pdf.open("rb").read() == elsewhere
    assert ConsolidatedReport.objects.get(pk=report.pk).status == ReportStatus.SIGNED


def test_signing_on_the_page_with_a_certificate_file(client, users):
    office, report, version = _frozen_draft(users)
    client.force_login(office)
    certificate = signing.dev_pkcs12("Nguyễn Thanh Tùng", "Sở Khoa học và Công nghệ", PASSPHRASE)

    def upload():
        handle = BytesIO(certificate)
        handle.name = "nguyen-thanh-tung.p12"
        return handle
    wrong = client.post(f"/bao-cao/bao-cao/{report.pk}/ky-so/",
                        {"certificate": upload(), "passphrase": "sai"}, follow=True)
    assert "sai mật khẩu" in wrong.content.decode()
    signed = client.post(f"/bao-cao/bao-cao/{report.pk}/ky-so/",
                         {"certificate": upload(), "passphrase": PASSPHRASE}, follow=True)
    assert "chữ ký hợp lệ" in signed.content.decode()
    row = next(r for r in signed.context["versions"] if r["version"].number == 2)
    assert row["check"].ok and row["check"].signer == "Nguyễn Thanh Tùng"
    download = client.get(f"/bao-cao/phien-ban/{version.pk}/tai.pdf")
    assert download["X-Signature-Valid"] == "1"
    assert signing.verify(download.content).ok


def _self_signed_pkcs12() -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Nguyễn Thanh Tùng")])
    now = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now).not_valid_after(now + dt.timedelta(days=30))
            .sign(key, hashes.SHA256()))
    return pkcs12.serialize_key_and_certificates(
        b"x", key, cert, None, serialization.BestAvailableEncryption(PASSPHRASE.encode()))

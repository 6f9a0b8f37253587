"""Digital signatures on a report's PDF: PAdES (pyHanko), placed and shown as Decree 30/2020,
Appendix I §II describes for electronic documents — the signer's signature image (blue,
transparent) centred between the position title and the name, the organisation's seal (red,
transparent, real size) overlapping about a third of the signature on its left — and verified
on upload and on every download, with the certificate's details.

Keys: in development each signer has a PKCS#12 file issued by a test CA that this module makes
on first use (under NSCL_SIGNING_DIR, never in the repository); in production the trust roots
are the government CA's certificates (NSCL_SIGNING_TRUST_ROOTS) and signing is done with the
signer's USB token — in the signer's own tool (the signed PDF is uploaded and verified here) or
through PKCS#11 (docs/reporting.md). The images drawn here are placeholders for the demo: a real
office uploads the scans of its signature and seal.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import math
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

SEAL_MM, SIGNATURE_MM = (36, 36), (44, 20)
DPI = 200
BLUE, RED = (22, 45, 170, 255), (214, 28, 28, 255)
FIELD = "ChuKySo"


def _outside_event_loop(function):
    """pyHanko signs and validates through `asyncio.run`, which refuses to run inside a thread
    that already has an event loop (an async view, a Playwright-driven test): there it runs in
    a worker thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function()
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function).result()


def signing_dir() -> Path:
    folder = Path(getattr(settings, "NSCL_SIGNING_DIR", "") or
                  Path(settings.MEDIA_ROOT).parent / "signing")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# --- the development CA and signers --------------------------------------------------------------

def _name(common: str, organisation: str = ""):
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    parts = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
    if organisation:
        parts.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    parts.append(x509.NameAttribute(NameOID.COMMON_NAME, common))
    return x509.Name(parts)


def dev_ca() -> tuple:
    """The development test CA (key, certificate), made once and kept in NSCL_SIGNING_DIR."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    folder = signing_dir()
    key_path, cert_path = folder / "dev-ca.key", folder / "dev-ca.pem"
    if key_path.exists() and cert_path.exists():
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        return key, x509.load_pem_x509_certificate(cert_path.read_bytes())
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = _name("NSCL Test CA (chỉ dùng thử nghiệm)", "NSCL")
    now = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now).not_valid_after(now + dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False,
                                         key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, key_cert_sign=True,
                                         crl_sign=True, encipher_only=False,
                                         decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                           critical=False)
            .sign(key, hashes.SHA256()))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    key_path.chmod(0o600)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key, cert


def dev_pkcs12(full_name: str, organisation: str, passphrase: str) -> bytes:
    """A PKCS#12 file for one signer, issued by the development CA (for tests and the demo)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12

    ca_key, ca_cert = dev_ca()
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    cert = (x509.CertificateBuilder().subject_name(_name(full_name, organisation))
            .issuer_name(ca_cert.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now).not_valid_after(now + dt.timedelta(days=730))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True,
                                         key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False,
                                         decipher_only=False), critical=True)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    return pkcs12.serialize_key_and_certificates(
        full_name.encode(), key, cert, [ca_cert],
        serialization.BestAvailableEncryption(passphrase.encode()))


def trust_roots() -> list:
    """The certificates a signature must chain to: NSCL_SIGNING_TRUST_ROOTS (PEM files), and
    in development (NSCL_SIGNING_DEV_CA) the test CA."""
    from asn1crypto import pem, x509

    roots = []
    paths = list(getattr(settings, "NSCL_SIGNING_TRUST_ROOTS", []) or [])
    if getattr(settings, "NSCL_SIGNING_DEV_CA", False):
        dev_ca()
        paths.append(signing_dir() / "dev-ca.pem")
    for path in paths:
        data = Path(path).read_bytes()
        if pem.detect(data):
            for _type, _headers, der in pem.unarmor(data, multiple=True):
                roots.append(x509.Certificate.load(der))
        else:
            roots.append(x509.Certificate.load(data))
    return roots


# --- the images the decree asks for (placeholders drawn in code) ---------------------------------

def _px(mm: float) -> int:
    return round(mm / 25.4 * DPI)


@lru_cache(maxsize=4)
def _font(size: int, italic: bool = False, bold: bool = False):
    from PIL import ImageFont

    name = "LiberationSerif-" + ("BoldItalic" if bold and italic else "Italic" if italic else
                                 "Bold" if bold else "Regular") + ".ttf"
    for folder in ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation"):
        if Path(folder, name).exists():
            return ImageFont.truetype(str(Path(folder, name)), size)
    return ImageFont.load_default()


def signature_image(full_name: str):
    """A blue handwritten-looking signature on a transparent background (a placeholder)."""
    from PIL import Image, ImageDraw

    width, height = _px(SIGNATURE_MM[0]), _px(SIGNATURE_MM[1])
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    last = full_name.split()[-1] if full_name.split() else "Ký"
    font = _font(int(height * 0.55), italic=True)
    draw.text((width * 0.12, height * 0.08), last, font=font, fill=BLUE)
    points = [(width * (0.08 + 0.84 * t), height * (0.78 - 0.12 * math.sin(t * 6.0)))
              for t in (i / 40 for i in range(41))]
    draw.line(points, fill=BLUE, width=max(3, height // 40), joint="curve")
    return image


def seal_image(organisation: str, place: str):
    """A red round seal, real size, the organisation's name around its rim (a placeholder)."""
    from PIL import Image, ImageDraw

    size = _px(SEAL_MM[0])
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    ring = max(5, size // 45)
    draw.ellipse((ring, ring, size - ring, size - ring), outline=RED, width=ring)
    inner = size * 0.2
    draw.ellipse((inner, inner, size - inner, size - inner), outline=RED, width=ring // 2)
    text = organisation.upper()
    font = _font(max(12, size // 14), bold=True)
    radius = size / 2 - ring * 2.6 - size * 0.03
    step = min(300 / max(len(text), 1), 14)
    start = -90 - step * (len(text) - 1) / 2
    for n, char in enumerate(text):
        angle = math.radians(start + n * step)
        glyph = Image.new("RGBA", (size // 8, size // 8), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((size // 16, size // 16), char, font=font, fill=RED,
                                   anchor="mm")
        glyph = glyph.rotate(-(math.degrees(angle) + 90), resample=Image.BICUBIC)
        x = size / 2 + radius * math.cos(angle) - glyph.width / 2
        y = size / 2 + radius * math.sin(angle) - glyph.height / 2
        image.alpha_composite(glyph, (round(x), round(y)))
    star = [(size / 2 + size * 0.13 * math.cos(math.radians(-90 + 72 * k * 2)),
             size / 2 - size * 0.03 + size * 0.13 * math.sin(math.radians(-90 + 72 * k * 2)))
            for k in range(5)]
    draw.polygon(star, fill=RED)
    draw.text((size / 2, size / 2 + size * 0.16), place.upper(), font=_font(max(10, size // 18),
                                                                                bold=True),
              fill=RED, anchor="mm")
    return image


def appearance(full_name: str, organisation: str, place: str):
    """The seal overlapping a third of the signature on its left, on one transparent image;
    returns the image and where the signature starts in it (to centre the signature)."""
    from PIL import Image

    seal, signature = seal_image(organisation, place), signature_image(full_name)
    left = seal.width - signature.width // 3
    width = left + signature.width
    height = max(seal.height, signature.height)
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    image.alpha_composite(signature, (left, (height - signature.height) // 2))
    image.alpha_composite(seal, (0, (height - seal.height) // 2))
    return image, left


# --- where the signature goes --------------------------------------------------------------------

def signature_box(pdf: bytes, title: str, name: str, image_size, signature_left: int
                  ) -> tuple[int, tuple[int, int, int, int]]:
    """The last page holding the signer's name under their title: the box (PDF points, origin
    bottom-left) in which the signature sits centred between the two, centred on the name."""
    import pdfplumber

    with pdfplumber.open(BytesIO(pdf)) as document:
        for index in range(len(document.pages) - 1, -1, -1):
            page = document.pages[index]
            lines = page.extract_text_lines()
            name_line = next((ln for ln in reversed(lines) if name.strip() and
                              name.strip() in ln["text"]), None)
            if name_line is None:
                continue
            above = [ln for ln in lines if ln["bottom"] <= name_line["top"] and (
                not title or title.upper() in ln["text"].upper())]
            title_bottom = max((ln["bottom"] for ln in above), default=name_line["top"] - 90)
            centre_x = (name_line["x0"] + name_line["x1"]) / 2
            gap_mid = (title_bottom + name_line["top"]) / 2
            scale = 72 / DPI  # image pixels at DPI → points at real size
            width, height = image_size[0] * scale, image_size[1] * scale
            signature_width = (image_size[0] - signature_left) * scale
            x1 = centre_x - signature_width / 2 - signature_left * scale
            top = gap_mid - height / 2
            y1 = page.height - (top + height)
            return index, (round(x1), round(y1), round(x1 + width), round(y1 + height))
    raise ValidationError(_("Không tìm thấy tên người ký “%(n)s” trong tệp PDF để đặt chữ ký.")
                          % {"n": name})


# --- signing and verifying -----------------------------------------------------------------------

def sign_pdf(pdf: bytes, pkcs12: bytes, passphrase: str, *, signer_name: str, signer_title: str,
             organisation: str, place: str, reason: str) -> bytes:
    """Sign `pdf` (PAdES B-B, SHA-256) with the key in `pkcs12`, the signature and seal images
    placed between the signer's title and name on the last page."""
    from pyhanko import stamp
    from pyhanko.pdf_utils import images
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    try:
        signer = signers.SimpleSigner.load_pkcs12_data(pkcs12, other_certs=[],
                                                       passphrase=passphrase.encode() or None)
    except Exception as exc:  # noqa: BLE001 - wrong passphrase or not a PKCS#12 file
        raise ValidationError(_("Không mở được tệp chứng thư số (.p12): sai mật khẩu hoặc tệp "
                                "không đúng định dạng PKCS#12.")) from exc
    if signer is None:
        raise ValidationError(_("Không mở được tệp chứng thư số (.p12): sai mật khẩu hoặc tệp "
                                "không đúng định dạng PKCS#12."))
    image, left = appearance(signer_name, organisation, place)
    page, box = signature_box(pdf, signer_title, signer_name, image.size, left)
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason, location=place, name=signer_name)
    style = stamp.StaticStampStyle(background=images.PdfImage(image), border_width=0,
                                   background_opacity=1.0)
    pdf_signer = signers.PdfSigner(meta, signer=signer, stamp_style=style,
                                   new_field_spec=fields.SigFieldSpec(FIELD, on_page=page,
                                                                      box=box))
    return _outside_event_loop(lambda: pdf_signer.sign_pdf(writer).getvalue())


@dataclass
class Verification:
    """What a reader needs to trust a signed PDF: is it intact, valid and trusted, who signed,
    with which certificate, when."""

    signed: bool
    intact: bool = False
    valid: bool = False
    trusted: bool = False
    whole_file: bool = False
    signer: str = ""
    organisation: str = ""
    issuer: str = ""
    serial: str = ""
    valid_from: str = ""
    valid_until: str = ""
    signed_at: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.signed and self.intact and self.valid and self.trusted and self.whole_file

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in (
            "signed", "intact", "valid", "trusted", "whole_file", "signer", "organisation",
            "issuer", "serial", "valid_from", "valid_until", "signed_at", "problems")} | {
            "ok": self.ok}


def _subject_part(name, key: str) -> str:
    return str(name.native.get(key, "")) if name is not None else ""


def verify(pdf: bytes) -> Verification:
    """Validate every signature of `pdf` against the trust roots; the last one describes the
    signer. A byte changed after signing makes it not intact."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except Exception:  # noqa: BLE001 - a damaged file is simply not a valid signed PDF
        return Verification(False, problems=[_("Tệp PDF hỏng, không đọc được.")])
    if not signatures:
        return Verification(False, problems=[_("Tệp PDF chưa có chữ ký số.")])
    context = ValidationContext(trust_roots=trust_roots(), allow_fetching=False)
    result = Verification(True)
    for signature in signatures:
        try:
            status = _outside_event_loop(
                lambda signature=signature: validate_pdf_signature(signature, context))
        except Exception as exc:  # noqa: BLE001 - pyHanko refuses a mangled signature
            result.problems.append(_("Không kiểm tra được chữ ký: %(e)s") % {"e": exc})
            result.intact = result.valid = False
            return result
        cert = status.signing_cert
        result.intact, result.valid, result.trusted = status.intact, status.valid, \
            status.trusted
        result.whole_file = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        result.signer = _subject_part(cert.subject, "common_name")
        result.organisation = _subject_part(cert.subject, "organization_name")
        result.issuer = _subject_part(cert.issuer, "common_name")
        result.serial = format(cert.serial_number, "X")
        result.valid_from = cert["tbs_certificate"]["validity"]["not_before"].native.isoformat()
        result.valid_until = cert["tbs_certificate"]["validity"]["not_after"].native.isoformat()
        when = status.signer_reported_dt
        result.signed_at = timezone.localtime(when).isoformat(timespec="seconds") if when else ""
        if not status.intact:
            result.problems.append(_("Nội dung đã bị thay đổi sau khi ký."))
        elif not status.valid:
            result.problems.append(_("Chữ ký không hợp lệ."))
        if status.intact and status.valid and not status.trusted:
            result.problems.append(_("Chứng thư số không do tổ chức được tin cậy cấp."))
        if not result.whole_file:
            result.problems.append(_("Chữ ký không bao trùm toàn bộ tệp (có phần thêm sau khi "
                                     "ký)."))
        if not result.ok:
            break
    return result

"""The beneficiary registry: create, import and export, with duplicates caught.

A duplicate is the same tax code, or the same name once diacritics and legal-form words are
ignored, in the same province. An import with any bad row writes nothing and names every row.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from nscl.core.numbers import MalformedNumber, parse_vn_number
from nscl.core.permissions import require
from nscl.core.text import search_key
from nscl.organisation.choices import UnitKind
from nscl.organisation.models import Unit
from nscl.organisation.services import unit_upsert
from nscl.workflow.services import event_record

from .choices import BeneficiaryKind, EnterpriseSize
from .events import EnterpriseVerb
from .identifiers import normalise_tax_code
from .models import Beneficiary
from .names import name_key
from .permissions import can_register

COLUMNS = [("name", "Tên"), ("kind", "Loại hình"), ("tax_code", "Mã số thuế"),
           ("registration_number", "Số đăng ký kinh doanh"), ("commune", "Xã, phường"),
           ("address", "Địa chỉ"), ("sector", "Ngành nghề"), ("size", "Quy mô"),
           ("workers", "Số lao động"), ("products", "Sản phẩm chính"),
           ("ocop_products", "Số sản phẩm OCOP"), ("ocop_max_stars", "Hạng sao OCOP"),
           ("export_turnover", "Kim ngạch xuất khẩu (triệu đồng)")]
KIND_BY_LABEL = {search_key(str(label)): value for value, label in BeneficiaryKind.choices}
SIZE_BY_LABEL = {search_key(str(label)): value for value, label in EnterpriseSize.choices}


def duplicate_of(*, province_path: str, tax_code: str, name: str,
                 exclude_pk: int | None = None) -> Beneficiary | None:
    same = Beneficiary.objects.filter(commune__path__startswith=province_path)
    if exclude_pk:
        same = same.exclude(pk=exclude_pk)
    if tax_code and (found := Beneficiary.objects.filter(tax_code=tax_code).first()):
        return found
    return same.filter(name_key=name_key(name)).first()


@transaction.atomic
def beneficiary_create(*, actor, commune: Unit, name: str, kind: str, tax_code: str = "",
                       unit: Unit | None = None, **fields) -> Beneficiary:
    """Register a beneficiary; `unit` is its existing login unit, if it already has one."""
    require(can_register(actor, commune))
    if kind != BeneficiaryKind.HOUSEHOLD and not tax_code:
        raise ValidationError(_("Doanh nghiệp, HTX, tổ hợp tác phải có mã số thuế."))
    code = normalise_tax_code(tax_code) if tax_code else ""
    if commune.kind != UnitKind.COMMUNE:
        raise ValidationError(_("Địa chỉ phải thuộc một xã, phường, đặc khu."))
    dup = duplicate_of(province_path=commune.province_path(), tax_code=code, name=name)
    if dup:
        raise ValidationError(_("Trùng với “%(n)s” (mã số thuế %(t)s) đã có trong danh sách.")
                              % {"n": dup.name, "t": dup.tax_code or "—"})
    unit_code = unit.code if unit else f"DN-{code or search_key(name)[:20].replace(' ', '-')}"
    unit = unit_upsert(code=unit_code, name=name, kind=UnitKind.ENTERPRISE, parent=commune,
                       source="NSCL")
    beneficiary = Beneficiary(unit=unit, commune=commune, name=name, kind=kind, tax_code=code,
                              name_key=name_key(name), **fields)
    beneficiary.full_clean()
    beneficiary.save()
    event_record(actor=actor, verb=EnterpriseVerb.BENEFICIARY_CREATED, obj=beneficiary,
                 after={"name": name, "tax_code": code})
    return beneficiary


@dataclass
class RowError:
    row: int
    messages: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return _("Dòng %(r)s: %(m)s") % {"r": self.row, "m": "; ".join(self.messages)}


class RegistryImportError(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__("\n".join(map(str, errors)))
        self.errors = errors


def _read_rows(content: bytes) -> list[tuple[int, dict]]:
    try:
        sheet = load_workbook(BytesIO(content), read_only=True, data_only=True).worksheets[0]
    except Exception as exc:
        raise RegistryImportError([RowError(0, [_("Tệp không phải bảng tính .xlsx đọc được.")])]
                                  ) from exc
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        raise RegistryImportError([RowError(1, [_("Bảng tính trống.")])])
    header = {search_key(str(h or "")): i for i, h in enumerate(rows[0])}
    index = {key: header.get(search_key(label)) for key, label in COLUMNS}
    missing = [label for key, label in COLUMNS[:6] if index[key] is None]
    if missing:
        message = _("Thiếu cột: %(c)s") % {"c": ", ".join(missing)}
        raise RegistryImportError([RowError(1, [message])])
    return [(n, {k: (r[i] if i is not None and i < len(r) else None) for k, i in index.items()})
            for n, r in enumerate(rows[1:], start=2) if any(v not in (None, "") for v in r)]


def _clean_row(values: dict, communes: dict[str, Unit], error: RowError) -> dict:
    text = {k: str(v).strip() if v is not None else "" for k, v in values.items()}
    data = {"name": text["name"], "address": text["address"], "sector": text["sector"],
            "products": text["products"], "registration_number": text["registration_number"]}
    if not data["name"]:
        error.messages.append(_("thiếu tên"))
    data["kind"] = KIND_BY_LABEL.get(search_key(text["kind"]))
    if not data["kind"]:
        error.messages.append(_("loại hình “%(v)s” không hợp lệ (Doanh nghiệp, Hợp tác xã, Tổ hợp "
                                "tác, Hộ kinh doanh)") % {"v": text["kind"]})
    data["size"] = SIZE_BY_LABEL.get(search_key(text["size"]), EnterpriseSize.SMALL)
    data["commune"] = communes.get(search_key(text["commune"]))
    if data["commune"] is None:
        error.messages.append(_("không tìm thấy xã, phường “%(v)s” trong tỉnh")
                              % {"v": text["commune"]})
    data["tax_code"] = ""
    if text["tax_code"]:
        try:
            data["tax_code"] = normalise_tax_code(text["tax_code"])
        except ValidationError as exc:
            error.messages.extend(exc.messages)
    elif data["kind"] and data["kind"] != BeneficiaryKind.HOUSEHOLD:
        error.messages.append(_("thiếu mã số thuế"))
    for key, label in (("workers", "số lao động"), ("ocop_products", "số sản phẩm OCOP"),
                       ("ocop_max_stars", "hạng sao OCOP"), ("export_turnover", "kim ngạch")):
        try:
            number = parse_vn_number(values[key])
        except MalformedNumber:
            error.messages.append(_("%(l)s “%(v)s” không phải là số")
                                  % {"l": label, "v": values[key]})
            continue
        number = number if number is not None else Decimal(0)
        if number < 0 or (key != "export_turnover" and number != int(number)):
            error.messages.append(_("%(l)s “%(v)s” phải là số nguyên không âm")
                                  % {"l": label, "v": values[key]})
        data[key] = number if key == "export_turnover" else int(number)
    if data.get("ocop_max_stars", 0) > 5:
        error.messages.append(_("hạng sao OCOP tối đa là 5"))
    return data


@transaction.atomic
def registry_import(*, content: bytes, province: Unit, actor) -> list[Beneficiary]:
    """All or nothing: every row is checked (and against the others) before any is written."""
    rows = _read_rows(content)
    communes = {search_key(u.name): u for u in
                Unit.objects.filter(kind=UnitKind.COMMUNE, parent=province)}
    errors, cleaned, seen_codes, seen_names = [], [], {}, {}
    for number, values in rows:
        error = RowError(number)
        data = _clean_row(values, communes, error)
        if data["tax_code"] and data["tax_code"] in seen_codes:
            error.messages.append(_("trùng mã số thuế với dòng %(r)s")
                                  % {"r": seen_codes[data["tax_code"]]})
        key = name_key(data["name"])
        if key and key in seen_names:
            error.messages.append(_("trùng tên với dòng %(r)s") % {"r": seen_names[key]})
        dup = None if error.messages else duplicate_of(
            province_path=province.province_path(), tax_code=data["tax_code"], name=data["name"])
        if dup:
            error.messages.append(_("đã có trong danh sách: “%(n)s”") % {"n": dup.name})
        if data["tax_code"]:
            seen_codes.setdefault(data["tax_code"], number)
        seen_names.setdefault(key, number)
        if error.messages:
            errors.append(error)
        cleaned.append(data)
    if errors:
        raise RegistryImportError(errors)
    return [beneficiary_create(actor=actor, **data) for data in cleaned]


def registry_export(beneficiaries) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Danh sách")
    sheet.append([label for _, label in COLUMNS])
    for b in beneficiaries:
        sheet.append([b.name, b.get_kind_display(), b.tax_code, b.registration_number,
                      b.commune.name, b.address, b.sector, b.get_size_display(), b.workers,
                      b.products, b.ocop_products, b.ocop_max_stars, float(b.export_turnover)])
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()

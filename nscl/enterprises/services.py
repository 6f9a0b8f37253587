"""The beneficiary registry: create, import and export, with duplicates caught.

A duplicate is the same tax code, or the same name once diacritics and legal-form words are
ignored, in the same province. An import with any bad row writes nothing and names every row:
the sheet is read by the bounded reader (`nscl.core.spreadsheets`), columns are matched by name in
Vietnamese or English without diacritics, numbers by the shared parser with their bounds, and each
row is checked against the model's own fields (lengths, ranges, digits) before anything is written,
so a value too long for its column is a row error on every database, never a truncation or a 500.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.translation import gettext as _
from openpyxl import Workbook

from nscl.core.columns import match_columns
from nscl.core.numbers import COUNT, MONEY, MalformedNumber, NumberReader
from nscl.core.permissions import require
from nscl.core.spreadsheets import SpreadsheetError, cell_text, read_workbook
from nscl.core.text import search_key
from nscl.core.xlsx import append_row
from nscl.organisation.choices import UnitKind
from nscl.organisation.models import Unit
from nscl.organisation.services import unit_create_numbered, unit_upsert
from nscl.workflow.services import event_record

from .choices import BeneficiaryKind, EnterpriseSize
from .events import EnterpriseVerb
from .identifiers import normalise_tax_code
from .models import Beneficiary
from .names import name_key
from .permissions import can_register

COLUMNS = [  # i18n: the registry form's headings, read back on import
           ("name", "Tên"), ("kind", "Loại hình"), ("tax_code", "Mã số thuế"),
           ("registration_number", "Số đăng ký kinh doanh"), ("commune", "Xã, phường"),
           ("address", "Địa chỉ"), ("sector", "Ngành nghề"), ("size", "Quy mô"),
           ("workers", "Số lao động"), ("products", "Sản phẩm chính"),
           ("ocop_products", "Số sản phẩm OCOP"), ("ocop_max_stars", "Hạng sao OCOP"),
           ("export_turnover", "Kim ngạch xuất khẩu (triệu đồng)")]
ALIASES = {  # i18n: headings recognised in registry files
    "name": ["Tên", "Tên doanh nghiệp", "Tên cơ sở", "Tên đơn vị", "Name", "Enterprise name"],
    "kind": ["Loại hình", "Loại hình doanh nghiệp", "Kind", "Type", "Legal form"],
    "tax_code": ["Mã số thuế", "MST", "Tax code", "Tax ID"],
    "registration_number": ["Số đăng ký kinh doanh", "Số ĐKKD", "Số giấy chứng nhận đăng ký",
                            "Registration number"],
    "commune": ["Xã, phường", "Xã", "Phường", "Xã phường", "Commune", "Ward"],
    "address": ["Địa chỉ", "Address"],
    "sector": ["Ngành nghề", "Lĩnh vực", "Sector", "Industry"],
    "size": ["Quy mô", "Size"],
    "workers": ["Số lao động", "Lao động", "Workers", "Employees"],
    "products": ["Sản phẩm chính", "Sản phẩm", "Products", "Main products"],
    "ocop_products": ["Số sản phẩm OCOP", "Sản phẩm OCOP", "OCOP products"],
    "ocop_max_stars": ["Hạng sao OCOP", "Sao OCOP", "OCOP stars"],
    "export_turnover": ["Kim ngạch xuất khẩu", "Kim ngạch", "Export turnover", "Exports"],
}
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
    if unit is not None or code:  # its login unit, or one keyed by its tax code (unique)
        unit = unit_upsert(code=unit.code if unit else f"DN-{code}", name=name,
                           kind=UnitKind.ENTERPRISE, parent=commune, source="NSCL")
    else:  # a household without a tax code: a code of its own id, never taken by another
        unit = unit_create_numbered(prefix="HKD-", name=name, kind=UnitKind.ENTERPRISE,
                                    parent=commune, source="NSCL")
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


def _read_rows(content: bytes) -> tuple[list[tuple[int, dict]], NumberReader]:
    try:
        sheets = read_workbook(content, label=_("danh sách"), first_sheet_only=True)
    except SpreadsheetError as exc:
        raise RegistryImportError([RowError(0, [str(exc)])]) from exc
    rows = [(r.number, r.values()) for r in sheets[0].rows] if sheets else []
    if not rows:
        raise RegistryImportError([RowError(1, [_("Bảng tính trống.")])])
    header_number, header = rows[0]
    index = match_columns(header, ALIASES)
    missing = [label for key, label in COLUMNS[:6] if key not in index]
    if missing:
        message = _("Thiếu cột: %(c)s") % {"c": ", ".join(missing)}
        raise RegistryImportError([RowError(header_number, [message])])
    data = [(n, {k: (r[i] if i < len(r) else None) for k, i in index.items()})
            for n, r in rows[1:] if any(v not in (None, "") for v in r)]
    numbers = NumberReader([v.get(k) for _n, v in data for k in
                            ("workers", "ocop_products", "ocop_max_stars", "export_turnover")
                            if isinstance(v.get(k), str)])
    return data, numbers


_NUMBERS = (  # i18n: names of the form's columns in messages
            ("workers", "số lao động", COUNT, 1, ""),
            ("ocop_products", "số sản phẩm OCOP", COUNT, 1, ""),
            ("ocop_max_stars", "hạng sao OCOP", COUNT, 1, ""),
            ("export_turnover", "kim ngạch", MONEY, 10**6, "triệu đồng"))


def _clean_row(values: dict, communes: dict[str, Unit], error: RowError,
               numbers: NumberReader) -> dict:
    text = {k: cell_text(values.get(k)) for k, _label in COLUMNS}
    data = {"name": text["name"], "address": text["address"], "sector": text["sector"],
            "products": text["products"], "registration_number": text["registration_number"]}
    if not data["name"]:
        error.messages.append(_("thiếu tên"))
    data["kind"] = KIND_BY_LABEL.get(search_key(text["kind"]))
    if not data["kind"]:
        error.messages.append(_("loại hình “%(v)s” không hợp lệ (Doanh nghiệp, Hợp tác xã, Tổ hợp "
                                "tác, Hộ kinh doanh)") % {"v": text["kind"][:60]})
    data["size"] = SIZE_BY_LABEL.get(search_key(text["size"]), EnterpriseSize.SMALL)
    data["commune"] = communes.get(search_key(text["commune"]))
    if data["commune"] is None:
        error.messages.append(_("không tìm thấy xã, phường “%(v)s” trong tỉnh")
                              % {"v": text["commune"][:60]})
    data["tax_code"] = ""
    if text["tax_code"]:
        try:
            data["tax_code"] = normalise_tax_code(text["tax_code"])
        except ValidationError as exc:
            error.messages.extend(exc.messages)
    elif data["kind"] and data["kind"] != BeneficiaryKind.HOUSEHOLD:
        error.messages.append(_("thiếu mã số thuế"))
    for key, label, kind, scale, unit in _NUMBERS:
        try:
            number = numbers.parse(values.get(key), kind=kind, scale=scale, unit=unit)
        except MalformedNumber as exc:
            error.messages.append(_("%(l)s: %(why)s") % {"l": label, "why": exc.message})
            continue
        number = number if number is not None else Decimal(0)
        if key != "export_turnover" and number != int(number):
            error.messages.append(_("%(l)s “%(v)s” phải là số nguyên không âm")
                                  % {"l": label, "v": values.get(key)})
            continue
        data[key] = number if key == "export_turnover" else int(number)
    if data.get("ocop_max_stars", 0) > 5:
        error.messages.append(_("hạng sao OCOP tối đa là 5"))
    _fits(data, error)
    return data


def _fits(data: dict, error: RowError) -> None:
    """Every value against its model field (length, range, digits), as the database would."""
    fields = {k: v for k, v in data.items() if k not in {"commune"} and v is not None}
    candidate = Beneficiary(name_key=name_key(data.get("name") or ""), **fields)
    checked = {"name", "tax_code", "registration_number", "address", "sector", "workers",
               "ocop_products", "ocop_max_stars", "export_turnover"} & set(fields)
    try:
        candidate.clean_fields(exclude=[f.name for f in Beneficiary._meta.fields
                                        if f.name not in checked])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            label = Beneficiary._meta.get_field(name).verbose_name
            error.messages.append(_("%(f)s: %(m)s") % {"f": label, "m": " ".join(messages)})
            checked.discard(name)
    for name in checked:  # SQLite accepts any integer: hold every database to the same range
        model_field = Beneficiary._meta.get_field(name)
        low, high = BaseDatabaseOperations.integer_field_ranges.get(
            model_field.get_internal_type(), (None, None))
        value = fields.get(name)
        if high is not None and isinstance(value, int) and not low <= value <= high:
            error.messages.append(_("%(f)s: %(v)s ngoài khoảng %(a)s–%(b)s") % {
                "f": model_field.verbose_name, "v": value, "a": low, "b": high})


@transaction.atomic
def registry_import(*, content: bytes, province: Unit, actor) -> list[Beneficiary]:
    """All or nothing: every row is checked (and against the others) before any is written."""
    rows, numbers = _read_rows(content)
    communes = {search_key(u.name): u for u in
                Unit.objects.filter(kind=UnitKind.COMMUNE, parent=province)}
    errors, cleaned, seen_codes, seen_names = [], [], {}, {}
    for number, values in rows:
        error = RowError(number)
        data = _clean_row(values, communes, error, numbers)
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
    sheet = workbook.create_sheet(_("Danh sách"))
    append_row(sheet, [label for _, label in COLUMNS])
    for b in beneficiaries:
        append_row(sheet, [b.name, b.get_kind_display(), b.tax_code, b.registration_number,
                           b.commune.name, b.address, b.sector, b.get_size_display(), b.workers,
                           b.products, b.ocop_products, b.ocop_max_stars, float(b.export_turnover)])
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()

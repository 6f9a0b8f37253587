from decimal import Decimal

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from nscl.core.forms import VietnameseDateField, VietnameseDateTimeField, VietnameseDecimalField
from nscl.core.numbers import format_vn_number

from .choices import CouncilKind, DocumentKind
from .models import Council

MAX_DOCUMENT = 10 * 1024 * 1024
DOCUMENT_TYPES = ["pdf", "docx", "xlsx", "jpg", "jpeg", "png"]
POSITIVE = Decimal("0.001")


class DocumentField(forms.FileField):
    """An attached document: type and size checked."""

    def __init__(self, **kwargs):
        kwargs.setdefault("validators", [FileExtensionValidator(
            DOCUMENT_TYPES, message=_("Chỉ nhận tệp PDF, Word (.docx), Excel (.xlsx) hoặc ảnh "
                                      "(JPG, PNG)."))])
        kwargs.setdefault("help_text", _("PDF, Word (.docx), Excel (.xlsx), JPG hoặc PNG; tối đa "
                                         "10 MB; nội dung tệp được kiểm tra."))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and upload.size > MAX_DOCUMENT:
            raise forms.ValidationError(_("Tệp “%(n)s” lớn hơn 10 MB."), params={"n": upload.name})
        return upload


class ApplicationForm(forms.Form):
    call_category = forms.ModelChoiceField(label=_("Đợt và nhóm hỗ trợ"), queryset=None)
    beneficiary = forms.ModelChoiceField(label=_("Đối tượng thụ hưởng"), queryset=None)
    content = forms.CharField(label=_("Nội dung đề nghị hỗ trợ"), max_length=300,
                              help_text=_("Ví dụ: Tư vấn, chứng nhận ISO 22000:2018"))
    consultant = forms.CharField(label=_("Đơn vị tư vấn (nếu đã chọn)"), required=False,
                                 max_length=200)
    estimated_cost = VietnameseDecimalField(label=_("Tổng chi phí dự kiến (triệu đồng)"),
                                            min_value=POSITIVE)
    requested_amount = VietnameseDecimalField(label=_("Kinh phí đề nghị hỗ trợ (triệu đồng)"),
                                              min_value=POSITIVE)
    commitment_signed = forms.BooleanField(
        label=_("Tôi cam kết thực hiện các giải pháp nâng cao năng suất chất lượng đã đăng ký"),
        required=True)

    def __init__(self, *args, call_categories, beneficiaries, required=(), **kwargs):
        super().__init__(*args, **kwargs)
        for kind in required:  # one file per document the call requires
            self.fields[f"doc_{kind}"] = DocumentField(label=DocumentKind(kind).label)
        self.fields["call_category"].queryset = call_categories
        self.fields["call_category"].label_from_instance = (
            lambda cc: _("%(call)s — %(category)s (định mức %(norm)s triệu đồng)")
            % {"call": cc.call.title, "category": cc.category,
               "norm": format_vn_number(cc.unit_norm)})
        self.fields["beneficiary"].queryset = beneficiaries
        if beneficiaries.count() == 1:
            self.fields["beneficiary"].initial = beneficiaries.first()
        if call_categories.count() == 1:
            self.fields["call_category"].initial = call_categories.first()

    def documents(self) -> list[tuple[str, str, bytes]]:
        """(kind, file name, bytes) of every attached document."""
        return [(name[4:], upload.name, upload.read())
                for name, upload in self.cleaned_data.items()
                if name.startswith("doc_") and upload]

    def case_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if not k.startswith("doc_")}


class DocumentForm(forms.Form):
    """A document added at a step of the case."""

    kind = forms.ChoiceField(label=_("Loại tài liệu"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Tên tài liệu (nếu khác loại)"), max_length=200,
                            required=False)
    file = DocumentField(label=_("Tệp"))


class CouncilChoiceForm(forms.Form):
    council = forms.ModelChoiceField(label=_("Hội đồng"), queryset=None)

    def __init__(self, *args, plan, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = Council.objects.filter(plan=plan, kind=kind,
                                                                 concluded_at__isnull=True)


class SelectionCouncilForm(CouncilChoiceForm):
    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, plan=plan, kind=CouncilKind.SELECTION, **kwargs)


class AcceptanceCouncilForm(CouncilChoiceForm):
    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, plan=plan, kind=CouncilKind.ACCEPTANCE, **kwargs)


class ContractForm(forms.Form):
    number = forms.CharField(label=_("Số hợp đồng"), max_length=40)
    signed_on = VietnameseDateField(label=_("Ngày ký"))
    amount = VietnameseDecimalField(label=_("Kinh phí hỗ trợ (triệu đồng)"), min_value=POSITIVE)
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 2}))
    deadline = VietnameseDateField(label=_("Thời hạn hoàn thành"))
    consultant = forms.CharField(label=_("Đơn vị tư vấn"), max_length=200)


class NoteForm(forms.Form):
    date = VietnameseDateField(label=_("Ngày"))
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}))


class AmendForm(forms.Form):
    new_deadline = VietnameseDateField(label=_("Thời hạn mới"))
    reason = forms.CharField(label=_("Lý do gia hạn"), widget=forms.Textarea(attrs={"rows": 2}))


class AcceptanceRequestForm(forms.Form):
    report = forms.CharField(label=_("Báo cáo kết quả thực hiện"),
                             widget=forms.Textarea(attrs={"rows": 3}))


class AcceptanceForm(forms.Form):
    passed = forms.TypedChoiceField(label=_("Kết luận"), coerce=lambda v: v == "1",
                                    choices=[("1", _("Đạt")), ("0", _("Không đạt"))])
    accepted_on = VietnameseDateField(label=_("Ngày họp nghiệm thu"))
    standard = forms.CharField(label=_("Tiêu chuẩn, hệ thống áp dụng"), required=False)
    certificate_number = forms.CharField(label=_("Số giấy chứng nhận"), required=False)
    certifier = forms.CharField(label=_("Tổ chức chứng nhận"), required=False)
    certified_on = VietnameseDateField(label=_("Ngày cấp"), required=False)
    award_won = forms.BooleanField(label=_("Đạt Giải thưởng Chất lượng Quốc gia"), required=False)
    revenue_before = VietnameseDecimalField(label=_("Doanh thu trước (triệu đồng/năm)"),
                                            required=False, min_value=Decimal(0))
    revenue_after = VietnameseDecimalField(label=_("Doanh thu sau (triệu đồng/năm)"),
                                           required=False, min_value=Decimal(0))
    workers_before = forms.IntegerField(label=_("Lao động trước"), required=False, min_value=0)
    workers_after = forms.IntegerField(label=_("Lao động sau"), required=False, min_value=0)
    defect_rate_before = VietnameseDecimalField(label=_("Tỷ lệ lỗi trước (%)"), required=False,
                                                min_value=Decimal(0))
    defect_rate_after = VietnameseDecimalField(label=_("Tỷ lệ lỗi sau (%)"), required=False,
                                               min_value=Decimal(0))
    remarks = forms.CharField(label=_("Kết luận của hội đồng"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))


class LiquidationForm(forms.Form):
    liquidation_number = forms.CharField(label=_("Số biên bản thanh lý"), max_length=40)
    paid_on = VietnameseDateField(label=_("Ngày chi"))
    amount = VietnameseDecimalField(label=_("Số tiền thanh toán (triệu đồng)"), min_value=POSITIVE)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Lý do rút hồ sơ"), widget=forms.Textarea(attrs={"rows": 2}))


class ApprovalForm(forms.Form):
    number = forms.CharField(label=_("Số quyết định"), max_length=40,
                             help_text=_("Ví dụ: 1234/QĐ-UBND"))
    date = VietnameseDateField(label=_("Ngày quyết định"))
    signed_by = forms.CharField(label=_("Người ký"), max_length=120, required=False)


class CallTextsForm(forms.Form):
    """What a call says: its content, who may apply, priorities and the documents to attach."""

    title = forms.CharField(label=_("Tên đợt"), max_length=255)
    description = forms.CharField(label=_("Nội dung hỗ trợ của đợt"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    eligibility = forms.CharField(label=_("Điều kiện tham gia"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    priorities = forms.CharField(label=_("Ưu tiên"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    required_documents = forms.MultipleChoiceField(
        label=_("Tài liệu phải nộp kèm hồ sơ"), required=False,
        choices=[c for c in DocumentKind.choices if c[0] != DocumentKind.OTHER],
        widget=forms.CheckboxSelectMultiple)


class CallEditForm(CallTextsForm):
    opens_at = VietnameseDateTimeField(label=_("Mở nhận hồ sơ lúc"),
                                       help_text=_("Chỉ đổi được trước khi đợt mở."))


class CallForm(CallTextsForm):
    """A call with one row per category of budget item 5: offered or not, its line and norm
    (pre-filled from the line's own unit price, when the appendix gives one)."""

    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    opens_at = VietnameseDateTimeField(label=_("Mở nhận hồ sơ lúc"))
    closes_at = VietnameseDateTimeField(label=_("Hạn nộp hồ sơ"))
    field_order = ["year", "title", "opens_at", "closes_at"]

    def __init__(self, *args, categories, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = categories
        self.fields["required_documents"].initial = [
            DocumentKind.COMMITMENT, DocumentKind.BUSINESS_REGISTRATION, DocumentKind.QUOTATION]
        for category in categories:
            self.fields[f"offer_{category.code}"] = forms.BooleanField(
                label=str(category), required=False)
            field = forms.ModelChoiceField(
                label=_("Dòng dự toán của nhóm %(c)s") % {"c": category.code}, queryset=lines,
                required=False)
            field.label_from_instance = lambda line: (
                f"{line.appendix.code} ({line.appendix.start_year}–{line.appendix.end_year}) · "
                f"{line.code} {line.content[:50]}"
                + (f" · {format_vn_number(line.unit_price)}" if line.unit_price else ""))
            same = [line for line in lines if line.code == category.code]
            self.fields[f"line_{category.code}"] = field
            self.fields[f"norm_{category.code}"] = VietnameseDecimalField(
                label=_("Định mức mỗi lượt của nhóm %(c)s (triệu đồng)") % {"c": category.code},
                required=False, min_value=POSITIVE,
                help_text=_("Để trống: lấy đơn giá của dòng dự toán."))
            if same:  # pre-filled from the latest appendix's line of that code
                field.initial = same[-1].pk
                if same[-1].unit_price:
                    self.fields[f"norm_{category.code}"].initial = format_vn_number(
                        same[-1].unit_price)

    def clean(self):
        data = super().clean()
        offered = []
        for category in self.categories:
            if not data.get(f"offer_{category.code}"):
                continue
            line, norm = data.get(f"line_{category.code}"), data.get(f"norm_{category.code}")
            if norm is None and line is not None and line.unit_price:
                norm = line.unit_price  # the line's own unit norm
            if line is None or norm is None:
                self.add_error(f"line_{category.code}", _(
                    "Nhóm %(c)s: cần chọn dòng dự toán và ghi định mức.") % {"c": category.code})
                continue
            offered.append((category, line, norm))
        if not offered and not self.errors:
            raise forms.ValidationError(_("Chọn ít nhất một nhóm hỗ trợ."))
        data["categories"] = offered
        return data


class CallExtendForm(forms.Form):
    closes_at = VietnameseDateTimeField(label=_("Hạn nộp hồ sơ mới"))
    reason = forms.CharField(label=_("Lý do gia hạn"), widget=forms.Textarea(attrs={"rows": 2}))


class CouncilForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại hội đồng"), choices=CouncilKind.choices)
    name = forms.CharField(label=_("Tên hội đồng"), max_length=255)
    decision_number = forms.CharField(label=_("Số quyết định thành lập"), max_length=40)
    decision_date = VietnameseDateField(label=_("Ngày quyết định"))
    chair = forms.ModelChoiceField(label=_("Chủ tịch"), queryset=None)
    vice_chair = forms.ModelChoiceField(label=_("Phó Chủ tịch"), queryset=None, required=False)
    secretary = forms.ModelChoiceField(label=_("Thư ký"), queryset=None)
    members = forms.ModelMultipleChoiceField(label=_("Ủy viên"), queryset=None, required=False)
    experts = forms.ModelMultipleChoiceField(label=_("Chuyên gia mời"), queryset=None,
                                             required=False)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("chair", "vice_chair", "secretary", "members", "experts"):
            self.fields[name].queryset = people
        for name in ("chair", "vice_chair", "secretary"):
            self.fields[name].empty_label = "—"  # not Django's "---------"

    def seats(self) -> list[tuple]:
        d = self.cleaned_data
        seats = [(d["chair"], "chair"), (d.get("vice_chair"), "vice_chair"),
                 (d["secretary"], "secretary")]
        seats += [(u, "member") for u in d.get("members") or []]
        seats += [(u, "expert") for u in d.get("experts") or []]
        return [(u, r) for u, r in seats if u is not None]

    def clean(self):
        data = super().clean()
        if "chair" in data and "secretary" in data:
            users = [u for u, _role in self.seats()]
            if len(users) != len(set(users)):
                raise forms.ValidationError(_("Mỗi người chỉ giữ một vai trò trong hội đồng."))
        return data

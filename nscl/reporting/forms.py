from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from nscl.core.forms import VietnameseDateField
from nscl.core.periods import AD_HOC, Period
from nscl.core.text import search_key

from . import outline as outlines
from .choices import AttachmentKind, Audience, ColumnType, Frequency, Method, RequestKind
from .table import check_form, columns

PERIOD_PARTS = [(1, _("Cả năm / 6 tháng đầu / quý I")), (2, _("6 tháng cuối / quý II")),
                (3, _("Quý III")), (4, _("Quý IV"))]


class RequestForm(forms.Form):
    """Every element of a reporting regime (Decree 09/2019/NĐ-CP, Article 6)."""

    name = forms.CharField(label=_("Tên báo cáo"), max_length=300, required=False)
    content = forms.CharField(label=_("Nội dung yêu cầu báo cáo"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    kind = forms.ChoiceField(label=_("Loại báo cáo"), choices=RequestKind.choices)
    frequency = forms.ChoiceField(label=_("Tần suất báo cáo"), choices=Frequency.choices)
    year = forms.IntegerField(label=_("Năm của kỳ báo cáo"), min_value=2000, max_value=2100,
                              required=False,
                              help_text=_("Với báo cáo định kỳ: kỳ báo cáo và thời gian chốt "
                                          "số liệu được tính theo Nghị định 09/2019/NĐ-CP."))
    part = forms.TypedChoiceField(label=_("Kỳ trong năm"), choices=PERIOD_PARTS, coerce=int,
                                  required=False)
    period_from = VietnameseDateField(label=_("Kỳ báo cáo từ ngày"), required=False)
    period_to = VietnameseDateField(label=_("Kỳ báo cáo đến ngày"), required=False)
    data_from = VietnameseDateField(label=_("Số liệu tính từ ngày"), required=False)
    data_until = VietnameseDateField(label=_("Ngày chốt số liệu"), required=False)
    audience = forms.ChoiceField(label=_("Đơn vị thực hiện báo cáo"), choices=Audience.choices)
    units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị trong danh sách"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Dùng khi chọn “Các đơn vị chọn trong danh sách”."))
    recipient = forms.ModelChoiceField(label=_("Cơ quan nhận báo cáo"), queryset=None,
                                       required=False)
    method = forms.ChoiceField(label=_("Phương thức gửi, nhận báo cáo"), choices=Method.choices)
    number = forms.CharField(label=_("Số công văn"), max_length=20, required=False)
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=40)
    issued_on = VietnameseDateField(label=_("Ngày ban hành"), required=False)
    subject = forms.CharField(label=_("Trích yếu"), max_length=400, required=False)
    basis = forms.CharField(label=_("Căn cứ (văn bản cấp trên, nếu có)"), max_length=400,
                            required=False)
    deadline = VietnameseDateField(label=_("Thời hạn gửi báo cáo"), required=False)
    expires_on = VietnameseDateField(
        label=_("Hạn cuối nhận báo cáo muộn"), required=False,
        help_text=_("Đến ngày này đơn vị vẫn gửi được, ghi là muộn; sau đó chỉ đơn vị được gia "
                    "hạn mới gửi được."))
    outline = forms.CharField(
        label=_("Đề cương báo cáo (mỗi dòng một mục)"), widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("“I.” phần, “1.” mục, “1.1.” tiểu mục; [bang] là chỗ đặt biểu số liệu."))
    columns = forms.CharField(
        label=_("Biểu số liệu: các cột (mỗi dòng “Tên cột | chữ/tiền/số”)"),
        widget=forms.Textarea(attrs={"rows": 4}))
    rows = forms.CharField(label=_("Biểu số liệu: các dòng có sẵn (mỗi dòng một chỉ tiêu; để "
                                   "trống nếu đơn vị tự thêm dòng)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))
    total = forms.BooleanField(label=_("Có dòng Tổng (được kiểm tra với các dòng trên)"),
                               required=False)

    @staticmethod
    def _type(word: str) -> ColumnType | None:
        """"chữ", "số tiền (đồng)" / "tiền", "số" — as typed, with or without diacritics."""
        folded = search_key(word)
        if not folded or folded.startswith("chu"):
            return ColumnType.TEXT
        if folded.startswith(("so tien", "tien")):
            return ColumnType.MONEY
        if folded.startswith("so"):
            return ColumnType.NUMBER
        return None

    def __init__(self, *args, units=None, recipients=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units
        self.fields["recipient"].queryset = recipients

    @classmethod
    def initial_for(cls, request) -> dict:
        initial = {name: getattr(request, name) for name in (
            "name", "content", "kind", "frequency", "period_from", "period_to", "data_from",
            "data_until", "audience", "recipient", "method", "number", "symbol", "issued_on",
            "subject", "basis", "deadline", "expires_on")}
        form = request.form or {}
        initial |= {"outline": outlines.as_text(request.outline),
                    "columns": "\n".join(f"{c['label']} | {ColumnType(c['type']).label.lower()}"
                                         for c in columns(form)),
                    "rows": "\n".join(form.get("rows") or []),
                    "total": form.get("total", True),
                    "units": list(request.listed_units.all()) if request.pk else []}
        if request.period_from:
            initial["year"] = request.period_from.year
        return initial

    def _columns(self, text: str) -> list[dict]:
        result, errors = [], []
        for n, line in enumerate((x for x in text.splitlines() if x.strip()), start=1):
            label, _sep, kind = line.partition("|")
            column_type = self._type(kind.strip())
            if column_type is None:
                errors.append(_("Dòng %(n)s của các cột: kiểu “%(k)s” không rõ (chữ, tiền hoặc "
                                "số).") % {"n": n, "k": kind.strip()})
                continue
            key = {ColumnType.TEXT: "c", ColumnType.MONEY: "m", ColumnType.NUMBER: "n"}[
                column_type]
            result.append({"key": f"{key}{n}", "label": label.strip()[:120],
                           "type": column_type.value})
        if errors:
            raise ValidationError(errors)
        return result

    def clean(self):
        data = super().clean()
        try:
            data["outline_items"] = outlines.parse(data.get("outline", ""))
        except ValidationError as exc:
            self.add_error("outline", exc)
        try:
            cols = self._columns(data.get("columns", ""))
            form = {"columns": cols,
                    "rows": [r.strip()[:200] for r in data.get("rows", "").splitlines()
                             if r.strip()],
                    "total": bool(data.get("total"))}
            problems = check_form(form)
            if problems:
                raise ValidationError(problems)
            data["form_spec"] = form
        except ValidationError as exc:
            self.add_error("columns", exc)
        if data.get("frequency") and data.get("frequency") != AD_HOC and data.get("year"):
            period = Period.of(data["frequency"], data["year"], data.get("part") or 1)
            data["period_from"], data["period_to"] = period.first, period.last
            data["data_from"], data["data_until"] = period.window.since, period.window.until
        return data

    def request_fields(self) -> dict:
        data = self.cleaned_data
        fields = {name: data.get(name) for name in (
            "name", "content", "kind", "frequency", "period_from", "period_to", "data_from",
            "data_until", "audience", "recipient", "method", "number", "symbol", "issued_on",
            "subject", "basis", "deadline", "expires_on")}
        for text in ("name", "content", "number", "subject", "basis"):
            fields[text] = (fields[text] or "").strip()
        fields["outline"] = data.get("outline_items")
        fields["form"] = data.get("form_spec")
        return fields


class SubmissionForm(forms.Form):
    document_number = forms.CharField(label=_("Số văn bản"), max_length=40, required=False,
                                      help_text=_("Ví dụ: 476/BC-SCT"))
    document_date = VietnameseDateField(label=_("Ngày văn bản"), required=False)
    signer_authority = forms.CharField(label=_("Thẩm quyền ký"), max_length=60, required=False,
                                       help_text=_("Ví dụ: KT. GIÁM ĐỐC; TM. ỦY BAN NHÂN DÂN"))
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=60, required=False)
    signer_name = forms.CharField(label=_("Người ký"), max_length=100, required=False)

    def __init__(self, *args, outline=None, **kwargs):
        super().__init__(*args, **kwargs)
        for heading in outlines.numbered(outline):
            if heading.form:
                continue
            self.fields[f"s_{heading.key}"] = forms.CharField(
                label=heading.text, required=False, max_length=20_000,
                widget=forms.Textarea(attrs={"rows": 3 if heading.level else 2}))

    def sections(self) -> dict:
        return {name[2:]: value for name, value in self.cleaned_data.items()
                if name.startswith("s_")}


class GridUploadForm(forms.Form):
    file = forms.FileField(label=_("Tải lên biểu số liệu (.xlsx)"))


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại tài liệu"), choices=AttachmentKind.choices)
    title = forms.CharField(label=_("Tên tài liệu"), max_length=200, required=False)
    file = forms.FileField(label=_("Tệp (PDF, JPG, PNG, Word, Excel; tối đa 10 MB)"))


class ReviewForm(forms.Form):
    comment = forms.CharField(label=_("Ý kiến"), required=False, max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 2}))


class ReopenForm(forms.Form):
    until = VietnameseDateField(label=_("Gia hạn đến"))


class ReportForm(forms.Form):
    governing_body = forms.CharField(label=_("Cơ quan chủ quản"), max_length=120)
    issuing_body = forms.CharField(label=_("Cơ quan ban hành"), max_length=120)
    number = forms.CharField(label=_("Số"), max_length=20, required=False)
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=40)
    place = forms.CharField(label=_("Địa danh"), max_length=60)
    date = VietnameseDateField(label=_("Ngày"))
    subject = forms.CharField(label=_("Trích yếu"), max_length=400,
                              widget=forms.Textarea(attrs={"rows": 2}))
    opening = forms.CharField(label=_("Mở đầu"), required=False, max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 3}))
    closing = forms.CharField(label=_("Câu kết"), max_length=1000,
                              widget=forms.Textarea(attrs={"rows": 2}))
    recipients = forms.CharField(label=_("Nơi nhận (mỗi dòng một nơi)"), max_length=4000,
                                 widget=forms.Textarea(attrs={"rows": 4}))
    signer_authority = forms.CharField(label=_("Thẩm quyền ký"), max_length=60, required=False)
    signer_title = forms.CharField(label=_("Chức vụ"), max_length=60)
    signer_name = forms.CharField(label=_("Người ký"), max_length=100)

    def __init__(self, *args, outline=None, **kwargs):
        super().__init__(*args, **kwargs)
        for heading in outlines.numbered(outline):
            if heading.form:
                continue
            self.fields[f"s_{heading.key}"] = forms.CharField(
                label=heading.text, required=False, max_length=50_000,
                widget=forms.Textarea(attrs={"rows": 4 if heading.level else 2}))

    def clean_closing(self):
        text = self.cleaned_data["closing"].strip()
        return text if text.endswith("./.") else text.rstrip(". ") + "./."

    def header_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if not k.startswith("s_")}

    def sections(self) -> dict:
        return {name[2:]: value for name, value in self.cleaned_data.items()
                if name.startswith("s_")}


class SignForm(forms.Form):
    certificate = forms.FileField(label=_("Tệp chứng thư số của người ký (.p12, .pfx)"))
    passphrase = forms.CharField(label=_("Mật khẩu của tệp"), required=False, max_length=200,
                                 widget=forms.PasswordInput)


class SignedUploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp PDF đã ký số bằng thiết bị ký (USB token)"))


class CorrectionForm(forms.Form):
    note = forms.CharField(label=_("Lý do đính chính"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class CompareForm(forms.Form):
    key = forms.ChoiceField(label=_("Loại báo cáo và kỳ"), choices=())
    figure = forms.ChoiceField(label=_("Tô màu bản đồ theo"), choices=(), required=False)

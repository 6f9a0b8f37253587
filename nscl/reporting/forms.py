from django import forms
from django.utils.translation import gettext_lazy as _

from nscl.core.forms import VietnameseDateField

from .choices import HEADINGS, TEXT_KEYS


class SubmissionForm(forms.Form):
    document_number = forms.CharField(label=_("Số văn bản"), max_length=40, required=False,
                                      help_text=_("Ví dụ: 476/BC-SCT"))
    document_date = VietnameseDateField(label=_("Ngày văn bản"), required=False)
    table = forms.CharField(
        label=_("2. Định lượng kết quả (mỗi dòng: nội dung | kinh phí (đồng) | thời gian)"),
        required=False, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Dòng cuối “Tổng | 313.000.000” là dòng tổng, được kiểm tra với các dòng "
                    "trên."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in TEXT_KEYS:
            self.fields[f"s_{key}"] = forms.CharField(
                label=HEADINGS[key], required=False, widget=forms.Textarea(attrs={"rows": 3}))
        # the skeleton's order: I, II.1.x, then the table (II.2), then III
        sections = [f"s_{k}" for k in TEXT_KEYS if k != "III"]
        self.order_fields(["document_number", "document_date", *sections, "table", "s_III"])

    def sections(self) -> dict:
        return {key: self.cleaned_data.get(f"s_{key}", "") for key in TEXT_KEYS}


class ReviewForm(forms.Form):
    comment = forms.CharField(label=_("Ý kiến"), required=False,
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
    recipients = forms.CharField(label=_("Nơi nhận (mỗi dòng một nơi)"),
                                 widget=forms.Textarea(attrs={"rows": 4}))
    signer_authority = forms.CharField(label=_("Thẩm quyền ký"), max_length=60)
    signer_title = forms.CharField(label=_("Chức vụ"), max_length=60)
    signer_name = forms.CharField(label=_("Người ký"), max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in TEXT_KEYS:
            self.fields[f"s_{key}"] = forms.CharField(
                label=HEADINGS[key], required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def header_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if not k.startswith("s_")}

    def sections(self) -> dict:
        return {key: self.cleaned_data.get(f"s_{key}", "") for key in TEXT_KEYS}

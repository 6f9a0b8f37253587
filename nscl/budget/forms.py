from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from nscl.core.forms import VietnameseDecimalField

MAX_UPLOAD = 5 * 1024 * 1024


class BudgetFileForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp phụ lục dự toán"),
        help_text=_("Excel (.xlsx), Word (.docx) hoặc văn bản (.txt) trích từ PDF; tối đa 5 MB."),
        validators=[FileExtensionValidator(["xlsx", "docx", "txt"],
                                           message=_("Chỉ nhận tệp .xlsx, .docx hoặc .txt."))])

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Tệp lớn hơn 5 MB."))
        return upload


class BudgetLineForm(forms.Form):
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 2}))
    measure_unit = forms.CharField(label=_("Đơn vị"), required=False, max_length=30)
    quantity = VietnameseDecimalField(label=_("Số lượng"), required=False)
    unit_price = VietnameseDecimalField(label=_("Đơn giá"), required=False)
    total = VietnameseDecimalField(label=_("Tổng kinh phí"), required=False)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.years = years
        for year in years:
            self.fields[f"year_{year}"] = VietnameseDecimalField(label=str(year), required=False)

    def year_values(self) -> dict[int, object]:
        return {y: self.cleaned_data.get(f"year_{y}") for y in self.years}

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from nscl.core.forms import VietnameseDecimalField
from nscl.core.numbers import MONEY, QUANTITY

from .sheet import MONEY_UNITS, STORED_UNIT

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
    """A line's correction, typed in the unit the appendix was published in and bounded like an
    imported amount (money in đồng, quantities)."""

    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 2}))
    measure_unit = forms.CharField(label=_("Đơn vị"), required=False, max_length=30)
    quantity = VietnameseDecimalField(label=_("Số lượng"), required=False, kind=QUANTITY)

    def __init__(self, *args, years: list[int], money_unit: str = STORED_UNIT, **kwargs):
        super().__init__(*args, **kwargs)
        self.years = years
        money = {"kind": MONEY, "scale": MONEY_UNITS.get(money_unit, MONEY_UNITS[STORED_UNIT]),
                 "unit": money_unit, "required": False}
        self.fields["unit_price"] = VietnameseDecimalField(label=_("Đơn giá"), **money)
        self.fields["total"] = VietnameseDecimalField(label=_("Tổng kinh phí"), **money)
        for year in years:
            self.fields[f"year_{year}"] = VietnameseDecimalField(label=str(year), **money)

    def year_values(self) -> dict[int, object]:
        return {y: self.cleaned_data.get(f"year_{y}") for y in self.years}

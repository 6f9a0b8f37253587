from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from nscl.core.forms import VietnameseDecimalField

from .models import Plan
from .services import PLAN_FIELDS


class PlanForm(forms.ModelForm):
    total_budget = VietnameseDecimalField(label=_("Tổng kinh phí (triệu đồng)"), required=False,
                                          min_value=Decimal(0))

    class Meta:
        model = Plan
        fields = PLAN_FIELDS
        widgets = {"title": forms.Textarea(attrs={"rows": 3}),
                   "funding_note": forms.Textarea(attrs={"rows": 2}),
                   "issued_on": forms.DateInput(format="%d/%m/%Y",
                                                attrs={"placeholder": "dd/mm/yyyy"})}

    def clean(self):
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("Năm kết thúc phải sau năm bắt đầu."))
        return data


class IndicatorValueForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("Chỉ tiêu"), queryset=None)
    unit = forms.ModelChoiceField(label=_("Đơn vị báo cáo"), queryset=None)
    year = forms.IntegerField(label=_("Năm"))
    value = VietnameseDecimalField(label=_("Giá trị"), min_value=Decimal(0))
    source_note = forms.CharField(label=_("Nguồn số liệu"), max_length=300,
                                  help_text=_("Văn bản, báo cáo hoặc hồ sơ mà số liệu lấy từ đó."))

    def __init__(self, *args, units, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["indicator"].queryset = plan.indicators.filter(computation="").order_by(
            "order")
        self.fields["unit"].queryset = units
        self.fields["year"].min_value = plan.start_year
        self.fields["year"].max_value = plan.end_year

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not self.plan.start_year <= year <= self.plan.end_year:
            raise forms.ValidationError(
                _("Năm phải trong thời gian của kế hoạch (%(a)s–%(b)s)."),
                params={"a": self.plan.start_year, "b": self.plan.end_year})
        return year

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from nscl.core.forms import VietnameseDateField, VietnameseDecimalField

from .choices import AwardResult, EventKind
from .models import Topic


class EventForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Kế hoạch"), queryset=None)
    kind = forms.ChoiceField(label=_("Loại hoạt động"), choices=EventKind.choices)
    title = forms.CharField(label=_("Tên hoạt động"), max_length=300)
    topics = forms.ModelMultipleChoiceField(label=_("Chủ đề"), queryset=Topic.objects.all(),
                                            required=False,
                                            widget=forms.SelectMultiple(attrs={"size": 6}))
    organiser = forms.ModelChoiceField(label=_("Đơn vị tổ chức"), queryset=None)
    co_organisers = forms.CharField(label=_("Đơn vị phối hợp"), max_length=300, required=False)
    starts_on = VietnameseDateField(label=_("Từ ngày"))
    ends_on = VietnameseDateField(label=_("Đến ngày"))
    place = forms.CharField(label=_("Địa điểm"), max_length=200, required=False)
    enterprises = forms.IntegerField(label=_("Doanh nghiệp"), min_value=0, initial=0)
    cooperatives = forms.IntegerField(label=_("Hợp tác xã"), min_value=0, initial=0)
    households = forms.IntegerField(label=_("Hộ kinh doanh"), min_value=0, initial=0)
    officials = forms.IntegerField(label=_("Cán bộ, công chức"), min_value=0, initial=0)
    lecturers = forms.IntegerField(label=_("Giảng viên"), min_value=0, initial=0)
    students = forms.IntegerField(label=_("Sinh viên"), min_value=0, initial=0)
    cost = VietnameseDecimalField(label=_("Kinh phí (triệu đồng)"), required=False,
                                  min_value=Decimal(0))
    budget_line = forms.ModelChoiceField(label=_("Dòng dự toán"), queryset=None, required=False)

    def __init__(self, *args, plans, organisers, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans
        self.fields["organiser"].queryset = organisers
        self.fields["budget_line"].queryset = lines
        self.fields["budget_line"].label_from_instance = lambda line: (
            f"{line.appendix.plan.reference} · {line.appendix.code} · {line.code} "
            f"{line.content[:40]}")

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("Ngày kết thúc phải sau ngày bắt đầu."))
        if data.get("cost") and not data.get("budget_line"):
            self.add_error("budget_line", _("Kinh phí phải được ghi vào một dòng dự toán."))
        return data


class AttendanceForm(forms.Form):
    file = forms.FileField(label=_("Danh sách tham dự (.xlsx)"),
                           help_text=_("Cột: Họ và tên, Đơn vị công tác, Đối tượng, Điện thoại."))


class ExpertForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    employer = forms.CharField(label=_("Đơn vị công tác"), max_length=200)
    certificate_number = forms.CharField(label=_("Số chứng chỉ"), max_length=60)
    certified_on = VietnameseDateField(label=_("Ngày cấp"))


class AwardForm(forms.Form):
    organisation = forms.CharField(label=_("Doanh nghiệp"), max_length=255)
    year = forms.IntegerField(label=_("Năm"), min_value=1996, max_value=2100)
    result = forms.ChoiceField(label=_("Kết quả"), choices=AwardResult.choices)
    award_name = forms.CharField(label=_("Giải"), max_length=120, required=False)

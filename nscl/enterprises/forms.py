"""Forms of the registry: one beneficiary, and the .xlsx import."""

from decimal import Decimal

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from nscl.core.forms import VietnameseDecimalField
from nscl.organisation.choices import UnitKind
from nscl.organisation.models import Unit

from .choices import BeneficiaryKind, EnterpriseSize


class BeneficiaryForm(forms.Form):
    name = forms.CharField(label=_("Tên"), max_length=255)
    kind = forms.ChoiceField(label=_("Loại hình"), choices=BeneficiaryKind.choices)
    tax_code = forms.CharField(label=_("Mã số thuế"), max_length=20, required=False,
                               help_text=_("10 chữ số, 13 chữ số có mã chi nhánh, hoặc 12 chữ số "
                                           "định danh của hộ kinh doanh."))
    commune = forms.ModelChoiceField(label=_("Xã, phường"), queryset=None)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255)
    sector = forms.CharField(label=_("Ngành nghề"), max_length=120, required=False)
    size = forms.ChoiceField(label=_("Quy mô"), choices=EnterpriseSize.choices)
    workers = forms.IntegerField(label=_("Số lao động"), min_value=0, initial=0)
    products = forms.CharField(label=_("Sản phẩm chính"), required=False)
    ocop_products = forms.IntegerField(label=_("Số sản phẩm OCOP"), min_value=0, initial=0)
    ocop_max_stars = forms.IntegerField(label=_("Hạng sao OCOP cao nhất"), min_value=0,
                                        max_value=5, initial=0)
    export_turnover = VietnameseDecimalField(label=_("Kim ngạch xuất khẩu (triệu đồng/năm)"),
                                             required=False, min_value=Decimal(0))

    def __init__(self, *args, province: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = Unit.objects.filter(
            kind=UnitKind.COMMUNE, parent=province).order_by("name")


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp danh sách (.xlsx)"), validators=[
        FileExtensionValidator(["xlsx"], message=_("Chỉ nhận tệp .xlsx."))])

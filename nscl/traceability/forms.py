"""Forms of the product registry: a product and a lot. Checks of form only; the rules (who may,
GTIN uniqueness, lot numbers) are in `services`."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nscl.core.forms import VietnameseDateField, VietnameseDateTimeField
from nscl.enterprises.models import Beneficiary
from nscl.organisation.choices import UnitKind
from nscl.organisation.models import Unit

from .choices import BIZ_STEPS, TrademarkStatus
from .identifiers import normalise_gtin
from .images import check_pixels

IMAGE_TYPES = ("image/jpeg", "image/png", "image/webp")


class ProductForm(forms.Form):
    producer = forms.ModelChoiceField(label=_("Nhà sản xuất"), queryset=None)
    gtin = forms.CharField(label="GTIN", max_length=14,
                           help_text=_("Mã số mã vạch của sản phẩm: 8, 12, 13 hoặc 14 chữ số, "
                                       "kể cả chữ số kiểm tra."))
    name = forms.CharField(label=_("Tên sản phẩm"), max_length=255)
    category = forms.CharField(label=_("Nhóm sản phẩm"), max_length=120, required=False)
    place = forms.ModelChoiceField(label=_("Nơi sản xuất"), queryset=None)
    image = forms.ImageField(label=_("Ảnh"), required=False,
                             help_text=_("JPG, PNG hoặc WebP; tối đa 2 MB."))
    ocop_stars = forms.IntegerField(label=_("Hạng sao OCOP"), min_value=0, max_value=5,
                                    initial=0, help_text=_("0 nếu chưa được công nhận OCOP."))
    ocop_year = forms.IntegerField(label=_("Năm công nhận OCOP"), min_value=2018,
                                   required=False)
    standards = forms.CharField(label=_("Tiêu chuẩn áp dụng"), required=False,
                                widget=forms.Textarea(attrs={"rows": 2}),
                                help_text=_("Ví dụ: TCCS 01:2023/HTXMX; TCVN 11888:2017"))
    certifications = forms.CharField(label=_("Chứng nhận"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}),
                                     help_text=_("Ví dụ: VietGAP (2024); HACCP"))
    trademark_status = forms.ChoiceField(label=_("Nhãn hiệu"), choices=TrademarkStatus.choices)
    trademark_number = forms.CharField(label=_("Số văn bằng"), max_length=40, required=False)
    trademark_registered_on = VietnameseDateField(label=_("Ngày cấp văn bằng"), required=False)
    shelf_life = forms.CharField(label=_("Hạn sử dụng"), max_length=60, required=False,
                                 help_text=_("Ví dụ: 12 tháng kể từ ngày sản xuất"))
    model_code = forms.CharField(label=_("Mã kiểu, model"), max_length=60, required=False)
    published = forms.BooleanField(label=_("Công khai trên cổng truy xuất"), required=False,
                                   initial=True)

    def __init__(self, *args, producers, province: Unit, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["producer"].queryset = producers
        self.fields["place"].queryset = Unit.objects.filter(
            kind=UnitKind.COMMUNE, parent=province).order_by("name")
        if editing:  # a product's identity stays: stamps already carry its GTIN
            del self.fields["producer"], self.fields["gtin"]

    def clean_gtin(self) -> str:
        return normalise_gtin(self.cleaned_data["gtin"])

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image and getattr(image, "content_type", None) not in IMAGE_TYPES:
            raise ValidationError(_("Ảnh phải là JPG, PNG hoặc WebP."))
        if image and image.size > 2 * 1024 * 1024:
            raise ValidationError(_("Ảnh lớn hơn 2 MB."))
        if image:
            check_pixels(image)  # before anything decodes it
        return image

    def clean(self):
        data = super().clean()
        if data.get("ocop_stars") and not data.get("ocop_year"):
            self.add_error("ocop_year", _("Sản phẩm OCOP cần năm công nhận."))
        if data.get("ocop_year") and data["ocop_year"] > timezone.localdate().year:
            self.add_error("ocop_year", _("Năm công nhận không được ở tương lai."))
        registered = data.get("trademark_status") == TrademarkStatus.REGISTERED
        if registered and not data.get("trademark_number"):
            self.add_error("trademark_number", _("Nhãn hiệu đã được bảo hộ cần số văn bằng."))
        day = data.get("trademark_registered_on")
        if day and day > timezone.localdate():
            self.add_error("trademark_registered_on", _("Ngày cấp không được ở tương lai."))
        return data


class BatchForm(forms.Form):
    lot = forms.CharField(label=_("Số lô"), max_length=20,
                          help_text=_("Tối đa 20 ký tự: chữ không dấu, chữ số, - . _"))
    produced_on = VietnameseDateField(label=_("Ngày sản xuất"))
    expires_on = VietnameseDateField(label=_("Hạn sử dụng đến"), required=False)
    quantity = forms.IntegerField(label=_("Số lượng"), min_value=0, initial=0)


class EventForm(forms.Form):
    """One step of a lot, from the product's page (a phone in the field): which lot, which
    step, when (hh:mm dd/mm/yyyy, as every date-time of the app) and where."""

    batch = forms.ModelChoiceField(label=_("Lô"), queryset=None, empty_label=None)
    step = forms.ChoiceField(label=_("Công đoạn"), choices=BIZ_STEPS)
    time = VietnameseDateTimeField(label=_("Thời điểm"))
    place = forms.CharField(label=_("Địa điểm"), max_length=200, required=False,
                            widget=forms.TextInput(attrs={"placeholder": _("Kho HTX, xã …")}))

    def __init__(self, *args, product, **kwargs):
        kwargs.setdefault("auto_id", "ev-%s")
        super().__init__(*args, **kwargs)
        self.fields["batch"].queryset = product.batches.order_by("lot")
        self.fields["batch"].label_from_instance = lambda batch: batch.lot
        if not self.is_bound:
            self.initial.setdefault("time", timezone.localtime().replace(second=0,
                                                                         microsecond=0))


class RollIssueForm(forms.Form):
    """A roll of stamps for the product: how many (typed the Vietnamese way, 10.000), of which
    lot, with scratch-off PINs or not; the service bounds the count."""

    count = forms.CharField(label=_("Số tem"), initial="1.000",
                            widget=forms.TextInput(attrs={"class": "u-w110"}))
    batch = forms.ModelChoiceField(label=_("Lô"), queryset=None, required=False,
                                   empty_label="—")
    with_pin = forms.BooleanField(label=_("Có mã PIN cào"), required=False)

    def __init__(self, *args, product, **kwargs):
        kwargs.setdefault("auto_id", "issue-%s")
        super().__init__(*args, **kwargs)
        self.fields["batch"].queryset = product.batches.order_by("lot")
        self.fields["batch"].label_from_instance = lambda batch: batch.lot

    def clean_count(self) -> int:
        text = self.cleaned_data["count"].strip().replace(".", "")
        if not text.isdigit():
            raise ValidationError(_("Số tem phải là số nguyên, ví dụ 10.000."))
        return int(text)


class EpcisFileForm(forms.Form):
    file = forms.FileField(label=_("Tệp EPCIS (.jsonld, .json)"),
                           help_text=_("Sản phẩm, lô và sự kiện theo EPCIS 2.0 JSON-LD; có lỗi thì "
                                       "không nhận gì."))

    def clean_file(self) -> dict:
        upload = self.cleaned_data["file"]
        if upload.size > 10 * 1024 * 1024:
            raise ValidationError(_("Tệp lớn hơn 10 MB."))
        from .epcis.parsing import load
        from .epcis.problems import Problem

        try:  # bounded: size, nesting depth, no NaN (the same reader as the REST endpoint)
            return load(upload.read())
        except Problem as exc:
            raise ValidationError(_("Tệp “%(n)s” không phải là JSON đọc được.")
                                  % {"n": upload.name} + " " + exc.detail) from exc


def producers_for(user, province: Unit):
    """Whom the user may declare products for: its own business, or any in the province."""
    found = Beneficiary.objects.filter(commune__path__startswith=province.path)
    if user.unit_id and found.filter(unit=user.unit).exists():
        return found.filter(unit=user.unit).order_by("name")
    return found.order_by("name")


class RecallForm(forms.Form):
    reason = forms.CharField(label=_("Lý do thu hồi"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))
    recalled_on = VietnameseDateField(label=_("Ngày thu hồi"))
    instructions = forms.CharField(
        label=_("Hướng dẫn cho người mua"), max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ví dụ: ngừng sử dụng, mang sản phẩm đến điểm bán để được hoàn tiền."))
    contact = forms.CharField(label=_("Liên hệ"), max_length=200,
                              help_text=_("Số điện thoại hoặc địa chỉ liên hệ."))

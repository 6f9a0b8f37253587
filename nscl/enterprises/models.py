"""The enterprise registry: enterprises, cooperatives, cooperative groups and household
businesses of a province, with their identifiers. It sits below support, activities,
traceability and productivity, which all refer to it."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nscl.core.constraints import Check
from nscl.core.models import SearchableModel, TimeStampedModel
from nscl.organisation.models import Unit
from nscl.organisation.scoping import Scope
from nscl.plans.models import MONEY

from .choices import BeneficiaryKind, EnterpriseSize


class Beneficiary(SearchableModel, TimeStampedModel):
    """An enterprise, cooperative, cooperative group or household business in the registry."""

    scope = Scope(province="commune", unit="commune", owner="unit",
                  members=("cases__selection_council__members__user",
                           "cases__acceptance_council__members__user"))

    SEARCH_FIELDS = ("name", "tax_code", "address")

    unit = models.OneToOneField(Unit, verbose_name=_("đơn vị trong hệ thống"),
                                on_delete=models.PROTECT, related_name="beneficiary")
    kind = models.CharField(_("loại hình"), max_length=12, choices=BeneficiaryKind.choices)
    name = models.CharField(_("tên"), max_length=255)
    name_key = models.CharField(_("khóa so tên"), max_length=255, db_index=True, editable=False)
    tax_code = models.CharField(_("mã số thuế"), max_length=16, blank=True)
    registration_number = models.CharField(_("số đăng ký kinh doanh"), max_length=30, blank=True)
    commune = models.ForeignKey(Unit, verbose_name=_("xã, phường"), on_delete=models.PROTECT,
                                related_name="beneficiaries_located")
    address = models.CharField(_("địa chỉ"), max_length=255)
    sector = models.CharField(_("ngành nghề"), max_length=120, blank=True)
    size = models.CharField(_("quy mô"), max_length=8, choices=EnterpriseSize.choices,
                            default=EnterpriseSize.SMALL)
    workers = models.PositiveIntegerField(_("số lao động"), default=0)
    products = models.TextField(_("sản phẩm chính"), blank=True)
    ocop_products = models.PositiveSmallIntegerField(_("số sản phẩm OCOP"), default=0)
    ocop_max_stars = models.PositiveSmallIntegerField(_("hạng sao OCOP cao nhất"), default=0)
    export_turnover = models.DecimalField(_("kim ngạch xuất khẩu (triệu đồng/năm)"),
                                          default=0, **MONEY)
    key_product = models.BooleanField(_("sản phẩm chủ lực, truyền thống"), default=False)
    local_raw_materials = models.BooleanField(_("dùng nguyên liệu trong tỉnh"), default=False)
    legally_established = models.BooleanField(_("thành lập hợp pháp"), default=True)
    history = HistoricalRecords(table_name="support_historicalbeneficiary")

    class Meta:
        db_table = "support_beneficiary"  # moved from support with its data (0001_initial)
        verbose_name = _("đối tượng thụ hưởng")
        verbose_name_plural = _("đối tượng thụ hưởng")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["tax_code"], condition=~models.Q(tax_code=""),
                                    name="beneficiary_unique_tax_code",
                                    violation_error_message=_(
                                        "Đã có đối tượng mang mã số thuế này.")),
            Check(condition=models.Q(ocop_max_stars__lte=5),
                                   name="beneficiary_ocop_stars",
                                   violation_error_message=_(
                                       "Số sao OCOP tối đa là 5.")),
        ]

    def __str__(self) -> str:
        return self.name

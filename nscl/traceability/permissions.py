"""Who may write traceability records (allowed-or-why), the same from the product form, the
EPCIS capture endpoint, an uploaded exchange file and the command line."""

from django.utils.translation import gettext as _

from nscl.core.permissions import ALLOWED, Decision, allow_if, deny
from nscl.organisation.choices import Role
from nscl.organisation.models import Unit
from nscl.organisation.permissions import is_beneficiary, oversees, page_for
from nscl.organisation.scope import is_ministry, manages_province, owns

from .models import Product


def can_manage_product(user, product: Product) -> Decision:
    """The producer itself, or the program office of the product's province."""
    return allow_if(owns(user, product.producer.unit_id) or manages_province(user, product.place),
                    _("Bạn không được thay đổi sản phẩm này."))


def can_place_product(user, product: Product, place: Unit) -> Decision:
    """A product stays in its producer's province: nobody moves it into another province's
    registry (from the form or from an exchange file), and an office only within its own."""
    same = place.province_path() == product.producer.commune.province_path()
    return allow_if(same and (owns(user, product.producer.unit_id)
                              or manages_province(user, place)),
                    _("Nơi sản xuất phải thuộc tỉnh của cơ sở sản xuất và trong phạm vi của "
                      "bạn."))


def can_declare_products(user) -> Decision:
    """Declaring products at all: a producer for itself, or a program office for its
    province's producers."""
    producer = user.is_authenticated and user.role == Role.BENEFICIARY and user.unit_id
    office = user.is_authenticated and user.unit_id and manages_province(user, user.unit)
    return allow_if(bool(producer or office or user.is_superuser),
                    _("Chỉ cơ sở sản xuất hoặc cơ quan điều hành được khai báo sản phẩm."))


def can_capture_epcis(user) -> Decision:
    """Who may send EPCIS data at all: those who may write in the product registry. A viewer,
    leadership, a council member or a unit reporter reads only (issue 13: a viewer stored
    events naming no known lot)."""
    if user is None:  # the system (the demo loader, the command line)
        return ALLOWED
    if not user.is_authenticated:
        return deny(_("Cần đăng nhập."))
    return allow_if(bool(can_declare_products(user)),
                    _("Vai trò của bạn không được gửi dữ liệu truy xuất (EPCIS)."))


def can_view_capture_job(user, job) -> Decision:
    """A capture job is seen by its submitter and by the office (or the Ministry) whose scope
    holds the submitter's unit — never by any account that knows its id (issue 13)."""
    if not getattr(user, "is_authenticated", False):
        return deny(_("Cần đăng nhập."))
    unit = job.submitted_by.unit if job.submitted_by_id else None
    return allow_if(user.is_superuser or job.submitted_by_id == user.pk or is_ministry(user)
                    or (unit is not None and manages_province(user, unit)),
                    _("Không có lượt nhận dữ liệu này."))


def is_office_of(user, product: Product) -> bool:
    """The program office (or an administrator) of the product's province: not a permission,
    a fact a recall records (an office's recall is lifted by the office only)."""
    return user is not None and manages_province(user, product.place)


def can_recall_lot(user, product: Product) -> Decision:
    """The office of the product's province or the producer itself recalls a lot."""
    return allow_if(bool(can_manage_product(user, product)),
                    _("Chỉ cơ sở sản xuất hoặc cơ quan điều hành của tỉnh được thu hồi lô của "
                      "sản phẩm này."))


def can_advance_recall(user, recall) -> Decision:
    """Notification, removal and close-out are recorded by whoever may recall the lot."""
    return can_recall_lot(user, recall.batch.product)


def can_lift_recall(user, recall) -> Decision:
    """Lifting a recall the office ordered is the office's decision, never the producer's."""
    product = recall.batch.product
    if is_office_of(user, product):
        return ALLOWED
    if recall.ordered_by_office:
        return deny(_("Lệnh thu hồi do cơ quan điều hành ban hành: chỉ cơ quan điều hành được "
                      "dỡ bỏ."))
    return can_recall_lot(user, product)


def can_use_products(user) -> Decision:
    """The product register: those who oversee, and the producers (their own products)."""
    return page_for(oversees(user) or is_beneficiary(user))

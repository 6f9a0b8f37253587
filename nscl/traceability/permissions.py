"""Who may do what in traceability: named checks that answer allowed, or why not.

Services call them before they write; views only show what they say. Each answer is a
`Decision`, true when allowed, with the reason in Vietnamese when not, so a refusal says the
same thing on a page, in the API and in a problem document.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from nscl.organisation.choices import Role
from nscl.organisation.scope import can_manage_province_of, scope_path


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOWED = Decision(True)


def _authenticated(user) -> Decision | None:
    if not getattr(user, "is_authenticated", False):
        return Decision(False, _("Cần đăng nhập."))
    return None


def manage_product(user, product) -> Decision:
    """The producer itself, or the program office of the product's province."""
    refused = _authenticated(user)
    if refused:
        return refused
    if user.unit_id and user.unit_id == product.producer.unit_id:
        return ALLOWED
    if can_manage_province_of(user, product.place):
        return ALLOWED
    return Decision(False, _("Chỉ cơ sở sản xuất hoặc cơ quan điều hành của tỉnh nơi sản xuất "
                             "được thay đổi sản phẩm %(n)s.") % {"n": product.name})


def is_office_of(user, product) -> bool:
    """The program office (or an administrator) of the product's province: not a permission,
    a fact a recall records (an office's recall is lifted by the office only)."""
    return bool(getattr(user, "is_authenticated", False)
                and can_manage_province_of(user, product.place))


def place_product(user, producer, place) -> Decision:
    """A product is made in a commune of its producer's province, and an office places products
    only within its own province: no one moves a product into another province."""
    if place is None:
        return ALLOWED
    if not place.path.startswith(producer.commune.province_path()):
        return Decision(False, _("Nơi sản xuất %(p)s không thuộc tỉnh của cơ sở sản xuất.")
                        % {"p": place.name})
    if not user.is_superuser and user.role != Role.BENEFICIARY \
            and not can_manage_province_of(user, place):
        return Decision(False, _("Nơi sản xuất %(p)s ngoài tỉnh bạn quản lý.") % {"p": place.name})
    return ALLOWED


def capture_epcis(user) -> Decision:
    """Who may send EPCIS data at all: those who may write in the product registry (a producer,
    the program office of a province, an administrator). A viewer, leadership, a council
    member or a unit reporter reads only."""
    refused = _authenticated(user)
    if refused:
        return refused
    if user.is_superuser or (user.unit_id and user.role == Role.BENEFICIARY):
        return ALLOWED
    if user.unit_id and can_manage_province_of(user, user.unit):
        return ALLOWED
    return Decision(False, _("Vai trò của bạn không được gửi dữ liệu truy xuất (EPCIS)."))


def view_capture_job(user, job) -> Decision:
    """A capture job is seen by its submitter and by those whose scope holds the submitter's
    unit (the province's office for a producer of the province)."""
    refused = _authenticated(user)
    if refused:
        return refused
    if user.is_superuser or job.submitted_by_id == user.pk:
        return ALLOWED
    unit = job.submitted_by.unit if job.submitted_by_id else None
    path = scope_path(user)
    if unit is not None and path is not None and user.role in (Role.PROGRAM_OFFICE,
                                                                Role.MINISTRY) \
            and unit.path.startswith(path):
        return ALLOWED
    return Decision(False, _("Không có lượt nhận dữ liệu này."))


def recall_lot(user, product) -> Decision:
    """The office of the product's province or the producer itself recalls a lot."""
    decision = manage_product(user, product)
    if not decision:
        return Decision(False, _("Chỉ cơ sở sản xuất hoặc cơ quan điều hành của tỉnh được thu "
                                 "hồi lô của sản phẩm này."))
    return ALLOWED


def advance_recall(user, recall) -> Decision:
    """Notification, removal and close-out are recorded by whoever may recall the lot."""
    return recall_lot(user, recall.batch.product)


def lift_recall(user, recall) -> Decision:
    """Lifting a recall the office ordered is the office's decision, never the producer's."""
    refused = _authenticated(user)
    if refused:
        return refused
    product = recall.batch.product
    if can_manage_province_of(user, product.place):
        return ALLOWED
    if recall.ordered_by_office:
        return Decision(False, _("Lệnh thu hồi do cơ quan điều hành ban hành: chỉ cơ quan điều "
                                 "hành được dỡ bỏ."))
    return recall_lot(user, product)

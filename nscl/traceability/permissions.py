"""Who may write traceability records (allowed-or-why), the same from the product form, the
EPCIS capture endpoint, an uploaded exchange file and the command line."""

from django.utils.translation import gettext as _

from nscl.core.permissions import Decision, allow_if
from nscl.organisation.choices import Role
from nscl.organisation.models import Unit
from nscl.organisation.scope import manages_province, owns

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

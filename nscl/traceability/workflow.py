"""The stamp roll's lifecycle for the one engine (`nscl.workflow.engine`): issued (being
filled, then waiting to be stuck on products) → active → void; a lost or stolen roll is voided
from either state, and voiding cannot be undone."""

from django.utils.translation import gettext_lazy as _

from nscl.workflow.engine import Transition as T
from nscl.workflow.engine import Workflow

from .choices import RollStatus
from .models import StampRoll
from .permissions import can_manage_product

R = RollStatus

ROLL_FLOW = Workflow(
    name="roll", model=StampRoll, states=RollStatus, verb_prefix="roll",
    select_related=("product__producer", "product__place"),
    context=lambda roll: roll.product,
    actors={"manager": lambda user, roll: bool(can_manage_product(user, roll.product))},
    transitions=[
        T("activate", _("Kích hoạt cuộn tem"), {R.ISSUED}, "manager", target=R.ACTIVE),
        T("void", _("Hủy cuộn tem"), {R.ISSUED, R.ACTIVE}, "manager", target=R.VOID,
          confirm=_("Mọi tem của cuộn sẽ báo “tem đã hủy” khi quét; không hoàn tác được.")),
    ],
)

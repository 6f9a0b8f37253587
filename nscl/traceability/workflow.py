"""Traceability's lifecycles for the one engine (`nscl.workflow.engine`).

The stamp roll: issued (being filled, then waiting to be stuck on products) → active → void; a
lost or stolen roll is voided from either state, and voiding cannot be undone. The recall of a
lot: ordered → notified → removal confirmed → closed, or lifted (with a reason)."""

from django.utils.translation import gettext_lazy as _

from nscl.workflow.engine import Transition as T
from nscl.workflow.engine import Workflow

from .choices import RecallState, RollStatus
from .models import Recall, StampRoll
from .permissions import can_advance_recall, can_lift_recall, can_manage_product

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


# --- recalls -------------------------------------------------------------------------------
# A recall of a lot: ordered (by `services.recall_order`) → notified → removal confirmed →
# closed; lifted from any of them, with a reason. The lot's stamps show it while it is in force.

S = RecallState
RECALL_FLOW = Workflow(
    name="recall", model=Recall, states=RecallState, verb_prefix="recall", state_field="state",
    select_related=("batch__product__producer", "batch__product__place"),
    context=lambda recall: recall.batch.product,
    actors={"manager": lambda user, recall: bool(can_advance_recall(user, recall)),
            "lifter": lambda user, recall: bool(can_lift_recall(user, recall))},
    transitions=[
        T("notify", _("Ghi nhận đã thông báo"), {S.ORDERED}, "manager", target=S.NOTIFIED),
        T("confirm_removal", _("Xác nhận đã thu gom khỏi thị trường"), {S.NOTIFIED}, "manager",
          target=S.REMOVED),
        T("close", _("Kết thúc thu hồi"), {S.REMOVED}, "manager", target=S.CLOSED),
        T("lift", _("Dỡ bỏ lệnh thu hồi"), {S.ORDERED, S.NOTIFIED, S.REMOVED, S.CLOSED},
          "lifter", target=S.LIFTED,
          confirm=_("Tem của lô sẽ thôi báo thu hồi. Cần ghi lý do; việc này được ghi nhật ký.")),
    ],
)
RECALL_IN_FORCE = (S.ORDERED, S.NOTIFIED, S.REMOVED, S.CLOSED)

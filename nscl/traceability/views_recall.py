"""Back-office pages of a recall: order it for a lot, record notification, removal and
close-out, lift it; see the lot's journey and the serials scanned since. Rules are in
`permissions` and `services`; states in `workflow`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nscl.core.forms import add_refusal
from nscl.core.listing import paginate
from nscl.workflow import verbs
from nscl.workflow.confirmation import confirm_step
from nscl.workflow.engine import WorkflowError
from nscl.workflow.models import DomainEvent

from . import forms, selectors, services
from .views import product_page
from .workflow import RECALL_FLOW


def _refusal(request, exc) -> None:
    for message in getattr(exc, "messages", [str(exc)]):
        messages.error(request, message)


@login_required
@require_POST
def recall_new(request, pk, batch_pk):
    """Order a recall of a lot; a form error or a rule's refusal brings the product's page back
    with this lot's recall form open, every value typed kept, the message next to its field."""
    product = selectors.product_get(request.user, pk)
    batch = get_object_or_404(product.batches, pk=batch_pk)
    form = forms.RecallForm(request.POST, auto_id=f"id_recall_{batch.pk}_%s")
    if form.is_valid():
        try:
            recall = services.recall_order(actor=request.user, batch=batch, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            add_refusal(form, exc)
        else:
            messages.success(request, _("Đã thu hồi lô %(l)s: mọi tem của lô hiện cảnh báo thu "
                                        "hồi.") % {"l": batch.lot})
            return redirect("traceability:recall_detail", pk=recall.pk)
    return product_page(request, product, recall_form=form, recall_batch=batch)


@login_required
def recall_detail(request, pk):
    recall = selectors.recall_get(request.user, pk)
    product = recall.batch.product
    steps = RECALL_FLOW.allowed(request.user, recall)
    log = [(e, verbs.verb_label(e.verb)) for e in DomainEvent.objects.filter(
        object_id=str(recall.pk), content_type__model="recall").select_related("actor")
        .order_by("-occurred_at")]
    since = recall.created_at
    scanned = paginate(request, selectors.lot_scans(recall.batch, since))
    rows = list(scanned.rows)
    places = selectors.scan_places(recall.batch, [r["serial"] for r in rows], since)
    for row in rows:
        row["places"] = places.get(row["serial"], [])
    scanned.page.object_list = rows
    return render(request, "traceability/recall_detail.html", {
        "recall": recall, "product": product, "steps": steps, "log": log,
        "journey": selectors.lot_journey(recall.batch), "listing": scanned})


@login_required
@require_POST
def recall_step(request, pk):
    recall = selectors.recall_get(request.user, pk)
    step, note = request.POST.get("step", ""), request.POST.get("note", "").strip()
    if step in RECALL_FLOW.by_action and (note or step != "lift"):  # no reason: refused below
        page = confirm_step(request, RECALL_FLOW, step, recall,
                            facts=[(_("Lý do"), note)] * bool(note),
                            back=reverse("traceability:recall_detail", args=[recall.pk]))
        if page is not None:
            return page
    try:
        services.recall_advance(actor=request.user, recall=recall,
                                transition=request.POST.get("step", ""),
                                note=request.POST.get("note", ""))
        messages.success(request, _("Đã cập nhật thu hồi."))
    except KeyError:
        messages.error(request, _("Bước không hợp lệ."))
    except (ValidationError, PermissionDenied, WorkflowError) as exc:
        _refusal(request, exc)
    return redirect("traceability:recall_detail", pk=recall.pk)

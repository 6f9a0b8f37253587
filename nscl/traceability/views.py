"""Back-office traceability pages: products, batches and events, stamp rolls (issue with a
progress bar, activate, void, print files), the scan log's counterfeit signals, and the EPCIS
REST endpoints."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nscl.core.forms import add_refusal
from nscl.core.listing import YEARS, ListFilters, paginate
from nscl.core.numbers import format_vn_number
from nscl.core.permissions import (
    require,
    requires,
)
from nscl.core.search import search
from nscl.jobs.services import workers_alive
from nscl.organisation.scope import communes_for, own_province
from nscl.traceability.permissions import can_use_products
from nscl.workflow.confirmation import confirm_step
from nscl.workflow.engine import WorkflowError

from . import epcis, forms, selectors, services
from .choices import RollStatus, ScanResult, TrademarkStatus
from .identifiers import digital_link
from .jobs import label_pdf_start
from .labels import label_csv
from .permissions import can_declare_products, can_manage_product
from .signals import SIGNAL_WINDOW
from .workflow import ROLL_FLOW


@login_required
@requires(can_use_products)
def product_list(request):
    filters = ListFilters(request.GET, statuses=TrademarkStatus.choices,
                          communes=communes_for(request.user),
                          names={"status": "nhan_hieu"}, labels={"status": _("Nhãn hiệu")},
                          placeholder=_("Tên, GTIN, tiêu chuẩn — không cần dấu"))
    products = search(selectors.products_for(request.user), filters.query()).order_by("name", "pk")
    if filters.value("status"):
        products = products.filter(trademark_status=filters.value("status"))
    if filters.number("commune") is not None:
        products = products.filter(place_id=filters.number("commune"))
    return render(request, "traceability/product_list.html", {
        "listing": paginate(request, products), "filters": filters,
        "epcis_form": forms.EpcisFileForm(), "can_declare": can_declare_products(request.user)})


@login_required
def product_detail(request, pk):
    return product_page(request, selectors.product_get(request.user, pk))


def product_page(request, product, *, recall_form=None, recall_batch=None, batch_form=None,
                 issue_form=None, event_form=None):
    """The product's page; a refused form comes back bound, every value kept: `batch_form`,
    `issue_form` (a roll of stamps), or
    `recall_form` open under its lot `recall_batch` (every other lot gets an empty recall form
    of its own). Its stamp rolls are a paged, filtered list (`trang_cuon`)."""
    filters = ListFilters(request.GET, statuses=RollStatus.choices, names={"status": "cuon"},
                          labels={"status": _("Trạng thái cuộn")},
                          placeholder=_("Lô hoặc số cuộn"))
    listing = paginate(request, selectors.roll_list(
        product.rolls.select_related("batch"), status=filters.value("status"),
        query=filters.query()).order_by("-pk"), param="trang_cuon")
    rolls = selectors.rolls_with_fill_jobs(listing.rows)
    batches = list(product.batches.prefetch_related("events", "recalls"))
    for batch in batches:
        batch.recall_form = (recall_form if recall_batch is not None
                             and batch.pk == recall_batch.pk
                             else forms.RecallForm(auto_id=f"id_recall_{batch.pk}_%s"))
    return render(request, "traceability/product_detail.html", {
        "product": product, "batches": batches,
        "rolls": rolls, "listing": listing, "filters": filters,
        "has_rolls": listing.total > 0 or product.rolls.exists(),
        "no_worker": any(r.fill_job and r.fill_job.is_active for r in rolls)
        and not workers_alive(),
        "can_manage": can_manage_product(request.user, product),
        "batch_form": batch_form or forms.BatchForm(),
        "issue_form": issue_form or forms.RollIssueForm(product=product),
        "event_form": event_form or forms.EventForm(product=product)})


def _registry_province(user):
    """The province whose product registry the user may write in, or 403."""
    require(can_declare_products(user))
    return own_province(user)


@login_required
def product_new(request):
    province = _registry_province(request.user)
    form = forms.ProductForm(request.POST or None, request.FILES or None,
                             producers=forms.producers_for(request.user, province),
                             province=province)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v is not None}
        try:
            product = services.product_create(actor=request.user, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã khai báo sản phẩm %(n)s.") % {"n": product.name})
            return redirect("traceability:product_detail", pk=product.pk)
    return render(request, "traceability/product_form.html", {"form": form})


@login_required
def product_edit(request, pk):
    product = selectors.product_get(request.user, pk)
    require(can_manage_product(request.user, product))
    province = product.place.province()
    initial = {name: getattr(product, name) for name in services.EDITABLE if name != "image"}
    form = forms.ProductForm(request.POST or None, request.FILES or None, initial=initial,
                             producers=None, province=province, editing=True)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if not data.get("image"):
            data.pop("image", None)  # no new upload: the image stays
        try:
            services.product_update(actor=request.user, product=product, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã lưu sản phẩm."))
            return redirect("traceability:product_detail", pk=product.pk)
    return render(request, "traceability/product_form.html", {"form": form, "product": product})


@login_required
@require_POST
def epcis_upload(request):
    """An EPCIS JSON-LD file (from the national portal, another province, a producer's system)
    taken in through the same capture as the REST endpoint: all of it, or nothing."""
    form = forms.EpcisFileForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("traceability:product_list")
    try:
        job = epcis.capture(form.cleaned_data["file"], actor=request.user)
    except epcis.Problem as exc:
        for error in exc.errors[:20]:
            messages.error(request, error)
        if len(exc.errors) > 20:  # said, not dropped silently
            messages.error(request, _("… và %(n)s lỗi khác trong tệp.")
                           % {"n": format_vn_number(len(exc.errors) - 20)})
    else:
        messages.success(request, _("Đã nhận tệp EPCIS: %(n)s sự kiện.") % {"n": job.captured})
        if job.duplicates:
            messages.info(request, _("%(n)s sự kiện đã có từ trước, không ghi lại.")
                          % {"n": job.duplicates})
    return redirect("traceability:product_list")


@login_required
@require_POST
def batch_new(request, pk):
    product = selectors.product_get(request.user, pk)
    form = forms.BatchForm(request.POST)
    if form.is_valid():
        try:
            batch = services.batch_create(actor=request.user, product=product,
                                          **form.cleaned_data)
        except ValidationError as exc:
            add_refusal(form, exc)
        else:
            messages.success(request, _("Đã khai báo lô %(l)s.") % {"l": batch.lot})
            return redirect("traceability:product_detail", pk=product.pk)
    return product_page(request, product, batch_form=form)  # values kept, errors by them


@login_required
@require_POST
def roll_issue(request, pk):
    """Issue a roll; a count or lot refused brings the page back with the form as typed."""
    product = selectors.product_get(request.user, pk)
    form = forms.RollIssueForm(request.POST, product=product)
    if form.is_valid():
        try:
            roll = services.roll_create(product=product, actor=request.user, **form.cleaned_data)
        except PermissionDenied as exc:  # no form on their page: the reason, on the page
            messages.error(request, str(exc))
            return redirect("traceability:product_detail", pk=product.pk)
        except ValidationError as exc:
            add_refusal(form, exc)
        else:
            return redirect(f"/truy-xuat/san-pham/{product.pk}/#cuon-{roll.pk}")
    return product_page(request, product, issue_form=form)


@login_required
def roll_progress(request, pk):
    roll = selectors.rolls_with_fill_jobs([selectors.roll_get(request.user, pk)])[0]
    return render(request, "traceability/_roll_progress.html", {
        "roll": roll,
        "no_worker": bool(roll.fill_job and roll.fill_job.is_active) and not workers_alive(),
        "can_manage": can_manage_product(request.user, roll.product)})


@login_required
@require_POST
def roll_resume(request, pk):
    """Fill a part-filled roll up to its count (its job had stopped)."""
    roll = selectors.roll_get(request.user, pk)
    require(can_manage_product(request.user, roll.product))
    if roll.status != RollStatus.VOID and roll.issued < roll.count:
        services.roll_fill_start(roll=roll, actor=request.user)
        messages.success(request, _("Đã cho tạo tiếp cuộn tem."))
    return redirect(f"/truy-xuat/san-pham/{roll.product_id}/#cuon-{roll.pk}")


@login_required
@require_POST
def roll_status(request, pk):
    roll = selectors.roll_get(request.user, pk)
    status = request.POST.get("status")
    if status not in (RollStatus.ACTIVE, RollStatus.VOID):
        messages.error(request, _("Chọn kích hoạt hoặc hủy cuộn tem."))
        return redirect("traceability:product_detail", pk=roll.product_id)
    if status == RollStatus.VOID:
        page = confirm_step(request, ROLL_FLOW, "void", roll, back=reverse(
            "traceability:product_detail", args=[roll.product_id]))
        if page is not None:
            return page
    try:
        services.roll_set_status(roll=roll, status=status, actor=request.user)
        messages.success(request, _("Đã cập nhật cuộn tem."))
    except (ValidationError, PermissionDenied, WorkflowError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    return redirect("traceability:product_detail", pk=roll.product_id)


@login_required
def roll_file(request, pk, fmt):
    """The CSV at once (one line a stamp); the PDF as a job (QR codes take a while for a big
    roll), whose page shows its progress and then the file."""
    roll = selectors.roll_get(request.user, pk, "change")
    if fmt == "pdf":  # a job (the PINs of a roll that has them go into its first file)
        return redirect("jobs:job_detail", pk=label_pdf_start(roll=roll, actor=request.user).pk)
    if fmt != "csv":
        raise Http404
    try:  # a roll's PINs go into the first print file only, then exist only as hashes
        pins = services.pins_issue(actor=request.user, roll=roll)
    except PermissionDenied:
        pins = {}
    response = HttpResponse(label_csv(roll, pins), content_type="text/csv; charset=utf-8")
    response["Cache-Control"] = "no-store"
    response["Content-Disposition"] = f'attachment; filename="tem-{roll.pk}.{fmt}"'
    return response


@login_required
@require_POST
def event_record(request, pk):
    """The phone-friendly form: a producer records one step of a batch as an EPCIS event."""
    product = selectors.product_get(request.user, pk)
    require(can_manage_product(request.user, product))
    form = forms.EventForm(request.POST, product=product)
    if form.is_valid():
        d = form.cleaned_data
        document = epcis.stage_document(
            lot_uri=digital_link(product.gtin, lot=d["batch"].lot), step=d["step"],
            when=timezone.localtime(d["time"]).isoformat(timespec="seconds"),
            place=d["place"].strip())
        try:
            epcis.capture(document, actor=request.user)
        except epcis.Problem as exc:  # the page again, the form as typed, the reasons on it
            for error in exc.errors:
                form.add_error(None, error)
        else:
            messages.success(request, _("Đã ghi công đoạn."))
            return redirect("traceability:product_detail", pk=product.pk)
    return product_page(request, product, event_form=form)


@login_required
def scan_review(request):
    """The scored signals (paged, `trang_dh`) and the scan log, newest first (paged, `trang`),
    of the products in scope: by the result, the year, the product's commune and the words of
    a serial, GTIN, lot or product name."""
    filters = ListFilters(request.GET, statuses=ScanResult.choices, years=YEARS,
                          communes=communes_for(request.user), labels={"status": _("Kết quả")},
                          empties={"status": _("Mọi kết quả")},
                          placeholder=_("Sê-ri, GTIN, lô, tên sản phẩm"))
    products = selectors.products_for(request.user)
    if filters.number("commune") is not None:
        products = products.filter(place_id=filters.number("commune"))
    scans = selectors.scan_list(request.user, products, result=filters.value("status"),
                                year=filters.number("year"), query=filters.query())
    return render(request, "traceability/scan_review.html", {
        "signals": paginate(request, selectors.signals(products), param="trang_dh"),
        "signal_window": SIGNAL_WINDOW,
        "listing": paginate(request, scans.order_by("-scanned_at", "-pk")), "filters": filters})

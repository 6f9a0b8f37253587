from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from nscl.core.listing import ListFilters, paginate
from nscl.core.permissions import requires
from nscl.core.search import search
from nscl.organisation.permissions import can_use_units

from .choices import UnitKind
from .scope import units_for


class DemoLoginView(auth_views.LoginView):
    """The login page; in development it lists the demo accounts of every role."""

    template_name = "organisation/login.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        hints = getattr(settings, "NSCL_LOGIN_HINTS", None)  # the demo app's, in development
        if hints:
            context["demo_accounts"], context["demo_password"] = import_string(hints)()
        return context


@login_required
@requires(can_use_units)
def unit_list(request):
    filters = ListFilters(request.GET, categories=UnitKind.choices, names={"category": "loai"},
                          labels={"category": _("Loại đơn vị")},
                          placeholder=_("Tìm theo tên, không cần dấu: quang ngai"))
    units = search(units_for(request.user), filters.query()).select_related("successor")
    if filters.value("category"):
        units = units.filter(kind=filters.value("category"))
    return render(request, "organisation/unit_list.html", {
        "listing": paginate(request, units.order_by("path")), "filters": filters})


@login_required
def unit_detail(request, pk):
    unit = get_object_or_404(units_for(request.user).select_related("parent", "successor"), pk=pk)
    filters = ListFilters(request.GET, categories=UnitKind.choices, names={"category": "loai"},
                          labels={"category": _("Loại đơn vị")},
                          placeholder=_("Tìm theo tên, không cần dấu: quang ngai"))
    children = search(units_for(request.user).filter(parent=unit), filters.query())
    if filters.value("category"):
        children = children.filter(kind=filters.value("category"))
    return render(request, "organisation/unit_detail.html", {
        "unit": unit, "listing": paginate(request, children.order_by("name", "pk")),
        "filters": filters, "has_children": units_for(request.user).filter(parent=unit).exists()})

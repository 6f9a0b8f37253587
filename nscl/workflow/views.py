"""The inbox page: every task waiting for the user, grouped by kind."""

from itertools import groupby

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from nscl.organisation.permissions import landing_url_name

from .inbox import tasks_for


@login_required
def home(request):
    """Each role lands on its own work: what waits for it, else the plans."""
    return redirect(landing_url_name(request.user, lambda: bool(tasks_for(request.user))))


@login_required
def inbox(request):
    tasks = tasks_for(request.user)
    groups = [(name, list(items)) for name, items in
              groupby(sorted(tasks, key=lambda t: t.group), key=lambda t: t.group)]
    return render(request, "workflow/inbox.html", {"groups": groups, "total": len(tasks)})

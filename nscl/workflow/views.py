"""The inbox page: every task waiting for the user, grouped by kind."""

from itertools import groupby

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from nscl.organisation.permissions import landing_url_name

from .inbox import inbox_for, tasks_for


@login_required
def home(request):
    """Each role lands on its own work: what waits for it, else the plans."""
    return redirect(landing_url_name(request.user, lambda: bool(tasks_for(request.user))))


@login_required
def inbox(request):
    tasks, more = inbox_for(request.user)
    more_of = {m.group: m for m in more}
    groups = [(name, list(items), more_of.pop(name, None)) for name, items in
              groupby(sorted(tasks, key=lambda t: t.group), key=lambda t: t.group)]
    groups += [(m.group, [], m) for m in more_of.values()]  # a group with only more
    return render(request, "workflow/inbox.html", {"groups": groups, "total": len(tasks)})

"""The scope layer: which rows of any model a user may see or change — the one place that says it.

Every model a user can reach declares *how its rows reach the unit tree* with a `Scope` (the
NetBox `RestrictedQuerySet.restrict` idea, driven by data instead of object permissions):

    class SupportCase(models.Model):
        scope = Scope(province="call_category__call__plan__province", unit="commune",
                      owner="beneficiary__unit",
                      members=("selection_council__members__user",
                               "acceptance_council__members__user"))

and every list, detail, export, chart, history, timeline, search, API answer and file download
starts from `restrict(queryset, user, action)`. This module knows no domain model; the domain
apps import it. Out-of-scope rows are simply absent, so a detail page answers 404 and does not
even confirm that the row exists.

The reaches, and who has them:
- national: the Ministry — every row, or the rows the model's `national` Q selects;
- province: program office, leadership and viewers (to view), the program office alone (to
  change) — the rows of their current province, with the provinces dissolved into it in 2025;
- everyone: any account with a unit in the province — its public documents (plans, calls);
- unit: a unit's reporter — rows of their unit and of the units below it;
- owner: a beneficiary (enterprise, cooperative …) — the rows it owns;
- members: anyone seated on a council — the rows assigned to that council.

A model says which reaches apply to viewing and which to changing; the permissions modules of
each app then add the rules that depend on a record's state ("a sent report is closed").
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, Q, QuerySet

from .choices import Role
from .models import Unit, User
from .scoping import (  # noqa: F401  (re-exported: apps import the declaration from here too)
    CHANGE,
    EVERYONE,
    MEMBERS,
    NATIONAL,
    OWNER,
    PROVINCE,
    UNIT,
    VIEW,
    Scope,
)

PROVINCE_READERS = frozenset({Role.PROGRAM_OFFICE, Role.LEADERSHIP, Role.VIEWER})
PROVINCE_WRITERS = frozenset({Role.PROGRAM_OFFICE})
_NOTHING = Q(pk__in=[])
_EVERY_ROW = Q(pk__isnull=False)  # not Q(): an empty Q vanishes when OR-ed with another


def scope_of(model: type[Model]) -> Scope:
    declared = getattr(model, "scope", None)
    if not isinstance(declared, Scope):
        raise ImproperlyConfigured(f"{model.__name__} declares no Scope: add `scope = Scope(…)`")
    return declared


def restrict(queryset: QuerySet, user, action: str = VIEW, scope: Scope | None = None
             ) -> QuerySet:
    """The rows of `queryset` that `user` may `action` ("view" or "change").

    An anonymous visitor sees only what the model declares public; a signed-in user sees what
    their reaches give (the back office is not a public catalogue of other provinces).
    `scope` replaces the model's own declaration where a row stands for something else (a
    plan, asked about its budget)."""
    scope = scope or scope_of(queryset.model)
    if user is None or not user.is_authenticated:
        return queryset.filter(scope.public) if action == VIEW and scope.public else \
            queryset.none()
    if user.is_superuser:
        return queryset
    return queryset.filter(conditions(scope, queryset.model, user, action))


def conditions(scope: Scope, model: type[Model], user: User, action: str) -> Q:
    """The Q that selects the rows `user` may `action`; an empty selection when none."""
    reaches = scope.view if action == VIEW else scope.change
    found = _NOTHING
    for reach in reaches:
        found |= _REACHES[reach](scope, model, user, action)
    return found


def _lookup(path: str, field_name: str) -> str:
    return f"{path}__{field_name}" if path else field_name


def _under(model, path: str, prefix: str) -> Q:
    """Rows whose unit at `path` lies under `prefix`. A path of several hops is resolved on the
    small table of its first hop (`call_category IN (SELECT …)`), so a large table such as the
    cases is filtered by an indexed foreign key instead of joining four tables row by row."""
    if "__" not in path:
        return Q(**{_lookup(path, "path__startswith"): prefix})
    first, rest = path.split("__", 1)
    related = model._meta.get_field(first).related_model
    return Q(**{f"{first}__in": related._base_manager.filter(
        **{f"{rest}__path__startswith": prefix}).values("pk")})


def _national(scope, model, user, action) -> Q:
    if user.role != Role.MINISTRY or action != VIEW:
        return _NOTHING
    return scope.national if isinstance(scope.national, Q) else _EVERY_ROW


def _province(scope, model, user, action) -> Q:
    roles = PROVINCE_READERS if action == VIEW else PROVINCE_WRITERS
    if user.role not in roles or user.unit_id is None:
        return _NOTHING
    return _under(model, scope.province, user.unit.province_path())


def _everyone(scope, model, user, action) -> Q:
    if user.unit_id is None or user.role == Role.MINISTRY:
        return _NOTHING
    return _under(model, scope.province, user.unit.province_path())


def _unit(scope, model, user, action) -> Q:
    if user.role != Role.UNIT_REPORTER or user.unit_id is None:
        return _NOTHING
    return _under(model, scope.unit, user.unit.path)


def _owner(scope, model, user, action) -> Q:
    if user.role != Role.BENEFICIARY or user.unit_id is None:
        return _NOTHING
    return Q(**{_lookup(scope.owner, "pk"): user.unit_id})


def _members(scope, model, user, action) -> Q:
    """Council seats: through a forward key (a case's council) the seat is looked up on the
    small table it points to; through a many-to-many or reverse join a sub-select keeps rows
    single."""
    found = _NOTHING
    for path in scope.members:
        first, rest = path.split("__", 1)
        field = model._meta.get_field(first)
        if field.many_to_one:
            found |= Q(**{f"{first}__in": field.related_model._base_manager.filter(
                **{rest: user.pk}).values("pk")})
        else:
            found |= Q(pk__in=model._base_manager.filter(**{path: user.pk}).values("pk"))
    return found


_REACHES = {NATIONAL: _national, PROVINCE: _province, EVERYONE: _everyone, UNIT: _unit,
            OWNER: _owner, MEMBERS: _members}


def allows(user, obj: Model, action: str = VIEW) -> bool:
    """Whether `user` may `action` this one row (one query)."""
    model = type(obj)
    return restrict(model._base_manager.filter(pk=obj.pk), user, action).exists()


def get_in_scope(queryset: QuerySet, user, pk, action: str = VIEW) -> Model:
    """Fetch-with-permission (Zulip's `access_*_by_id`): the row, or 404 when out of scope."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(restrict(queryset, user, action), pk=pk)


# --- The unit tree and the roles themselves ---------------------------------------------------

def units_for(user) -> QuerySet[Unit]:
    """The units a user may see: their scope's, and always their own."""
    units = restrict(Unit.objects.all(), user)
    if user.is_authenticated and user.unit_id and not user.is_superuser:
        units = units | Unit.objects.filter(pk=user.unit_id)
    return units


def manages_province(user, unit: Unit) -> bool:
    """The program office (or an administrator) of the province `unit` belongs to.

    `user` None is the system itself — the server's operator at the command line, the demo
    loader, a scheduled job — which acts with the office's authority; a web request always
    has a user (anonymous or not), so it never gets here with None."""
    if user is None:
        return True
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return (user.role in PROVINCE_WRITERS and user.unit_id is not None
            and unit.path.startswith(user.unit.province_path()))


def leads_province(user, unit: Unit) -> bool:
    """The province's People's Committee (or an administrator): approves lists and plans."""
    if user is None or not user.is_authenticated:
        return False
    return user.is_superuser or (user.role == Role.LEADERSHIP and user.unit_id is not None
                                 and unit.path.startswith(user.unit.province_path()))


def reports_for(user, unit: Unit) -> bool:
    """A unit's reporter, for its unit and the units below it."""
    return (user is not None and user.is_authenticated and user.role == Role.UNIT_REPORTER
            and user.unit_id is not None and unit.path.startswith(user.unit.path))


def owns(user, unit_id: int | None) -> bool:
    """The enterprise account of that unit (a beneficiary acting for itself)."""
    return (user is not None and user.is_authenticated and user.role == Role.BENEFICIARY
            and unit_id is not None and user.unit_id == unit_id)


def is_ministry(user) -> bool:
    return user is not None and user.is_authenticated and (
        user.role == Role.MINISTRY or user.is_superuser)


def is_system_account(user) -> bool:
    """Administrators are not people who sit on councils or apply for support."""
    return user.is_superuser or user.is_staff


def office_province(user) -> Unit | None:
    """The current province whose registers the user may write in, if any."""
    if user.unit_id and manages_province(user, user.unit):
        return user.unit.province()
    return None


def own_province(user) -> Unit | None:
    """The current province of the user's unit (for the forms that need one), if any."""
    return user.unit.province() if user.is_authenticated and user.unit_id else None


def province_offices(unit: Unit) -> QuerySet[User]:
    """The program office's people for the province of `unit` (who gets the office's mail)."""
    return User.objects.filter(role__in=PROVINCE_WRITERS, is_active=True,
                               unit__path__startswith=unit.province_path())


def reportable_units(user, province_path: str) -> QuerySet[Unit]:
    """The units a user may pick when entering a value for a plan of that province: the
    program office any unit but communes (a province has a hundred; a commune reports for
    itself), a reporter its own unit and those below it."""
    units = Unit.objects.filter(path__startswith=province_path)
    if manages_province(user, Unit(path=province_path)):
        return units.exclude(kind="commune") | units.filter(pk=user.unit_id)
    if user.is_authenticated and user.role == Role.UNIT_REPORTER and user.unit_id:
        return units.filter(path__startswith=user.unit.path)
    return units.none()


def communes_for(user) -> list[tuple[int, str]] | None:
    """The communes of the user's province that a list may be filtered by (one query), or
    None when the user does not read several communes of one province (the Ministry reads
    thousands: it filters by searching)."""
    if not user.is_authenticated or not user.unit_id or user.role == Role.MINISTRY:
        return None
    found = list(units_for(user).filter(kind="commune",
                                        path__startswith=user.unit.province_path())
                 .order_by("name").values_list("pk", "name"))
    return found if len(found) > 1 else None

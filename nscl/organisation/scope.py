"""The scope layer: what each role may see and do, as querysets over the unit tree.

Every selector in every app starts from these functions, so a rule lives in one place:
- the Ministry sees every province;
- the program office, leadership and viewers see their whole province (and the dissolved
  provinces that rolled into it);
- a unit reporter, a beneficiary and a council member see their own unit (and what is below it),
  never a sibling: a commune never sees another commune.
Out-of-scope objects are answered with 404, not 403, so their existence does not leak.
"""

from django.db.models import Q, QuerySet

from .choices import Role, UnitKind
from .models import Unit, User

PROVINCE_WIDE_ROLES = {Role.PROGRAM_OFFICE, Role.LEADERSHIP, Role.VIEWER}
PLAN_READER_ROLES = PROVINCE_WIDE_ROLES | {Role.MINISTRY, Role.UNIT_REPORTER, Role.BENEFICIARY}
BUDGET_READER_ROLES = PROVINCE_WIDE_ROLES | {Role.MINISTRY}


def scope_path(user: User) -> str | None:
    """The unit-tree path prefix the user may see, or None when they see nothing."""
    if not user.is_authenticated:
        return None
    if user.is_superuser or user.role == Role.MINISTRY:
        return "/"
    if user.unit_id is None:
        return None
    if user.role in PROVINCE_WIDE_ROLES:
        return user.unit.province_path()
    return user.unit.path


def province_scope_path(user: User) -> str | None:
    """The province-wide prefix: plans are public documents of the whole province."""
    path = scope_path(user)
    return path if path in (None, "/") else user.unit.province_path()


def _under(path: str | None, field: str) -> Q:
    if path is None:
        return Q(pk__in=[])
    return Q(**{f"{field}__startswith": path})


def units_for(user: User) -> QuerySet[Unit]:
    return Unit.objects.filter(_under(scope_path(user), "path"))


def filter_by_unit(queryset: QuerySet, user: User, unit_field: str) -> QuerySet:
    """Restrict any queryset whose rows belong to a unit (`unit_field` names the FK)."""
    return queryset.filter(_under(scope_path(user), f"{unit_field}__path"))


def filter_plans(queryset: QuerySet, user: User, province_field: str = "province") -> QuerySet:
    if user.is_authenticated and (user.is_superuser or user.role in PLAN_READER_ROLES):
        return queryset.filter(_under(province_scope_path(user), f"{province_field}__path"))
    return queryset.none()


def filter_budgets(queryset: QuerySet, user: User, province_field: str) -> QuerySet:
    if user.is_authenticated and (user.is_superuser or user.role in BUDGET_READER_ROLES):
        return queryset.filter(_under(province_scope_path(user), f"{province_field}__path"))
    return queryset.none()


def can_view_budget_of(user: User, unit: Unit) -> bool:
    if not user.is_authenticated or not (user.is_superuser or user.role in BUDGET_READER_ROLES):
        return False
    path = province_scope_path(user)
    return path is not None and unit.path.startswith(path)


def can_manage_province_of(user: User, unit: Unit) -> bool:
    """Only the program office (or an administrator) writes plans and budgets of its province."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    path = province_scope_path(user)
    return user.role == Role.PROGRAM_OFFICE and path is not None and unit.path.startswith(path)


def reportable_units(user: User, province_path: str) -> QuerySet[Unit]:
    """The units a user may pick when entering a value for a plan of that province: every unit
    in scope except communes (a province has a hundred; a commune reports for itself), plus
    the user's own unit. `can_report_for` is still checked on every write."""
    units = units_for(user).filter(path__startswith=province_path)
    return units.exclude(kind=UnitKind.COMMUNE) | units.filter(pk=user.unit_id)


def can_report_for(user: User, unit: Unit) -> bool:
    """Enter a value for `unit`: its own reporter, or the program office of the province."""
    if can_manage_province_of(user, unit):
        return True
    return (user.is_authenticated and user.role == Role.UNIT_REPORTER and user.unit_id is not None
            and unit.path.startswith(user.unit.path))

"""Reads of the registry, through the scope layer (`Beneficiary.scope`)."""

from django.db.models import QuerySet

from nscl.organisation.scope import CHANGE, owns, restrict

from .models import Beneficiary


def beneficiaries_for(user, action: str = "view") -> QuerySet[Beneficiary]:
    """`action` "apply": the beneficiaries a user may apply for — itself, or, for the program
    office, those of its province."""
    found = Beneficiary.objects.select_related("commune", "unit")
    if action == "apply":
        mine = found.filter(unit_id=user.unit_id) if owns(user, user.unit_id) else found.none()
        return mine | restrict(found, user, CHANGE)
    return restrict(found, user, action)

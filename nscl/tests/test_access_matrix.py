"""The access matrix: every role × every URL of the URL conf × an object in and out of its scope
× read and write, each answer as the declarations say (`access.ROUTES`, the models' Scopes and
the apps' permission checks). The size is printed at the end of the run."""


import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from nscl.organisation.scope import restrict
from nscl.workflow.models import DomainEvent

from .access import NOT_IN_MATRIX, ROUTES, Route
from .tallies import tally

ROLES = ["vanphong.cantho", "lanhdao.cantho", "xem.cantho", "bo.khcn", "baocao.xa1.cantho",
         "baocao.sct.cantho", "doanhnghiep.cantho", "hoidong.cantho", None]  # None: anonymous
TALLY = tally(f"access matrix: {len(ROLES)} roles × {len(ROUTES)} URLs × objects in and out of "
              "scope × read and write")


def _named_urls(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace == "admin" or str(pattern.pattern).startswith("api/"):
                continue  # the admin is Django's; the API has its own scope tests
            yield from _named_urls(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_url_is_declared():
    names = set(_named_urls(get_resolver().url_patterns))
    missing = names - set(ROUTES) - set(NOT_IN_MATRIX)
    assert not missing, (f"URLs not declared in nscl/tests/access.py (ROUTES or NOT_IN_MATRIX): "
                         f"{sorted(missing)}")
    assert not set(ROUTES) - names, "declared URLs that no longer exist"


def _objects(route: Route, user, action):
    """An object in `user`'s scope for `action`, and one outside it (None when there is none)."""
    if route.model is None:
        return [None]
    everything = route.model._base_manager.order_by("pk")
    if user is None:
        return [everything.first()]
    mine = restrict(everything, user, action)
    inside = mine.first()
    outside = everything.exclude(pk__in=mine.values("pk")).first()
    return [o for o in (inside, outside) if o is not None]


def _url(name: str, route: Route, obj) -> str:
    kwargs = dict(route.extra)
    if obj is not None:
        kwargs[route.kwarg] = obj.pk
    return reverse(name, kwargs=kwargs or None)


def _expected(route: Route, access, user, obj, method: str) -> tuple[set[int], bool]:
    """The answers allowed, and whether the request may write to the log."""
    if user is None:
        return ({401, 403} if route.api else {302}), False  # the login page, or a refusal
    if obj is not None and not restrict(route.model._base_manager.filter(pk=obj.pk), user,
                                        access.action).exists():
        return {404}, False
    if access.allowed is not None and not access.allowed(user, obj):
        # a page refuses with its status; a step may also come back to its page saying why —
        # either way nothing is written
        return ({access.missing} if method == "GET" else {access.missing, 200, 302}), False
    return {200, 302}, True


@pytest.mark.parametrize("name", sorted(ROUTES))
@pytest.mark.parametrize("role", ROLES)
def test_matrix(client, users, name, role):
    route, user = ROUTES[name], (users[role] if role else None)
    if user is not None:
        client.force_login(user)
    for method, access in (("GET", route.get), ("POST", route.post)):
        if access is None:
            continue
        for obj in _objects(route, user, access.action):
            url = _url(name, route, obj)
            before = DomainEvent.objects.count()
            response = client.get(url) if method == "GET" else client.post(url, {})
            expected, may_write = _expected(route, access, user, obj, method)
            assert response.status_code in expected, (
                f"{role} {method} {url}: {response.status_code}, expected {sorted(expected)}")
            TALLY[f"{method} {'allowed' if may_write else 'refused'}, answered as declared"] += 1
            TALLY["requests answered as declared, total"] += 1
            if not may_write:
                assert DomainEvent.objects.count() == before, f"{role} {method} {url} wrote"
    if route.get is None:  # a POST-only route answers a GET with 405 (or a redirect to login)
        obj = _objects(route, user, VIEW_ACTION)[0]
        assert client.get(_url(name, route, obj)).status_code in ({405} if user else {302, 405})


VIEW_ACTION = "view"

"""Every URL of the URL conf (`access.ROUTES`), as the program office and as an anonymous
client, with malformed query parameters — Unicode digits such as `²`, huge numbers, NaN,
a search of 1.000 words: never a server error."""

import pytest

from .access import ROUTES
from .tallies import tally
from .test_access_matrix import _objects, _url

NAMES = ["year", "nam", "xa", "ke_hoach", "don_vi", "giai_doan", "until", "phase", "page",
         "status", "category", "tu", "den", "lat", "lng", "gtin", "alpha", "khau_hao"]
VARIANTS = {
    "unicode digits": dict.fromkeys(NAMES, "²"),
    "huge": dict.fromkeys(NAMES, "9" * 40),
    "nan": dict.fromkeys(NAMES, "NaN"),
    "search of 1.000 words": {"q": " ".join(["năng suất"] * 500)},
}


@pytest.mark.parametrize("who", ["vanphong.cantho", None])
def test_no_server_error_on_malformed_parameters(client, users, who):
    user = users[who] if who else None
    if user:
        client.force_login(user)
    errors = []
    for name, route in sorted(ROUTES.items()):
        obj = _objects(route, user, "view")[0]
        try:
            url = _url(name, route, obj)
        except Exception:  # a route whose object does not exist in the demo
            continue
        for label, params in VARIANTS.items():
            response = client.get(url, params)
            tally("malformed parameters")[f"requests as {who or 'anonymous'}"] += 1
            if response.status_code >= 500:
                errors.append(f"{url} [{label}]: {response.status_code}")
    assert not errors, errors

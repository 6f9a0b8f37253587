"""The GS1-Conformant resolver standard 1.2.0 (GS1, ratified January 2026), its conformance
statements one by one, each beside the test that proves NSCL's resolver meets it.

The statements are those of GS1's resolver test suite, `Conformance1_2.txt` (a copy is in
`../shared/fixtures/gs1-resolver-1.2/`); they are quoted in each test's docstring as
"[Conformance1_2.txt, statement N]". The file lists 18 statements (the brief counted 17).
Linksets are validated against GS1's linkset schema (`data/gs1-resolver-1.2/`), the one GS1's
test suite validates against.
"""

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jsonschema
import pytest
from django.test import Client

from nscl.traceability.models import Product, Scan

from .conftest import phone_client, shared_fixtures

DATA = Path(__file__).resolve().parent.parent / "data" / "gs1-resolver-1.2"
BASE = "http://127.0.0.1:8000"
VOC = "https://ref.gs1.org/voc/"


def _schema(name: str) -> jsonschema.Draft7Validator:
    schema = json.loads((DATA / name).read_text())
    return jsonschema.Draft7Validator(schema,
                                      format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


@pytest.fixture
def stamp(rice):
    return rice.rolls.get(status="active").stamps.order_by("id")[120]


@pytest.fixture
def machine():
    """An application, not a person: no Accept header asking for a page."""
    return Client(REMOTE_ADDR="203.113.1.5")


def _paths(rice, stamp):
    lot = "ST25-2025-01"
    return {"product": f"/01/{rice.gtin}", "lot": f"/01/{rice.gtin}/10/{lot}",
            "stamp": f"/01/{rice.gtin}/10/{lot}/21/{stamp.serial}"}


def test_statement_01_get_head_and_options(machine, phone, rice, stamp):
    """[Conformance1_2.txt, statement 1] "SHALL support HTTP 1.1 (or higher) GET, HEAD and
    OPTIONS requests." """
    logged = Scan.objects.count()
    for path in _paths(rice, stamp).values():
        options = machine.options(path)
        assert options.status_code == 204 and "HEAD" in options["Allow"]
        assert options["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
        assert machine.head(path).status_code in (200, 307)
        assert machine.get(path).status_code == 307
    assert Scan.objects.count() == logged  # HEAD and machines' redirects are not scans
    assert phone.head(_paths(rice, stamp)["stamp"]).status_code == 200


def test_statement_02_https(monkeypatch, phone, stamp, rice):
    """[Conformance1_2.txt, statement 2] "SHALL support HTTP Over TLS (HTTPS)". Production
    redirects plain HTTP to HTTPS (behind a TLS proxy) and sends HSTS; the resolver answers
    alike over HTTPS."""
    import importlib
    import sys

    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    monkeypatch.setenv("ALLOWED_HOSTS", "truyxuat.example.vn")
    monkeypatch.setenv("NSCL_RESOLVER_BASE", "https://truyxuat.example.vn")
    sys.modules.pop("nscl.settings.production", None)
    production = importlib.import_module("nscl.settings.production")
    assert production.SECURE_SSL_REDIRECT and production.SECURE_HSTS_SECONDS >= 31536000
    assert production.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
    secure = phone.get(_paths(rice, stamp)["stamp"], secure=True)
    assert secure.status_code == 200 and "Tem thật" in secure.content.decode()


def test_statement_03_cors(machine, rice, stamp):
    """[Conformance1_2.txt, statement 3] "SHALL support CORS" — on every answer, redirects and
    errors included."""
    paths = list(_paths(rice, stamp).values()) + [f"/01/{rice.gtin}/foo",
                                                  "/01/08935049500019", "/01/08935049500018"]
    for path in paths:
        assert machine.get(path)["Access-Control-Allow-Origin"] == "*", path
    assert machine.get("/.well-known/gs1resolver")["Access-Control-Allow-Origin"] == "*"


def _compressed(path: str) -> str:
    from gs1 import compress_gs1_digital_link

    return urlsplit(compress_gs1_digital_link("https://id.gs1.org" + path, False, False)).path


def test_statement_04_decompresses_a_compressed_uri(phone, rice, stamp):
    """[Conformance1_2.txt, statement 4] "SHALL be able to decompress a URI to generate a GS1
    Digital Link URI, in accordance with GS1 Digital Link: Compression." A stamp's URI
    compressed (GS1's algorithm) resolves as the stamp, and the scan is logged."""
    short = _compressed(_paths(rice, stamp)["stamp"])
    assert short.count("/") == 1 and len(short) < len(_paths(rice, stamp)["stamp"])
    page = phone.get(short)
    assert page.status_code == 200 and "Tem thật, quét lần đầu" in page.content.decode()
    assert Scan.objects.filter(serial=stamp.serial).count() == 1
    # GS1's own example: https://id.gs1.org/ARHKVAdpQg is /01/09780345418913 (not ours: 404)
    assert phone.get("/ARHKVAdpQg").status_code == 404


def test_statement_05_compressed_request_exposes_the_uncompressed_uri(machine, rice):
    """[Conformance1_2.txt, statement 5] "If handling a compressed request URI, it SHALL expose
    the uncompressed URI in the Link response header with a rel value of owl:sameAs." """
    response = machine.get(_compressed(f"/01/{rice.gtin}"))
    assert response.status_code == 307
    assert f'<{BASE}/01/{rice.gtin}>; rel="owl:sameAs"' in response["Link"]
    linkset = machine.get(_compressed(f"/01/{rice.gtin}") + "?linkType=linkset")
    assert linkset.json()["linkset"][0]["anchor"] == f"{BASE}/01/{rice.gtin}"


BAD_SYNTAX = [
    "/01/8935049500019",  # check digit
    "/01/12345",  # length
    "/01/0893850100100X",
    "/01/{gtin}/foo",  # the test suite's own probe: a path segment without its value
    "/01/{gtin}/21/ABC/10/LOT1",  # qualifiers out of order
    "/01/{gtin}/10/ABCDEFGHIJKLMNOPQRSTU",  # 21 characters
    "/01/{gtin}/10/Lô-1",  # outside GS1's character set
    "/01/{gtin}/17/261231",  # a data attribute in the path
    "/01/{gtin}/10/A/10/B",
]


def test_statement_06_bad_syntax_is_400(machine, phone, rice):
    """[Conformance1_2.txt, statement 6] "SHALL extract and syntactically validate the URI in
    accordance with sections 2 and 4.3.1, and report errors with an HTTP response code of
    400." The answer says what is wrong (for a person in Vietnamese)."""
    for template in BAD_SYNTAX:
        path = template.format(gtin=rice.gtin)
        assert machine.get(path).status_code == 400, path
        page = phone.get(path)
        assert page.status_code == 400 and "Không tìm thấy" not in page.content.decode()[:0]
    assert "sai chữ số kiểm tra" in phone.get(BAD_SYNTAX[0]).content.decode()


def test_statement_07_no_error_is_a_200(machine, phone, rice, settings):
    """[Conformance1_2.txt, statement 7] "SHALL NOT use a 200 OK response code with a resource
    that indicates an error condition." Syntax errors, identifiers with no entry, unknown,
    voided and not-activated stamps, bad query values, the rate limit: never 200."""
    from nscl.traceability.models import StampRoll

    void = rice.rolls.get(status="void").stamps.first()
    issued = StampRoll.objects.create(product=rice, batch=rice.batches.get(), count=1, issued=1)
    fresh = issued.stamps.create(serial="0000000000" + "0")
    errors = [template.format(gtin=rice.gtin) for template in BAD_SYNTAX] + [
        "/01/08935049500018", f"/01/{rice.gtin}/10/NO-SUCH-LOT", f"/01/{rice.gtin}/21/ZZZZZZZZZZ1",
        f"/01/{rice.gtin}/10/ST25-2025-01/21/{void.serial}",
        f"/01/{rice.gtin}/10/ST25-2025-01/21/{fresh.serial}",
        f"/01/{rice.gtin}/10/ST25-2025-01/21/XXXXXXXXXXX?lat=NaN&lon=Infinity"]
    for client in (machine, phone):
        for path in errors:
            assert client.get(path).status_code != 200, path
    settings.NSCL_RESOLVER_RATE_LIMIT = 3
    from nscl.traceability import public

    limit, public.LIMIT = public.LIMIT, 3
    try:
        codes = [phone_client("10.9.9.9").get(f"/01/{rice.gtin}").status_code for _ in range(5)]
    finally:
        public.LIMIT = limit
    assert codes[-1] == 429


def _linkset(client, path):
    response = client.get(path + ("&" if "?" in path else "?") + "linkType=linkset")
    assert response.status_code == 200 and response["Content-Type"] == "application/linkset+json"
    return response.json()


def test_statement_08_linkset_of_every_level(machine, rice, stamp):
    """[Conformance1_2.txt, statement 8] "SHALL respond to a query parameter of linkType set to
    all by returning a list of links available to the client application. The list SHALL be
    available as per Linkset … If the request GS1 Digital Link URI includes one or more key
    qualifiers, any links associated with each level up to the primary key SHALL be included.
    The URI used as the subject of facts presented SHALL be the uncompressed version." Also with
    `linkType=linkset` (1.2's name) and `Accept: application/linkset+json`; the linkset
    validates against GS1's linkset schema."""
    paths = _paths(rice, stamp)
    validator = _schema("linkset-schema.json")
    for level, path in paths.items():
        for ask in ("all", "linkset"):
            response = machine.get(f"{path}?linkType={ask}")
            assert response.status_code == 200
            body = response.json()
            assert not list(validator.iter_errors(body)), level
        anchors = [a["anchor"] for a in body["linkset"]]
        expected = {"product": [paths["product"]],
                    "lot": [paths["lot"], paths["product"]],
                    "stamp": [paths["stamp"], paths["lot"], paths["product"]]}[level]
        assert anchors == [BASE + p for p in expected]
    by_accept = machine.get(paths["lot"], HTTP_ACCEPT="application/linkset+json")
    assert by_accept.status_code == 200 and by_accept.json() == _linkset(machine, paths["lot"])
    assert 'rel="http://www.w3.org/ns/json-ld#context"' in by_accept["Link"]


def test_the_schema_is_gs1s_and_rejects_what_it_should(rice, machine):
    """The linkset schema used above accepts GS1's model linkset and refuses a linkset without
    titles or with a second default link's extra attributes stripped wrongly."""
    validator = _schema("linkset-schema.json")
    model = json.loads((shared_fixtures("gs1-resolver-1.2") / "modelLinkset.json").read_text())
    assert not list(validator.iter_errors(model))
    ours = _linkset(machine, f"/01/{rice.gtin}")
    broken = json.loads(json.dumps(ours))
    del broken["linkset"][0][VOC + "pip"][0]["title"]
    assert list(validator.iter_errors(broken))


def test_statement_09_link_header_to_the_linkset(machine, phone, rice, stamp):
    """[Conformance1_2.txt, statement 9] "SHOULD expose link to the linkset in an HTTP Link
    header, even when redirecting." On redirects and on the stamp page; no legacy list of every
    link in the header."""
    paths = _paths(rice, stamp)
    for path in paths.values():
        response = machine.get(path)
        assert response.status_code == 307
        assert 'rel="linkset"' in response["Link"] and "rel=\"gs1:" not in response["Link"]
    page = phone.get(paths["stamp"])
    assert page.status_code == 200
    assert page["Link"] == f'<{BASE}{paths["stamp"]}?linkType=linkset>; rel="linkset"; ' \
                           'type="application/linkset+json"'


def test_statement_10_one_default_link(machine, rice, stamp):
    """[Conformance1_2.txt, statement 10] "SHALL recognise one available link as the default for
    any given request URI." Each anchor carries exactly one gs1:defaultLink, with only a title
    besides its target (as the 1.2 test suite checks)."""
    for path in _paths(rice, stamp).values():
        for anchor in _linkset(machine, path)["linkset"]:
            default = anchor[VOC + "defaultLink"]
            assert len(default) == 1 and set(default[0]) == {"href", "title"}


def test_statement_11_every_link_has_target_type_and_title(machine, rice, stamp):
    """[Conformance1_2.txt, statement 11] "All links exposed SHALL include the target URL, the
    link relationship type (the link type) and a human-readable title" """
    for path in _paths(rice, stamp).values():
        for anchor in _linkset(machine, path)["linkset"]:
            types = [k for k in anchor if k not in ("anchor", "itemDescription")]
            assert types and all(k.startswith(VOC) for k in types)
            for key in types:
                for link in anchor[key]:
                    assert link["href"].startswith("http") and link["title"].strip()


def test_statement_12_redirects_to_the_default_link(machine, phone, rice, stamp):
    """[Conformance1_2.txt, statement 12] "SHALL redirect to the default link unless there is
    information in the request that can be matched against available link metadata to provide
    a better response." Product and lot: 307 to the default link. A stamp: an application gets
    307 to the default link; a phone's browser asks for text/html, which is the default link's
    type, and the resolver — which hosts that page — answers it in place (one round trip less
    on every scan: the better response for that request)."""
    paths = _paths(rice, stamp)
    for level, path in paths.items():
        default = _linkset(machine, path)["linkset"][0][VOC + "defaultLink"][0]["href"]
        response = machine.get(path)
        assert (response.status_code, response["Location"]) == (307, default), level
    page = phone.get(paths["stamp"])
    assert page.status_code == 200 and "Tem thật" in page.content.decode()
    followed = machine.get(machine.get(paths["stamp"])["Location"])
    assert followed.status_code == 200  # the default link of a stamp is its page


def test_statement_13_redirects_to_the_requested_link_type(machine, rice, stamp):
    """[Conformance1_2.txt, statement 13] "SHALL redirect to the requested linkType if
    available" — at the most granular level that has it; a type that is not available gives
    the default link."""
    paths = _paths(rice, stamp)
    lot_root = f"{BASE}/sp/{rice.gtin}/lo/ST25-2025-01"
    cases = [(paths["product"], "gs1:certificationInfo", f"{BASE}/sp/{rice.gtin}/chung-nhan/"),
             (paths["product"], "gs1:recallStatus", f"{BASE}/sp/{rice.gtin}/thu-hoi/"),
             (paths["lot"], "gs1:recallStatus", f"{lot_root}/thu-hoi/"),
             (paths["lot"], "gs1:traceability", f"{lot_root}/hanh-trinh/"),
             (paths["stamp"], "gs1:traceability", f"{lot_root}/hanh-trinh/"),
             (paths["stamp"], "gs1:certificationInfo", f"{BASE}/sp/{rice.gtin}/chung-nhan/"),
             (paths["lot"], "gs1:epil", f"{lot_root}/")]
    for path, link_type, target in cases:
        response = machine.get(path, {"linkType": link_type})
        assert response.status_code == 307
        assert response["Location"].split("?")[0] == target, (path, link_type)
    for target in {t for _p, _l, t in cases}:
        assert machine.get(target.replace(BASE, "")).status_code == 200, target


def test_statement_14_query_string_passed_on(machine, rice, stamp):
    """[Conformance1_2.txt, statement 14] "By default, SHALL pass on all key=value pairs in the
    query string of the request URI (if present) when redirecting." """
    for path in _paths(rice, stamp).values():
        location = machine.get(path, {"foo": "bar", "17": "261231"})["Location"]
        query = parse_qs(urlsplit(location).query)
        assert query["foo"] == ["bar"] and query["17"] == ["261231"]
    unknown = machine.get(f"/01/{rice.gtin}/21/ZZZZZZZZZZ1", {"foo": "bar"})["Location"]
    assert "foo=bar" in unknown


def test_statement_15_resolver_description_file(machine):
    """[Conformance1_2.txt, statement 15] "SHALL provide a resolver description file at
    /.well-known/gs1resolver." — valid against GS1's description-file schema (1.2.0)."""
    response = machine.get("/.well-known/gs1resolver")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    body = response.json()
    assert not list(_schema("description-file-schema.json").iter_errors(body))
    assert body["supportedPrimaryKeys"] == ["01"] and body["resolverRoot"] == BASE + "/"


def test_statement_16_gs1_web_vocabulary(machine, rice):
    """[Conformance1_2.txt, statement 16] "If supporting multiple links per identified item,
    SHALL recognise the GS1 Web vocabulary namespace, noting its change management practice. A
    resolver MAY recognise additional namespaces but link types defined elsewhere SHALL NOT
    duplicate link types available from GS1." The CURIE and both URI forms of a GS1 link type
    are one link type; every link type NSCL exposes is a GS1 one."""
    target = f"{BASE}/sp/{rice.gtin}/thu-hoi/"
    for spelled in ("gs1:recallStatus", "https://gs1.org/voc/recallStatus",
                    "https://ref.gs1.org/voc/recallStatus"):
        response = machine.get(f"/01/{rice.gtin}", {"linkType": spelled})
        assert response["Location"].split("?")[0] == target, spelled
    keys = {k for a in _linkset(machine, f"/01/{rice.gtin}")["linkset"] for k in a}
    assert {k for k in keys if k not in ("anchor", "itemDescription")} <= {
        VOC + t for t in ("pip", "certificationInfo", "recallStatus", "traceability",
                          "defaultLink")}
    description = machine.get("/.well-known/gs1resolver").json()
    assert description["supportedLinkType"] == [{"namespace": "https://gs1.org/voc/",
                                                 "prefix": "gs1:"}]


def test_statement_17_no_company_prefix_redirects(machine, db):
    """[Conformance1_2.txt, statement 17] "If supporting redirection based on an MO or Global
    Company Prefix with no further processing taking place on the resolver, redirections SHALL
    be annotated with the gs1:handledBy link type." NSCL resolves only the GTINs of its own
    registry: a GTIN it does not hold (any company prefix) is answered 404 here, never passed
    on to another resolver, so no answer needs gs1:handledBy."""
    for gtin in ("08935049500018", "09506000134352", "00012345678905"):
        response = machine.get(f"/01/{gtin}")
        assert response.status_code == 404 and "Location" not in response
        assert "handledBy" not in response.get("Link", "")


def test_statement_18_trailing_slash(machine, rice, stamp):
    """[Conformance1_2.txt, statement 18] "SHOULD tolerate trailing slashes at the end of GS1
    Digital Link URIs, i.e. the resolver SHOULD NOT fail if one is present." — the same status
    and target with and without it."""
    for path in _paths(rice, stamp).values():
        plain, slashed = machine.get(path), machine.get(path + "/")
        assert (plain.status_code, plain["Location"]) == (slashed.status_code,
                                                          slashed["Location"])


def test_gtin_8_12_13_are_answered_at_the_14_digit_uri(machine, rice):
    """GS1 Digital Link: a GTIN-13 (and -12, -8) in the path names the same item as its 14-digit
    form, and the answer (the linkset's anchor) is the canonical 14-digit URI."""
    thirteen = rice.gtin[1:]
    assert len(thirteen) == 13
    response = machine.get(f"/01/{thirteen}")
    assert response.status_code == 307
    assert machine.get(f"/01/{thirteen}?linkType=linkset").json()["linkset"][0]["anchor"] == \
        f"{BASE}/01/{rice.gtin}"
    eight = Product.objects.create(producer=rice.producer, place=rice.place, gtin="00000096385074",
                                   name="Kẹo dừa")
    assert machine.get("/01/96385074?linkType=linkset").json()["linkset"][0]["anchor"] == \
        f"{BASE}/01/{eight.gtin}"
    assert machine.get(f"/01/{eight.gtin[2:]}").status_code == 307  # as a GTIN-12

"""GS1 Digital Link request URIs as a resolver reads them (GS1 Digital Link URI syntax 1.x and
the GS1-Conformant resolver standard 1.2, §2 and §4.3.1).

A path is `/{primary key}/{value}` then key qualifiers in their fixed order, for a GTIN
`/22/{CPV}`, `/10/{lot}`, `/21/{serial}`; a trailing slash is tolerated. Values are checked
against the GS1 rules: a GTIN of 8, 12, 13 or 14 digits with its check digit (answered at its
14-digit form), lots and serials of 1–20 characters of GS1's 82-character set. Anything else is a
syntax error the resolver answers with 400. A compressed URI (GS1 Digital Link: Compression) is
decompressed first. This runs on every scan, so it is string work only.
"""

import re
from dataclasses import dataclass
from urllib.parse import unquote

from django.utils.translation import gettext as _

PRIMARY_KEYS = {"01", "00", "414", "417", "8003", "8004", "8018", "253", "255", "401", "402",
                "8006", "8010", "8013", "8017"}
GTIN_QUALIFIERS = ("22", "10", "21")  # in the order a path must give them
# GS1 AI encodable character set 82
CSET82 = re.compile(r"^[!\"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$")
COMPRESSED = re.compile(r"^[A-Za-z0-9_-]{10,}$")


class SyntaxProblem(ValueError):
    """The request URI is not a well-formed GS1 Digital Link URI (answered with 400)."""


@dataclass(frozen=True)
class Request:
    key: str
    value: str  # a GTIN always as 14 digits
    qualifiers: tuple[tuple[str, str], ...] = ()

    @property
    def gtin(self) -> str:
        return self.value if self.key == "01" else ""

    def qualifier(self, ai: str) -> str:
        for name, value in self.qualifiers:
            if name == ai:
                return value
        return ""

    @property
    def lot(self) -> str:
        return self.qualifier("10")

    @property
    def serial(self) -> str:
        return self.qualifier("21")

    def path(self, upto: str | None = None) -> str:
        """The canonical path, or that of a less granular level (`upto` the last AI kept)."""
        parts = [f"/{self.key}/{self.value}"]
        for name, value in self.qualifiers:
            parts.append(f"/{name}/{value}")
            if name == upto:
                break
        return "".join(parts) if upto != self.key else parts[0]


def check_digit(body: str) -> str:
    """GS1 mod-10 (weights 3, 1 from the right), as python-stdnum's `ean` computes it, in a few
    microseconds: it runs on every scan."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return str((10 - total % 10) % 10)


def gtin14(raw: str) -> str:
    if not raw.isascii() or not raw.isdigit() or len(raw) not in (8, 12, 13, 14):
        raise SyntaxProblem(_("GTIN “%(g)s” phải có 8, 12, 13 hoặc 14 chữ số.") % {"g": raw})
    if check_digit(raw[:-1]) != raw[-1]:
        raise SyntaxProblem(_("GTIN “%(g)s” sai chữ số kiểm tra.") % {"g": raw})
    return raw.zfill(14)


def parse(path: str) -> Request:
    """The Digital Link a request path names, or SyntaxProblem saying what is wrong."""
    segments = path.strip("/").split("/")
    if len(segments) % 2:
        raise SyntaxProblem(_("Đường dẫn phải gồm các cặp mã AI/giá trị."))
    key, value = segments[0], unquote(segments[1])
    if key not in PRIMARY_KEYS:
        raise SyntaxProblem(_("“%(k)s” không phải là khóa chính GS1.") % {"k": key})
    if key == "01":
        value = gtin14(value)
    elif not value or len(value) > 30:
        raise SyntaxProblem(_("Giá trị “%(v)s” của khóa %(k)s không hợp lệ.")
                            % {"v": value, "k": key})
    qualifiers, allowed = [], list(GTIN_QUALIFIERS) if key == "01" else []
    for ai, raw in zip(segments[2::2], segments[3::2], strict=True):
        if ai not in allowed:
            raise SyntaxProblem(_("“%(ai)s” không phải là mã định danh bổ sung hợp lệ ở vị trí "
                                  "này (sau khóa %(k)s: %(q)s).")
                                % {"ai": ai, "k": key,
                                   "q": ", ".join(GTIN_QUALIFIERS) or _("không có")})
        allowed = allowed[allowed.index(ai) + 1:]
        text = unquote(raw)
        if not CSET82.match(text):
            raise SyntaxProblem(_("Giá trị AI %(ai)s “%(t)s” phải có 1–20 ký tự thuộc bộ ký tự "
                                  "GS1 (chữ không dấu, chữ số, dấu câu cho phép).")
                                % {"ai": ai, "t": text})
        qualifiers.append((ai, text))
    return Request(key, value, tuple(qualifiers))


def decompress(segment: str) -> str | None:
    """The path of a compressed GS1 Digital Link URI (`/ARHKVAdpQg` → `/01/09780345418913`),
    or None when `segment` is not one."""
    if not COMPRESSED.match(segment):
        return None
    from gs1 import decompress_gs1_digital_link  # GS1's prototype, ported (gs1-compression)

    try:
        uncompressed = decompress_gs1_digital_link("https://x.invalid/" + segment, False)
    except Exception:  # the library raises bare exceptions of several kinds on bad input
        return None
    if not isinstance(uncompressed, str) or not uncompressed.startswith("https://x.invalid/"):
        return None
    return uncompressed[len("https://x.invalid"):]

"""Matching names of enterprises once diacritics and legal-form words are ignored:
"Công ty TNHH Gạo Sóc Trăng" and "CONG TY TRACH NHIEM HUU HAN GAO SOC TRANG" are one name."""

import re

from nscl.core.text import search_key

LEGAL_FORMS = [
    "cong ty trach nhiem huu han mot thanh vien", "cong ty trach nhiem huu han", "cong ty co phan",
    "cong ty tnhh mtv", "cong ty tnhh", "cong ty cp", "doanh nghiep tu nhan", "hop tac xa",
    "to hop tac", "ho kinh doanh", "trach nhiem huu han", "mot thanh vien", "co phan", "cong ty",
    "tnhh", "mtv", "dntn", "htx", "thk", "hkd", "co so",
]
_FORMS = re.compile(r"\b(" + "|".join(re.escape(f) for f in LEGAL_FORMS) + r")\b")


def name_key(name: str) -> str:
    """The comparable core of a name: folded, legal-form words and punctuation removed."""
    folded = re.sub(r"[^a-z0-9 ]", " ", search_key(name))
    return " ".join(_FORMS.sub(" ", folded).split())

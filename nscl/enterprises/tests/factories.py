"""A household business or an enterprise of a commune, registered through the registry's
service (so its login unit and name key are made as in production)."""

import itertools

from nscl.enterprises.choices import BeneficiaryKind
from nscl.enterprises.services import beneficiary_create

_numbers = itertools.count(1)
# valid 10-digit tax codes (check digit per rules.md) generated from a running number
WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


def tax_code(n: int) -> str:
    for base in itertools.count(n * 7919 % 10**9):
        digits = f"{base % 10**9:09d}"
        total = sum(int(d) * w for d, w in zip(digits, WEIGHTS, strict=True)) % 11
        if total not in (0, 1):  # check digit 10 - total must be one digit, 0 never valid
            return digits + str(10 - total)


def beneficiary(commune, *, kind: str = BeneficiaryKind.ENTERPRISE, name: str | None = None,
                **fields):
    n = next(_numbers)
    name = name or f"Công ty TNHH Thử Nghiệm Số {n}"
    code = tax_code(n) if kind != BeneficiaryKind.HOUSEHOLD else ""
    return beneficiary_create(actor=None, commune=commune, name=name, kind=kind, tax_code=code,
                              address=f"Số {n}, {commune.name}", **fields)

"""Stamp serials that cannot be guessed from any other.

Ten characters drawn with `secrets` from a 32-character alphabet without look-alikes (no I, L,
O, U; digits 0–9 and 22 letters), then one check character (Luhn mod 32), so a mistyped serial
is recognised as such. Serial space: 32^10 ≈ 1,13 × 10^15. With one million stamps issued for a
product, the chance that a guessed well-formed serial is a real one is 10^6 / 32^10 ≈ 8,9 × 10^-10
per try; a guess with a random check character is right one time in 32 on top of that.
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
BODY = 10
INDEX = {c: i for i, c in enumerate(ALPHABET)}


def check_character(body: str) -> str:
    """Luhn mod N over the alphabet (N = 32)."""
    n, total, factor = len(ALPHABET), 0, 2
    for char in reversed(body):
        addend = factor * INDEX[char]
        factor = 1 if factor == 2 else 2
        total += addend // n + addend % n
    return ALPHABET[(n - total % n) % n]


def is_well_formed(serial: str) -> bool:
    return (len(serial) == BODY + 1 and all(c in INDEX for c in serial)
            and check_character(serial[:-1]) == serial[-1])


def new_serials(count: int) -> list[str]:
    """`count` random serials (duplicates are possible in principle; the database refuses them)."""
    raw = secrets.token_bytes(count * BODY)
    serials = []
    for i in range(count):
        body = "".join(ALPHABET[b & 31] for b in raw[i * BODY:(i + 1) * BODY])
        serials.append(body + check_character(body))
    return serials

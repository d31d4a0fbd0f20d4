"""Check digits of the national id numbers whose formats are public.

A run of digits of the right length is an id number only when its check digit holds, which keeps
dates, grant numbers and counts from being flagged:

* **Aadhaar** (India): 12 digits, the first 2-9, Verhoeff check digit;
* **Israeli identity number** (Teudat Zehut): 9 digits, Luhn-like weights 1,2,1,2,...;
* **German tax id** (Steuerliche Identifikationsnummer): 11 digits, the first not 0, ISO 7064
  MOD 11,10 check digit.

Uganda's NIN and Tanzania's NIDA number have no published check digit; ``patterns`` matches them
by their fixed shapes.
"""

from __future__ import annotations

_VERHOEFF_D = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6], [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]]
_VERHOEFF_P = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2], [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8]]


def verhoeff_valid(digits: str) -> bool:
    """True when the last digit is the Verhoeff check digit of the others."""
    check = 0
    for i, ch in enumerate(reversed(digits)):
        check = _VERHOEFF_D[check][_VERHOEFF_P[i % 8][int(ch)]]
    return check == 0


def aadhaar_valid(digits: str) -> bool:
    return len(digits) == 12 and digits[0] not in "01" and verhoeff_valid(digits)


def israeli_id_valid(digits: str) -> bool:
    """The Teudat Zehut check: weights 1,2,1,2..., two-digit products summed, total % 10 == 0."""
    if len(digits) != 9 or set(digits) == {"0"}:
        return False
    total = 0
    for i, ch in enumerate(digits):
        product = int(ch) * (1 + i % 2)
        total += product - 9 if product > 9 else product
    return total % 10 == 0


def german_tax_id_valid(digits: str) -> bool:
    """ISO 7064 MOD 11,10 over the first ten digits; the first digit is never 0."""
    if len(digits) != 11 or digits[0] == "0":
        return False
    product = 10
    for ch in digits[:10]:
        total = (int(ch) + product) % 10 or 10
        product = (2 * total) % 11
    check = (11 - product) % 10
    return check == int(digits[10])

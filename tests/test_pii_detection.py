"""The PII scanner's newer detectors: phones of the UPSIDES countries in any digits, id numbers,
birth dates, Unicode emails, addresses and a site's roster of names. All values are synthetic."""

from __future__ import annotations

import pytest

from upsides_data.pii import find_pii, redact
from upsides_data.pii.checksums import aadhaar_valid, german_tax_id_valid, israeli_id_valid
from upsides_data.pii.digits import ascii_digits
from upsides_data.pii.names import roster_of


def kinds(text: str, region: str | None = None) -> list[tuple[str, str]]:
    return [(m.kind, m.text) for m in find_pii(text, region=region)]


@pytest.mark.parametrize("text, region, number", [
    ("Ruf an: +49 (731) 500-61234.", "DE", "+49 (731) 500-61234"),
    ("call 98765 43210 today", "IN", "98765 43210"),
    ("call 9876543210 today", "IN", "9876543210"),
    ("simu 0772123456 leo", "UG", "0772123456"),
    ("फ़ोन ९८७६५४३२१० पर", "IN", "९८७६५४३२१०"),
    ("رقم ٠٧٧٢١٢٣٤٥٦", "UG", "٠٧٧٢١٢٣٤٥٦"),
    ("電話 ０７７２１２３４５６", "UG", "０７７２１２３４５６"),
])
def test_phone_numbers_the_old_scanner_missed(text, region, number):
    assert ("phone", number) in kinds(text, region)


def test_digits_of_every_script_keep_their_offsets():
    text = "a ९८७ ٠٧ ０"
    assert ascii_digits(text) == "a 987 07 0"
    assert len(ascii_digits(text)) == len(text)


def test_an_email_with_a_unicode_local_part_is_removed_whole():
    new, _ = redact("Schreiben Sie jürgen.müller@example.org bitte.")
    assert new == "Schreiben Sie [email removed] bitte."


def _verhoeff_complete(body: str) -> str:
    return next(body + d for d in "0123456789" if aadhaar_valid(body + d))


def _israeli_complete(body: str) -> str:
    return next(body + d for d in "0123456789" if israeli_id_valid(body + d))


def test_national_ids_need_their_check_digit():
    aadhaar = _verhoeff_complete("23456789012")
    wrong = aadhaar[:-1] + str((int(aadhaar[-1]) + 1) % 10)
    spaced = f"{aadhaar[:4]} {aadhaar[4:8]} {aadhaar[8:]}"
    assert ("national-id", spaced) in kinds(f"Aadhaar {spaced}.", "IN")
    assert not aadhaar_valid(wrong)
    teudat = _israeli_complete("12345678")
    assert ("national-id", teudat) in kinds(f"ת.ז. {teudat}", "IL")
    assert german_tax_id_valid("86095742719")  # the Federal Central Tax Office's sample number
    assert not german_tax_id_valid("86095742718")


@pytest.mark.parametrize("text, date", [
    ("Sie ist am 14.03.1961 geboren", "14.03.1961"),
    ("geboren am 14.03.1961 in Ulm", "14.03.1961"),
    ("He was born on 3 March 1958.", "3 March 1958"),
    ("Alizaliwa mwaka 1975 Arusha.", "1975"),
    ("जन्म 12/05/1980 को", "12/05/1980"),
])
def test_birth_dates_in_context(text, date):
    found = [m.text for m in find_pii(text) if m.kind == "birth-date"]
    assert found == ([date] if date else [])


def test_dates_without_a_birth_word_are_not_flagged():
    assert kinds("The focus group met on 14.03.2019 with 12 people in 2019.") == []


@pytest.mark.parametrize("text, address", [
    ("wohnt in der Hauptstraße 5, Ulm", "Hauptstraße 5"),
    ("lives at 12 Kampala Road", "12 Kampala Road"),
    ("רחוב הרצל 12 בעיר", "רחוב הרצל 12"),
])
def test_street_addresses(text, address):
    assert address in [m.text for m in find_pii(text) if m.kind == "address"]


def test_roster_names_are_pseudonymised_consistently_inflected_and_folded():
    roster = roster_of(["Jürgen Müller", "Aisha Nakato"])
    new, matches = redact("Herr Mueller sagte: Jürgens Idee. JURGEN MULLER und aisha.",
                          roster=roster)
    assert new == "Herr [person-1] sagte: [person-1] Idee. [person-1] und [person-2]."
    assert {m.kind for m in matches} == {"name"}


def test_redaction_is_idempotent():
    roster = roster_of(["Jürgen Müller"])
    text = "Jürgen: +49 (731) 500-61234, geboren 1961, Hauptstraße 5."
    once, _ = redact(text, region="DE", roster=roster)
    assert redact(once, region="DE", roster=roster) == (once, [])


def test_scholarly_numbers_are_not_pii():
    text = ("doi 10.1186/s12888-022-04206-5, grant 01GY1234, 2019-11-14, "
            "ISBN 978-3-16-148410-0, 35 participants, 90 minutes")
    assert [k for k, _ in kinds(text, "DE") if k != "address"] == []

"""ISO 3166 countries and BCP 47 languages, from pycountry (the maintained ISO tables).

The schema types ``CountryCode`` (ISO 3166-1 alpha-2) and ``Bcp47Tag`` (a BCP 47 tag) only fix
the shape of a value; which codes exist is the ISO standards' business, so this module asks
pycountry instead of keeping lists by hand. Validation (``validate.rules``: ``country-unknown``,
``language-unknown``) and the RDF export (country and language IRIs of the EU authorities) use the
same two questions, so whatever validates also exports.
"""

from __future__ import annotations

from functools import cache

import pycountry


@cache
def country_alpha3(code: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of an alpha-2 code (``CO`` -> ``COL``); None when ISO has none.

    Only upper-case codes count: the schema's ``CountryCode`` is upper case."""
    if len(code) != 2 or not code.isascii() or not code.isupper():
        return None
    country = pycountry.countries.get(alpha_2=code)
    return None if country is None else str(country.alpha_3)


@cache
def language_alpha3(tag: str) -> str | None:
    """The ISO 639-3 code of a BCP 47 tag's primary subtag (``lg`` -> ``lug``, ``de-CH`` ->
    ``deu``); None when the primary subtag is not an ISO 639 language."""
    primary = tag.split("-", 1)[0].lower()
    if not primary.isascii() or not primary.isalpha():
        return None
    if len(primary) == 2:
        language = pycountry.languages.get(alpha_2=primary)
    elif len(primary) == 3:
        language = pycountry.languages.get(alpha_3=primary)
    else:
        return None
    return None if language is None else str(language.alpha_3)


def country_example() -> str:
    """A valid value for hints: an example of a code, never a pattern."""
    return "DE, UG, TZ, IL, IN or CO"


def language_example() -> str:
    return "en, de, sw, lg, he, gu or de-CH"

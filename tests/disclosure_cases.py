"""Identifying items planted in an otherwise valid site package, for the door tests (issue #17).

Every value here is invented and marked synthetic: phone numbers are libphonenumber's example
numbers or fictional ones in the UPSIDES countries' formats, emails use ``example.org``, the id
numbers are textbook examples whose check digits hold, the one name is on a synthetic roster.

``plant(tmp, access_level=...)`` writes one site package (``tmp/ulm``, its codebook in
``tmp/codebook``) carrying every item at once, each where a reader would find it, and returns the
``Item``s: what the validator must report for each (rule, file, field and, for text, the
character offset), and the strings that must reach no public output. Planting them all in one
package keeps the door tests fast (one run per door), while each item is still checked on its own
by its located finding.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from package_factory import edit_descriptor, make_codebook_package, make_site_package
from upsides_data.findings import Finding

Tables = dict[str, list[dict[str, Any]]]
ROSTER = ("Jürgen Müller",)  # synthetic: the site's roster, kept outside every package

# (name, text): each is planted in a quote's text; the validator must report it there.
TEXT_ITEMS = [
    ("phone-german-parentheses", "+49 (731) 500-61234"),
    ("phone-indian-international", "+91 98765 43210"),
    ("phone-ugandan-international", "+256 772 123456"),
    ("phone-german-national", "0731 50061234"),
    ("phone-devanagari-digits", "+४९ ७३१ ५००६१२३४"),
    ("phone-arabic-indic-digits", "+٤٩ ٧٣١ ٥٠٠٦١٢٣٤"),
    ("phone-fullwidth-digits", "０７３１ ５００６１２３４"),
    ("email-unicode-local-part", "jürgen.müller@example.org"),
    ("aadhaar-number", "Aadhaar 2341 2341 2346"),
    ("israeli-id-number", "ת.ז. 123456782"),
    ("birth-date", "geboren am 14.03.1961"),
    ("street-address", "wohnt Hauptstraße 5"),
    ("roster-name", "Herr Mueller sagte das"),
]
SEPARATOR = "; "
PREFIX = "Synthetic: "


@dataclass(frozen=True)
class Item:
    """One identifying item and where the validator must find it."""

    name: str
    rule: str
    file: str | None  # None: the descriptor
    field: str
    start: int | None = None  # for text: the item's first character in the cell
    secret: str | None = None  # a string no public output may hold
    in_text: bool = False  # carried by a quote's text (what every format keeps)

    def found_in(self, findings: Iterable[Finding]) -> bool:
        for f in findings:
            if f.rule != self.rule or (f.field or "") != self.field:
                continue
            if self.file is not None and f.file != self.file:
                continue
            if self.start is not None and f" at characters {self.start}-" not in f.message:
                continue
            return True
        return False


def quote_text() -> tuple[str, list[Item]]:
    """The planted quote text and an ``Item`` per text item (its offset in the text)."""
    text, items = PREFIX, []
    for i, (name, value) in enumerate(TEXT_ITEMS):
        start = len(text) + (value.index("Mueller") if name == "roster-name" else
                             value.index("2341") if name == "aadhaar-number" else
                             value.index("123456782") if name == "israeli-id-number" else
                             value.index("Haupt") if name == "street-address" else
                             value.index("14.") if name == "birth-date" else 0)
        items.append(Item(name, "disclosure-pii", "quote.csv", "text", start,
                          secret=value.split(" ", 1)[1] if name in ("aadhaar-number",
                                                                     "israeli-id-number")
                          else "Mueller" if name == "roster-name" else value, in_text=True))
        text += value + (SEPARATOR if i < len(TEXT_ITEMS) - 1 else ".")
    return text, items


IDENTIFIER = "upsides:ulm/juergen-mueller"  # a participant id built from a roster name


def _edit(t: Tables) -> None:
    t["quote"][1]["text"] = quote_text()[0]
    group = t["focus_group"][0]
    group.update(age_min=30, age_max=41, age_mean="36.2")  # exact ages in the aggregates
    t["participant"][2]["age_years"] = 41  # an exact age
    t["participant"][1]["years_experience"] = 20  # exact years of experience
    # the site's one diverse psychiatrist, whose quote is linked to them
    t["participant"][0].update(gender="diverse", profession="psychiatrist-physician")
    group.update(participant_count_female=2, participant_count_diverse=1)
    old = t["participant"][0]["id"]
    t["participant"][0]["id"] = IDENTIFIER  # an identifier holding a name
    for row in t["participant_focus_groups_attended"]:
        if row["participant"] == old:
            row["participant"] = IDENTIFIER
    t["quote"][0]["speaker"] = IDENTIFIER


def _descriptor(d: dict[str, Any]) -> None:
    d["title"] = "Synthetic interviews, call +49 731 500 61234"
    d["contributors"] = [{"title": "Jürgen Müller", "role": "author"}]
    d["upsides"]["merged_from"] = [{"name": "ulm", "title": "mail jürgen.müller@example.org"}]


STRUCTURAL = [
    Item("exact-age-in-group-aggregates", "disclosure-exact-age", "focus_group.csv", "age_min"),
    Item("exact-age-of-a-participant", "disclosure-exact-age", "participant.csv", "age_years"),
    Item("exact-years-of-experience", "disclosure-exact-value", "participant.csv",
         "years_experience"),
    Item("quote-linked-to-its-speaker", "disclosure-quote-speaker", "quote.csv", "speaker"),
    Item("unique-quasi-identifier-combination", "disclosure-k-anonymity", "participant.csv", ""),
    Item("small-gender-count", "disclosure-small-cell", "focus_group.csv",
         "participant_count_diverse"),
    Item("identifier-holding-a-name", "disclosure-pii", "participant.csv", "id",
         secret="juergen-mueller"),
    Item("descriptor-title-phone", "disclosure-pii", None, "datapackage.json:title",
         secret="500 61234"),
    Item("descriptor-contributor-name", "disclosure-pii", None,
         "datapackage.json:contributors[0]:title", secret="Jürgen Müller"),
    Item("descriptor-merged-from-email", "disclosure-pii", None,
         "datapackage.json:upsides:merged_from[0]:title", secret="müller@example"),
]


def plant(tmp: Path, *, access_level: str = "public") -> tuple[Path, list[Item]]:
    """The site package carrying every item (and its codebook beside it), and the items."""
    site = make_site_package(tmp, edit=_edit, access_level=access_level)
    edit_descriptor(site, _descriptor)
    return site, quote_text()[1] + STRUCTURAL


def plant_codebook(tmp: Path, *, access_level: str = "public") -> tuple[Path, list[Item]]:
    """A codebook package carrying the text items in a theme's description and the metadata
    items in its descriptor (a codebook holds no participants)."""
    text, items = quote_text()

    def edit(t: Tables) -> None:
        t["theme"][0]["description"] = text

    book = make_codebook_package(tmp, edit=edit, access_level=access_level)
    edit_descriptor(book, _descriptor)
    moved = [Item(i.name, i.rule, "theme.csv", "description", i.start, i.secret, True)
             for i in items]
    return book, moved + [i for i in STRUCTURAL if i.file is None]


def roster_file(tmp: Path) -> Path:
    """The site's roster, written beside (never inside) the packages."""
    path = tmp / "roster.txt"
    path.write_text("# synthetic roster\n" + "\n".join(ROSTER) + "\n", encoding="utf-8")
    return path


def secrets(items: Iterable[Item]) -> list[str]:
    return [i.secret for i in items if i.secret]

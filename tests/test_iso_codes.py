"""Countries and languages come from ISO's tables (pycountry), from validate to export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, URIRef

from package_factory import make_site_package
from upsides_data.codes import country_alpha3, language_alpha3
from upsides_data.rdf.export import to_rdf
from upsides_data.validate.runner import validate

Tables = dict[str, list[dict[str, Any]]]


def _country(code: str) -> Any:
    def edit(t: Tables) -> None:
        t["site"][0]["country"] = code
        for row in t["income_classification"]:
            row["country"] = code
    return edit


def _language(tag: str) -> Any:
    def edit(t: Tables) -> None:
        t["focus_group_languages"][0]["language"] = tag
    return edit


def test_every_iso_country_and_language_is_known() -> None:
    import pycountry

    assert all(country_alpha3(c.alpha_2) == c.alpha_3 for c in pycountry.countries)
    assert len(list(pycountry.countries)) >= 249
    assert [language_alpha3(t) for t in ("lg", "de-CH", "sw", "nyn", "zz", "x", "")] == [
        "lug", "deu", "swa", "nyn", None, None, None]
    assert [country_alpha3(c) for c in ("CO", "XX", "co", "COL")] == ["COL", None, None, None]


def test_a_site_in_colombia_validates_and_exports(tmp_path: Path) -> None:
    package = make_site_package(tmp_path, edit=_country("CO"))
    report = validate([package, tmp_path / "codebook"])
    assert report.valid, [f.to_dict() for f in report.errors]
    out = tmp_path / "co.ttl"
    to_rdf([package, tmp_path / "codebook"], out)
    graph = Graph().parse(out, format="turtle")
    colombia = URIRef("http://publications.europa.eu/resource/authority/country/COL")
    assert len(list(graph.subjects(None, colombia))) >= 2  # the site and its income classification


@pytest.mark.parametrize(("edit", "rule", "field"), [
    (_country("XX"), "country-unknown", "country"),
    (_language("zz"), "language-unknown", "language"),
])
def test_codes_iso_does_not_list_are_findings(tmp_path: Path, edit: Any, rule: str,
                                              field: str) -> None:
    package = make_site_package(tmp_path, edit=edit)
    found = [f for f in validate([package, tmp_path / "codebook"]).errors if f.rule == rule]
    assert found and all(f.field == field and f.row == 2 and f.hint for f in found)


def test_a_luganda_transcript_names_its_eu_language(tmp_path: Path) -> None:
    package = make_site_package(tmp_path, edit=_language("lg"))
    graph = Graph().parse(data=str(to_rdf([package, tmp_path / "codebook"])), format="turtle")
    luganda = URIRef("http://publications.europa.eu/resource/authority/language/LUG")
    assert (None, None, luganda) in graph

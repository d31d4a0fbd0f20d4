"""The disclosure model: every slot classified in the schema, read from the package profile."""

from __future__ import annotations

from upsides_data import disclosure_model as model
from upsides_data.resources import package_profile, table_schema

CATEGORIES = {"direct-identifier", "identifier", "quasi-identifier", "sensitive", "aggregate",
              "free-text", "none"}


def test_every_column_of_every_table_is_classified():
    for table in package_profile()["tables"]:
        columns = [f["name"] for f in table_schema(table)["fields"]]
        classified = model.categories(table)
        assert set(columns) == set(classified), table
        assert set(classified.values()) <= CATEGORIES, table


def test_the_participant_quasi_identifiers_come_from_the_schema():
    assert set(model.quasi_identifiers()) == {"site", "role", "gender", "age_band", "age_years",
                                              "profession", "years_experience"}
    assert model.sensitive_attributes() == ["prior_peer_support_experience"]


def test_exact_ages_and_experience_are_withheld_in_public():
    assert model.public_rules("participant") == {"age_years": "withheld",
                                                  "years_experience": "withheld"}
    assert model.generalised_to("participant") == {"age_years": "age_band"}
    rules = model.public_rules("focus_group")
    assert {rules[c] for c in ("age_min", "age_max", "age_mean")} == {"withheld"}
    assert rules["participant_count_female"] == "at-least-k"
    # a study's published aggregates are not withheld (docs/disclosure.md says why)
    assert "age_min" not in model.public_rules("study")


def test_identifiers_and_free_text_are_scanned():
    scanned = model.scanned_columns("quote")
    assert {"id", "speaker", "text", "original_text"} <= set(scanned)
    assert "start_offset" not in scanned

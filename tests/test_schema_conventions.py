"""The schema's conventions, as tests: descriptions, class URIs, enum meanings, prefixes,
versioning, no personal-data slots, scoped identifiers, and a clean ``linkml lint``."""

from __future__ import annotations

import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from linkml_runtime.dumpers import yaml_dumper
from linkml_runtime.utils.schemaview import SchemaView

from upsides_data.generate.artifacts import expanded_view

REPO = Path(__file__).resolve().parents[1]
ROOT = REPO / "schema" / "upsides.yaml"
# the console script installed beside the running interpreter (the generate extra), not a fixed .venv
LINKML = Path(sys.executable).with_name("linkml")
OURS = "https://w3id.org/upsides-data/schema"


@cache
def view() -> SchemaView:
    return expanded_view(ROOT)


def _ours(element) -> bool:
    return str(element.from_schema or OURS).startswith(OURS)


def test_schema_loads_with_every_module() -> None:
    raw = SchemaView(str(ROOT))
    assert set(raw.imports_closure()) >= {"core", "enums", "studies", "sites", "sessions",
                                          "people", "coding"}
    assert "Dataset" in view().all_classes()
    assert view().get_class("Dataset").tree_root


def test_schema_version_is_semver() -> None:
    assert re.fullmatch(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)", str(view().schema.version))


def test_every_class_has_description_and_class_uri() -> None:
    classes = [c for c in view().all_classes().values() if _ours(c)]
    assert len(classes) >= 20
    assert [c.name for c in classes if not (c.description or "").strip()] == []
    assert [c.name for c in classes if not c.class_uri] == []


def test_every_slot_has_a_description() -> None:
    slots = [s for s in view().all_slots().values() if _ours(s)]
    assert len(slots) >= 50
    assert [s.name for s in slots if not (s.description or "").strip()] == []


def test_every_enum_value_has_description_and_meaning() -> None:
    missing = []
    for enum in view().all_enums().values():
        assert (enum.description or "").strip(), enum.name
        for name, value in enum.permissible_values.items():
            if not (value.description or "").strip() or not value.meaning:
                missing.append(f"{enum.name}.{name}")
    assert missing == []


def test_standard_prefixes_are_declared_explicitly() -> None:
    prefixes = SchemaView(str(ROOT)).schema.prefixes
    expected = {
        "dcat": "http://www.w3.org/ns/dcat#",
        "dcterms": "http://purl.org/dc/terms/",
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "prov": "http://www.w3.org/ns/prov#",
        "oa": "http://www.w3.org/ns/oa#",
        "schema": "http://schema.org/",
        "foaf": "http://xmlns.com/foaf/0.1/",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "upsides": "https://w3id.org/upsides-data/id/",
        "uds": "https://w3id.org/upsides-data/schema/",
    }
    assert {k: prefixes[k].prefix_reference for k in expected if k in prefixes} == expected


PERSONAL = re.compile(r"(^|_)(name|first|given|surname|family|email|e_mail|mail|phone|telephone|"
                      r"mobile|address|street|postcode|zip|birth|birthday|dob|ssn|passport)(_|$)")
# A slot whose name looks personal but is not, and the only classes allowed to use it.
ALLOWED = {
    "name": {"Site"},  # the full name of a study site, never of a person
    "package_name": {"PackageSource"},  # the name of a data package
}


def test_no_slot_holds_personal_identifying_data() -> None:
    users: dict[str, set[str]] = {}
    for class_name in view().all_classes():
        for slot in view().class_induced_slots(class_name):
            users.setdefault(slot.name, set()).add(class_name)
    flagged = {s: users.get(s, set()) for s in view().all_slots() if PERSONAL.search(s)}
    assert {s: c for s, c in flagged.items() if ALLOWED.get(s) != c} == {}


@pytest.mark.parametrize("class_name", ["Participant", "Analyst"])
def test_people_have_no_name_or_contact_slots(class_name: str) -> None:
    slots = {s.name for s in view().class_induced_slots(class_name)}
    assert not [s for s in slots if re.search(r"name|mail|phone|address|birth", s)]
    model = __import__("upsides_data.datamodel.upsides", fromlist=[class_name])
    fields = set(getattr(model, class_name).model_fields)
    assert not [f for f in fields if re.search(r"name|mail|phone|address|birth", f)]


def test_identifier_pattern_requires_a_scope() -> None:
    pattern = view().induced_slot("id", "Site").pattern
    assert pattern, "structured_pattern was not expanded"
    good = ["upsides:ulm/site", "upsides:mhw-2019/theme-1", "upsides:worldbank/tz-fy2020",
            "upsides:bgu/q-97"]
    bad = ["ulm-site", "upsides:site", "upsides:/site", "upsides:Ulm/site", "upsides:ulm/",
           "other:ulm/site", "upsides:ulm/site one", "https://w3id.org/upsides-data/id/ulm/site",
           "upsides:-ulm/site", "upsides:ulm-/site"]
    assert [i for i in good if not re.fullmatch(pattern, i)] == []
    assert [i for i in bad if re.fullmatch(pattern, i)] == []
    from pydantic import ValidationError

    from upsides_data.datamodel.upsides import Site

    Site(id="upsides:ulm/site", label="Ulm", name="Ulm", country="DE")
    with pytest.raises(ValidationError, match="String should match pattern"):
        Site(id="ulm/site", label="Ulm", name="Ulm", country="DE")


def _lint(target: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LINKML), "lint", "--config", str(REPO / ".linkmllint.yaml"),
                           str(target)], capture_output=True, text=True, cwd=REPO, timeout=300)


def test_linkml_lint_is_clean_on_the_root_schema() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No problems found" in result.stdout
    assert not re.search(r"\b(warning|error)\b", result.stdout)


def test_linkml_lint_is_clean_on_every_module(tmp_path: Path) -> None:
    """Most lint rules look only at the linted file's own elements, so lint the merged schema."""
    merged = SchemaView(str(ROOT), merge_imports=True)
    merged.merge_imports()
    target = tmp_path / "upsides-merged.yaml"
    yaml_dumper.dump(merged.schema, str(target))
    result = _lint(target)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No problems found" in result.stdout
    assert not re.search(r"\b(warning|error)\b", result.stdout)

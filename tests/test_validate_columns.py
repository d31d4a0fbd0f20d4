"""The column engine (generated checks) and the models engine (rows into Pydantic) agree.

Mutated packages are made by code from the example packages: a seeded random generator picks,
for each kind of rule the models check (enum, pattern, range, required, type, an item of a
multivalued slot, a required column left out), a table, a row and a column, and writes a
breaking value. Two comparisons per package, on (rule, file, row, field) of every finding:

* layer 3 alone, given every row (as if layer 2 had let everything through): the generated
  expressions must say exactly what pydantic says, cell for cell;
* the whole ``validate`` with ``engine="columns"`` and ``engine="models"`` (on two packages of
  each kind: a whole run costs about two seconds, mostly layer 2, which both engines share).
"""

from __future__ import annotations

import random
import shutil
from collections import Counter
from pathlib import Path

import pytest

from package_factory import read_rows, _write_rows
from upsides_data.datamodel.columns import CLASSES
from upsides_data.package.reader import open_package
from upsides_data.resources import package_profile
from upsides_data.validate import columns, models
from upsides_data.validate.context import PackageContext
from upsides_data.validate.runner import validate
from upsides_data.validate.tables import load_frames

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "upsides-mhw-2019"
PACKAGES = ("ulm", "codebook")
KINDS = ("enum", "pattern", "range", "required", "type", "item", "missing-column")
PER_KIND = 8  # 7 kinds x 8 seeds = 56 mutated packages
BREAKING = {"enum": ["metropolis", "Female", "unknown value"],
            "pattern": ["not valid!", "2019-13-01", "ulm/q1", "x\ny", " DE"],
            "type": ["twelve", "1.5", "yes", "1e3"]}


def _class_tables(kind: str) -> dict[str, str]:
    """table -> class of the class tables a package of this kind holds."""
    return {t: i["class"] for t, i in package_profile()["tables"].items()
            if "link" not in i and kind in i["kinds"]}


def _link_tables(kind: str) -> dict[str, dict]:
    return {t: i["link"] for t, i in package_profile()["tables"].items()
            if "link" in i and kind in i["kinds"]}


def _targets(pkg: Path, kind: str, mutation: str) -> list[tuple[str, str, object]]:
    """(table, column, what to write) candidates for one kind of mutation in this package."""
    found = []
    for table, class_name in _class_tables(kind).items():
        if not (pkg / f"{table}.csv").is_file() or len(read_rows(pkg, table)) < 2:
            continue
        header = read_rows(pkg, table)[0]
        spec = CLASSES[class_name]
        for rule in spec.checks:
            if rule.slot in header and rule.rule == mutation:
                found.append((table, rule.slot, mutation))
        if mutation == "required":
            found += [(table, slot, "") for slot in spec.required if slot in header]
        if mutation == "type":
            found += [(table, slot, "type") for slot in spec.types if slot in header]
    if mutation == "item":  # items of a multivalued slot the model constrains (not references)
        for table, link in _link_tables(kind).items():
            spec = CLASSES[package_profile()["tables"][table]["class"]]
            if any(rule.slot == link["slot"] for rule in spec.checks) and \
                    (pkg / f"{table}.csv").is_file() and len(read_rows(pkg, table)) > 1:
                found.append((table, link["value"], "item"))
    return found


def _mutate(pkg: Path, kind: str, mutation: str, rng: random.Random) -> str:
    if mutation == "missing-column":
        table, column, _ = rng.choice(_targets(pkg, kind, "required"))
        rows = read_rows(pkg, table)
        at = rows[0].index(column)
        _write_rows(pkg, table, [r[:at] + r[at + 1:] for r in rows])
        return f"{table}: column {column} left out"
    table, column, what = rng.choice(_targets(pkg, kind, mutation))
    rows = read_rows(pkg, table)
    row = rng.randrange(1, len(rows))
    if what == "range":
        value = rng.choice(["-1", "-90", "-2000"])  # every bounded slot has a minimum of 0 or more
    elif what in ("item", "pattern", "enum", "type"):
        value = rng.choice(BREAKING.get(what, BREAKING["pattern"] + BREAKING["enum"]))
    else:
        value = what
    rows[row][rows[0].index(column)] = value
    _write_rows(pkg, table, rows)
    return f"{table} row {row + 1} {column} = {value!r}"


def _kind(package: str) -> str:
    return "site" if package == "ulm" else "codebook"


def _target_kind(mutation: str) -> str:
    return "required" if mutation == "missing-column" else mutation


def _keys(findings) -> list[tuple]:
    return sorted(Counter((f.rule, f.file, f.row, f.field) for f in findings).items(),
                  key=repr)


CASES = [(mutation, seed) for mutation in KINDS for seed in range(PER_KIND)]


@pytest.fixture(scope="module")
def mutated(tmp_path_factory) -> dict[tuple[str, int], tuple[Path, Path, str]]:
    built = {}
    for mutation, seed in CASES:
        base = tmp_path_factory.mktemp(f"{mutation}-{seed}")
        for name in PACKAGES:
            shutil.copytree(EXAMPLE / name, base / name)
        rng = random.Random(f"{mutation}-{seed}")
        usable = [name for name in PACKAGES
                  if _targets(base / name, _kind(name), _target_kind(mutation))]
        target = rng.choice(usable)
        kind = _kind(target)
        what = _mutate(base / target, kind, mutation, rng)
        built[(mutation, seed)] = (base / target, base / "codebook", what)
    return built


def test_enough_mutated_packages_of_every_kind():
    assert len(CASES) >= 50
    assert {m for m, _ in CASES} == set(KINDS)


@pytest.mark.parametrize("case", CASES, ids=[f"{m}-{s}" for m, s in CASES])
def test_layer3_engines_agree_on_every_row(mutated, case):
    pkg, _codebook, what = mutated[case]
    ctx = PackageContext(package=open_package(pkg))
    list(load_frames(ctx))
    by_models = _keys(models.check(ctx))
    by_columns = _keys(columns.check(ctx))
    assert by_columns == by_models, what
    if case[0] != "type":  # a cell of the wrong type reaches the models as null (layer 2 says it)
        assert by_models, f"the mutation {what} should break a model rule"


WHOLE = [(mutation, seed) for mutation, seed in CASES if seed < 2]  # whole runs cost ~2 s each


@pytest.mark.parametrize("case", WHOLE, ids=[f"{m}-{s}" for m, s in WHOLE])
def test_validate_gives_the_same_findings_with_either_engine(mutated, case):
    pkg, codebook, what = mutated[case]
    paths = [pkg] if pkg == codebook else [pkg, codebook]
    assert _keys(validate(paths, engine="columns").findings) == \
        _keys(validate(paths, engine="models").findings), what


def test_examples_pass_both_engines():
    paths = [EXAMPLE / name for name in PACKAGES]
    for engine in ("columns", "models"):
        assert validate(paths, engine=engine).valid, engine


def test_generated_checks_know_the_models_fields():
    """The generator asks the schema what gen-pydantic asked it: same fields, same required."""
    from upsides_data.datamodel import upsides as datamodel

    assert len(CLASSES) > 20
    for class_name, spec in CLASSES.items():
        fields = getattr(datamodel, class_name).model_fields
        assert set(spec.slots) == set(fields), class_name
        assert set(spec.required) == {n for n, f in fields.items() if f.is_required()}, class_name


def test_generated_enum_values_are_the_models():
    from enum import Enum

    from upsides_data.datamodel import upsides as datamodel
    from upsides_data.datamodel.columns import ENUMS

    assert ENUMS
    for name, values in ENUMS.items():
        model_enum = getattr(datamodel, name)
        assert issubclass(model_enum, Enum)
        assert values == tuple(member.value for member in model_enum), name


def _constraints(node, found: dict) -> dict:
    """Every pattern, bound and enum reference in a property of a model's JSON Schema."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "linkml_meta":
                continue
            if key in ("pattern", "minimum", "maximum"):
                found.setdefault(key, set()).add(value)
            elif key == "$ref":
                found.setdefault("enum", set()).add(value.rsplit("/", 1)[-1])
            else:
                _constraints(value, found)
    elif isinstance(node, list):
        for value in node:
            _constraints(value, found)
    return found


def test_generated_checks_cover_every_constraint_of_the_models():
    """Each pattern, bound and enum the models enforce has its generated check, and no more."""
    from upsides_data.datamodel import upsides as datamodel

    for class_name, spec in CLASSES.items():
        properties = getattr(datamodel, class_name).model_json_schema()["properties"]
        for slot, prop in properties.items():
            wanted = _constraints(prop, {})
            rules = {rule.rule for rule in spec.checks if rule.slot == slot}
            expected = ({"pattern"} if "pattern" in wanted else set()) | (
                {"range"} if {"minimum", "maximum"} & set(wanted) else set()) | (
                {"enum"} if "enum" in wanted else set())
            assert rules == expected, (class_name, slot, wanted)

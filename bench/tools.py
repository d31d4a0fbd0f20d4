"""The reference tools, each run as its own process by ``run.py``.

    tools.py frictionless PKG...      stock Frictionless on each package (foreign keys included)
    tools.py polars-read PKG...       read every CSV with polars and nothing else (the I/O floor)
    tools.py to-json PKG OUT.json     the package as one Dataset instance (input for LinkML tools)
    tools.py linkml-dump IN.json OUT  LinkML's generic rdflib dumper over gen-python dataclasses
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def frictionless_validate(paths: list[str]) -> int:
    from frictionless import validate

    ok = True
    for path in paths:
        report = validate(str(Path(path) / "datapackage.json"))
        ok = ok and report.valid
    return 0 if ok else 1


def polars_read(paths: list[str]) -> int:
    import polars as pl

    rows = 0
    for path in paths:
        for csv in sorted(Path(path).glob("*.csv")):
            rows += pl.read_csv(csv, infer_schema=False).height
    return 0 if rows >= 0 else 1


def to_json(package: str, out: str) -> int:
    """Class tables become lists of objects; link tables become list-valued slots."""
    from upsides_data.gateway import read_inputs
    from upsides_data.package.union import union_tables
    from upsides_data.resources import package_profile

    # not validated: the benchmark times the conversion alone
    read = read_inputs([package], validate=False, purpose="the JSON benchmark")
    tables = union_tables(read.packages, typed=True)
    profile = package_profile()["tables"]
    container_slot = {  # Dataset attribute of each class, from the generated JSON Schema
        name: prop for prop, spec in json.loads(
            (ROOT / "validators/jsonschema/upsides.schema.json").read_text())["properties"].items()
        if (name := spec.get("items", {}).get("$ref", "").rsplit("/", 1)[-1])}
    records: dict[str, dict[str, dict]] = {}
    for table, info in profile.items():
        if "link" in info:
            continue
        records[table] = {row["id"]: {k: v for k, v in row.items() if v is not None}
                          for row in tables[table].iter_rows(named=True)}
    for table, info in profile.items():
        link = info.get("link")
        if not link:
            continue
        owner_table = next(t for t, i in profile.items() if i["class"] == info["class"]
                           and "link" not in i)
        for row in tables[table].iter_rows(named=True):
            records[owner_table][row[link["owner"]]].setdefault(link["slot"], []).append(
                row[link["value"]])
    dataset = {container_slot[profile[t]["class"]]: list(rows.values())
               for t, rows in records.items() if rows}
    Path(out).write_text(json.dumps(dataset), encoding="utf-8")
    return 0


def linkml_dump(data: str, out: str) -> int:
    import importlib.util
    import subprocess

    from linkml_runtime.dumpers import rdflib_dumper
    from linkml_runtime.loaders import json_loader
    from linkml_runtime.utils.schemaview import SchemaView

    schema = ROOT / "validators" / "linkml" / "upsides.yaml"  # identifier patterns expanded
    with tempfile.TemporaryDirectory() as tmp:
        module_path = Path(tmp) / "upsides_dc.py"
        code = subprocess.run([str(Path(sys.executable).parent / "gen-python"), str(schema)],
                              check=True, capture_output=True, text=True).stdout
        module_path.write_text(code)
        spec = importlib.util.spec_from_file_location("upsides_dc", module_path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        dataset = json_loader.load(data, target_class=module.Dataset)
        graph = rdflib_dumper.as_rdf_graph(dataset, schemaview=SchemaView(str(schema)))
        graph.serialize(destination=out, format="turtle")
        Path(out + ".count").write_text(str(len(graph)))
    return 0


def main(argv: list[str]) -> int:
    command, args = argv[0], argv[1:]
    if command == "frictionless":
        return frictionless_validate(args)
    if command == "polars-read":
        return polars_read(args)
    if command == "to-json":
        return to_json(args[0], args[1])
    if command == "linkml-dump":
        return linkml_dump(args[0], args[1])
    raise SystemExit(f"unknown tool {command!r}")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

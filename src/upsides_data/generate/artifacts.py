"""Every generated artifact, produced in memory from the schema.

``render_all`` returns a mapping of repository-relative path to file content, so that
``make generate`` writes it and the drift test compares it, with one code path for both.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import warnings
from pathlib import Path
from typing import Any

from linkml_runtime.dumpers import yaml_dumper
from linkml_runtime.utils.schemaview import SchemaView

from upsides_data.generate import api_docs, cli_docs, columns, diagrams, examples, rules_docs, tableschema
from upsides_data.rdf.derive import rdf_terms

NOTICE = "Generated from schema/upsides.yaml by `make generate`; do not edit."


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _with_json_notice(text: str) -> str:
    data = json.loads(text)
    data["$comment"] = NOTICE
    return _json(data)


def expanded_view(schema_path: Path) -> SchemaView:
    """The schema with imports merged and structured patterns expanded into plain patterns."""
    view = SchemaView(str(schema_path), merge_imports=True)
    view.merge_imports()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        view.materialize_patterns()
    _push_type_patterns_to_slots(view)
    return SchemaView(view.schema)


def _push_type_patterns_to_slots(view: SchemaView) -> None:
    """Copy a type's pattern onto every slot of that range that has none of its own.

    gen-pydantic (linkml 1.12) enforces slot patterns but ignores patterns declared on types, so a
    ``PartialDate`` of "2019-13" would pass the models. Copying the pattern keeps the schema
    DRY (the pattern is written once, on the type) and makes every generator enforce it.
    """
    for type_name, type_def in view.all_types().items():
        if not type_def.pattern:
            continue
        for slot in view.schema.slots.values():
            if slot.range == type_name and not slot.pattern:
                slot.pattern = type_def.pattern
        for cls in view.schema.classes.values():
            for usage in (cls.slot_usage or {}).values():
                if usage.range == type_name and not usage.pattern:
                    usage.pattern = type_def.pattern


def _pattern_imports() -> list[Any]:
    from linkml.generators.pydanticgen.template import Import, ObjectImport

    return [Import(module="typing", objects=[ObjectImport(name="Annotated")]),
            Import(module="pydantic", objects=[ObjectImport(name="StringConstraints")])]


def _rust_pattern_generator(base: type) -> type:
    """gen-pydantic with slot patterns as type constraints checked by pydantic-core (Rust).

    gen-pydantic (linkml 1.12) turns each slot pattern into a Python ``field_validator`` that
    calls ``re.compile`` and loops in Python for every value; on a million rows that is most of
    the models layer's time. Here a patterned ``str`` becomes
    ``Annotated[str, StringConstraints(pattern=r"...")]`` (also inside ``list[...]``), which
    pydantic-core checks in Rust without entering Python. The validator tested with Python's
    ``re.search``, whose final ``$`` also matches before one trailing newline; Rust's ``$`` does
    not, so the final ``$`` is written ``\\n?$`` to keep exactly what the models accept (and what
    layer 2 accepts, as Frictionless does). A slot whose range is not a plain string, or whose
    pattern has another ``$`` or cannot sit in a raw string literal, keeps gen-pydantic's
    validator.
    """

    class RustPatternGenerator(base):  # type: ignore[misc]
        def after_generate_slot(self, slot: Any, sv: SchemaView) -> Any:
            attribute = slot.attribute
            pattern = attribute.pattern
            if pattern and attribute.range and re.search(r"\bstr\b", attribute.range) \
                    and '"' not in pattern and pattern.count("$") == 1 \
                    and pattern.endswith("$") and not pattern.endswith("\\$"):
                rust = pattern[:-1] + "\\n?$"
                constrained = f'Annotated[str, StringConstraints(pattern=r"{rust}")]'
                attribute.range = re.sub(r"\bstr\b", lambda _m: constrained, attribute.range,
                                         count=1)
                attribute.pattern = None  # no Python field_validator
            return super().after_generate_slot(slot, sv)

    return RustPatternGenerator


SHACL = "validators/shacl/upsides.shacl.ttl"
GEN_SHACL = "validators/linkml/upsides.gen-shacl.ttl"


def _linkml_outputs(merged_yaml: str) -> dict[str, str]:
    from linkml.generators.jsonldcontextgen import ContextGenerator
    from linkml.generators.jsonschemagen import JsonSchemaGenerator
    from linkml.generators.owlgen import OwlSchemaGenerator
    from linkml.generators.pydanticgen import PydanticGenerator
    from linkml.generators.shaclgen import ShaclGenerator

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pydantic = _rust_pattern_generator(PydanticGenerator)(
            merged_yaml, imports=_pattern_imports()).serialize()
        jsonschema = JsonSchemaGenerator(merged_yaml, top_class="Dataset").serialize()
        shacl = ShaclGenerator(merged_yaml).serialize()
        context = ContextGenerator(merged_yaml).serialize()
        owl = OwlSchemaGenerator(
            merged_yaml,
            skip_vacuous_min_zero_cardinality_axioms=True,
            skip_vacuous_local_range_axioms=True,
            consolidate_cardinality_axioms=True,
        ).serialize()
    return {
        "src/upsides_data/datamodel/upsides.py": f"# {NOTICE}\n# ruff: noqa\n" + pydantic,
        "validators/jsonschema/upsides.schema.json": _with_json_notice(jsonschema),
        SHACL: f"# {NOTICE}\n" + shacl,
        "src/upsides_data/datamodel/upsides.context.jsonld": _with_json_notice(context),
        "src/upsides_data/datamodel/upsides.owl.ttl": f"# {NOTICE}\n" + owl,
    }


def _markdown_docs(merged_yaml: str) -> dict[str, str]:
    from linkml.generators.docgen import DocGenerator

    with tempfile.TemporaryDirectory() as out:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            DocGenerator(merged_yaml, mergeimports=True).serialize(directory=out)
        files = {}
        for path in sorted(Path(out).rglob("*.md")):
            rel = path.relative_to(out).as_posix()
            body = _static_diagram(path.read_text(encoding="utf-8"), path.stem)
            # The notice goes after gen-doc's YAML front matter, or the front matter shows as text.
            head, sep, rest = body.partition("\n---\n") if body.startswith("---\n") else ("", "", body)
            files[f"docs/schema/{rel}"] = f"{head}{sep}<!-- {NOTICE} -->\n{rest}"
    return files


_MERMAID = re.compile(r"^```mermaid\n.*?^```\n", re.S | re.M)


def _static_diagram(body: str, class_name: str) -> str:
    """Swap gen-doc's Mermaid block for the pre-rendered SVG of the class (see ``diagrams``).

    Mermaid needs JavaScript fetched from a CDN at view time; the SVG shows offline too.
    """
    image = f"![Class diagram of {class_name}](diagrams/{class_name}.svg)\n"
    return _MERMAID.sub(lambda _match: image, body, count=1)


def _svg_diagrams(view: SchemaView) -> dict[str, str]:
    return {f"docs/schema/diagrams/{name}.svg": svg.replace("<defs>", f"<!-- {NOTICE} -->\n<defs>", 1)
            for name, svg in diagrams.class_diagrams(view).items()}


def render_all(schema_path: Path) -> dict[str, str]:
    """Every generated file, keyed by path relative to the repository root."""
    view = expanded_view(schema_path)
    merged_text = yaml_dumper.dumps(view.schema)
    with tempfile.TemporaryDirectory() as tmp:
        merged = os.path.join(tmp, "upsides.yaml")
        Path(merged).write_text(merged_text, encoding="utf-8")
        files = _linkml_outputs(merged)
        files.update(_markdown_docs(merged))
    files.update(_svg_diagrams(view))
    files["docs/cli.md"] = cli_docs.render(NOTICE)
    files["docs/validation-rules.md"] = rules_docs.render(NOTICE)
    files["docs/api.md"] = api_docs.render(NOTICE)
    # Generators record the path they read (gen-pydantic's ``source_file``); the merged schema
    # lives in a random temporary folder, so name the root schema instead to stay deterministic.
    files = {rel: text.replace(merged, "schema/upsides.yaml") for rel, text in files.items()}
    # The merged, expanded schema: what `linkml-validate` needs, since it does not expand
    # structured patterns itself (with schema/upsides.yaml every identifier fails).
    files["validators/linkml/upsides.yaml"] = f"# {NOTICE}\n" + re.sub(
        r"^source_file: .*$", "source_file: schema/upsides.yaml", merged_text, flags=re.M)
    for table, schema in tableschema.table_schemas(view).items():
        schema["$comment"] = NOTICE
        files[f"validators/tableschema/{table}.json"] = _json(schema)
    profile = tableschema.package_profile(view)
    profile["$comment"] = NOTICE
    files["validators/package-profile.json"] = _json(profile)
    files["src/upsides_data/datamodel/columns.py"] = columns.render(view, NOTICE)
    files["validators/field-examples.json"] = _json({"$comment": NOTICE,
                                                     **examples.field_examples(view)})
    terms = rdf_terms(view, set(profile["package_kinds"]["consortium"]))
    files["src/upsides_data/datamodel/rdf-terms.json"] = _json({"$comment": NOTICE, **terms})
    # The shipped shapes accept the library's own RDF export: gen-shacl's shapes plus the export's
    # extensions, built from the terms generated just above.
    from upsides_data.rdf import shacl
    from upsides_data.rdf.terms import generating

    files[GEN_SHACL] = files[SHACL]
    with generating(terms):
        files[SHACL] = f"# {NOTICE} gen-shacl's shapes adjusted for the RDF export by " \
            "upsides_data.rdf.shacl (docs/rdf.md, Conformance).\n" + \
            shacl.export_shapes_text(files[GEN_SHACL])
    return files


GENERATED_DIRS = (
    "validators/linkml",
    "validators/tableschema",
    "validators/jsonschema",
    "validators/shacl",
    "docs/schema",
)

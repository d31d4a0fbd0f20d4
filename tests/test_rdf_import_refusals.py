"""import rdf fails closed: no public-by-default, no blank nodes, no ill-typed literals, no
foreign IRIs, no record dropped silently, nothing written that would not validate."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from upsides_data.cli import main
from upsides_data.errors import InvalidInputError, UnreadableInputError
from upsides_data.limits import MAX_RDF_LITERAL_CHARS
from upsides_data.rdf.export import to_rdf
from upsides_data.rdf.importer import from_rdf
from upsides_data.synth import synthesize

ID = "https://w3id.org/upsides-data/id/"
UDS = "https://w3id.org/upsides-data/schema/"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> str:
    tmp = tmp_path_factory.mktemp("rdfin")
    corpus = synthesize(tmp / "synth", sites=1, quotes=4, seed=9)
    return to_rdf(corpus, tmp / "all.nt", format="ntriples").read_text(encoding="utf-8")


def _import(text: str, tmp_path: Path) -> list[Path]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    source = tmp_path / "in.nt"
    source.write_text(text, encoding="utf-8")
    return from_rdf(source, tmp_path / "out")


def _refused(text: str, tmp_path: Path) -> list:
    with pytest.raises(UnreadableInputError) as caught:
        _import(text, tmp_path)
    assert not (tmp_path / "out").exists()
    return caught.value.findings


def test_the_unchanged_export_imports(exported: str, tmp_path: Path) -> None:
    assert len(_import(exported, tmp_path)) == 2


def test_missing_access_rights_import_as_restricted(repo_root: Path, tmp_path: Path) -> None:
    examples = repo_root / "examples" / "upsides-mhw-2019"
    public = to_rdf([examples / "ulm", examples / "codebook"], tmp_path / "public.nt",
                    format="ntriples").read_text(encoding="utf-8")
    assert {_access(p) for p in _import(public, tmp_path / "a")} == {"public"}
    lines = [line for line in public.splitlines(keepends=True)
             if not ("/package/" in line.split(" ", 1)[0] and "accessRights" in line)]
    assert {_access(p) for p in _import("".join(lines), tmp_path / "b")} == {"restricted"}


def _access(package: Path) -> str:
    return json.loads((package / "datapackage.json").read_text())["upsides"]["access_level"]


def test_a_literal_of_the_wrong_datatype_names_subject_and_predicate(exported: str,
                                                                      tmp_path: Path) -> None:
    line = next(l for l in exported.splitlines() if XSD_INTEGER in l)
    subject, predicate = re.findall(r"<([^>]+)>", line)[:2]
    bad = exported.replace(line, line.replace(re.search(r'"\d+"', line).group(), '"sixty"'))
    [finding] = _refused(bad, tmp_path)
    assert finding.rule == "rdf-literal-datatype"
    assert subject in finding.message and predicate in finding.message and "sixty" in finding.message


def test_a_plain_literal_where_an_integer_is_expected_is_refused(exported: str,
                                                                 tmp_path: Path) -> None:
    bad = re.sub(r'"(\d+)"\^\^<' + re.escape(XSD_INTEGER) + ">", r'"\1"', exported, count=1)
    assert [f.rule for f in _refused(bad, tmp_path)] == ["rdf-literal-datatype"]


def test_blank_node_records_are_refused(exported: str, tmp_path: Path) -> None:
    quote = re.search(r"<(" + re.escape(ID) + r"s01/q\w+)>", exported).group(1)
    bad = exported.replace(f"<{quote}>", "_:q1")
    rules = {f.rule for f in _refused(bad, tmp_path)}
    assert rules == {"rdf-blank-node"}


def test_iris_outside_the_namespace_are_refused(exported: str, tmp_path: Path) -> None:
    quote = re.search(r"<(" + re.escape(ID) + r"s01/q\w+)>", exported).group(1)
    bad = exported.replace(f"<{quote}>", "<http://elsewhere.example/q1>")
    findings = _refused(bad, tmp_path)
    assert {f.rule for f in findings} == {"rdf-iri-outside-namespace"}
    assert all("http://elsewhere.example/q1" in f.message for f in findings)


def test_a_relabelled_package_kind_drops_no_record_silently(exported: str,
                                                            tmp_path: Path) -> None:
    bad = exported.replace(f"<{UDS}SitePackage>", f"<{UDS}CodebookPackage>")
    findings = _refused(bad, tmp_path)
    assert findings and {f.rule for f in findings} == {"rdf-record-dropped"}
    quotes = set(re.findall(r"<(" + re.escape(ID) + r"s01/q\w+)> <" + re.escape(
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), exported))
    assert quotes and quotes <= {f.message.split(">", 1)[0].lstrip("<") for f in findings}


@pytest.mark.parametrize("size", [MAX_RDF_LITERAL_CHARS + 1, 50 * 1024**2])
def test_a_literal_over_the_limit_is_refused(exported: str, tmp_path: Path, size: int,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    # past 16 MiB pyoxigraph's own parser gives up (MemoryError): that is a finding too
    line = next(l for l in exported.splitlines() if "/schema/text>" in l or "#text>" in l)
    before, after = exported.split(line + "\n", 1)
    source = tmp_path / "big.nt"
    with open(source, "w", encoding="utf-8") as handle:  # in pieces: no 50 MB string in memory
        handle.write(before + line.split('"', 1)[0] + '"')
        for start in range(0, size, 1 << 20):
            handle.write("a" * min(1 << 20, size - start))
        handle.write('" .\n' + after)
    assert main(["import", "rdf", str(source), "-o", str(tmp_path / "out")]) == 2
    out, err = capsys.readouterr()
    assert "rdf-literal-too-large" in out and "internal error" not in err
    assert not (tmp_path / "out").exists()


def test_output_that_would_not_validate_is_not_written(exported: str, tmp_path: Path) -> None:
    bad = re.sub(r'(<http://purl.org/dc/terms/date> )"[0-9-]+"', r'\1"not a date"', exported,
                 count=1)
    assert bad != exported
    with pytest.raises(InvalidInputError) as caught:
        _import(bad, tmp_path)
    assert caught.value.exit_code == 1 and caught.value.report.errors
    assert not (tmp_path / "out").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["in.nt"]  # no staging folder left behind


@pytest.mark.parametrize("suffix", [".jsonld", ".ttl"])
def test_deeply_nested_rdf_is_refused_without_a_crash(tmp_path: Path, suffix: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    levels = 200_000
    if suffix == ".jsonld":
        text = '{"@id": "http://e/s", "http://e/p": ' + "[" * levels + "]" * levels + "}"
    else:
        text = "<http://e/s> <http://e/p> " + "[ <http://e/p> " * levels + "1" + " ]" * levels + " ."
    source = tmp_path / f"deep{suffix}"
    source.write_text(text, encoding="utf-8")
    assert main(["import", "rdf", str(source), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err
    assert not (tmp_path / "out").exists()


def test_force_never_replaces_the_folder_holding_the_input(exported: str, tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    source = folder / "f.nt"
    source.write_text(exported, encoding="utf-8")
    assert main(["import", "rdf", str(source), "-o", str(folder), "--force"]) == 2
    assert source.read_text(encoding="utf-8") == exported

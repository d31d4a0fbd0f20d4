"""Packaging: the runtime install holds only what the library imports, every import is declared,
the version is written once, the constraints files agree with pyproject.toml, and the built wheel
installed into a clean venv validates the bundled examples from outside the repository."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import subprocess
import sys
import time
import tomllib
import zipfile
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

import upsides_data

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src" / "upsides_data"
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
RUNTIME = [Requirement(r) for r in PYPROJECT["project"]["dependencies"]]
EXTRAS = {name: [Requirement(r) for r in reqs]
          for name, reqs in PYPROJECT["project"]["optional-dependencies"].items()}
# Modules of an extra the library may import, and the only places it may: behind
# upsides_data.extras.require (the generate package checks on import; shacl.validate on call).
EXTRA_MODULES = {"linkml": "generate", "linkml_runtime": "generate", "babel": "generate",
                 "pyshacl": "shacl", "starlette": "studio", "uvicorn": "studio",
                 "python_multipart": "studio", "jinja2": "studio"}
EXTRA_PLACES = {"generate": ("generate/",), "shacl": ("rdf/shacl.py",), "studio": ("studio/",)}


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version
    return pins


def _imports() -> dict[str, set[str]]:
    """Top-level module imported -> the src files importing it (relative to src/upsides_data)."""
    found: dict[str, set[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(path.relative_to(SRC).as_posix())
        for call in ast.walk(tree):  # require("pyshacl", extra=...) imports by name
            if (isinstance(call, ast.Call) and getattr(call.func, "id", None) == "require"
                    and call.args and isinstance(call.args[0], ast.Constant)):
                top = str(call.args[0].value).split(".")[0]
                found.setdefault(top, set()).add(path.relative_to(SRC).as_posix())
    return found


def _third_party() -> dict[str, set[str]]:
    return {module: files for module, files in _imports().items()
            if module not in sys.stdlib_module_names and module not in {"upsides_data",
                                                                         "__future__"}}


def test_every_runtime_import_is_a_declared_runtime_dependency() -> None:
    distributions = importlib.metadata.packages_distributions()
    declared = {canonicalize_name(r.name) for r in RUNTIME}
    third_party = _third_party()
    assert {"polars", "pydantic", "rdflib", "typer"} <= set(third_party)  # the walk found imports
    undeclared = {}
    for module, files in sorted(third_party.items()):
        if module in EXTRA_MODULES:
            places = EXTRA_PLACES[EXTRA_MODULES[module]]
            stray = sorted(f for f in files if not f.startswith(places))
            assert stray == [], f"{module} (extra {EXTRA_MODULES[module]}) imported in {stray}"
            continue
        dists = {canonicalize_name(d) for d in distributions.get(module, [module])}
        if not dists & declared:
            undeclared[module] = sorted(files)
    assert undeclared == {}, "imported but not a runtime dependency in pyproject.toml"


def test_every_runtime_dependency_is_imported() -> None:
    """A runtime dependency nothing imports (pyarrow once) only makes the install heavier."""
    distributions = importlib.metadata.packages_distributions()
    imported = {canonicalize_name(d) for module in _third_party()
                for d in distributions.get(module, [module])}
    unused = sorted(r.name for r in RUNTIME if canonicalize_name(r.name) not in imported)
    assert unused == []


def test_the_generator_toolchain_is_not_a_runtime_dependency() -> None:
    runtime = {canonicalize_name(r.name) for r in RUNTIME}
    assert not runtime & {"linkml", "linkml-runtime", "pyshacl", "xmlschema", "pyarrow",
                          "pytest", "mkdocs"}
    assert {canonicalize_name(r.name) for r in EXTRAS["generate"]} == {"linkml", "linkml-runtime",
                                                                      "babel"}


def test_the_version_is_written_once() -> None:
    assert "version" not in PYPROJECT["project"] and "version" in PYPROJECT["project"]["dynamic"]
    assert PYPROJECT["tool"]["hatch"]["version"]["path"] == "src/upsides_data/__about__.py"
    assert upsides_data.__version__ == importlib.metadata.version("upsides-data")
    assignments = sorted(p.relative_to(SRC).as_posix() for p in SRC.rglob("*.py")
                         if re.search(r"^__version__\s*=", p.read_text(encoding="utf-8"), re.M))
    assert assignments == ["__about__.py"]
    citation = (REPO / "CITATION.cff").read_text(encoding="utf-8")
    assert re.search(r'^version: "([^"]+)"$', citation, re.M).group(1) == upsides_data.__version__


def test_license_file_matches_the_metadata() -> None:
    assert PYPROJECT["project"]["license"] == "MIT"
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    assert "license: MIT" in (REPO / "CITATION.cff").read_text(encoding="utf-8")
    assert PYPROJECT["project"]["urls"]


def test_lower_bounds_file_pins_each_runtime_bound() -> None:
    bounds = {}
    for requirement in RUNTIME:
        [spec] = requirement.specifier  # one lower bound each, tested by `make lower-bounds`
        assert spec.operator == ">=", requirement
        bounds[canonicalize_name(requirement.name)] = Version(spec.version)
    pinned = {name: Version(v) for name, v in _pins(REPO / "constraints" / "lower-bounds.txt").items()}
    assert pinned == bounds


def test_lock_pins_every_declared_dependency_within_its_range() -> None:
    lock = _pins(REPO / "constraints" / "lock.txt")
    assert "upsides-data" not in lock
    everything = RUNTIME + [r for reqs in EXTRAS.values() for r in reqs]
    for requirement in everything:
        name = canonicalize_name(requirement.name)
        if name == "upsides-data":  # an extra naming another extra
            continue
        assert name in lock, f"{name} is not in constraints/lock.txt: run `make lock`"
        assert requirement.specifier.contains(lock[name], prereleases=True), (requirement,
                                                                              lock[name])


def test_wheel_installs_into_a_clean_venv_and_validates_the_examples(
        built_wheel: Path, runtime_wheelhouse: Path, tmp_path: Path) -> None:
    """The slim install, offline from the wheelhouse, run from a folder outside the repository:
    the examples validate, and the generator says which extra it needs."""
    started = time.monotonic()
    venv = tmp_path / "clean"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-index", "--find-links",
         str(runtime_wheelhouse), str(built_wheel)],
        capture_output=True, text=True, timeout=600)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    install_seconds = time.monotonic() - started

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    examples = sorted((REPO / "examples" / "upsides-mhw-2019").glob("*/datapackage.json"))
    assert len(examples) == 7
    validated = subprocess.run([str(venv / "bin" / "upsides"), "validate", *map(str, examples)],
                               cwd=elsewhere, capture_output=True, text=True, timeout=300)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert validated.stdout.startswith("VALID: ") and "(0 errors, 0 warnings)" in validated.stdout

    frozen = subprocess.run([str(python), "-m", "pip", "list", "--format=freeze"], capture_output=True, text=True,
                            check=True, timeout=120).stdout
    names = {canonicalize_name(line.split("==")[0]) for line in frozen.splitlines() if "==" in line}
    assert "upsides-data" in names
    assert not names & {"linkml", "linkml-runtime", "pyshacl", "sqlalchemy", "sphinx", "pyarrow"}

    generate = subprocess.run([str(python), "-m", "upsides_data.generate"], cwd=elsewhere,
                              capture_output=True, text=True, timeout=120)
    assert generate.returncode != 0
    assert "pip install 'upsides-data[generate]'" in generate.stderr
    assert list(elsewhere.iterdir()) == []  # validate wrote nothing beside it
    _a_site_ships_a_package_with_no_clone(venv, tmp_path / "site")
    print(f"clean venv: {len(names)} distributions installed offline in {install_seconds:.1f} s")

    # `upsides demo` outside the repository finds the examples the wheel ships
    demo = subprocess.run([str(venv / "bin" / "upsides"), "demo", "-o", "demo"], cwd=elsewhere,
                          capture_output=True, text=True, timeout=600)
    assert demo.returncode == 0, demo.stdout + demo.stderr
    assert "-> demo/upsides-consortium: valid" in demo.stdout
    assert (elsewhere / "demo" / "report" / "report.html").is_file()


def _a_site_ships_a_package_with_no_clone(venv: Path, folder: Path) -> None:
    """In an empty folder, with only the installed wheel: init, template --from, fill, pack,
    validate (the shipped income table and the schema's examples come with the wheel)."""
    folder.mkdir()
    upsides = str(venv / "bin" / "upsides")

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([upsides, *argv], cwd=folder, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, (argv, done.stdout, done.stderr)
        return done

    run("init", "--study", "mhw-2019", "--site", "demo", "--label", "Demo", "--country", "UG",
        "--fiscal-year", "2020", "-o", "start")
    assert "upsides:worldbank/UG-FY2020" in (folder / "start" / "site_participation.csv").read_text()
    run("template", "--from", "start", "-o", "demo.xlsx")
    run("template", "--kind", "codebook", "-o", "codebook.ods")
    fill = (
        "from openpyxl import load_workbook\n"
        "book = load_workbook('demo.xlsx')\n"
        "names = [c.value for c in book['focus_group'][1]]\n"
        "row = {'id': 'upsides:demo/fg-1', 'study': 'upsides:mhw-2019/study',"
        " 'site': 'upsides:demo/site', 'population': 'MHW', 'participant_count': 6.0,"
        " 'synthetic': 'TRUE'}\n"
        "book['focus_group'].append([row.get(n) for n in names])\n"
        "book.save('demo.xlsx')\n")
    filled = subprocess.run([str(venv / "bin" / "python"), "-c", fill], cwd=folder,
                            capture_output=True, text=True, timeout=120)
    assert filled.returncode == 0, filled.stderr
    assert run("validate", "demo.xlsx").stdout.startswith("VALID: demo.xlsx")
    run("pack", "demo.xlsx", "-o", "demo")
    assert run("validate", "demo").stdout.startswith("VALID: demo (0 errors")
    assert sorted(p.name for p in folder.iterdir()) == [
        "codebook.ods", "demo", "demo.xlsx", "start"]


def test_the_distributions_build_and_pass_twine_check(tmp_path: Path) -> None:
    """Release-ready: `python -m build` makes the sdist and the wheel (offline, with the build
    backend of the test extra), and `twine check --strict` finds their metadata complete."""
    out = tmp_path / "dist"
    built = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir",
                            str(out), str(REPO)], capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    files = sorted(p.name for p in out.iterdir())
    assert [f.rsplit("-", 1)[0] if f.endswith(".tar.gz") else f.split("-")[0] for f in files] \
        == ["upsides_data", "upsides_data"], files
    checked = subprocess.run([sys.executable, "-m", "twine", "check", "--strict",
                              *map(str, sorted(out.iterdir()))],
                             capture_output=True, text=True, timeout=300)
    assert checked.returncode == 0 and checked.stdout.count("PASSED") == 2, checked.stdout
    with zipfile.ZipFile(next(out.glob("*.whl"))) as wheel:
        names = set(wheel.namelist())
    assert "upsides_data/sites/data/world-bank-income.csv" in names
    assert "upsides_data/_data/validators/field-examples.json" in names

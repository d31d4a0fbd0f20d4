"""Start-up imports only what a command needs (structural, never timed: speed lives in bench/).

``upsides --help`` must not load the data stack at all, and validating a small package must not
load the RDF, LinkML, stock Frictionless or Pydantic-model stacks it does not use (the column
engine is the default). Each case runs in a fresh interpreter and reports ``sys.modules``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "upsides-mhw-2019"
HEAVY = {"linkml", "linkml_runtime", "rdflib", "pyoxigraph", "frictionless", "pyshacl", "lxml"}

_CHILD = """
import json, sys
from upsides_data.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
loaded = sorted({m.split(".")[0] for m in sys.modules} | {m for m in sys.modules
                                                          if m.startswith("upsides_data")})
print("\\n@@" + json.dumps({"code": code, "modules": loaded}))
"""


def _loaded(*args: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", _CHILD, *args], capture_output=True,
                          text=True, timeout=300, check=False)
    result = json.loads(done.stdout.rsplit("\n@@", 1)[1])
    assert result["code"] in (0, None), done.stderr
    return set(result["modules"])


def test_help_loads_no_data_stack():
    loaded = _loaded("--help")
    assert "upsides_data.cli" in loaded  # the probe sees what it should
    assert loaded & (HEAVY | {"polars", "pydantic", "duckdb", "numpy", "pandas"}) == set()
    layers = {f"upsides_data.validate.{m}" for m in ("runner", "shape", "tables", "columns",
                                                      "models", "rules", "disclosure")}
    assert loaded & layers == set()


@pytest.mark.parametrize("command", ["validate", "merge", "report", "anonymise"])
def test_command_help_loads_no_data_stack(command):
    loaded = _loaded(command, "--help")
    assert loaded & (HEAVY | {"polars", "numpy", "pandas"}) == set(), command


def test_validate_of_a_small_package_loads_only_what_it_uses():
    loaded = _loaded("validate", str(EXAMPLE / "ulm"), str(EXAMPLE / "codebook"))
    assert {"polars", "upsides_data.validate.columns"} <= loaded
    assert loaded & HEAVY == set()
    assert "upsides_data.datamodel.upsides" not in loaded  # the models engine is not the default

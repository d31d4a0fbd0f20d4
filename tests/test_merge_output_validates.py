"""Property: merge never writes a consortium that does not validate.

Hypothesis draws any set of packages of a small synthetic corpus, closed or not (a site package
without its codebook package leaves dangling references), and may corrupt one input (a ragged
row, a reference to nothing). Whatever it draws, merge either writes a consortium that passes
``upsides validate`` or refuses with findings and writes nothing.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import package_factory as pf
from merge_strategies import PackageSpec, any_sets, write_spec
from upsides_data.errors import ConflictError, InvalidInputError
from upsides_data.merge import merge
from upsides_data.validate.runner import validate

SETTINGS = settings(max_examples=8, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])
_ROOT = Path(tempfile.mkdtemp(prefix="upsides-merge-valid-"))
CORRUPTIONS = ("none", "ragged", "dangling")


def _corrupt(package: Path, how: str) -> None:
    if how == "ragged":
        pf.rewrite_text(package, "site", lambda text: text.rstrip("\n") + ",an,extra,cell\n")
    elif how == "dangling":
        pf.set_cell(package, "focus_group", 2, "site", "upsides:nowhere/site")


@SETTINGS
@given(specs=any_sets(), corruption=st.sampled_from(CORRUPTIONS), data=st.data())
def test_merge_output_always_validates(specs: list[PackageSpec], corruption: str,
                                       data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for spec in specs:  # copies: a corruption must not reach the shared package cache
            source = write_spec(_ROOT, spec)
            paths.append(Path(shutil.copytree(source, Path(tmp) / "in" / spec.folder)))
        sites = [p for p, s in zip(paths, specs) if "-s0" in s.base]
        if corruption != "none" and sites:
            _corrupt(data.draw(st.sampled_from(sites)), corruption)
        out = Path(tmp) / "consortium"
        try:
            merge(paths, out)
        except InvalidInputError as refused:  # the inputs do not validate
            assert refused.report.errors and not out.exists()
            return
        except ConflictError as refused:  # the inputs disagree
            assert refused.findings and not out.exists()
            return
        report = validate([out])
        assert report.valid, [(f.rule, f.file, f.message) for f in report.errors][:5]


def teardown_module() -> None:
    shutil.rmtree(_ROOT, ignore_errors=True)

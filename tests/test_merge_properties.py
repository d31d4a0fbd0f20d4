"""Hypothesis properties of merge over generated packages: order-free, idempotent, associative,
lossless. Outputs are compared byte for byte."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from merge_strategies import PackageSpec, closed_sets, package_sets, tree_bytes, write_spec
from upsides_data.merge import merge, split

SETTINGS = settings(max_examples=4, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])
_ROOT = Path(tempfile.mkdtemp(prefix="upsides-merge-props-"))  # packages, reused across examples


def _paths(specs: list[PackageSpec]) -> list[Path]:
    return [write_spec(_ROOT / "packages", s) for s in specs]


def _merged(paths: list[Path], out: Path) -> dict[str, bytes]:
    result = merge(paths, out)
    assert result.ok, [f.message for f in result.report.findings]
    return tree_bytes(out)


@SETTINGS
@given(specs=package_sets(min_size=2), data=st.data())
def test_order_of_inputs_does_not_matter(specs: list[PackageSpec], data: st.DataObject) -> None:
    paths = _paths(specs)
    shuffled = data.draw(st.permutations(paths))
    with tempfile.TemporaryDirectory() as tmp:
        assert _merged(paths, Path(tmp) / "a") == _merged(shuffled, Path(tmp) / "b")


@SETTINGS
@given(specs=package_sets(), data=st.data())
def test_merge_is_idempotent(specs: list[PackageSpec], data: st.DataObject) -> None:
    paths = _paths(specs)
    again = data.draw(st.lists(st.sampled_from(paths), min_size=1))
    with tempfile.TemporaryDirectory() as tmp:
        once = _merged(paths, Path(tmp) / "once")
        assert _merged(paths + again, Path(tmp) / "twice") == once
        # merging the consortium again with some of its own inputs changes nothing either
        assert _merged([Path(tmp) / "once", *again], Path(tmp) / "mixed") == once


@SETTINGS
@given(sets=closed_sets(min_size=3), data=st.data())
def test_merge_is_associative(sets: tuple[list[PackageSpec], list[PackageSpec]],
                              data: st.DataObject) -> None:
    """merge(A + B) == merge(merge(A), B), where A is closed (a consortium must validate, so a
    partial one cannot be written) and B holds the extras and some of A again."""
    closed, extras = sets
    left = data.draw(st.permutations(_paths(closed)))
    right = _paths(extras) + data.draw(st.lists(st.sampled_from(left), max_size=2))
    with tempfile.TemporaryDirectory() as tmp:
        whole = _merged(left + right, Path(tmp) / "whole")
        _merged(left, Path(tmp) / "left")
        assert _merged([Path(tmp) / "left", *right], Path(tmp) / "l") == whole


@SETTINGS
@given(specs=package_sets())
def test_split_gives_back_the_inputs(specs: list[PackageSpec]) -> None:
    paths = _paths(specs)
    with tempfile.TemporaryDirectory() as tmp:
        _merged(paths, Path(tmp) / "merged")
        written = split(Path(tmp) / "merged", Path(tmp) / "split")
        assert len(written) == len(paths)
        originals = {tree_bytes(p)["datapackage.json"]: tree_bytes(p) for p in paths}
        for folder in written:
            got = tree_bytes(folder)
            assert got == originals[got["datapackage.json"]]


def teardown_module() -> None:
    shutil.rmtree(_ROOT, ignore_errors=True)

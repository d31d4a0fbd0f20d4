"""The public API: plain functions and classes in ``__all__``, the same objects however used.

``validate`` and ``merge`` share their names with subpackages and ``anonymise`` once did with a
module; Python binds a submodule on its parent at first import, which used to turn the function
into a module (``anonymise`` failed on its second call). Each check runs in a fresh interpreter so
that what was imported before cannot hide the problem.
"""

from __future__ import annotations

import inspect
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import upsides_data
from package_factory import make_site_package


def _fresh(code: str, cwd: Path) -> str:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=cwd,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_all_lists_only_functions_and_classes_that_exist() -> None:
    names = [n for n in upsides_data.__all__ if n != "__version__"]
    assert len(names) >= 20 and len(set(names)) == len(names)
    for name in names:
        value = getattr(upsides_data, name)
        assert inspect.isfunction(value) or inspect.isclass(value), name
        assert value.__doc__, f"{name} has no docstring"


def test_public_names_stay_functions_after_their_modules_are_imported(tmp_path: Path) -> None:
    out = _fresh("""
        import inspect
        import upsides_data
        first = {name: getattr(upsides_data, name) for name in upsides_data.__all__}
        import upsides_data.validate.runner, upsides_data.validate.rules
        import upsides_data.merge.engine, upsides_data.merge.splitting
        import upsides_data.anonymisation
        from upsides_data.merge import merge, split
        for name, value in first.items():
            assert getattr(upsides_data, name) is value, name
        assert merge is upsides_data.merge and split is upsides_data.split
        print(sorted(n for n, v in first.items() if inspect.isfunction(v)))
        """, tmp_path)
    assert "'anonymise', " in out and "'merge', " in out and "'validate', " in out


def test_submodules_imported_first_do_not_hide_the_functions(tmp_path: Path) -> None:
    _fresh("""
        import upsides_data.validate.runner
        import upsides_data.merge.engine
        import upsides_data.anonymisation
        import inspect, upsides_data
        for name in ("validate", "merge", "split", "anonymise"):
            assert inspect.isfunction(getattr(upsides_data, name)), name
        """, tmp_path)


def test_anonymise_works_twice_in_one_process(tmp_path: Path) -> None:
    source = make_site_package(tmp_path, access_level="restricted")
    logs = [upsides_data.anonymise(source, tmp_path / f"public-{i}") for i in (1, 2)]
    assert [log.target for log in logs] == [logs[0].target] * 2
    assert (tmp_path / "public-2" / "datapackage.json").is_file()
    assert upsides_data.validate(tmp_path / "public-2").valid


def test_wrong_argument_types_are_usage_errors(tmp_path: Path) -> None:
    from upsides_data.errors import UpsidesError, UsageError

    calls = [
        lambda: upsides_data.validate(123),  # type: ignore[arg-type]
        lambda: upsides_data.merge(123, tmp_path / "m"),  # type: ignore[arg-type]
        lambda: upsides_data.merge([tmp_path], 5),  # type: ignore[arg-type]
        lambda: upsides_data.load(None),  # type: ignore[arg-type]
        lambda: upsides_data.export_rdf([b"x"], tmp_path / "x.ttl"),  # type: ignore[list-item]
        lambda: upsides_data.write_report(5, tmp_path / "r"),  # type: ignore[arg-type]
        lambda: upsides_data.anonymise(tmp_path, tmp_path / "p", k="3"),  # type: ignore[arg-type]
        lambda: upsides_data.query({"a": 1}, "ASK {}"),  # type: ignore[arg-type]
        lambda: upsides_data.export_rdf(tmp_path, tmp_path / "x.ttl", format="rdfa"),
    ]
    for call in calls:
        with pytest.raises(UsageError) as caught:
            call()
        assert isinstance(caught.value, UpsidesError) and caught.value.exit_code == 2
        assert caught.value.findings and caught.value.findings[0].hint
    assert list(tmp_path.iterdir()) == []


def test_old_argument_names_and_functions_warn_and_still_work(tmp_path: Path) -> None:
    source = make_site_package(tmp_path, access_level="restricted")
    codebook = tmp_path / "codebook"
    with pytest.warns(DeprecationWarning, match="'target' is now called 'out'"):
        upsides_data.anonymise(source, target=tmp_path / "public", overwrite=False)
    with pytest.warns(DeprecationWarning, match="to_rdf"):
        text = upsides_data.to_rdf([source, codebook], format="nt")
    assert text == upsides_data.rdf_text([source, codebook], format="ntriples")
    with pytest.warns(DeprecationWarning, match="k_anonymity"):
        assert upsides_data.validate([source, codebook], k_anonymity=2).valid
    written = upsides_data.export_rdf([source, codebook], tmp_path / "site.nt")
    with pytest.warns(DeprecationWarning, match="import_rdf"):
        folders = upsides_data.from_rdf(written, out_dir=tmp_path / "back")
    assert len(folders) == 2
    from upsides_data.errors import UsageError

    with pytest.raises(UsageError, match="not also"):
        upsides_data.write_report([codebook], tmp_path / "r", out_dir=tmp_path / "r2")

"""The Python API reference page (``docs/api.md``), written from the docstrings themselves.

It walks ``upsides_data.__all__``: each function with its signature and docstring, each class
with its public methods and properties. ``make generate`` writes it and the drift test fails
until it is rewritten, so the page cannot fall behind the code (no mkdocstrings: the docs build
stays offline and needs no import of the package at build time).
"""

from __future__ import annotations

import inspect
from typing import Any

INTRO = """\
Everything below is importable from `upsides_data` (its `__all__`) and loaded on first use, so
`import upsides_data` stays fast. Every name is a plain function or class, the same object
however often it is used. Errors are `upsides_data.errors.UpsidesError` and its subclasses,
each with the CLI exit code it maps to ([CLI reference](cli.md#exit-codes)); wrong argument
types raise `UsageError` with a message, never a bare `TypeError`.

Names follow one pattern: the first argument is what is read (`paths`, `source`), `out` is what
is written, `force=True` replaces an existing `out` (without it, `OutputError`), `validate=False`
reads drafts and says so in the output. Results are dataclasses (`MergeResult`, `AnonymiseLog`,
`ExportResult`, `ImportResult`) or `Report` (findings).
"""


def _doc(obj: Any) -> str:
    return inspect.getdoc(obj) or "(no docstring)"


def _signature(name: str, obj: Any) -> str:
    try:
        return f"{name}{inspect.signature(obj)}"
    except (TypeError, ValueError):
        return name


def _members(cls: type) -> list[str]:
    lines: list[str] = []
    for name, member in sorted(vars(cls).items()):
        if name.startswith("_"):
            continue
        if isinstance(member, property):
            lines += [f"#### `{cls.__name__}.{name}` (property)", "", _doc(member.fget), ""]
        elif inspect.isfunction(member) or isinstance(member, (staticmethod, classmethod)):
            function = member.__func__ if isinstance(member, (staticmethod, classmethod)) else member
            lines += [f"#### `{cls.__name__}.{name}`", "", "```python",
                      _signature(name, function), "```", "", _doc(function), ""]
    return lines


def render(notice: str) -> str:
    """The Markdown of the API reference, headed by the generated-file ``notice``."""
    import upsides_data

    lines = [f"<!-- {notice} Written from the docstrings of upsides_data.__all__ "
             "(src/upsides_data/generate/api_docs.py). -->", "# Python API reference", "", INTRO]
    names = [name for name in upsides_data.__all__ if name != "__version__"]
    functions = [n for n in names if inspect.isfunction(getattr(upsides_data, n))]
    classes = [n for n in names if inspect.isclass(getattr(upsides_data, n))]
    lines += ["## Functions", ""]
    for name in functions:
        obj = getattr(upsides_data, name)
        lines += [f"### `{name}`", "", "```python", _signature(name, obj), "```", "", _doc(obj), ""]
    lines += ["## Classes", ""]
    for name in classes:
        cls = getattr(upsides_data, name)
        lines += [f"### `{name}`", "", _doc(cls), ""] + _members(cls)
    return "\n".join(lines).rstrip("\n") + "\n"

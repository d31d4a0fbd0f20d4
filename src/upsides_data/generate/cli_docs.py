"""The CLI reference page (``docs/cli.md``), written from the command line itself.

The page walks the Click commands behind the Typer app, so a new option or command shows up in
the reference the next time ``make generate`` runs, and the drift test fails until it does: the
reference cannot fall behind the CLI.
"""

from __future__ import annotations

import inspect
from enum import Enum

from typing import Any

import typer

from upsides_data.generate import cli_refusals

# Typer (0.20+) bundles its own copy of Click, so the walk below relies on Click's documented
# attributes (``commands``, ``param_type_name``, ``choices``) rather than on isinstance checks.
Command = Any

SOURCE = "This page is written from the `upsides` command line itself (src/upsides_data/cli)."


def _type_name(param: Any) -> str:
    """A short type word from Typer's description of the parameter's annotation."""
    desc = getattr(param, "type_descriptor", None)
    if getattr(param, "is_flag", False):
        return "flag"
    if desc is None:
        return "text"
    if desc.is_choice and desc.choices:
        return "|".join(str(getattr(c, "value", c)) for c in desc.choices)
    annotation = desc.annotation
    inner = getattr(annotation, "__args__", None)
    base = inner[0] if desc.is_list and inner else annotation
    if isinstance(base, type) and issubclass(base, Enum):
        word = "|".join(str(member.value) for member in base)
    else:
        word = {"Path": "path", "int": "integer", "str": "text", "float": "number"}.get(
            getattr(base, "__name__", str(base)), getattr(base, "__name__", str(base)))
    bounds = []
    if getattr(param, "min", None) is not None:
        bounds.append(f">= {param.min}")
    if getattr(param, "max", None) is not None:
        bounds.append(f"<= {param.max}")
    if bounds:
        word += f" ({', '.join(bounds)})"
    return word + (", repeatable" if desc.is_list and param.param_type_name == "option" else "")


def _default(param: Any) -> str:
    if getattr(param, "is_flag", False) or param.required:
        return ""
    default = param.default
    if default is None or default == () or default == [] or callable(default):
        return ""
    return f"`{getattr(default, 'value', default)}`"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _params_table(command: Command) -> list[str]:
    arguments = [p for p in command.params if p.param_type_name == "argument"]
    options = [p for p in command.params if p.param_type_name == "option" and p.name != "help"]
    lines: list[str] = []
    if arguments:
        lines += ["**Arguments**", "", "| argument | type | required | description |",
                  "| --- | --- | --- | --- |"]
        for arg in arguments:
            many = "..." if arg.nargs == -1 else ""
            lines.append(f"| `{arg.name.upper()}{many}` | {_type_name(arg)} | "
                         f"{'yes' if arg.required else 'no'} | "
                         f"{_cell(getattr(arg, 'help', '') or '')} |")
        lines.append("")
    if options:
        lines += ["**Options**", "", "| option | type | default | description |",
                  "| --- | --- | --- | --- |"]
        for opt in options:
            names = ", ".join(f"`{o}`" for o in [*opt.opts, *opt.secondary_opts])
            required = " (required)" if opt.required else ""
            lines.append(f"| {names} | {_type_name(opt)} | {_default(opt)} | "
                         f"{_cell(opt.help or '')}{required} |")
        lines.append("")
    return lines


def _section(command: Command, path: list[str], parent: Any) -> list[str]:
    ctx = command.context_class(command, info_name=path[-1], parent=parent)
    title = " ".join(path)
    help_text = inspect.cleandoc(command.help or "")
    lines = [f"{'#' * min(len(path), 3)} `{title}`", ""]
    if help_text:
        lines += [help_text, ""]
    usage = command.get_usage(ctx).replace("Usage: ", "", 1)
    lines += ["```text", usage, "```", ""]
    lines += _params_table(command)
    if hasattr(command, "commands"):
        for name in sorted(command.commands):
            sub = command.commands[name]
            if not sub.hidden:
                lines += _section(sub, [*path, name], ctx)
    return lines


def render(notice: str, app: typer.Typer | None = None) -> str:
    """The Markdown of the CLI reference, headed by the generated-file ``notice``."""
    if app is None:
        from upsides_data.cli import app as cli_app
        app = cli_app
    root = typer.main.get_command(app)
    ctx = root.context_class(root, info_name="upsides")
    lines = [f"<!-- {notice} {SOURCE} -->", "# CLI reference", "",
             inspect.cleandoc(root.help or ""), "",
             "Exit codes: `0` success or valid, `1` invalid data, `2` usage error, unreadable "
             "input or an output that cannot be written (details below). Run "
             "`upsides COMMAND --help` for the same text in the terminal.", ""]
    lines += cli_refusals.render()
    for name in sorted(root.commands):
        command = root.commands[name]
        if not command.hidden:
            lines += _section(command, ["upsides", name], ctx)
    return "\n".join(lines).rstrip("\n") + "\n"

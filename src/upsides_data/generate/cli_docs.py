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

from upsides_data.cli.examples import EXAMPLES, strip_examples
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
            if getattr(opt, "hidden", False):
                continue
            names = ", ".join(f"`{o}`" for o in [*opt.opts, *opt.secondary_opts])
            required = " (required)" if opt.required else ""
            lines.append(f"| {names} | {_type_name(opt)} | {_default(opt)} | "
                         f"{_cell(opt.help or '')}{required} |")
        lines.append("")
    return lines


def _section(command: Command, path: list[str], parent: Any) -> list[str]:
    ctx = command.context_class(command, info_name=path[-1], parent=parent)
    title = " ".join(path)
    help_text = strip_examples(inspect.cleandoc(command.help or ""))
    lines = [f"{'#' * min(len(path), 3)} `{title}`", ""]
    if help_text:
        lines += [help_text, ""]
    usage = command.get_usage(ctx).replace("Usage: ", "", 1)
    lines += ["```text", usage, "```", ""]
    examples = EXAMPLES.get(" ".join(path[1:]))
    if examples:
        lines += ["**Examples**", "", "```sh", *examples, "```", ""]
    lines += _params_table(command)
    limits = inspect.cleandoc(command.epilog or "").removeprefix("Limits and refusals:").strip()
    if limits:  # a command's epilog says what it refuses and where it stops (docs/cli.md)
        lines += ["**Limits and refusals**", "", limits, ""]
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
             "Exit codes: see [Exit codes](#exit-codes). Run `upsides COMMAND --help` for the "
             "same text in the terminal.", ""]
    lines += ["## Options of `upsides` itself", "", "```text", "upsides --version",
              "upsides --install-completion   # bash, zsh, fish or PowerShell, detected",
              "upsides --show-completion bash # print the script instead", "```", ""]
    lines += _params_table(root)
    lines += cli_refusals.render() + _output_policy() + _limits()
    commands: dict[str, Any] = getattr(root, "commands", {})  # the root is a Click group
    for name in sorted(commands):
        command = commands[name]
        if not command.hidden:
            lines += _section(command, ["upsides", name], ctx)
    return "\n".join(lines).rstrip("\n") + "\n"


OUTPUT_POLICY = """\
Every command that writes (`merge`, `split`, `report`, `anonymise`, `synth`, `demo`, `export`,
`import`) writes through one output writer (`upsides_data.output`), so `-o/--out` and `--force`
mean the same everywhere:

- `-o OUT` names the file or folder to write. Without `--force` an existing OUT is refused
  (`output-exists`); with `--force` it is replaced as a whole, in one rename, once the new output is
  complete. `anonymise` still accepts its old spellings `--output` and `--overwrite`.
- OUT may never be, hold or sit inside an input, symlinks resolved; devices, FIFOs and symlinked
  targets are never written, even with `--force`.
- The output is built beside OUT under a hidden temporary name, `.OUT.upsides-tmp-PID-RANDOM`,
  and renamed into place only when complete. On an error, Ctrl-C or SIGTERM the temporary is
  removed and OUT is as it was. After `kill -9` (which no program can clean up after) the
  temporary stays until the next command that writes into the same folder: it removes every
  such temporary whose process is no longer running.
- A read-only folder, a full disk and the file size limit (`ulimit -f`) are findings (exit 2);
  nothing is left behind.
- Outputs in several parts (import qdpx's site and codebook packages, anonymise's package and
  its log) appear together or not at all: each part is staged beside its target and the parts
  are renamed one after another; a failed rename takes the earlier ones back. Only a `kill -9`
  or power loss in the microseconds between two renames can leave the first part in place.
- Names from the data never become paths unchecked: `split` and `import rdf` refuse a package
  name that is not a plain folder name (`output-unsafe-name`) instead of rewriting it.

Each refusal is a finding with one of these rule codes:
"""


def _output_policy() -> list[str]:
    from upsides_data.output import RULES

    lines = ["## Outputs: -o and --force", "", OUTPUT_POLICY.rstrip("\n"), "",
             "| rule | refused when | what to do |", "| --- | --- | --- |"]
    lines += [f"| `{code}` | {_cell(when)} | {_cell(hint)} |"
              for code, (when, hint) in RULES.items()]
    return lines + [""]
def _limits() -> list[str]:
    """The limits every command keeps (``cli.refusals``); each command adds its own below."""
    from upsides_data.cli.refusals import INTERRUPT, LIMITS

    lines = ["## Limits and refusals", "",
             "Bad input ends in a finding and a documented exit code, never in exit 3 (which is "
             "kept for bugs). Each command's section below says what it refuses.", "",
             "| limit | value | applies to |", "| --- | --- | --- |"]
    lines += [f"| {name} | {value} | {where} |" for name, value, where in LIMITS]
    return lines + ["", INTERRUPT, ""]

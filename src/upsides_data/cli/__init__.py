"""The ``upsides`` command line: parsing and rendering only; all work happens in the library.

Each command group lives in its own module with a ``register(app)`` function, listed in
``COMMAND_MODULES``. Errors the library raises on purpose (``UpsidesError``) become a message on
stderr and exit code 2; nothing shows a traceback.
"""

from __future__ import annotations

import os
import signal
import sys
from contextlib import contextmanager
from typing import Iterator


def _interrupted_while_starting(signum: int, frame: object) -> None:
    """Ctrl-C while the command modules load: one line and exit 130, as ``main`` gives later.

    A ``KeyboardInterrupt`` raised inside some module's import ends in a traceback before
    ``run`` could catch it, and an exception raised here can land where Python ignores it (a
    weakref callback of the import system), so this handler ends the process itself; nothing
    has been written yet. It is in place only until the app is built.
    """
    sys.stderr.write("interrupted\n")
    sys.stderr.flush()
    os._exit(130)


try:
    _HANDLER_BEFORE = signal.signal(signal.SIGINT, _interrupted_while_starting)
except ValueError:  # imported from a thread other than the main one: nothing to guard
    _HANDLER_BEFORE = None

import importlib  # noqa: E402 - after the start-up handler, on purpose

import typer  # noqa: E402

from upsides_data.errors import UpsidesError  # noqa: E402

from upsides_data.exit_codes import EXIT_CODES as _EXIT_CODES  # noqa: E402

# Shown under ``upsides --help``: the table docs/cli.md is generated from, so both say the same.
EXIT_CODES = "Exit codes: " + "; ".join(f"{code}: {meaning}" for code, meaning in _EXIT_CODES)

COMMAND_MODULES = [
    "upsides_data.cli.info",
    "upsides_data.cli.instances",
    "upsides_data.cli.validate",
    "upsides_data.cli.anonymise",
    "upsides_data.cli.synth",
    "upsides_data.cli.report",
    "upsides_data.cli.merge",
    "upsides_data.cli.rdf",
    "upsides_data.cli.qda",
    "upsides_data.cli.demo",
    "upsides_data.cli.agreement",
    "upsides_data.cli.codebook",
    "upsides_data.cli.publish",
    "upsides_data.cli.migrate",
    "upsides_data.cli.sites",
    "upsides_data.cli.studio",
]

app = typer.Typer(
    name="upsides",
    help="Validate, merge, export and report on UPSIDES qualitative research data packages.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion for bash, zsh, fish, PowerShell
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        from upsides_data import __version__
        from upsides_data.resources import standard_version

        typer.echo(f"upsides-data {__version__} (standard {standard_version()})")
        raise typer.Exit(0)


@app.callback(epilog=EXIT_CODES)
def _root(
    version: bool = typer.Option(False, "--version", is_eager=True, callback=_print_version,
                                 help="Print the library and standard versions and exit."),
) -> None:
    """Validate, merge, export and report on UPSIDES qualitative research data packages."""


for _module in COMMAND_MODULES:
    importlib.import_module(_module).register(app)
importlib.import_module("upsides_data.cli.examples").add_examples(app)  # after every command
if _HANDLER_BEFORE is not None:
    signal.signal(signal.SIGINT, _HANDLER_BEFORE)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code instead of raising where possible."""
    with _write_signals():
        return _main(argv)


def _main(argv: list[str] | None) -> int:
    try:
        result = app(args=argv, prog_name="upsides", standalone_mode=False)
    except UpsidesError as exc:
        return _report_error(exc)
    except SystemExit as exc:  # --show-completion / --install-completion end with sys.exit
        return exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 2
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.Abort:
        typer.echo("aborted", err=True)
        return 130
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        return 130
    except Exception as exc:  # usage errors from the parser, and anything unexpected
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):
            exc.show()
            return int(getattr(exc, "exit_code", 2) or 2)
        typer.echo(f"internal error: {type(exc).__name__}: {exc}", err=True)
        typer.echo("please report this with the command you ran", err=True)
        return 3
    if result == 130:  # Typer turns Ctrl-C (and SIGTERM, see _write_signals) into a quiet 130
        typer.echo("interrupted", err=True)
    return int(result or 0)


if __name__ == "__main__":
    sys.exit(main())


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@contextmanager
def _write_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP take the Ctrl-C path, so the output writer removes its temporaries
    (a signal the caller ignores, as ``nohup`` does, stays ignored); SIGXFSZ is ignored, so a
    file size limit (``ulimit -f``) is an ``output-too-large`` finding, not a killed process.
    The old handlers come back afterwards."""
    previous = {}
    try:
        for number in (signal.SIGTERM, signal.SIGHUP):
            if signal.getsignal(number) is not signal.SIG_IGN:
                previous[number] = signal.signal(number, _interrupt)
        previous[signal.SIGXFSZ] = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    except ValueError:  # not the main thread: signals stay as they are
        pass
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _report_error(exc: UpsidesError) -> int:
    """Render a deliberate error: its findings (if any) on stdout, one line on stderr."""
    report = getattr(exc, "report", None)
    if report is None and exc.findings:
        from upsides_data.findings import Report

        report = Report(findings=list(exc.findings))
    if report is not None and report.findings:
        from upsides_data.validate.render import render_text

        cap = {} if exc.max_per_rule is None else {"max_per_rule": exc.max_per_rule}
        typer.echo(render_text(report, **cap), nl=False)
    typer.echo(f"error: {exc}", err=True)
    return int(exc.exit_code)


def run() -> None:
    """Console-script entry point."""
    try:
        code = main()
    except KeyboardInterrupt:  # after main's own handlers, while rendering
        sys.stderr.write("interrupted\n")
        code = 130
    sys.exit(code)

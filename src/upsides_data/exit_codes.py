"""The exit codes every command shares, with what each means: one list, shown by
``upsides --help`` and rendered into docs/cli.md (``generate/cli_refusals.py``).

Kept apart from the generators so that the CLI can show it without importing them.
"""

from __future__ import annotations

EXIT_CODES: list[tuple[int, str]] = [
    (0, "success: the inputs are valid, the output was written"),
    (1, "the inputs were read but are invalid or conflict; nothing was written. The findings "
        "say what, where and how to fix it"),
    (2, "usage error, an input that cannot be read at all (not a package, not UTF-8, over a "
        "size limit, refused as unsafe) or an output that cannot be written; nothing was "
        "written"),
    (3, "a bug in upsides-data (\"internal error\"): never for bad input. Please report it "
        "with the command you ran"),
    (130, "interrupted (Ctrl-C or SIGTERM); temporary files are removed"),
]

"""Validate one or more packages in layers, cheapest first, and keep going to report everything.

1. ``shape``: the descriptor and the files (``validate.shape``);
2. ``tables``: Table Schema checks, column-wise with polars (``validate.tables``) or stock
   Frictionless (``validate.frictionless_engine``) with ``engine="frictionless"``;
3. ``models``: what the generated Pydantic models check, column-wise with the checks generated
   beside them (``validate.columns``, the default ``engine="columns"``) or rows into the models
   themselves (``validate.models``) with ``engine="models"`` or ``"frictionless"``;
4. ``rules``: what no table schema can say (``validate.rules``);
5. ``disclosure``: disclosure control for public packages (``validate.disclosure``).

Layers 1-3 run on every package first, reading big tables in row batches and keeping only the
small tables whole (``ctx.frames``; the budget is in ``validate.context`` and
docs/performance.md); then each site package's codebook package is resolved (among the given
paths, the ``codebook`` argument, or folders beside the package), so that layers 4 and 5 can
look codes and themes up in it. The tables layers 4-5 read for one package are dropped once
they ran (``_release``). A layer that crashes becomes an
``check-crashed`` finding naming the layer; the other layers still run.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from upsides_data import arguments, jsonsafe
from upsides_data.errors import LimitExceededError, UnreadableInputError, UsageError
from upsides_data.findings import Finding, Report, Severity
from upsides_data.package.descriptor import KINDS
from upsides_data.package.reader import DESCRIPTOR, open_package
from upsides_data.pii.names import read_roster
from upsides_data.pii.roster_scope import roster_in_force
from upsides_data.sites.sources import WORKBOOK_SUFFIXES
from upsides_data.validate import shape, tables
from upsides_data.validate.cascades import suppress
from upsides_data.validate.context import PackageContext, ValidationOptions

from upsides_data.validate.engines import ENGINE_ALIASES, ENGINES
# Rules meaning "this input could not be read as a package at all" (the CLI exits with 2);
# a descriptor past a size or nesting limit is not read, so it is one of them (docs/cli.md).
UNREADABLE_RULES = frozenset({"unreadable", "descriptor-missing", "descriptor-invalid",
                              "input-too-large", "nesting-too-deep", "zip-member-corrupt"})
# Layers 4 and 5 live in modules of their own, imported when first needed.
LATE_LAYERS = (("rules", "upsides_data.validate.rules"),
               ("disclosure", "upsides_data.validate.disclosure"))

Layer = Callable[[PackageContext], Iterable[Finding]]


def validate(paths: str | Path | Sequence[str | Path], *, codebook: str | Path | None = None,
             k: int | None = None, engine: str = "columns",
             progress: Callable[[str, int, int], None] | None = None,
             names: str | Path | None = None, l_diversity: int = 1, jobs: int = 1,
             k_anonymity: int | None = None) -> Report:
    """Validate packages (folders, ``datapackage.json`` files or ``.zip`` archives).

    Returns a ``Report`` holding every finding; it never raises for bad data. ``engine`` picks
    the engines of layers 2 and 3: ``"columns"`` (polars, generated column checks; ``"fast"``
    is the same), ``"models"`` (rows into the Pydantic models) or ``"frictionless"``.
    ``k``: the k of the k-anonymity check of public packages (default 3; ``k_anonymity`` is its
    old, deprecated name). ``names``: a site's roster of real names (one a line), searched for
    in public packages (default: the roster of an enclosing ``pii.roster_scope.using_roster``
    block, if any). ``l_diversity``: distinct values of each sensitive attribute required per
    combination of quasi-identifiers in public packages (1: not checked).
    ``jobs``: processes for layers 1-3, one package each (see ``_run_early_in_workers``).
    """
    engine = ENGINE_ALIASES.get(engine, engine)
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    items = arguments.paths(paths, function="validate")
    k = arguments.renamed(k, k_anonymity, function="validate", new="k", old="k_anonymity")
    k = arguments.integer(3 if k is None else k, function="validate", name="k", minimum=1)
    names = names if names is not None else roster_in_force()
    roster = read_roster(names) if names is not None else None
    options = ValidationOptions(k_anonymity=k, engine=engine, progress=progress,
                                roster=roster, l_diversity=l_diversity)
    report = Report()
    contexts: list[PackageContext] = []
    for path in items:
        report.checked.append(str(path))
        ctx, problems = _open(path, options)
        report.extend(problems)
        if ctx is not None:
            contexts.append(ctx)
    for ctx in contexts:
        ctx.peers = [other for other in contexts if other is not ctx]
    if jobs > 1 and len(contexts) > 1:
        report.extend(_run_early_in_workers(contexts, jobs))
    else:
        for ctx in contexts:
            report.extend(_run_early_layers(ctx))
    extra_codebook = _open_codebook(codebook, options, report) if codebook is not None else None
    kept = {id(ctx): set(ctx.frames) for ctx in contexts}
    for ctx in contexts:
        if ctx.kind == "site":
            ctx.codebook = _resolve_codebook(ctx, contexts, extra_codebook)
            if ctx.codebook is None and ctx.meta.codebook:
                report.extend([_codebook_unresolved(ctx)])
            elif ctx.codebook is not None and ctx.codebook not in contexts:
                report.extend(_codebook_invalid(ctx, ctx.codebook))
        report.extend(_run_late_layers(ctx))
        _release(contexts, kept)
    report.findings = suppress(_dedupe(report.findings))
    return report


def _release(contexts: list[PackageContext], kept: dict[int, set[str]]) -> None:
    """Drop the tables layers 4-5 read whole for one package, its own and its peers': only the
    small tables layers 1-3 kept stay between packages (docs/performance.md, "Memory")."""
    for ctx in contexts:
        for table in [t for t in ctx.frames if t not in kept[id(ctx)]]:
            del ctx.frames[table]


def _open(path: str | Path, options: ValidationOptions
          ) -> tuple[PackageContext | None, list[Finding]]:
    source = Path(path)
    label = source.name or str(source)
    root = source.parent if source.is_file() and source.name == DESCRIPTOR else source
    if source.is_dir() and not (root / DESCRIPTOR).is_file():
        return None, [Finding(rule="descriptor-missing", package=label, file=DESCRIPTOR,
                              message=f"{source} holds no {DESCRIPTOR}",
                              hint="a package is a folder with datapackage.json and one CSV "
                                   "per table; a folder of CSV files saved from a spreadsheet "
                                   f"becomes one with: upsides pack {source} -o PACKAGE")]
    if source.is_file() and source.suffix.lower() in WORKBOOK_SUFFIXES:
        return None, [Finding(rule="unreadable", package=label,
                              message=f"{source} is a workbook, not a package",
                              hint=f"validate the workbook on its own (upsides validate {source} "
                                   "--codebook CODEBOOK) or pack it first (upsides pack "
                                   f"{source} -o PACKAGE)")]
    if root.is_dir() and (root / DESCRIPTOR).is_file():
        try:
            problem = _descriptor_problem(root / DESCRIPTOR)
        except LimitExceededError as exc:  # too large or nested too deep to read safely
            return None, [replace(f, package=label) for f in exc.findings]
        if problem:
            return None, [Finding(rule="descriptor-invalid", package=label, file=DESCRIPTOR,
                                  message=problem,
                                  hint="the descriptor must be a UTF-8 JSON object")]
    try:
        package = open_package(source)
    except UnreadableInputError as exc:
        located = exc.findings[0] if exc.findings else None
        if located is not None and located.rule == "zip-member-corrupt":
            return None, [replace(f, package=label) for f in exc.findings]
        return None, [Finding(rule="unreadable", package=label, message=str(exc),
                              file=located.file if located else None,
                              hint=(located.hint if located and located.hint else
                                    "give a package folder, its datapackage.json or a .zip"))]
    return PackageContext(package=package, options=options), []


def _descriptor_problem(path: Path) -> str | None:
    try:
        data = jsonsafe.load_file(path, file=DESCRIPTOR)
    except UnicodeDecodeError as exc:
        return f"{DESCRIPTOR} is not UTF-8 (byte {exc.start})"
    except json.JSONDecodeError as exc:
        return f"{DESCRIPTOR} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
    if not isinstance(data, dict):
        return f"{DESCRIPTOR} must hold a JSON object, not {type(data).__name__}"
    return None


def _guarded(name: str, layer: Layer, ctx: PackageContext) -> list[Finding]:
    """Run one layer; an unexpected exception becomes a finding that names the layer."""
    try:
        return list(layer(ctx))
    except Exception as exc:  # a bug in a check must not hide the other layers' findings
        return [Finding(rule="check-crashed", package=ctx.name,
                        message=f"layer {name} crashed: {type(exc).__name__}: {exc}",
                        hint="please report this with the package; other layers still ran")]


def _layer2(ctx: PackageContext) -> Layer:
    if ctx.options.engine == "frictionless":
        from upsides_data.validate import frictionless_engine
        return frictionless_engine.check
    return tables.check


def _layer3(ctx: PackageContext) -> Layer:
    if ctx.options.engine == "columns":
        from upsides_data.validate import columns
        return columns.check
    from upsides_data.validate import models  # imports pydantic and the generated models
    return models.check


def _run_early_layers(ctx: PackageContext) -> list[Finding]:
    found = _guarded("shape", shape.check, ctx)
    if ctx.kind not in KINDS:
        return found
    layer2 = _guarded("tables", _layer2(ctx), ctx)
    found.extend(layer2)
    failed: dict[str, set[int]] = {}
    for f in found:
        table = _table_of(ctx, f.file)
        if table is not None and f.row is not None and f.severity is Severity.ERROR:
            failed.setdefault(table, set()).add(f.row)
    ctx.facts["failed_rows"] = failed
    found.extend(_guarded("models", _layer3(ctx), ctx))
    return found


def _early_worker(source: str, options: ValidationOptions
                  ) -> tuple[list[Finding], dict[str, Any], set[str], dict[str, Any]]:
    """Layers 1-3 of one package in a worker process: its findings and what later layers need
    (the frames of its small tables only: ``ctx.frames`` holds no other)."""
    ctx, problems = _open(source, options)
    if ctx is None:  # it opened in the parent a moment ago: say so rather than lose the package
        return problems, {}, set(), {}
    found = _run_early_layers(ctx)
    return found, ctx.frames, ctx.broken_tables, ctx.facts


def _run_early_in_workers(contexts: list[PackageContext], jobs: int) -> list[Finding]:
    """Layers 1-3 (each package on its own, no peers needed) in ``jobs`` processes.

    Each worker re-opens its package from its path and sends back its findings, the text
    frames of its small tables (the budget of ``ctx.frames``; big tables are read again by
    layers 4-5), the tables found broken and the facts layers 1-3 learned; layers 4-5 then run here
    on the same data as a single-process run, so the report is the same. Workers are spawned
    (not forked: polars' thread pool does not survive a fork); a progress callback stays here.
    """
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    options = replace(contexts[0].options, progress=None, roster=None)  # layers 1-3 use neither
    found: list[Finding] = []
    with ProcessPoolExecutor(max_workers=min(jobs, len(contexts)),
                             mp_context=get_context("spawn")) as pool:
        futures = [pool.submit(_early_worker, str(ctx.package.source), options)
                   for ctx in contexts]
        for index, (ctx, future) in enumerate(zip(contexts, futures)):
            findings, frames, broken, facts = future.result()
            ctx.frames.update(frames)
            ctx.broken_tables |= broken
            ctx.facts.update(facts)
            found.extend(findings)
            if ctx.options.progress:
                ctx.options.progress(f"{ctx.name}: layers 1-3 done", index + 1, len(contexts))
    return found


def _table_of(ctx: PackageContext, file: str | None) -> str | None:
    if file is None:
        return None
    for name, res in ctx.package.resources().items():
        if res.get("path") == file:
            return name
    return None


def _late_layers() -> list[tuple[str, Layer]]:
    return [(name, importlib.import_module(module).check) for name, module in LATE_LAYERS]


def _run_late_layers(ctx: PackageContext) -> list[Finding]:
    if ctx.kind not in KINDS:
        return []
    found: list[Finding] = []
    for name, layer in _late_layers():
        found.extend(_guarded(name, layer, ctx))
    return found


def _open_codebook(path: str | Path, options: ValidationOptions,
                   report: Report) -> PackageContext | None:
    ctx, problems = _open(path, options)
    report.extend(problems)
    if ctx is not None:
        _load_quietly(ctx)
    return ctx


def _load_quietly(ctx: PackageContext) -> None:
    """Read a referenced package's tables for lookups; keep what was wrong for its dependants.

    The package was not asked to be validated, so its findings are not reported as its own;
    the packages that depend on it report them (``codebook-invalid``), never a silent VALID.
    """
    found = _guarded("shape", shape.check, ctx)
    if ctx.kind in ("site", "codebook", "consortium"):
        found.extend(_guarded("tables", tables.load_frames, ctx))
    ctx.facts["load_findings"] = found


def _codebook_invalid(ctx: PackageContext, codebook: PackageContext) -> list[Finding]:
    """An error on a site package whose codebook, found beside it or given, cannot be read."""
    errors = [f for f in codebook.facts.get("load_findings", []) if f.severity is Severity.ERROR]
    if not errors:
        return []
    first = errors[0]
    where = "/".join(str(x) for x in (first.file, f"row {first.row}" if first.row else None) if x)
    return [Finding(rule="codebook-invalid", package=ctx.name, file=DESCRIPTOR,
                    field="upsides.codebook",
                    message=f"the codebook package {codebook.name} this package codes with has "
                            f"{len(errors)} error(s), the first in {where or DESCRIPTOR}: "
                            f"{first.message}; codes, themes and studies it should hold could "
                            "not all be checked",
                    hint=f"validate both together to see every problem: upsides validate "
                         f"{ctx.package.source} {codebook.package.source}")]


def _matches(ctx: PackageContext, ref: dict[str, Any]) -> bool:
    return (ctx.kind == "codebook" and ctx.package.descriptor.get("name") == ref.get("name")
            and (not ref.get("version") or ctx.package.descriptor.get("version") == ref["version"]))


def _resolve_codebook(ctx: PackageContext, contexts: list[PackageContext],
                      extra: PackageContext | None) -> PackageContext | None:
    ref = ctx.meta.codebook
    if not isinstance(ref, dict):
        return extra if extra is not None and extra.kind == "codebook" else None
    for other in contexts:
        if other is not ctx and _matches(other, ref):
            return other
    if extra is not None and _matches(extra, ref):
        return extra
    parent = ctx.package.source.resolve().parent
    if ctx.package.source.name == DESCRIPTOR:
        parent = parent.parent
    for sibling in sorted(parent.iterdir()) if parent.is_dir() else []:
        if sibling.is_dir() and (sibling / DESCRIPTOR).is_file() and sibling.resolve() != \
                ctx.package.root.resolve():
            try:
                head = json.loads((sibling / DESCRIPTOR).read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError):
                continue
            if not isinstance(head, dict):
                continue
            if (head.get("name") == ref.get("name")
                    and (head.get("upsides") or {}).get("kind") == "codebook"
                    and (not ref.get("version") or head.get("version") == ref["version"])):
                found, _ = _open(sibling, ctx.options)
                if found is not None:
                    _load_quietly(found)
                    return found
    return None


def _codebook_unresolved(ctx: PackageContext) -> Finding:
    ref = ctx.meta.codebook or {}
    return Finding(rule="codebook-unresolved", severity=Severity.WARNING,
                   package=ctx.name, file=DESCRIPTOR, field="upsides.codebook",
                   message=f"the codebook package {ref.get('name')!r} version "
                           f"{ref.get('version')!r} was not found; codes and themes were not "
                           "checked against it",
                   hint="pass the codebook package too, or --codebook PATH")


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """Drop exact repeats (two engines or layers saying the same thing at the same place)."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for f in findings:
        key = (f.package, f.file, f.row, f.field, f.rule, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out

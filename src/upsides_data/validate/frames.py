"""Table access for the rule and disclosure layers (4 and 5) and for ``anonymise``: columns on
demand, never a whole big table.

A rule names the columns it needs: ``table(ctx, name, *columns, optional=...)`` gives a text
frame of just those (and the ``__row`` number). Where earlier layers still hold the table
(``ctx.frames``) the columns are selected from it; otherwise they are read from disk as a
projection (the other columns are parsed past, never held). A row-local scan of long text (the
disclosure layer's search for personal data in quotes and transcripts, the quote-span check)
goes through ``batches(ctx, name, *columns, size=...)``: one batch of rows at a time.

So that a layer reads each table once, ``reading(ctx, layer)`` runs the layer in two passes:
first over empty frames (header only, nothing read but headers) to learn which columns of which
table (of this package and of the packages it looks into: codebook, peers) the layer asks for,
then for real, each table read once with the union of those columns and kept only until the
last check that asked for it has run (``check_done``). A column asked for only on the real pass
(a lookup that depends on data) is read then, and dropped after that check. What the session
holds is therefore bounded by the columns the layer's rules name, never by the width of the
tables; long text reached through ``batches`` is never kept.

A table that cannot be read, or lacks a column a rule needs, makes that rule skip quietly:
layers 1-3 already report why.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

import polars as pl

from upsides_data.ids import scope_of as scope_of  # re-exported: the rules import it here
from upsides_data.errors import UnreadableInputError
from upsides_data.validate.context import PackageContext
from upsides_data.validate.tables import normalised, read_table

ROW = "__row"  # Frictionless row number: the header is row 1, the first data row is row 2
HEADERS = "frames.headers"  # ctx.facts key: table -> its header's column names
BATCH_ROWS = 20_000  # rows per batch of a row-local scan (about 20 MB of quote text)

T = TypeVar("T")


@dataclass
class _Session:
    """The tables one layer run reads: planned columns, and frames kept while a check needs them."""

    planning: bool
    wanted: dict[tuple[int, str], set[str]] = field(default_factory=dict)
    kept: dict[tuple[int, str], pl.DataFrame] = field(default_factory=dict)
    step: int = 0  # the check running (checks_done counts them)
    last_step: dict[tuple[int, str], int] = field(default_factory=dict)  # last check asking


_SESSIONS: list[_Session] = []  # the innermost layer run is last


def _session() -> _Session | None:
    return _SESSIONS[-1] if _SESSIONS else None


@contextmanager
def _open_session(session: _Session) -> Iterator[_Session]:
    _SESSIONS.append(session)
    try:
        yield session
    finally:
        _SESSIONS.remove(session)


def reading(ctx: PackageContext, layer: Callable[[PackageContext], Iterable[T]]) -> list[T]:
    """Run ``layer`` on ``ctx`` with each table read once (see the module's docstring).

    The planning pass's results are thrown away; a check that fails on empty frames only plans
    less (its tables are then read when it asks for them).
    """
    planner = _Session(planning=True)
    if _reads_from_disk(ctx):  # else every table is in ctx.frames: nothing to plan
        with _open_session(planner):
            try:
                list(layer(ctx))
            except Exception:  # noqa: BLE001 - planning is an optimisation; the real run reports
                pass
    with _open_session(_Session(planning=False, wanted=planner.wanted,
                                last_step=planner.last_step)):
        return list(layer(ctx))


def check_done() -> None:
    """Called by a layer after each of its checks: the tables no later check asked for in the
    planning pass are dropped (a check asking again reads them again)."""
    session = _session()
    if session is None:
        return
    if not session.planning:
        for key in [k for k in session.kept if session.last_step.get(k, -1) <= session.step]:
            del session.kept[key]
    session.step += 1


def _reads_from_disk(ctx: PackageContext) -> bool:
    """Whether some readable table of ``ctx``, its codebook or a peer is not in ``ctx.frames``."""
    reached = [ctx, *ctx.peers, *([ctx.codebook] if ctx.codebook is not None else [])]
    return any(name not in c.frames and name not in c.broken_tables
               for c in reached for name in c.package.resources())


def table(ctx: PackageContext | None, name: str, *columns: str,
          optional: Sequence[str] = ()) -> pl.DataFrame | None:
    """A text frame of ``name`` holding ``__row``, ``columns`` and those of ``optional`` the
    table has; None when the table is unreadable or lacks one of ``columns``."""
    header = _header(ctx, name)
    if ctx is None or header is None or any(c not in header for c in columns):
        return None
    chosen = [c for c in dict.fromkeys([*columns, *optional]) if c in header and c != ROW]
    session = _session()
    if session is not None and session.planning:
        session.wanted.setdefault((id(ctx), name), set()).update(chosen)
        session.last_step[(id(ctx), name)] = session.step
        return _empty(chosen)
    frame = ctx.frames.get(name)
    if frame is not None:
        return _with_row(frame).select(ROW, *chosen)
    return _projection(ctx, name, chosen, header, session)


def batches(ctx: PackageContext | None, name: str, *columns: str, optional: Sequence[str] = (),
            size: int | None = None) -> Iterator[pl.DataFrame]:
    """``table``'s frame in batches of at most ``size`` rows (``BATCH_ROWS``), read as they
    are consumed; nothing when ``table`` would give None."""
    size = size or BATCH_ROWS
    header = _header(ctx, name)
    if ctx is None or header is None or any(c not in header for c in columns):
        return
    chosen = [c for c in dict.fromkeys([*columns, *optional]) if c in header and c != ROW]
    session = _session()
    if session is not None and session.planning:
        yield _empty(chosen)
        return
    frame = ctx.frames.get(name)
    if frame is not None:
        yield from _with_row(frame).select(ROW, *chosen).iter_slices(size)
        return
    first = 2  # row numbers go on from batch to batch
    try:
        for batch in ctx.package.text_batches(name, size=size, columns=chosen or header[:1],
                                              ragged=True):
            numbered = normalised(batch, first)
            first += batch.height
            yield numbered.select(ROW, *chosen)
    except Exception:  # noqa: BLE001 - unreadable tables are reported by layers 1 and 2
        return


def has_columns(ctx: PackageContext | None, name: str, *columns: str) -> bool:
    """Whether ``table(ctx, name, *columns)`` would give a frame; only the header is read."""
    header = _header(ctx, name)
    return header is not None and all(c in header for c in columns)


def _header(ctx: PackageContext | None, name: str) -> list[str] | None:
    """The table's columns, or None when it is missing, broken or cannot be read (read once
    per package: the runner's ``ctx.facts`` keep the header lines, a few names each)."""
    if ctx is None or name in ctx.broken_tables:
        return None
    frame = ctx.frames.get(name)
    if frame is not None:
        return list(frame.columns)
    headers: dict[str, list[str] | None] = ctx.facts.setdefault(HEADERS, {})
    if name not in headers:
        try:
            headers[name] = ctx.package.text_columns(name) if ctx.package.has(name) else None
        except Exception:  # noqa: BLE001 - unreadable tables are reported by layers 1 and 2
            headers[name] = None
    return headers[name]


def _projection(ctx: PackageContext, name: str, chosen: list[str], header: list[str],
                session: _Session | None) -> pl.DataFrame | None:
    """The chosen columns read from disk; within a layer run, read once with every column the
    layer asks for of that table and kept while a later check asks for it."""
    key = (id(ctx), name)
    kept = session.kept.get(key) if session is not None else None
    if kept is not None and all(c in kept.columns for c in chosen):
        return kept.select(ROW, *chosen)
    wanted = set(chosen)
    if session is not None:
        wanted |= session.wanted.get(key, set()) | set(kept.columns if kept is not None else ())
        session.wanted[key] = wanted - {ROW}
    read = [c for c in header if c in wanted]  # file order: one read, however it was asked
    try:
        frame = _read(ctx, name, read)
    except Exception:  # noqa: BLE001 - unreadable tables are reported by layers 1 and 2
        return None
    if session is not None:
        session.kept[key] = frame
    return frame.select(ROW, *chosen)


def _read(ctx: PackageContext, name: str, columns: list[str]) -> pl.DataFrame:
    """Columns of a table with ``__row``, as layer 2 reads them: a blank cell is null, and in a
    file with a record holding extra cells, that record cut to the header (``read_table``)."""
    wanted = columns or ctx.package.text_columns(name)[:1]  # no columns: count rows on one
    try:
        frame = normalised(ctx.package.text_frame(name, columns=wanted), 2)
    except UnreadableInputError:  # a record with extra cells (layer 1 reports it): cut it
        frame = read_table(ctx, name, wanted)
    return frame if columns else frame.select(ROW)


def _with_row(frame: pl.DataFrame, first: int = 2) -> pl.DataFrame:
    """The frame with ``__row`` (its rows numbered from ``first``) unless it has one."""
    if ROW in frame.columns:
        return frame
    return frame.with_row_index(ROW, offset=first).with_columns(pl.col(ROW).cast(pl.Int64))


def _empty(columns: list[str]) -> pl.DataFrame:
    return pl.DataFrame(schema={ROW: pl.Int64, **{c: pl.String for c in columns}})


def integer(column: str) -> pl.Expr:
    """A text column as integers; cells that are not integers become null (layer 2 reports them)."""
    return pl.col(column).str.strip_chars().cast(pl.Int64, strict=False)


def number(column: str) -> pl.Expr:
    return pl.col(column).str.strip_chars().cast(pl.Float64, strict=False)


def scope_expr(column: str) -> pl.Expr:
    """The scope part of an id column, vectorised (null when the id is not a well-formed CURIE)."""
    return pl.col(column).str.extract(r"^upsides:([^/]+)/", 1)

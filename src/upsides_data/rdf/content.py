"""The records of one table as triples, driven by ``terms.table_terms()``.

Each record gets its class (``class_uri``), one triple per filled cell (``slot_uri``), one per
link-table row, and a membership triple from the package's ``dcat:Dataset`` (the schema's
``Dataset`` attribute for the class, e.g. ``uds:quotes``), which is how the importer knows which
package a record came from and whether a ``skos:Concept`` is a code or a theme. Cells are checked
per package file (``check_table``) before the builders, which then need no row numbers. Cells keep the
text the package holds as the literal's lexical form, so a round trip gives the same text back.
"""

from __future__ import annotations

import polars as pl

from upsides_data import ids
from upsides_data.errors import UnreadableInputError
from upsides_data.findings import Finding
from upsides_data.rdf.terms import ID_PREFIX, RDF_TYPE, Column, LinkTable, TableTerms, id_base
from upsides_data.rdf.triples import TRIPLE_SCHEMA, iri_expr, literal_expr

def record_iri_expr(column: str) -> pl.Expr:
    return iri_expr(pl.col(column).str.strip_prefix(ID_PREFIX), id_base())


def cell_refused(rule: str, package: str, table: str, row: int, field: str, message: str,
             hint: str) -> UnreadableInputError:
    """A cell that would not make a valid term: the finding names file, row, field and rule."""
    where = f"{package}/{table}.csv row {row} field {field}"
    return UnreadableInputError(f"{where}: {message}", findings=[Finding(
        rule=rule, message=message, package=package, file=f"{table}.csv", row=row, field=field,
        hint=hint)])


def check_ids(frame: pl.DataFrame, table: str, columns: list[str], package: str) -> None:
    """Refuse identifiers that would not make a valid IRI (the validator reports them in full)."""
    for name in columns:
        bad = frame.with_row_index("row", offset=2).filter(
            pl.col(name).is_not_null() & ~pl.col(name).str.contains(ids.id_pattern()))
        if bad.height:
            row = bad.row(0, named=True)
            raise cell_refused("rdf-identifier", package, table, row["row"], name,
                           f"{row[name]!r} is not an upsides identifier",
                           "an identifier like upsides:ulm/fg-1; validate the package first")


def check_table(terms: TableTerms, frame: pl.DataFrame, table: str, package: str,
                columns: tuple[Column, ...] | None = None) -> None:
    """Refuse, naming file, row, field and rule, any cell that would not make a valid term.

    Run per package before tables are combined, so the row numbers are those of the CSV file.
    """
    columns = terms.columns if columns is None else columns
    ids = (["id"] if "id" in frame.columns else []) + [
        c.name for c in columns if c.kind == "ref" and c.name in frame.columns]
    check_ids(frame, table, ids, package)
    for col in columns:
        if col.name not in frame.columns:
            continue
        value = pl.col(col.name)
        if col.kind == "iri":
            bad = frame.with_row_index("row", offset=2).filter(
                value.is_not_null() & (value.str.contains(r"[<>\"{}|^`\\\s]")
                                       | ~value.str.contains(r"^[A-Za-z][A-Za-z0-9+.-]*:")))
            if bad.height:
                row = bad.row(0, named=True)
                raise cell_refused("rdf-iri", package, table, row["row"], col.name,
                               f"{row[col.name]!r} is not an absolute IRI",
                               "an absolute IRI like https://creativecommons.org/licenses/by/4.0/")
        elif col.kind == "enum":
            assert col.enum is not None
            unknown = frame.with_row_index("row", offset=2).filter(
                value.is_not_null() & ~value.is_in(list(col.enum)))
            if unknown.height:
                row = unknown.row(0, named=True)
                allowed = sorted(col.enum)
                raise cell_refused("rdf-enum-unknown", package, table, row["row"], col.name,
                               f"{row[col.name]!r} is not one of {allowed}",
                               f"one of the allowed values, e.g. {allowed[0]}; validate the "
                               "package first")


def _object(col: Column) -> pl.Expr:
    value = pl.col(col.name)
    if col.kind == "ref":
        return record_iri_expr(col.name)
    if col.kind == "iri":
        expanded = pl.when(value.str.starts_with(ID_PREFIX)).then(
            pl.lit(id_base()) + value.str.strip_prefix(ID_PREFIX)).otherwise(value)
        return iri_expr(expanded)
    if col.kind == "enum":
        assert col.enum is not None
        return iri_expr(value.replace_strict(col.enum, default=None, return_dtype=pl.String))
    return literal_expr(value, col.datatype)


def _triples(frame: pl.DataFrame, subject: pl.Expr, col: Column) -> pl.DataFrame:
    if col.name not in frame.columns:
        return pl.DataFrame(schema=TRIPLE_SCHEMA)
    return (frame.filter(pl.col(col.name).is_not_null())
            .select(s=subject, p=pl.lit(f"<{col.predicate}>"), o=_object(col)))


def members(frame: pl.DataFrame) -> pl.Series:
    """The record IRIs of a table, the objects of ``<dataset> <Dataset attribute> <record>``."""
    return frame.select(o=record_iri_expr("id")).to_series()


def table_triples(terms: TableTerms, frame: pl.DataFrame) -> list[pl.DataFrame]:
    """Triples of records (a checked text frame): class and one per filled cell."""
    if not frame.height:
        return []
    subject = record_iri_expr("id")
    out = [frame.select(s=subject, p=pl.lit(f"<{RDF_TYPE}>"), o=pl.lit(f"<{terms.class_iri}>"))]
    out.extend(_triples(frame, subject, col) for col in terms.columns)
    return out


def link_triples(link: LinkTable, frame: pl.DataFrame) -> pl.DataFrame:
    """Triples of one (checked) link table: ``<parent> <slot_uri> value`` per row."""
    if not frame.height:
        return pl.DataFrame(schema=TRIPLE_SCHEMA)
    return _triples(frame, record_iri_expr(link.parent_column), link.value)


def check_link(link: LinkTable, frame: pl.DataFrame, package: str) -> None:
    check_ids(frame, link.name, [link.parent_column], package)
    check_table(_NO_TERMS, frame, link.name, package, columns=(link.value,))


_NO_TERMS = TableTerms(table="", class_name="", class_iri="", dataset_predicate="", columns=())

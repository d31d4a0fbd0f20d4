"""The analyst's view of one or more packages: typed records, pandas frames and common questions.

``load(path)`` reads a consortium package (or any number of site and codebook packages, read
together without a merge's conflict checks) and returns a ``Dataset``::

    ds = upsides_data.load("out/consortium")
    quote = ds.quotes["upsides:ulm/q1"]           # a generated Pydantic model
    ds.site_of(quote).label                        # quote -> transcript -> focus group -> site
    ds.frames()["quote"]                           # pandas, with proper dtypes
    ds.quotes_by_theme("upsides:mhw-2019/theme-1") # quotes under a theme and its subthemes

Records are built lazily, one table at a time, the first time they are asked for.

Dtypes of ``frames()``: enum columns are ``category`` with the categories of the Table Schema's
``constraints.enum`` (in schema order), integers are nullable ``Int64``, numbers ``Float64``,
booleans nullable ``boolean``, text ``string``. Date columns (``PartialDate`` slots, which may
hold a year, a year and month or a full date) become ``datetime64`` when every value in the
column is a full date, and stay ``string`` otherwise, so that "2019-05" is never invented into
"2019-05-01".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache, cached_property
from pathlib import Path
from typing import Any, TypeVar, cast

import pandas as pd
import polars as pl
import yaml
from pydantic import BaseModel

from upsides_data.datamodel import upsides as dm
from upsides_data.errors import UsageError
from upsides_data.gateway import read_inputs
from upsides_data.package.reader import cast_frame
from upsides_data.package.union import union_tables
from upsides_data.resources import package_profile, schema_dir, table_schema

__all__ = ["Dataset", "load"]

M = TypeVar("M", bound=BaseModel)
_FULL_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def load(path_or_paths: str | Path | Iterable[str | Path], *, validate: bool = True) -> Dataset:
    """Load a package (folder, ``datapackage.json`` or ``.zip``) or several, as one ``Dataset``.

    The packages are validated first (``InvalidInputError`` when they do not validate; its
    ``report`` holds the findings). ``validate=False`` loads drafts: ``Dataset.validated`` is
    then False. Several packages are read together as-is (identical rows kept once); use
    ``merge`` first when they must be checked for conflicts.
    """
    from upsides_data import arguments

    paths = [Path(p) for p in arguments.paths(path_or_paths, function="load",
                                               name="path_or_paths")]
    if not paths:
        raise UsageError("load needs at least one package")
    read = read_inputs(paths, validate=validate, purpose="load")
    return Dataset(union_tables(read.packages, typed=False), validated=validate)


@cache
def _partial_date_pattern() -> str:
    with open(schema_dir() / "core.yaml", encoding="utf-8") as handle:
        return str(yaml.safe_load(handle)["types"]["PartialDate"]["pattern"])


class Dataset:
    """Every table of the standard, as typed records and as frames, with reference lookups."""

    def __init__(self, tables: Mapping[str, pl.DataFrame], *, validated: bool = True) -> None:
        self._text = dict(tables)
        self.validated = validated  # False when loaded with validate=False (a draft)
        self._records: dict[str, dict[str, BaseModel]] = {}

    # -- tables ---------------------------------------------------------------------------------

    @property
    def tables(self) -> list[str]:
        """The table names, in the standard's order."""
        return list(self._text)

    def table(self, name: str) -> pl.DataFrame:
        """One table as a polars frame cast to its Table Schema's types."""
        if name not in self._text:
            raise UsageError(f"no table {name!r}; tables are {', '.join(self._text)}")
        return cast_frame(self._text[name], table_schema(name))

    def frames(self) -> dict[str, pd.DataFrame]:
        """One pandas DataFrame per table, with the dtypes described in the module docstring."""
        return {name: self.frame(name) for name in self._text}

    def frame(self, name: str) -> pd.DataFrame:
        """One table as a pandas DataFrame with proper dtypes."""
        return _to_pandas(self.table(name), table_schema(name))

    def to_polars(self, name: str) -> pl.DataFrame:
        """One table as a polars frame cast to its Table Schema's types (same as ``table``).

        ``to_polars`` and ``to_pandas`` are the pair to use: one name per library, the same
        table either way."""
        return self.table(name)

    def to_pandas(self, name: str) -> pd.DataFrame:
        """One table as a pandas DataFrame with the Table Schema's dtypes (same as ``frame``).

        Built column by column with pandas' nullable dtypes (``Int64``, ``string``, categories
        for enums), so it needs no pyarrow: the slim install has none."""
        return self.frame(name)

    # -- typed records --------------------------------------------------------------------------

    def records(self, table: str) -> Mapping[str, BaseModel]:
        """The records of a class table by id, as generated Pydantic models (with their lists)."""
        if table not in self._records:
            self._records[table] = self._build(table)
        return self._records[table]

    def _typed(self, table: str, model: type[M]) -> Mapping[str, M]:
        return cast(Mapping[str, M], self.records(table))

    def _build(self, table: str) -> dict[str, BaseModel]:
        spec = package_profile()["tables"].get(table)
        if spec is None or "link" in spec:
            raise UsageError(f"{table!r} is not a class table")
        model: type[BaseModel] = getattr(dm, spec["class"])
        frame = self.table(table)
        lists: dict[str, dict[str, list[Any]]] = {}
        for link_name, link_spec in package_profile()["tables"].items():
            link = link_spec.get("link")
            if link and link_spec["class"] == spec["class"] and link_name in self._text:
                pairs = self._text[link_name].sort([link["owner"], link["value"]])
                grouped = pairs.group_by(link["owner"], maintain_order=True).agg(pl.col(link["value"]))
                lists[link["slot"]] = dict(zip(grouped[link["owner"]].to_list(),
                                               grouped[link["value"]].to_list()))
        records: dict[str, BaseModel] = {}
        for row in frame.iter_rows(named=True):
            data = {k: v for k, v in row.items() if v is not None}
            for slot, by_owner in lists.items():
                if row["id"] in by_owner:
                    data[slot] = by_owner[row["id"]]
            records[row["id"]] = model.model_validate(data)
        return records

    @property
    def studies(self) -> Mapping[str, dm.Study]:
        return self._typed("study", dm.Study)

    @property
    def sites(self) -> Mapping[str, dm.Site]:
        return self._typed("site", dm.Site)

    @property
    def site_participations(self) -> Mapping[str, dm.SiteParticipation]:
        return self._typed("site_participation", dm.SiteParticipation)

    @property
    def income_classifications(self) -> Mapping[str, dm.IncomeClassification]:
        return self._typed("income_classification", dm.IncomeClassification)

    @property
    def focus_groups(self) -> Mapping[str, dm.FocusGroup]:
        return self._typed("focus_group", dm.FocusGroup)

    @property
    def transcripts(self) -> Mapping[str, dm.Transcript]:
        return self._typed("transcript", dm.Transcript)

    @property
    def participants(self) -> Mapping[str, dm.Participant]:
        return self._typed("participant", dm.Participant)

    @property
    def quotes(self) -> Mapping[str, dm.Quote]:
        return self._typed("quote", dm.Quote)

    @property
    def codebooks(self) -> Mapping[str, dm.Codebook]:
        return self._typed("codebook", dm.Codebook)

    @property
    def codes(self) -> Mapping[str, dm.Code]:
        return self._typed("code", dm.Code)

    @property
    def themes(self) -> Mapping[str, dm.Theme]:
        return self._typed("theme", dm.Theme)

    @property
    def findings(self) -> Mapping[str, dm.Finding]:
        return self._typed("finding", dm.Finding)

    @cached_property
    def _table_of_id(self) -> dict[str, str]:
        owners: dict[str, str] = {}
        for name, spec in package_profile()["tables"].items():
            if "link" not in spec and name in self._text:
                for record_id in self._text[name].get_column("id").to_list():
                    owners.setdefault(record_id, name)
        return owners

    def get(self, record_id: str) -> BaseModel:
        """Any record by id, whatever its table."""
        table = self._table_of_id.get(record_id)
        if table is None:
            raise KeyError(record_id)
        return self.records(table)[record_id]

    # -- following references -------------------------------------------------------------------

    def transcript_of(self, record: dm.Quote | dm.EvidenceReference | dm.Coding | str) -> dm.Transcript:
        """The transcript a quote, evidence reference or coding comes from."""
        item = self.get(record) if isinstance(record, str) else record
        return self.transcripts[str(getattr(item, "transcript"))]

    def focus_group_of(self, record: BaseModel | str) -> dm.FocusGroup:
        """The focus group of a transcript, or of anything that comes from a transcript."""
        item = self.get(record) if isinstance(record, str) else record
        if isinstance(item, dm.FocusGroup):
            return item
        if not isinstance(item, dm.Transcript):
            item = self.transcript_of(cast(dm.Quote, item))
        return self.focus_groups[item.focus_group]

    def site_of(self, record: BaseModel | str) -> dm.Site:
        """The site of a record: directly (participant, focus group) or via its focus group."""
        item = self.get(record) if isinstance(record, str) else record
        if isinstance(item, dm.Site):
            return item
        site = getattr(item, "site", None)
        if isinstance(site, str):
            return self.sites[site]
        group = self.focus_group_of(item)
        if group.site is None:  # a publication may not say where a group was held (1.1.0)
            raise KeyError(f"{group.id} has no site: {group.site_absent_reason or 'not recorded'}")
        return self.sites[group.site]

    # -- analysis helpers (pandas) --------------------------------------------------------------

    def _quotes_with_context(self) -> pl.DataFrame:
        """quote id with its transcript's focus group, site and study, and the income group."""
        q = self._text["quote"].select(pl.col("id").alias("quote"), "transcript")
        t = self._text["transcript"].select(pl.col("id").alias("transcript"), "focus_group")
        fg = self._text["focus_group"].select(pl.col("id").alias("focus_group"), "site", "study")
        sp = self._text["site_participation"].select("site", "study", "income_classification")
        ic = self._text["income_classification"].select(
            pl.col("id").alias("income_classification"), "income_group")
        return (q.join(t, on="transcript", how="left").join(fg, on="focus_group", how="left")
                .join(sp.unique(subset=["site", "study"], keep="first"), on=["site", "study"],
                      how="left")
                .join(ic, on="income_classification", how="left"))

    def _quotes_frame(self, ids: pl.Series) -> pd.DataFrame:
        quotes = self.frame("quote")
        wanted = set(ids.to_list())
        return quotes[quotes["id"].isin(wanted)].reset_index(drop=True)

    def theme_descendants(self, theme_id: str) -> list[str]:
        """A theme and every theme under it, at any depth."""
        themes = self._text["theme"].select("id", "parent")
        children: dict[str, list[str]] = {}
        for tid, parent in themes.iter_rows():
            if parent is not None:
                children.setdefault(parent, []).append(tid)
        found, todo = [], [theme_id]
        while todo:
            current = todo.pop()
            if current in found:
                continue
            found.append(current)
            todo.extend(children.get(current, []))
        return sorted(found)

    def quotes_by_theme(self, theme_id: str, include_subthemes: bool = True) -> pd.DataFrame:
        """The quotes reported under a theme (and, by default, under any of its subthemes)."""
        if theme_id not in set(self._text["theme"].get_column("id").to_list()):
            raise KeyError(theme_id)
        themes = self.theme_descendants(theme_id) if include_subthemes else [theme_id]
        links = self._text["quote_themes"].filter(pl.col("theme").is_in(themes))
        return self._quotes_frame(links.get_column("quote"))

    def _site_id(self, site: str) -> str:
        for tid, label in self._text["site"].select("id", "label").iter_rows():
            if site in (tid, label) or site.lower() in (str(label).lower(), _scope(tid)):
                return str(tid)
        raise KeyError(site)

    def quotes_by_site(self, site: str) -> pd.DataFrame:
        """The quotes of one site, given by id (``upsides:ulm/site``), label (``Ulm``) or scope."""
        site_id = self._site_id(site)
        ctx = self._quotes_with_context().filter(pl.col("site") == site_id)
        return self._quotes_frame(ctx.get_column("quote"))

    def quotes_by_study(self, study: str) -> pd.DataFrame:
        """The quotes of one study, given by id (``upsides:mhw-2019/study``) or scope."""
        ids = self._text["study"].get_column("id").to_list()
        match = [s for s in ids if study in (s, _scope(s))]
        if not match:
            raise KeyError(study)
        ctx = self._quotes_with_context().filter(pl.col("study").is_in(match))
        return self._quotes_frame(ctx.get_column("quote"))

    def quotes_by_income_group(self, group: str) -> pd.DataFrame:
        """The quotes from sites whose country was in ``group`` (HIC, UMIC, LMIC, LIC) when the
        study collected its data (``site_participation.income_classification``)."""
        ctx = self._quotes_with_context().filter(pl.col("income_group") == group)
        return self._quotes_frame(ctx.get_column("quote"))

    def theme_site_counts(self, include_subthemes: bool = False) -> pd.DataFrame:
        """How many quotes each theme has at each site: themes as rows (by id), site labels as
        columns, every theme and site present (zero where none). With ``include_subthemes`` a
        theme also counts the quotes of its subthemes (each quote once)."""
        ctx = self._quotes_with_context().select("quote", "site")
        links = self._text["quote_themes"]
        theme_ids = sorted(self._text["theme"].get_column("id").to_list())
        if include_subthemes:
            expanded = pl.DataFrame(
                [(d, t) for t in theme_ids for d in self.theme_descendants(t)],
                schema={"theme_d": pl.String, "theme_top": pl.String}, orient="row")
            links = (links.join(expanded, left_on="theme", right_on="theme_d")
                     .select("quote", pl.col("theme_top").alias("theme")))
        counts = (links.join(ctx, on="quote", how="inner").unique(subset=["quote", "theme", "site"])
                  .group_by("theme", "site").agg(pl.len().alias("n")))
        sites = self._text["site"].select("id", "label").sort("label")
        labels = dict(sites.iter_rows())
        matrix = pd.DataFrame(0, index=pd.Index(theme_ids, name="theme"),
                              columns=pd.Index(list(labels.values()), name="site"), dtype="int64")
        for theme, site, n in counts.iter_rows():
            if site in labels and theme in matrix.index:
                matrix.loc[theme, labels[site]] = n
        return matrix


def _scope(record_id: str) -> str:
    from upsides_data.ids import scope_of

    return scope_of(record_id) or record_id.split(":", 1)[-1].split("/", 1)[0]


def _to_pandas(frame: pl.DataFrame, schema: dict[str, Any]) -> pd.DataFrame:
    data: dict[str, pd.Series] = {}
    for fld in schema["fields"]:
        name = fld["name"]
        values = frame.get_column(name).to_list()
        enum = (fld.get("constraints") or {}).get("enum")
        ftype = fld.get("type", "string")
        if enum:
            data[name] = pd.Series(pd.Categorical(values, categories=list(enum)), name=name)
        elif ftype == "integer":
            data[name] = pd.Series(values, dtype="Int64", name=name)
        elif ftype == "number":
            data[name] = pd.Series(values, dtype="Float64", name=name)
        elif ftype == "boolean":
            data[name] = pd.Series(values, dtype="boolean", name=name)
        elif _is_date(fld):
            data[name] = _date_series(name, values)
        else:
            data[name] = pd.Series(values, dtype="string", name=name)
    return pd.DataFrame(data, columns=[f["name"] for f in schema["fields"]])


def _is_date(fld: dict[str, Any]) -> bool:
    pattern = (fld.get("constraints") or {}).get("pattern")
    return fld.get("type") == "date" or pattern == _partial_date_pattern()


def _date_series(name: str, values: list[Any]) -> pd.Series:
    present = [v for v in values if v is not None]
    if present and all(_FULL_DATE.match(str(v)) for v in present):
        return pd.Series(pd.to_datetime(values, format="%Y-%m-%d"), name=name)
    return pd.Series(values, dtype="string", name=name)

"""The report's tables, each a polars DataFrame in which a missing value stays null.

A null is rendered as "missing", never as 0: a paper that gives only totals must not look like a
site with no participants.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from upsides_data.report.model import ReportData

_AGG_COLUMNS = ["participant_count", "participant_count_female", "participant_count_male",
                "age_mean", "age_min", "age_max"]


def _int(value: Any) -> int:
    """A polars aggregate (typed as any Python value) known to be a whole number."""
    return int(value)


def _sum_or_null(values: list[Any]) -> int | None:
    """The sum when every value is known, else null (a partial sum would understate)."""
    if not values or any(v is None for v in values):
        return None
    return int(sum(values))


def characteristics(data: ReportData) -> pl.DataFrame:
    """Focus groups and participants per site, with a total row (the paper's Table 1 kind)."""
    sites = data.sites
    fgs = data.t("focus_group")
    participants = data.t("participant")
    income = data.site_income
    rows = []
    for site in _site_rows(sites, fgs):
        site_fgs = fgs.filter(_at(site["id"]))
        site_people = participants.filter(_at(site["id"]))
        if site_people.height:
            count = site_people.height
            female = site_people.filter(pl.col("gender") == "female").height
            ages = site_people["age_years"].drop_nulls()
            mean: Any = ages.mean()
            age_mean = round(float(mean), 1) if ages.len() else None
            age_min: int | None = _int(ages.min()) if ages.len() else None
            age_max: int | None = _int(ages.max()) if ages.len() else None
            count_known: int | None = count
            female_known: int | None = female
        else:
            count_known = _sum_or_null(site_fgs["participant_count"].to_list())
            female_known = _sum_or_null(site_fgs["participant_count_female"].to_list())
            age_mean = site_fgs["age_mean"][0] if site_fgs.height == 1 else None
            age_min = (_int(site_fgs["age_min"].min()) if site_fgs["age_min"].null_count() == 0
                       and site_fgs.height else None)
            age_max = (_int(site_fgs["age_max"].max()) if site_fgs["age_max"].null_count() == 0
                       and site_fgs.height else None)
        durations = site_fgs["duration_minutes"].drop_nulls()
        site_income = income.filter(_at(site["id"]))
        languages = data.t("focus_group_languages").filter(
            pl.col("focus_group").is_in(site_fgs["id"].implode()))["language"].unique().sort()
        rows.append({
            "site": site["label"], "city": _city(income, site), "country": site["country"],
            "income_group": _income_groups(site_income),
            "focus_groups": _group_count(site_fgs, fgs),
            "languages": ", ".join(languages.to_list()) or None,
            "duration_min": _int(durations.min()) if durations.len() == site_fgs.height
            and durations.len() else None,
            "duration_max": _int(durations.max()) if durations.len() == site_fgs.height
            and durations.len() else None,
            "participants": count_known, "female": female_known,
            "age_mean": age_mean, "age_min": age_min, "age_max": age_max,
        })
    frame = pl.DataFrame(rows, schema={
        "site": pl.String, "city": pl.String, "country": pl.String, "income_group": pl.String,
        "focus_groups": pl.Int64, "languages": pl.String, "duration_min": pl.Int64,
        "duration_max": pl.Int64, "participants": pl.Int64, "female": pl.Int64,
        "age_mean": pl.Float64, "age_min": pl.Int64, "age_max": pl.Int64}, orient="row")
    return pl.concat([frame, _total_row(data, frame)])


def reason_text(reasons: list[Any]) -> str | None:
    """The standard's absence reasons as words: ``not-reported`` -> ``not reported``."""
    words = sorted({str(r).replace("-", " ") for r in reasons if r})
    return " / ".join(words) or None


def _at(site: str | None) -> pl.Expr:
    """Rows of the site ``site``; ``None`` selects the rows whose site is not recorded."""
    return pl.col("site").is_null() if site is None else pl.col("site") == site


def _site_rows(sites: pl.DataFrame, fgs: pl.DataFrame) -> list[dict[str, Any]]:
    """One row per site id (by label), and one for focus groups whose site is not recorded."""
    rows = sites.to_dicts()
    siteless = fgs.filter(pl.col("site").is_null())
    if siteless.height:
        reasons = (siteless["site_absent_reason"].to_list()
                   if "site_absent_reason" in siteless.columns else [])
        label = f"site {reason_text(reasons) or 'not recorded'}"
        rows.append({"id": None, "label": label, "city": None, "country": None})
    return rows


def _group_count(site_fgs: pl.DataFrame, fgs: pl.DataFrame) -> int | None:
    """A site's focus groups; missing, not 0, when it has none recorded while some of the
    study's groups have no recorded site (they may be this site's)."""
    if site_fgs.height == 0 and fgs.filter(pl.col("site").is_null()).height:
        return None
    return site_fgs.height


def _city(participations: pl.DataFrame, site: dict[str, Any]) -> str | None:
    """The city of the site in this study: its participation's city; the reason its
    participation gives for not recording one; else (no participation) the site record's."""
    mine = participations.filter(_at(site["id"]))
    cities = mine["city"].drop_nulls().unique().sort()
    if cities.len():
        return ", ".join(cities.to_list())
    if mine.height and "city_absent_reason" in mine.columns:
        reason = reason_text(mine["city_absent_reason"].to_list())
        if reason:
            return reason
    city = site["city"]
    return str(city) if city is not None else None


def _income_groups(site_income: pl.DataFrame) -> str | None:
    """Each income group in force with its fiscal year, or why the study does not give one."""
    groups = sorted({f"{r['income_group']} (FY{r['fiscal_year']})" if r["fiscal_year"]
                     is not None else f"{r['income_group']} (fiscal year "
                     f"{reason_text([r.get('fiscal_year_absent_reason')]) or 'not recorded'})"
                     for r in site_income.iter_rows(named=True) if r["income_group"]})
    if groups:
        return "; ".join(groups)
    if "income_classification_absent_reason" in site_income.columns:
        return reason_text(site_income["income_classification_absent_reason"].to_list())
    return None


def _total_row(data: ReportData, per_site: pl.DataFrame) -> pl.DataFrame:
    """Totals: from the per-site figures when all are known, else from study-level aggregates."""
    studies = data.t("study")

    def study_value(column: str) -> Any:
        if column not in studies.columns:
            return None
        values = studies[column].drop_nulls()
        if studies.height and values.len() == studies.height:
            return values.sum() if column.startswith("participant_count") else (
                values[0] if studies.height == 1 else None)
        return None

    total = {
        "site": "Total", "city": None,
        "country": f"{per_site['country'].drop_nulls().n_unique()} countries",
        "income_group": None,
        "focus_groups": int(per_site["focus_groups"].sum()),
        "languages": None,
        "duration_min": per_site["duration_min"].min() if per_site["duration_min"].null_count() == 0
        else study_value("duration_minutes_min"),
        "duration_max": per_site["duration_max"].max() if per_site["duration_max"].null_count() == 0
        else study_value("duration_minutes_max"),
    }
    for out, column in (("participants", "participant_count"), ("female", "participant_count_female"),
                        ("age_mean", "age_mean"), ("age_min", "age_min"), ("age_max", "age_max")):
        from_sites = per_site[out]
        if from_sites.null_count() == 0 and per_site.height and out in ("participants", "female"):
            total[out] = int(from_sites.sum())
        else:
            total[out] = study_value(column)
    return pl.DataFrame([total], schema=per_site.schema, orient="row")


def themes(data: ReportData) -> pl.DataFrame:
    """Themes and subthemes in hierarchy order with quote and evidence counts (Table 2 kind)."""
    labels = data.theme_labels
    direct = data.support.group_by("theme", "kind").len()
    total = data.support_with_ancestors.group_by("counted_theme", "kind").len()
    sites = (data.support_with_ancestors.group_by("counted_theme")
             .agg(pl.col("site_label").drop_nulls().unique().sort()))
    site_map = {r["counted_theme"]: r["site_label"] for r in sites.iter_rows(named=True)}

    def count(frame: pl.DataFrame, key: str, theme_id: str, kind: str) -> int:
        hit = frame.filter((pl.col(key) == theme_id) & (pl.col("kind") == kind))
        return int(hit["len"][0]) if hit.height else 0

    rows = []
    for theme_id in data.themes_in_order:
        depth = data.theme_depth(theme_id)
        rows.append({
            "level": {0: "main theme", 1: "subtheme"}.get(depth, "sub" * depth + "theme"),
            "depth": depth,
            "theme": labels[theme_id],
            "id": theme_id,
            "quotes": count(total, "counted_theme", theme_id, "quote"),
            "evidence_references": count(total, "counted_theme", theme_id, "evidence"),
            "quotes_direct": count(direct, "theme", theme_id, "quote"),
            "evidence_direct": count(direct, "theme", theme_id, "evidence"),
            "sites": ", ".join(site_map.get(theme_id, [])) or None,
        })
    return pl.DataFrame(rows, schema={
        "level": pl.String, "depth": pl.Int64, "theme": pl.String, "id": pl.String,
        "quotes": pl.Int64, "evidence_references": pl.Int64, "quotes_direct": pl.Int64,
        "evidence_direct": pl.Int64, "sites": pl.String}, orient="row")


def theme_site_matrix(data: ReportData) -> pl.DataFrame:
    """Quotes plus evidence references per theme (with its subthemes) and site, one row per pair.

    Long form (theme, site, count) so that a study's rows never change with the sites of other
    studies; ``wide`` turns it into the theme x site grid for the page and the heatmap.
    """
    site_labels = sorted(set(data.sites["label"].drop_nulls().to_list())
                         | set(data.support["site_label"].drop_nulls().to_list()))
    counts = data.support_with_ancestors.group_by("counted_theme", "site_label").len()
    found = {(r["counted_theme"], r["site_label"]): r["len"] for r in counts.iter_rows(named=True)}
    labels = data.theme_labels
    rows = [{"theme": labels[theme_id], "theme_id": theme_id, "depth": data.theme_depth(theme_id),
             "site": label, "count": int(found.get((theme_id, label), 0))}
            for theme_id in data.themes_in_order for label in site_labels]
    return pl.DataFrame(rows, schema={"theme": pl.String, "theme_id": pl.String,
                                      "depth": pl.Int64, "site": pl.String,
                                      "count": pl.Int64}, orient="row")


def wide(matrix: pl.DataFrame) -> pl.DataFrame:
    """The long matrix as a grid: one row per (study,) theme, one column per site."""
    keys = [c for c in ("study", "theme_id", "theme", "depth") if c in matrix.columns]
    sites = sorted(set(matrix["site"].to_list()))
    order = matrix.select(keys).unique(maintain_order=True)
    grid = order
    for site in sites:
        column = matrix.filter(pl.col("site") == site).select(*keys, pl.col("count").alias(site))
        grid = grid.join(column, on=keys, how="left", maintain_order="left")
    return grid.drop("theme_id")


def income_comparison(data: ReportData) -> pl.DataFrame:
    """Subthemes supported only by sites of one income group (classification in force)."""
    groups = data.site_income.select("site", "income_group", "fiscal_year").unique()
    support = data.support_with_ancestors.join(groups, on="site", how="left")
    labels = data.theme_labels
    rows = []
    for theme_id in data.themes_in_order:
        if data.theme_depth(theme_id) == 0:
            continue
        mine = support.filter(pl.col("counted_theme") == theme_id)
        if mine.height == 0:
            continue
        income = sorted(set(mine["income_group"].drop_nulls().to_list()))
        unknown = mine["income_group"].null_count() > 0
        years = sorted(set(mine["fiscal_year"].drop_nulls().to_list()))
        rows.append({
            "theme": labels[theme_id],
            "income_groups": ", ".join(income) or None,
            "fiscal_years": ", ".join(f"FY{y}" for y in years) or None,
            "sites": ", ".join(sorted(set(mine["site_label"].drop_nulls().to_list()))),
            "single_income_group": len(income) == 1 and not unknown,
        })
    return pl.DataFrame(rows, schema={"theme": pl.String, "income_groups": pl.String,
                                      "fiscal_years": pl.String, "sites": pl.String,
                                      "single_income_group": pl.Boolean}, orient="row")


def findings(data: ReportData) -> pl.DataFrame:
    """Each cross-site finding with the sites it holds for."""
    finding = data.t("finding")
    sites = data.sites.select(pl.col("id").alias("site"), pl.col("label"))
    per = (data.t("finding_sites").join(sites, on="site", how="left")
           .with_columns(pl.coalesce("label", "site").alias("label"))
           .group_by("finding").agg(pl.col("label").unique().sort()))
    site_map = {r["finding"]: r["label"] for r in per.iter_rows(named=True)}
    labels = data.theme_labels
    rows = [{"id": r["id"], "theme": labels.get(r["theme"]), "summary": r["summary"],
             "sites": ", ".join(site_map.get(r["id"], [])) or None}
            for r in finding.sort("id").iter_rows(named=True)]
    return pl.DataFrame(rows, schema={"id": pl.String, "theme": pl.String, "summary": pl.String,
                                      "sites": pl.String}, orient="row")


def studies(per_study: dict[str, ReportData], characteristics: pl.DataFrame) -> pl.DataFrame:
    """Per study: its title, focus groups, participants and quotes; then the consortium total.

    Participants are the study's total row of the characteristics table (participant rows, else
    the study's published aggregate). The consortium total sums the studies' figures, and is
    missing when one of them is.
    """
    totals = characteristics.filter(pl.col("site") == "Total")
    rows = []
    for study, data in per_study.items():
        record = data.t("study")
        total = totals.filter(pl.col("study") == study)
        rows.append({
            "study": study,
            "title": record["title"][0] if record.height else None,
            "studies": 1,
            "focus_groups": data.t("focus_group").height,
            "participants": total["participants"][0] if total.height else None,
            "quotes": data.t("quote").height,
        })
    schema = {"study": pl.String, "title": pl.String, "studies": pl.Int64,
              "focus_groups": pl.Int64, "participants": pl.Int64, "quotes": pl.Int64}
    frame = pl.DataFrame(rows, schema=schema, orient="row")
    total_row = {"study": "Consortium total", "title": "all studies", "studies": frame.height,
                 "focus_groups": int(frame["focus_groups"].sum()),
                 "participants": _sum_or_null(frame["participants"].to_list()),
                 "quotes": int(frame["quotes"].sum())}
    return pl.concat([frame, pl.DataFrame([total_row], schema=schema, orient="row")])

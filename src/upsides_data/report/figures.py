"""The theme x site heatmap, as PNG and SVG with no timestamps or random ids (deterministic)."""

from __future__ import annotations

from pathlib import Path

import polars as pl


def heatmap(matrix: pl.DataFrame, png: Path, svg: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    matplotlib.rcParams["svg.hashsalt"] = "upsides-data"
    matplotlib.rcParams["svg.fonttype"] = "none"
    sites = [c for c in matrix.columns if c not in ("study", "theme", "depth")]
    studies = matrix["study"].to_list() if "study" in matrix.columns else []
    prefix = ([f"[{_short(s)}] " for s in studies] if len(set(studies)) > 1
              else [""] * matrix.height)
    labels = [_plain(p + "    " * d + t)
              for p, t, d in zip(prefix, matrix["theme"].to_list(), matrix["depth"].to_list())]
    values = matrix.select(sites).to_numpy() if sites else None
    height = max(3.0, 0.32 * len(labels) + 1.5)
    fig, ax = plt.subplots(figsize=(2.0 + 0.8 * max(len(sites), 1) + 3.5, height))
    if values is not None and values.size:
        image = ax.imshow(values, aspect="auto", cmap="Blues")
        fig.colorbar(image, ax=ax, label="quotes + evidence references")
        for (i, j), value in __import__("numpy").ndenumerate(values):
            ax.text(j, i, str(value), ha="center", va="center", fontsize=7,
                    color="white" if value > values.max() / 2 else "black")
    ax.set_xticks(range(len(sites)), sites)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    for tick, depth in zip(ax.get_yticklabels(), matrix["depth"].to_list()):
        tick.set_horizontalalignment("left")
        tick.set_fontweight("bold" if depth == 0 else "normal")
    ax.tick_params(axis="y", pad=max((len(lbl) for lbl in labels), default=10) * 4.2)
    ax.set_title("Themes by site")
    fig.tight_layout()
    fig.savefig(png, dpi=110, metadata={"Software": None})
    fig.savefig(svg, metadata={"Date": None, "Creator": None})
    plt.close(fig)


def _short(study: str) -> str:
    """``upsides:mhw-2019/study`` -> ``mhw-2019`` (the study's scope), for row labels."""
    return study.split(":", 1)[-1].split("/", 1)[0]


def _plain(text: str) -> str:
    """Text matplotlib shows as written: an escaped ``$`` never starts mathtext (which may not
    even parse), and control characters (no glyph) become spaces."""
    return " ".join(text.replace("$", r"\$").split("\t")).replace("\r", " ").replace("\n", " ")

"""Generated packages for the merge tests: small synthetic corpora, written by code at test time.

``corpus(seed, sites, quotes)`` is the synthetic generator's in-memory output (cached); a
``PackageSpec`` picks one of its packages and may rename, re-version or change the access level
of it, so that hypothesis can draw sets of packages with overlapping records (a re-versioned copy
holds exactly the records of its original), mixed access levels and shared codebooks.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from upsides_data.package import PackageMeta, write_package
from upsides_data.synth import synth_tables


@lru_cache(maxsize=16)
def corpus(seed: int, sites: int, quotes: int) -> dict[str, tuple[PackageMeta, dict[str, Any]]]:
    """Package name -> (meta, tables) of a small synthetic consortium (codebook first)."""
    return synth_tables(sites=sites, quotes=quotes, seed=seed, access_level="public")


@dataclass(frozen=True)
class PackageSpec:
    """One package to write: which corpus package, and what to change in its descriptor."""

    seed: int
    sites: int
    quotes: int
    base: str
    version: str = "1.0.0"
    access_level: str = "public"
    rename: str | None = None

    @property
    def folder(self) -> str:
        return (f"{self.rename or self.base}-{self.sites}x{self.quotes}-{self.version}-"
                f"{self.access_level}")

    def meta(self) -> PackageMeta:
        meta, _ = corpus(self.seed, self.sites, self.quotes)[self.base]
        return dataclasses.replace(meta, name=self.rename or meta.name, version=self.version,
                                   access_level=self.access_level)

    def tables(self) -> dict[str, Any]:
        return corpus(self.seed, self.sites, self.quotes)[self.base][1]


def write_spec(root: Path, spec: PackageSpec) -> Path:
    """Write the package of ``spec`` under ``root`` (once) and return its folder."""
    target = root / spec.folder
    if not target.exists():
        write_package(target, spec.meta(), spec.tables())
    return target


def write_corpus(root: Path, seed: int = 0, sites: int = 2, quotes: int = 12,
                 access_level: str = "public") -> dict[str, Path]:
    """Write a whole small corpus: package name -> folder."""
    paths = {}
    for name in corpus(seed, sites, quotes):
        spec = PackageSpec(seed, sites, quotes, name, access_level=access_level)
        paths[name] = write_spec(root, spec)
    return paths


@st.composite
def closed_sets(draw: st.DrawFn, min_size: int = 1) -> tuple[list[PackageSpec], list[PackageSpec]]:
    """A closed set of packages of one small corpus, and extra packages that overlap it.

    Closed: the codebook package and every site package it names, so that the consortium of
    the set validates (merge refuses one with dangling references). Access levels and versions
    are drawn per package; the extras are re-versioned copies of some of them (identical
    records twice). (Corpora of two seeds reuse site scopes, so they would conflict; conflicts
    have their own tests.)
    """
    seed = draw(st.integers(0, 2))
    sites = draw(st.integers(max(1, min_size - 1), 3))
    quotes = draw(st.integers(sites, 10))
    pool = [PackageSpec(seed, sites, quotes, name) for name in corpus(seed, sites, quotes)]
    specs = []
    for spec in pool:
        access = draw(st.sampled_from(["public", "restricted"]))
        version = draw(st.sampled_from(["1.0.0", "1.0.0", "1.1.0"]))
        specs.append(dataclasses.replace(spec, access_level=access, version=version))
    twins = draw(st.lists(st.sampled_from(specs), max_size=2, unique=True))
    extras = [dataclasses.replace(copy, version="2.0.0") for copy in twins]
    return specs, extras


@st.composite
def package_sets(draw: st.DrawFn, min_size: int = 1) -> list[PackageSpec]:
    """A closed set of packages and its extras (``closed_sets``), in a drawn order."""
    specs, extras = draw(closed_sets(min_size=min_size))
    return draw(st.permutations(specs + extras))


@st.composite
def any_sets(draw: st.DrawFn) -> list[PackageSpec]:
    """Any non-empty set of packages of one small corpus, closed or not (a site package
    without its codebook package, a codebook package without all its sites)."""
    specs, extras = draw(closed_sets())
    return draw(st.lists(st.sampled_from(specs + extras), min_size=1, max_size=4, unique=True))


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by relative path, for byte-exact comparison."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}

"""The blank spreadsheet templates, tracked in ``docs/assets/templates/`` (downloadable from the
documentation site) and drift-tested like every other generated artifact.

They are rendered from the generated Table Schemas and examples, so ``make generate`` writes
them after those (``__main__``); their bytes are deterministic (``sites.template``).
"""

from __future__ import annotations

from upsides_data import resources
from upsides_data.sites.template import template_bytes

FOLDER = "docs/assets/templates"


def render_templates() -> dict[str, bytes]:
    """Repository-relative path -> bytes of every blank template."""
    for cached in (resources.package_profile, resources.table_schema, resources.field_examples):
        cached.cache_clear()  # read what was just generated, not what this process saw before
    return {f"{FOLDER}/{kind}-package-template{suffix}": template_bytes(kind, suffix)
            for kind in ("site", "codebook") for suffix in (".xlsx", ".ods")}

"""upsides-data: the UPSIDES standard for multi-site qualitative research data."""

from __future__ import annotations

__version__ = "0.1.0"

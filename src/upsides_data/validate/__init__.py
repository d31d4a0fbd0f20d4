"""Validation of packages in layers, cheapest first (see ``runner``)."""

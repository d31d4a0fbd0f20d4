"""The generated Pydantic v2 models of the standard (see ``upsides.py``, never edited by hand)."""

from upsides_data.datamodel.upsides import *  # noqa: F403

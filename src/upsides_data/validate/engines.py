"""The names of the validation engines, apart from the engines so the CLI can list them cheaply.

``columns``: polars for layer 2 (Table Schema) and layer 3 (the checks generated beside the
models); ``models``: polars for layer 2, rows into the Pydantic models for layer 3;
``frictionless``: stock Frictionless for layer 2, the models for layer 3.
"""

ENGINES = ("columns", "models", "frictionless")
ENGINE_ALIASES = {"fast": "columns"}  # the polars engine's name before the column engine came

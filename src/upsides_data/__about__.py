"""The library's version, written here only: hatchling reads it for the wheel's metadata
(``[tool.hatch.version]`` in pyproject.toml) and ``upsides_data.__version__`` re-exports it."""

__version__ = "0.1.0"

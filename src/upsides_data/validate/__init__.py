"""Validation of packages in layers, cheapest first (see ``runner``).

The public function is ``upsides_data.validate`` (``runner.validate``). This subpackage shares its
name, so ``upsides_data/__init__.py`` imports it before binding the function: import its modules
with ``from upsides_data.validate import runner``, never through the attribute
``upsides_data.validate.runner``.
"""

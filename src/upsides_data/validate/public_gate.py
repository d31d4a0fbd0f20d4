"""Disclosure control for drafts: ``--no-validate`` skips validation, never disclosure control.

A command run with ``--no-validate`` derives a draft from packages nobody validated; the draft
may hold any error its inputs hold, but a draft of public packages is itself public (a merged
consortium, an RDF file, a QDA project, a report), and public means public everywhere. So the
gateway runs layer 5 alone on the public packages among the inputs and refuses them when it
finds anything (``InvalidInputError``, exit 1, nothing written). Restricted packages are not
checked: what is derived from them is marked restricted (``upsides_data.restricted``).
"""

from __future__ import annotations

from typing import Iterable

from upsides_data.findings import Report
from upsides_data.package.reader import Package
from upsides_data.pii.names import read_roster
from upsides_data.pii.roster_scope import roster_in_force
from upsides_data.validate import disclosure
from upsides_data.validate.context import PackageContext, ValidationOptions


def disclosure_report(packages: Iterable[Package], *, k_anonymity: int = 3) -> Report:
    """Layer 5's findings on the public ones among ``packages`` (the site roster in force, if
    any, is searched for)."""
    names = roster_in_force()
    options = ValidationOptions(k_anonymity=k_anonymity,
                                roster=read_roster(names) if names is not None else None)
    report = Report()
    for package in packages:
        report.checked.append(package.name)
        if package.meta.access_level == disclosure.PUBLIC:
            report.extend(disclosure.check(PackageContext(package=package, options=options)))
    return report

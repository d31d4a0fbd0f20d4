# Generated from schema/upsides.yaml by `make generate`; do not edit.
# ruff: noqa
"""Column-wise checks of each class, generated from the schema (see generate/columns.py).

For each class: ``slots`` the fields its Pydantic model allows (extra fields are forbidden),
``required`` those it requires, ``multivalued`` those holding lists (link tables), ``types`` the
model's base type of each non-string slot, and ``checks``: one expression per constrained slot,
over a column named after the slot, that is true where a present value breaks the rule. A
multivalued slot's expression applies to each item. ``validate.columns`` evaluates them.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl


@dataclass(frozen=True)
class Check:
    slot: str
    rule: str  # "enum", "pattern" or "range": what the hint explains
    fails: pl.Expr  # true where a present (non-null) value breaks the rule
    allowed: str  # an example of what is accepted, for the finding's hint


@dataclass(frozen=True)
class ClassChecks:
    name: str
    slots: tuple[str, ...]
    required: tuple[str, ...]
    multivalued: tuple[str, ...]
    types: dict[str, str]
    checks: tuple[Check, ...]


def _outside(column: str, low: float | None, high: float | None, is_float: bool) -> pl.Expr:
    """True where a number breaks an inclusive bound (pydantic: a NaN breaks every bound)."""
    value = pl.col(column)
    inside = pl.lit(True)
    if low is not None:
        inside = inside & (value >= low)
    if high is not None:
        inside = inside & (value <= high)
    return (~inside | value.is_nan()) if is_float else ~inside


# Each enum's permissible values, in schema order (read without importing pydantic).
ENUMS: dict[str, tuple[str, ...]] = {
    'StudyPhase': ('pre-implementation', 'post-implementation', 'other'),
    'Population': ('MHW', 'PSW', 'service-users', 'carers', 'managers', 'mixed', 'other'),
    'ParticipantRole': ('MHW', 'PSW', 'service-user', 'carer', 'manager', 'other'),
    'StudyDesign': ('focus-groups', 'interviews', 'mixed', 'other'),
    'SessionFormat': ('focus-group', 'interview'),
    'Gender': ('female', 'male', 'diverse', 'not-disclosed'),
    'AgeBand': ('18-24', '25-34', '35-44', '45-54', '55-64', '65+'),
    'Profession': ('psychiatrist-physician', 'psychologist-psychotherapist', 'nurse', 'social-worker', 'occupational-therapist', 'peer-support-worker', 'other'),
    'IncomeGroup': ('HIC', 'UMIC', 'LMIC', 'LIC'),
    'AccessLevel': ('public', 'restricted'),
    'Urbanicity': ('urban', 'rural', 'mixed'),
    'ServiceSetting': ('hospital', 'community'),
    'TranslationMethod': ('none', 'forward', 'forward-backward'),
    'TranscriptionMethod': ('verbatim', 'summary'),
    'TeamRole': ('moderator', 'assistant', 'analyst', 'coder', 'translator', 'transcriber', 'task-lead', 'research-worker'),
    'QuestionKind': ('key', 'sub'),
    'AbsenceReason': ('not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown'),
    'PackageKind': ('site', 'codebook', 'consortium'),
}

CLASSES: dict[str, ClassChecks] = {
    'Study': ClassChecks(
        name='Study',
        slots=('title', 'description', 'phase', 'population', 'period_start', 'period_start_absent_reason', 'period_end', 'period_end_absent_reason', 'design', 'analysis_approach', 'reporting_guideline', 'guiding_framework', 'software', 'trial_registration', 'trial_registration_absent_reason', 'licence', 'licence_absent_reason', 'focus_group_count', 'focus_group_count_absent_reason', 'interview_count', 'interview_count_absent_reason', 'participant_count', 'participant_count_absent_reason', 'participant_count_female', 'participant_count_female_absent_reason', 'participant_count_male', 'participant_count_male_absent_reason', 'participant_count_diverse', 'participant_count_diverse_absent_reason', 'age_mean', 'age_mean_absent_reason', 'age_min', 'age_min_absent_reason', 'age_max', 'age_max_absent_reason', 'duration_minutes_min', 'duration_minutes_min_absent_reason', 'duration_minutes_max', 'duration_minutes_max_absent_reason', 'synthetic', 'notes', 'id'),
        required=('title', 'phase', 'population', 'id'),
        multivalued=('software',),
        types={'age_max': 'int', 'age_mean': 'float', 'age_min': 'int', 'duration_minutes_max': 'int', 'duration_minutes_min': 'int', 'focus_group_count': 'int', 'interview_count': 'int', 'participant_count': 'int', 'participant_count_diverse': 'int', 'participant_count_female': 'int', 'participant_count_male': 'int', 'synthetic': 'bool'},
        checks=(
            Check('phase', 'enum', ~pl.col('phase').is_in(['pre-implementation', 'post-implementation', 'other']), 'one of: pre-implementation, post-implementation, other'),
            Check('population', 'enum', ~pl.col('population').is_in(['MHW', 'PSW', 'service-users', 'carers', 'managers', 'mixed', 'other']), 'one of: MHW, PSW, service-users, carers, managers, mixed, ...'),
            Check('period_start', 'pattern', ~pl.col('period_start').str.contains('^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?\\n?$'), 'a value as the schema describes it: An ISO 8601 calendar date at the precision the source gives: a year (2019), a year and month (2019-11) or a full date (2019-11-14). Published studies often report only months; recording a finer date than the source would invent data.'),
            Check('period_start_absent_reason', 'enum', ~pl.col('period_start_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('period_end', 'pattern', ~pl.col('period_end').str.contains('^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?\\n?$'), 'a value as the schema describes it: An ISO 8601 calendar date at the precision the source gives: a year (2019), a year and month (2019-11) or a full date (2019-11-14). Published studies often report only months; recording a finer date than the source would invent data.'),
            Check('period_end_absent_reason', 'enum', ~pl.col('period_end_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('design', 'enum', ~pl.col('design').is_in(['focus-groups', 'interviews', 'mixed', 'other']), 'one of: focus-groups, interviews, mixed, other'),
            Check('trial_registration', 'pattern', ~pl.col('trial_registration').str.contains('^[A-Z]+[0-9A-Z-]+\\n?$'), 'a value as the schema describes it: The registry identifier of the trial the study belongs to, for example ISRCTN26008944.'),
            Check('trial_registration_absent_reason', 'enum', ~pl.col('trial_registration_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('licence_absent_reason', 'enum', ~pl.col('licence_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('focus_group_count', 'range', _outside('focus_group_count', 0, None, False), 'a number of at least 0'),
            Check('focus_group_count_absent_reason', 'enum', ~pl.col('focus_group_count_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('interview_count', 'range', _outside('interview_count', 0, None, False), 'a number of at least 0'),
            Check('interview_count_absent_reason', 'enum', ~pl.col('interview_count_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('participant_count', 'range', _outside('participant_count', 0, None, False), 'a number of at least 0'),
            Check('participant_count_absent_reason', 'enum', ~pl.col('participant_count_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('participant_count_female', 'range', _outside('participant_count_female', 0, None, False), 'a number of at least 0'),
            Check('participant_count_female_absent_reason', 'enum', ~pl.col('participant_count_female_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('participant_count_male', 'range', _outside('participant_count_male', 0, None, False), 'a number of at least 0'),
            Check('participant_count_male_absent_reason', 'enum', ~pl.col('participant_count_male_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('participant_count_diverse', 'range', _outside('participant_count_diverse', 0, None, False), 'a number of at least 0'),
            Check('participant_count_diverse_absent_reason', 'enum', ~pl.col('participant_count_diverse_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('age_mean', 'range', _outside('age_mean', 0, 120, True), 'a number from 0 to 120'),
            Check('age_mean_absent_reason', 'enum', ~pl.col('age_mean_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('age_min', 'range', _outside('age_min', 0, 120, False), 'a number from 0 to 120'),
            Check('age_min_absent_reason', 'enum', ~pl.col('age_min_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('age_max', 'range', _outside('age_max', 0, 120, False), 'a number from 0 to 120'),
            Check('age_max_absent_reason', 'enum', ~pl.col('age_max_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('duration_minutes_min', 'range', _outside('duration_minutes_min', 1, 1440, False), 'a number from 1 to 1440'),
            Check('duration_minutes_min_absent_reason', 'enum', ~pl.col('duration_minutes_min_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('duration_minutes_max', 'range', _outside('duration_minutes_max', 1, 1440, False), 'a number from 1 to 1440'),
            Check('duration_minutes_max_absent_reason', 'enum', ~pl.col('duration_minutes_max_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('id', 'pattern', ~pl.col('id').str.contains('^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\\n?$'), 'a value as the schema describes it: The record\'s identifier: a CURIE "upsides:SCOPE/LOCAL" where SCOPE is the lower-case scope of the site or study that made the record (for example "ulm" or "mhw-2019") and LOCAL is unique within that scope.'),
        ),
    ),
    'EthicsApproval': ClassChecks(
        name='EthicsApproval',
        slots=('study', 'committee', 'reference_number', 'site', 'notes', 'id'),
        required=('study', 'committee', 'id'),
        multivalued=(),
        types={},
        checks=(
            Check('id', 'pattern', ~pl.col('id').str.contains('^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\\n?$'), 'a value as the schema describes it: The record\'s identifier: a CURIE "upsides:SCOPE/LOCAL" where SCOPE is the lower-case scope of the site or study that made the record (for example "ulm" or "mhw-2019") and LOCAL is unique within that scope.'),
        ),
    ),
    'Publication': ClassChecks(
        name='Publication',
        slots=('study', 'title', 'doi', 'citation', 'licence', 'licence_absent_reason', 'id'),
        required=('study', 'id'),
        multivalued=(),
        types={},
        checks=(
            Check('doi', 'pattern', ~pl.col('doi').str.contains('^10\\.[0-9]{4,9}/\\S+\\n?$'), 'a value as the schema describes it: The Digital Object Identifier, without the resolver prefix.'),
            Check('licence_absent_reason', 'enum', ~pl.col('licence_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('id', 'pattern', ~pl.col('id').str.contains('^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\\n?$'), 'a value as the schema describes it: The record\'s identifier: a CURIE "upsides:SCOPE/LOCAL" where SCOPE is the lower-case scope of the site or study that made the record (for example "ulm" or "mhw-2019") and LOCAL is unique within that scope.'),
        ),
    ),
    'Funding': ClassChecks(
        name='Funding',
        slots=('study', 'funder', 'grant_number', 'notes', 'id'),
        required=('study', 'funder', 'id'),
        multivalued=(),
        types={},
        checks=(
            Check('id', 'pattern', ~pl.col('id').str.contains('^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\\n?$'), 'a value as the schema describes it: The record\'s identifier: a CURIE "upsides:SCOPE/LOCAL" where SCOPE is the lower-case scope of the site or study that made the record (for example "ulm" or "mhw-2019") and LOCAL is unique within that scope.'),
        ),
    ),
    'TopicGuide': ClassChecks(
        name='TopicGuide',
        slots=('study', 'title', 'guiding_framework', 'description', 'id'),
        required=('study', 'id'),
        multivalued=(),
        types={},
        checks=(
            Check('id', 'pattern', ~pl.col('id').str.contains('^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\\n?$'), 'a value as the schema describes it: The record\'s identifier: a CURIE "upsides:SCOPE/LOCAL" where SCOPE is the lower-case scope of the site or study that made the record (for example "ulm" or "mhw-2019") and LOCAL is unique within that scope.'),
        ),
    ),
    'Topic': ClassChecks(
        name='Topic',
        slots=('topic_guide', 'position', 'title', 'description', 'id'),
        required=('topic_guide', 'title', 'id'),
        multivalued=(),
        types={'position': 'int'},
        checks=(
            Check('position', 'range', _outside('position', 1, None, False), 'a number of at least 1'),
            Check('id', 'pattern', ~pl.col('id').str.contains('^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\\n?$'), 'a value as the schema describes it: The record\'s identifier: a CURIE "upsides:SCOPE/LOCAL" where SCOPE is the lower-case scope of the site or study that made the record (for example "ulm" or "mhw-2019") and LOCAL is unique within that scope.'),
        ),
    ),
    'Question': ClassChecks(
        name='Question',
        slots=('topic', 'kind', 'position', 'text', 'id'),
        required=('topic', 'kind', 'text', 'id'),
        multivalued=(),
        types={'position': 'int'},
        checks=(
            Check('kind', 'enum', ~pl.col('kind').is_in(['key', 'sub']), 'one of: key, sub'),
            Check('position', 'range', _outside('position', 1, None, False), 'a number of at least 1'),
            Check('id', 'pattern', ~pl.col('id').str.contains('^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\\n?$'), 'a value as the schema describes it: The record\'s identifier: a CURIE "upsides:SCOPE/LOCAL" where SCOPE is the lower-case scope of the site or study that made the record (for example "ulm" or "mhw-2019") and LOCAL is unique within that scope.'),
        ),
    ),
    'Site': ClassChecks(
        name='Site',
        slots=('label', 'name', 'city', 'country', 'institution', 'urbanicity', 'service_settings', 'peer_support_since', 'peer_support_programme', 'peer_support_tradition', 'synthetic', 'notes', 'id'),
        required=('label', 'name', 'country', 'id'),
        multivalued=('service_settings',),
        types={'peer_support_since': 'int', 'synthetic': 'bool'},
        checks=(
            Check('label', 'pattern', ~pl.col('label').str.contains('^[A-Za-z][A-Za-z0-9]*\\n?$'), 'a value as the schema describes it: The short site label used in published quote labels, such as Ulm, UKE, BU, DS, BGU or AD.'),
            Check('country', 'pattern', ~pl.col('country').str.contains('^[A-Z]{2}\\n?$'), 'a value as the schema describes it: An ISO 3166-1 alpha-2 country code, such as DE, UG, TZ, IL or IN.'),
            Check('urbanicity', 'enum', ~pl.col('urbanicity').is_in(['urban', 'rural', 'mixed']), 'one of: urban, rural, mixed'),
            Check('service_settings', 'enum', ~pl.col('service_settings').is_in(['hospital', 'community']), 'one of: hospital, community'),
            Check('peer_support_since', 'range', _outside('peer_support_since', 1900, 2100, False), 'a number from 1900 to 2100'),
            Check('id', 'pattern', ~pl.col('id').str.contains('^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\\n?$'), 'a value as the schema describes it: The record\'s identifier: a CURIE "upsides:SCOPE/LOCAL" where SCOPE is the lower-case scope of the site or study that made the record (for example "ulm" or "mhw-2019") and LOCAL is unique within that scope.'),
        ),
    ),
    'IncomeClassification': ClassChecks(
        name='IncomeClassification',
        slots=('country', 'income_group', 'fiscal_year', 'fiscal_year_absent_reason', 'source', 'id'),
        required=('country', 'income_group', 'source', 'id'),
        multivalued=(),
        types={'fiscal_year': 'int'},
        checks=(
            Check('country', 'pattern', ~pl.col('country').str.contains('^[A-Z]{2}\\n?$'), 'a value as the schema describes it: An ISO 3166-1 alpha-2 country code, such as DE, UG, TZ, IL or IN.'),
            Check('income_group', 'enum', ~pl.col('income_group').is_in(['HIC', 'UMIC', 'LMIC', 'LIC']), 'one of: HIC, UMIC, LMIC, LIC'),
            Check('fiscal_year', 'range', _outside('fiscal_year', 1987, 2100, False), 'a number from 1987 to 2100'),
            Check('fiscal_year_absent_reason', 'enum', ~pl.col('fiscal_year_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('id', 'pattern', ~pl.col('id').str.contains('^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\\n?$'), 'a value as the schema describes it: The record\'s identifier: a CURIE "upsides:SCOPE/LOCAL" where SCOPE is the lower-case scope of the site or study that made the record (for example "ulm" or "mhw-2019") and LOCAL is unique within that scope.'),
        ),
    ),
    'SiteParticipation': ClassChecks(
        name='SiteParticipation',
        slots=('study', 'site', 'income_classification', 'income_classification_absent_reason', 'city', 'city_absent_reason', 'period_start', 'period_start_absent_reason', 'period_end', 'period_end_absent_reason', 'focus_group_count', 'focus_group_count_absent_reason', 'interview_count', 'interview_count_absent_reason', 'participant_count', 'participant_count_absent_reason', 'participant_count_female', 'participant_count_female_absent_reason', 'participant_count_male', 'participant_count_male_absent_reason', 'participant_count_diverse', 'participant_count_diverse_absent_reason', 'notes', 'id'),
        required=('study', 'site', 'id'),
        multivalued=(),
        types={'focus_group_count': 'int', 'interview_count': 'int', 'participant_count': 'int', 'participant_count_diverse': 'int', 'participant_count_female': 'int', 'participant_count_male': 'int'},
        checks=(
            Check('income_classification_absent_reason', 'enum', ~pl.col('income_classification_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('city_absent_reason', 'enum', ~pl.col('city_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('period_start', 'pattern', ~pl.col('period_start').str.contains('^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?\\n?$'), 'a value as the schema describes it: An ISO 8601 calendar date at the precision the source gives: a year (2019), a year and month (2019-11) or a full date (2019-11-14). Published studies often report only months; recording a finer date than the source would invent data.'),
            Check('period_start_absent_reason', 'enum', ~pl.col('period_start_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('period_end', 'pattern', ~pl.col('period_end').str.contains('^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?\\n?$'), 'a value as the schema describes it: An ISO 8601 calendar date at the precision the source gives: a year (2019), a year and month (2019-11) or a full date (2019-11-14). Published studies often report only months; recording a finer date than the source would invent data.'),
            Check('period_end_absent_reason', 'enum', ~pl.col('period_end_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('focus_group_count', 'range', _outside('focus_group_count', 0, None, False), 'a number of at least 0'),
            Check('focus_group_count_absent_reason', 'enum', ~pl.col('focus_group_count_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('interview_count', 'range', _outside('interview_count', 0, None, False), 'a number of at least 0'),
            Check('interview_count_absent_reason', 'enum', ~pl.col('interview_count_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('participant_count', 'range', _outside('participant_count', 0, None, False), 'a number of at least 0'),
            Check('participant_count_absent_reason', 'enum', ~pl.col('participant_count_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('participant_count_female', 'range', _outside('participant_count_female', 0, None, False), 'a number of at least 0'),
            Check('participant_count_female_absent_reason', 'enum', ~pl.col('participant_count_female_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('participant_count_male', 'range', _outside('participant_count_male', 0, None, False), 'a number of at least 0'),
            Check('participant_count_male_absent_reason', 'enum', ~pl.col('participant_count_male_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('participant_count_diverse', 'range', _outside('participant_count_diverse', 0, None, False), 'a number of at least 0'),
            Check('participant_count_diverse_absent_reason', 'enum', ~pl.col('participant_count_diverse_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('id', 'pattern', ~pl.col('id').str.contains('^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\\n?$'), 'a value as the schema describes it: The record\'s identifier: a CURIE "upsides:SCOPE/LOCAL" where SCOPE is the lower-case scope of the site or study that made the record (for example "ulm" or "mhw-2019") and LOCAL is unique within that scope.'),
        ),
    ),
    'FocusGroup': ClassChecks(
        name='FocusGroup',
        slots=('study', 'site', 'site_absent_reason', 'session_format', 'held_on', 'held_on_absent_reason', 'duration_minutes', 'duration_minutes_absent_reason', 'languages', 'venue', 'moderator', 'assistant', 'population', 'topic_guide', 'participant_count', 'participant_count_absent_reason', 'participant_count_female', 'participant_count_female_absent_reason', 'participant_count_male', 'participant_count_male_absent_reason', 'participant_count_diverse', 'participant_count_diverse_absent_reason', 'age_mean', 'age_mean_absent_reason', 'age_min', 'age_min_absent_reason', 'age_max', 'age_max_absent_reason', 'synthetic', 'notes', 'id'),
        required=('study', 'id'),
        multivalued=('languages',),
        types={'age_max': 'int', 'age_mean': 'float', 'age_min': 'int', 'duration_minutes': 'int', 'participant_count': 'int', 'participant_count_diverse': 'int', 'participant_count_female': 'int', 'participant_count_male': 'int', 'synthetic': 'bool'},
        checks=(
            Check('site_absent_reason', 'enum', ~pl.col('site_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('session_format', 'enum', ~pl.col('session_format').is_in(['focus-group', 'interview']), 'one of: focus-group, interview'),
            Check('held_on', 'pattern', ~pl.col('held_on').str.contains('^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?\\n?$'), 'a value as the schema describes it: An ISO 8601 calendar date at the precision the source gives: a year (2019), a year and month (2019-11) or a full date (2019-11-14). Published studies often report only months; recording a finer date than the source would invent data.'),
            Check('held_on_absent_reason', 'enum', ~pl.col('held_on_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('duration_minutes', 'range', _outside('duration_minutes', 1, 1440, False), 'a number from 1 to 1440'),
            Check('duration_minutes_absent_reason', 'enum', ~pl.col('duration_minutes_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('languages', 'pattern', ~pl.col('languages').str.contains('^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*\\n?$'), 'a value as the schema describes it: A BCP 47 language tag, such as en, de, sw, he, gu or lg.'),
            Check('population', 'enum', ~pl.col('population').is_in(['MHW', 'PSW', 'service-users', 'carers', 'managers', 'mixed', 'other']), 'one of: MHW, PSW, service-users, carers, managers, mixed, ...'),
            Check('participant_count', 'range', _outside('participant_count', 0, None, False), 'a number of at least 0'),
            Check('participant_count_absent_reason', 'enum', ~pl.col('participant_count_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('participant_count_female', 'range', _outside('participant_count_female', 0, None, False), 'a number of at least 0'),
            Check('participant_count_female_absent_reason', 'enum', ~pl.col('participant_count_female_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('participant_count_male', 'range', _outside('participant_count_male', 0, None, False), 'a number of at least 0'),
            Check('participant_count_male_absent_reason', 'enum', ~pl.col('participant_count_male_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('participant_count_diverse', 'range', _outside('participant_count_diverse', 0, None, False), 'a number of at least 0'),
            Check('participant_count_diverse_absent_reason', 'enum', ~pl.col('participant_count_diverse_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('age_mean', 'range', _outside('age_mean', 0, 120, True), 'a number from 0 to 120'),
            Check('age_mean_absent_reason', 'enum', ~pl.col('age_mean_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('age_min', 'range', _outside('age_min', 0, 120, False), 'a number from 0 to 120'),
            Check('age_min_absent_reason', 'enum', ~pl.col('age_min_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('age_max', 'range', _outside('age_max', 0, 120, False), 'a number from 0 to 120'),
            Check('age_max_absent_reason', 'enum', ~pl.col('age_max_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('id', 'pattern', ~pl.col('id').str.contains('^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\\n?$'), 'a value as the schema describes it: The record\'s identifier: a CURIE "upsides:SCOPE/LOCAL" where SCOPE is the lower-case scope of the site or study that made the record (for example "ulm" or "mhw-2019") and LOCAL is unique within that scope.'),
        ),
    ),
    'Transcript': ClassChecks(
        name='Transcript',
        slots=('focus_group', 'original_language', 'access_level', 'transcription_method', 'checked_against_recording', 'checked_by_role', 'translation_method', 'translation_target_language', 'translator_role', 'translation_checked_by', 'anonymisation_applied', 'anonymisation_method', 'text', 'synthetic', 'notes', 'id'),
        required=('focus_group', 'access_level', 'id'),
        multivalued=(),
        types={'anonymisation_applied': 'bool', 'checked_against_recording': 'bool', 'synthetic': 'bool'},
        checks=(
            Check('original_language', 'pattern', ~pl.col('original_language').str.contains('^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*\\n?$'), 'a value as the schema describes it: A BCP 47 language tag, such as en, de, sw, he, gu or lg.'),
            Check('access_level', 'enum', ~pl.col('access_level').is_in(['public', 'restricted']), 'one of: public, restricted'),
            Check('transcription_method', 'enum', ~pl.col('transcription_method').is_in(['verbatim', 'summary']), 'one of: verbatim, summary'),
            Check('checked_by_role', 'enum', ~pl.col('checked_by_role').is_in(['moderator', 'assistant', 'analyst', 'coder', 'translator', 'transcriber', 'task-lead', 'research-worker']), 'one of: moderator, assistant, analyst, coder, translator, transcriber, ...'),
            Check('translation_method', 'enum', ~pl.col('translation_method').is_in(['none', 'forward', 'forward-backward']), 'one of: none, forward, forward-backward'),
            Check('translation_target_language', 'pattern', ~pl.col('translation_target_language').str.contains('^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*\\n?$'), 'a value as the schema describes it: A BCP 47 language tag, such as en, de, sw, he, gu or lg.'),
            Check('id', 'pattern', ~pl.col('id').str.contains('^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\\n?$'), 'a value as the schema describes it: The record\'s identifier: a CURIE "upsides:SCOPE/LOCAL" where SCOPE is the lower-case scope of the site or study that made the record (for example "ulm" or "mhw-2019") and LOCAL is unique within that scope.'),
        ),
    ),
    'Participant': ClassChecks(
        name='Participant',
        slots=('site', 'role', 'gender', 'age_band', 'age_years', 'profession', 'years_experience', 'prior_peer_support_experience', 'focus_groups_attended', 'consent_recorded', 'synthetic', 'id'),
        required=('site', 'role', 'id'),
        multivalued=('focus_groups_attended',),
        types={'age_years': 'int', 'consent_recorded': 'bool', 'prior_peer_support_experience': 'bool', 'synthetic': 'bool', 'years_experience': 'int'},
        checks=(
            Check('role', 'enum', ~pl.col('role').is_in(['MHW', 'PSW', 'service-user', 'carer', 'manager', 'other']), 'one of: MHW, PSW, service-user, carer, manager, other'),
            Check('gender', 'enum', ~pl.col('gender').is_in(['female', 'male', 'diverse', 'not-disclosed']), 'one of: female, male, diverse, not-disclosed'),
            Check('age_band', 'enum', ~pl.col('age_band').is_in(['18-24', '25-34', '35-44', '45-54', '55-64', '65+']), 'one of: 18-24, 25-34, 35-44, 45-54, 55-64, 65+'),
            Check('age_years', 'range', _outside('age_years', 16, 100, False), 'a number from 16 to 100'),
            Check('profession', 'enum', ~pl.col('profession').is_in(['psychiatrist-physician', 'psychologist-psychotherapist', 'nurse', 'social-worker', 'occupational-therapist', 'peer-support-worker', 'other']), 'one of: psychiatrist-physician, psychologist-psychotherapist, nurse, social-worker, occupational-therapist, peer-support-worker, ...'),
            Check('years_experience', 'range', _outside('years_experience', 0, 70, False), 'a number from 0 to 70'),
            Check('id', 'pattern', ~pl.col('id').str.contains('^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\\n?$'), 'a value as the schema describes it: The record\'s identifier: a CURIE "upsides:SCOPE/LOCAL" where SCOPE is the lower-case scope of the site or study that made the record (for example "ulm" or "mhw-2019") and LOCAL is unique within that scope.'),
        ),
    ),
    'Analyst': ClassChecks(
        name='Analyst',
        slots=('pseudonym', 'team_roles', 'site', 'synthetic', 'id'),
        required=('pseudonym', 'id'),
        multivalued=('team_roles',),
        types={'synthetic': 'bool'},
        checks=(
            Check('pseudonym', 'pattern', ~pl.col('pseudonym').str.contains('^[A-Za-z0-9][A-Za-z0-9 ._-]{0,31}\\n?$'), 'a value as the schema describes it: A pseudonym or published initials, such as "SK"; never a full name.'),
            Check('team_roles', 'enum', ~pl.col('team_roles').is_in(['moderator', 'assistant', 'analyst', 'coder', 'translator', 'transcriber', 'task-lead', 'research-worker']), 'one of: moderator, assistant, analyst, coder, translator, transcriber, ...'),
            Check('id', 'pattern', ~pl.col('id').str.contains('^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\\n?$'), 'a value as the schema describes it: The record\'s identifier: a CURIE "upsides:SCOPE/LOCAL" where SCOPE is the lower-case scope of the site or study that made the record (for example "ulm" or "mhw-2019") and LOCAL is unique within that scope.'),
        ),
    ),
    'Codebook': ClassChecks(
        name='Codebook',
        slots=('title', 'version', 'study', 'description', 'id'),
        required=('title', 'version', 'id'),
        multivalued=(),
        types={},
        checks=(
            Check('version', 'pattern', ~pl.col('version').str.contains('^[0-9]+\\.[0-9]+\\.[0-9]+\\n?$'), 'a value as the schema describes it: The version of the record, as a semantic version (MAJOR.MINOR.PATCH).'),
            Check('id', 'pattern', ~pl.col('id').str.contains('^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\\n?$'), 'a value as the schema describes it: The record\'s identifier: a CURIE "upsides:SCOPE/LOCAL" where SCOPE is the lower-case scope of the site or study that made the record (for example "ulm" or "mhw-2019") and LOCAL is unique within that scope.'),
        ),
    ),
    'Code': ClassChecks(
        name='Code',
        slots=('codebook', 'label', 'parent', 'definition', 'derived_from_topic', 'position', 'id'),
        required=('codebook', 'label', 'id'),
        multivalued=(),
        types={'position': 'int'},
        checks=(
            Check('position', 'range', _outside('position', 1, None, False), 'a number of at least 1'),
            Check('id', 'pattern', ~pl.col('id').str.contains('^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\\n?$'), 'a value as the schema describes it: The record\'s identifier: a CURIE "upsides:SCOPE/LOCAL" where SCOPE is the lower-case scope of the site or study that made the record (for example "ulm" or "mhw-2019") and LOCAL is unique within that scope.'),
        ),
    ),
    'Theme': ClassChecks(
        name='Theme',
        slots=('codebook', 'label', 'label_absent_reason', 'parent', 'description', 'codes', 'position', 'id'),
        required=('codebook', 'id'),
        multivalued=('codes',),
        types={'position': 'int'},
        checks=(
            Check('label_absent_reason', 'enum', ~pl.col('label_absent_reason').is_in(['not-reported', 'not-applicable', 'withheld-for-disclosure', 'unknown']), 'one of: not-reported, not-applicable, withheld-for-disclosure, unknown'),
            Check('position', 'range', _outside('position', 1, None, False), 'a number of at least 1'),
            Check('id', 'pattern', ~pl.col('id').str.contains('^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\\n?$'), 'a value as the schema describes it: The record\'s identifier: a CURIE "upsides:SCOPE/LOCAL" where SCOPE is the lower-case scope of the site or study that made the record (for example "ulm" or "mhw-2019") and LOCAL is unique within that scope.'),
        ),
    ),
    'Quote': ClassChecks(
        name='Quote',
        slots=('transcript', 'text', 'original_text', 'original_language', 'label', 'label_site', 'label_chapter', 'speaker', 'speaker_role', 'start_offset', 'end_offset', 'themes', 'codes', 'synthetic', 'notes', 'id'),
        required=('transcript', 'text', 'id'),
        multivalued=('themes', 'codes'),
        types={'end_offset': 'int', 'label_chapter': 'int', 'start_offset': 'int', 'synthetic': 'bool'},
        checks=(
            Check('original_language', 'pattern', ~pl.col('original_language').str.contains('^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*\\n?$'), 'a value as the schema describes it: A BCP 47 language tag, such as en, de, sw, he, gu or lg.'),
            Check('label', 'pattern', ~pl.col('label').str.contains('^[A-Za-z][A-Za-z0-9]* [0-9]+\\n?$'), 'a value as the schema describes it: The published location label, such as "BGU 97".'),
            Check('label_site', 'pattern', ~pl.col('label_site').str.contains('^[A-Za-z][A-Za-z0-9]*\\n?$'), 'a value as the schema describes it: The site label part of the published location label ("BGU" in "BGU 97").'),
            Check('label_chapter', 'range', _outside('label_chapter', 0, None, False), 'a number of at least 0'),
            Check('speaker_role', 'enum', ~pl.col('speaker_role').is_in(['MHW', 'PSW', 'service-user', 'carer', 'manager', 'other']), 'one of: MHW, PSW, service-user, carer, manager, other'),
            Check('start_offset', 'range', _outside('start_offset', 0, None, False), 'a number of at least 0'),
            Check('end_offset', 'range', _outside('end_offset', 0, None, False), 'a number of at least 0'),
            Check('id', 'pattern', ~pl.col('id').str.contains('^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\\n?$'), 'a value as the schema describes it: The record\'s identifier: a CURIE "upsides:SCOPE/LOCAL" where SCOPE is the lower-case scope of the site or study that made the record (for example "ulm" or "mhw-2019") and LOCAL is unique within that scope.'),
        ),
    ),
    'EvidenceReference': ClassChecks(
        name='EvidenceReference',
        slots=('transcript', 'label', 'label_site', 'label_chapter', 'statement', 'themes', 'codes', 'notes', 'id'),
        required=('transcript', 'label', 'id'),
        multivalued=('themes', 'codes'),
        types={'label_chapter': 'int'},
        checks=(
            Check('label', 'pattern', ~pl.col('label').str.contains('^[A-Za-z][A-Za-z0-9]* [0-9]+\\n?$'), 'a value as the schema describes it: The published location label, such as "DS 12".'),
            Check('label_site', 'pattern', ~pl.col('label_site').str.contains('^[A-Za-z][A-Za-z0-9]*\\n?$'), 'a value as the schema describes it: The site label part of the published location label ("BGU" in "BGU 97").'),
            Check('label_chapter', 'range', _outside('label_chapter', 0, None, False), 'a number of at least 0'),
            Check('id', 'pattern', ~pl.col('id').str.contains('^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\\n?$'), 'a value as the schema describes it: The record\'s identifier: a CURIE "upsides:SCOPE/LOCAL" where SCOPE is the lower-case scope of the site or study that made the record (for example "ulm" or "mhw-2019") and LOCAL is unique within that scope.'),
        ),
    ),
    'Coding': ClassChecks(
        name='Coding',
        slots=('code', 'transcript', 'start_offset', 'end_offset', 'coder', 'coded_on', 'quote', 'synthetic', 'id'),
        required=('code', 'transcript', 'id'),
        multivalued=(),
        types={'end_offset': 'int', 'start_offset': 'int', 'synthetic': 'bool'},
        checks=(
            Check('start_offset', 'range', _outside('start_offset', 0, None, False), 'a number of at least 0'),
            Check('end_offset', 'range', _outside('end_offset', 0, None, False), 'a number of at least 0'),
            Check('coded_on', 'pattern', ~pl.col('coded_on').str.contains('^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?\\n?$'), 'a value as the schema describes it: An ISO 8601 calendar date at the precision the source gives: a year (2019), a year and month (2019-11) or a full date (2019-11-14). Published studies often report only months; recording a finer date than the source would invent data.'),
            Check('id', 'pattern', ~pl.col('id').str.contains('^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\\n?$'), 'a value as the schema describes it: The record\'s identifier: a CURIE "upsides:SCOPE/LOCAL" where SCOPE is the lower-case scope of the site or study that made the record (for example "ulm" or "mhw-2019") and LOCAL is unique within that scope.'),
        ),
    ),
    'Memo': ClassChecks(
        name='Memo',
        slots=('author', 'about_code', 'about_theme', 'about_quote', 'text', 'written_on', 'synthetic', 'id'),
        required=('text', 'id'),
        multivalued=(),
        types={'synthetic': 'bool'},
        checks=(
            Check('written_on', 'pattern', ~pl.col('written_on').str.contains('^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?\\n?$'), 'a value as the schema describes it: An ISO 8601 calendar date at the precision the source gives: a year (2019), a year and month (2019-11) or a full date (2019-11-14). Published studies often report only months; recording a finer date than the source would invent data.'),
            Check('id', 'pattern', ~pl.col('id').str.contains('^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\\n?$'), 'a value as the schema describes it: The record\'s identifier: a CURIE "upsides:SCOPE/LOCAL" where SCOPE is the lower-case scope of the site or study that made the record (for example "ulm" or "mhw-2019") and LOCAL is unique within that scope.'),
        ),
    ),
    'Finding': ClassChecks(
        name='Finding',
        slots=('study', 'theme', 'summary', 'sites', 'quotes', 'evidence_references', 'notes', 'id'),
        required=('study', 'summary', 'id'),
        multivalued=('sites', 'quotes', 'evidence_references'),
        types={},
        checks=(
            Check('id', 'pattern', ~pl.col('id').str.contains('^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\\n?$'), 'a value as the schema describes it: The record\'s identifier: a CURIE "upsides:SCOPE/LOCAL" where SCOPE is the lower-case scope of the site or study that made the record (for example "ulm" or "mhw-2019") and LOCAL is unique within that scope.'),
        ),
    ),
    'PackageSource': ClassChecks(
        name='PackageSource',
        slots=('package_name', 'package_version', 'package_kind', 'access_level', 'standard_version', 'records', 'id'),
        required=('package_name', 'package_version', 'package_kind', 'access_level', 'id'),
        multivalued=('records',),
        types={},
        checks=(
            Check('package_kind', 'enum', ~pl.col('package_kind').is_in(['site', 'codebook', 'consortium']), 'one of: site, codebook, consortium'),
            Check('access_level', 'enum', ~pl.col('access_level').is_in(['public', 'restricted']), 'one of: public, restricted'),
            Check('id', 'pattern', ~pl.col('id').str.contains('^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\\n?$'), 'a value as the schema describes it: The record\'s identifier: a CURIE "upsides:SCOPE/LOCAL" where SCOPE is the lower-case scope of the site or study that made the record (for example "ulm" or "mhw-2019") and LOCAL is unique within that scope.'),
        ),
    ),
}

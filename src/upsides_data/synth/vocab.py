"""The fixed vocabulary synthetic text is made of.

Every word of a synthetic transcript, quote, memo or statement comes from these lists, so the
generator can never emit a name, an address or anything else that looks like personal data. A few
phrases hold non-ASCII characters (curly apostrophes, an en dash, an accented letter) so that
character offsets are exercised in Unicode code points, not bytes.
"""

from __future__ import annotations

# Short neutral clauses about peer support in mental health services. Utterances are 2-4 of them.
PHRASES: tuple[str, ...] = (
    "peer support could help people feel understood",
    "the team would need clear roles",
    "lived experience is a kind of expertise",
    "we should plan the collaboration together",
    "supervision for peer workers matters",
    "boundaries between roles may blur",
    "a peer worker can build a bridge to services",
    "the workload of the team might go down",
    "training should come before the first day",
    "patients often trust someone who has been there",
    "we do not yet know how this will work",
    "the ward routine leaves little time",
    "peer workers need a fair salary",
    "it’s important that everyone is heard",
    "confidentiality rules apply to the whole team",
    "some colleagues are sceptical at first",
    "regular meetings would help the exchange",
    "the service has tried similar ideas before",
    "recovery is a long process",
    "hope is something a peer worker can share",
    "we need to protect the peer worker’s own health",
    "the role should be part of the team, not outside it",
    "families may also benefit from this support",
    "community services could reach more people",
    "resources are limited in our setting",
    "stigma is still a barrier – also among staff",
    "a clear job description would help",
    "peer workers could join the ward rounds",
    "the first weeks will be a learning phase",
    "mutual respect is the basis of the work",
    "there is a risk of overload for peer workers",
    "we could learn a lot from their perspective",
    "documentation rules should be discussed early",
    "the hospital management has to support it",
    "informal peer support already exists here",
    "a mentor in the team would be useful",
    "role clarity reduces conflicts",
    "the café meetings are a good place to start",
    "language and culture shape how support is given",
    "we want the programme to last beyond the project",
)

# Opening lines of the moderator (one per transcript, before the participants speak).
MODERATOR_LINES: tuple[str, ...] = (
    "welcome, let us talk about peer support in this service",
    "thank you for coming, the first topic is the role of peer workers",
    "let us start with your expectations of peer support",
)

TOPICS: tuple[tuple[str, str], ...] = (
    ("Expectations of peer support", "What participants expect peer support workers to do."),
    ("Challenges of working with peer support workers", "What could make the work difficult."),
    ("Collaboration between staff and peer support workers", "How the team would work together."),
)

QUESTIONS: tuple[str, ...] = (
    "What do you expect from peer support in your service?",
    "Which tasks could a peer support worker take on?",
    "What challenges do you foresee in working with peer support workers?",
    "What would help to overcome these challenges?",
    "How should staff and peer support workers work together?",
    "What support would the team need for this collaboration?",
)

THEME_WORDS: tuple[str, ...] = (
    "roles", "collaboration", "resources", "recovery", "boundaries", "training",
    "trust", "workload", "hope", "supervision", "stigma", "communication",
)

CODE_WORDS: tuple[str, ...] = (
    "role clarity", "shared decisions", "lived experience", "team meetings", "job description",
    "salary", "training needs", "supervision", "boundaries", "stigma", "bridge building",
    "workload", "hope", "trust", "family contact", "community reach", "documentation",
    "management support", "sustainability", "cultural fit",
)

# (ISO 3166-1 code, BCP 47 languages spoken in its focus groups). Languages other than English
# are translated forward into English, the analysis language.
COUNTRIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("DE", ("de",)),
    ("UG", ("lg", "en")),
    ("TZ", ("sw",)),
    ("IL", ("he",)),
    ("IN", ("gu",)),
)

# The World Bank income groups of those countries for FY2020 and FY2021 (CLASS_FY2020/FY2021).
INCOME_GROUPS: dict[str, dict[int, str]] = {
    "DE": {2020: "HIC", 2021: "HIC"},
    "UG": {2020: "LIC", 2021: "LIC"},
    "TZ": {2020: "LIC", 2021: "LMIC"},
    "IL": {2020: "HIC", 2021: "HIC"},
    "IN": {2020: "LMIC", 2021: "LMIC"},
}
INCOME_SOURCE = "World Bank country classifications by income level, CLASS_FY{fy}"

AGE_BANDS: tuple[tuple[str, int, int], ...] = (
    ("18-24", 18, 24), ("25-34", 25, 34), ("35-44", 35, 44), ("45-54", 45, 54), ("55-64", 55, 64),
)

MHW_PROFESSIONS: tuple[str, ...] = (
    "psychiatrist-physician", "psychologist-psychotherapist", "nurse", "social-worker",
    "occupational-therapist",
)
GENDERS: tuple[str, ...] = ("female", "male", "diverse", "not-disclosed")
GENDER_WEIGHTS: tuple[float, ...] = (0.55, 0.38, 0.04, 0.03)

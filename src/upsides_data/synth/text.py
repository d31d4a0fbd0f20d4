"""Synthetic transcripts and everything that points into them, built column-wise.

A transcript is a list of utterances ``"<speaker>: <body>"`` joined by LF; each body is two to four
phrases of the fixed vocabulary. Utterance numbers are the chapter numbers of labels such as
"S01 7". After the moderator's opening line the utterances follow the pattern quote, quote, other:
a quote is a run of whole phrases inside a quoted utterance, and some "other" utterances are cited
as evidence references. Offsets are computed from phrase lengths in Unicode code points, with numpy
cumulative sums instead of per-row Python, so a million quotes take seconds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from upsides_data.synth.codebook import CodebookPlan
from upsides_data.synth.people import tr_ids
from upsides_data.synth.plan import QUOTES_PER_MEMO, Plan, SitePlan
from upsides_data.synth.vocab import MODERATOR_LINES, PHRASES

MAX_PHRASES = 4
SEPARATOR = ". "  # between the phrases of a body; a body ends with "."
KIND_MODERATOR, KIND_QUOTE, KIND_OTHER = 0, 1, 2
EVIDENCE_SHARE = 0.5  # of the "other" utterances
SECOND_CODE_SHARE, SECOND_THEME_SHARE, NO_SPEAKER_SHARE = 0.3, 0.25, 0.1

_PHRASE_LEN = np.array([len(p) for p in PHRASES], dtype=np.int64)  # code points, not bytes
_MOD_LEN = np.array([len(p) for p in MODERATOR_LINES], dtype=np.int64)


@dataclass
class SiteText:
    """The tables of one site that come from its transcripts."""

    transcript_text: pl.DataFrame  # index (focus group), text
    quote: pl.DataFrame
    quote_themes: pl.DataFrame
    quote_codes: pl.DataFrame
    evidence_reference: pl.DataFrame
    evidence_reference_themes: pl.DataFrame
    evidence_reference_codes: pl.DataFrame
    coding: pl.DataFrame
    memo: pl.DataFrame


def _seq_ids(prefix: str, n: int, width: int) -> pl.Series:
    return prefix + pl.Series(np.arange(1, n + 1)).cast(pl.String).str.zfill(width)


def _dates(rng: np.random.Generator, n: int) -> pl.Series:
    """Analysis dates in 2021-01-04 .. 2021-05-23, inside the study period."""
    days = rng.integers(0, 140, size=n).astype("timedelta64[D]")
    return pl.Series(np.datetime64("2021-01-04", "D") + days)


def _distinct(rng: np.random.Generator, first: np.ndarray, size: int) -> np.ndarray:
    """Another index in [0, size) that differs from ``first`` (needs size > 1)."""
    return (first + 1 + rng.integers(0, size - 1, size=first.shape[0])) % size


def site_text(plan: Plan, site: SitePlan, cb: CodebookPlan, attended_primary: np.ndarray,
              participant_ids: pl.Series, rng: np.random.Generator) -> SiteText:
    """Transcripts, quotes, evidence references, codings and memos of one site.

    ``attended_primary`` gives each participant's (0-based) main focus group; speakers of a focus
    group are drawn from those participants.
    """
    n_fg = site.focus_groups
    q_per_fg = np.full(n_fg, site.quotes // n_fg, dtype=np.int64)
    q_per_fg[: site.quotes % n_fg] += 1
    u_per_fg = 1 + q_per_fg + q_per_fg // 2
    n_u = int(u_per_fg.sum())
    fg = np.repeat(np.arange(n_fg), u_per_fg)
    fg_first = np.concatenate([[0], np.cumsum(u_per_fg)[:-1]])
    pos = np.arange(n_u) - fg_first[fg]
    kind = np.where(pos == 0, KIND_MODERATOR, np.where((pos - 1) % 3 < 2, KIND_QUOTE, KIND_OTHER))

    # Speakers: a participant whose main focus group this is, or none if the group has none.
    members = np.bincount(attended_primary, minlength=n_fg)
    member_lo = np.concatenate([[0], np.cumsum(members)[:-1]])
    pick = member_lo[fg] + np.floor(rng.random(n_u) * members[fg]).astype(np.int64)
    has_speaker = (kind != KIND_MODERATOR) & (members[fg] > 0)
    speaker = np.where(has_speaker, pick, -1)
    token = pl.select(
        pl.when(pl.Series(kind == KIND_MODERATOR)).then(pl.lit("A01"))
        .when(pl.Series(has_speaker)).then(
            pl.lit("P") + (pl.Series(speaker) + 1).cast(pl.String).str.zfill(4))
        .otherwise(pl.lit("R"))).to_series()

    # Bodies from phrase indices; lengths in code points from the phrase table.
    k = rng.integers(2, MAX_PHRASES + 1, size=n_u)
    phrase = rng.integers(0, len(PHRASES), size=(n_u, MAX_PHRASES))
    used = np.arange(MAX_PHRASES)[None, :] < k[:, None]
    piece_len = np.where(used, _PHRASE_LEN[phrase] + len(SEPARATOR) * (np.arange(MAX_PHRASES) > 0),
                         0)
    mod_line = rng.integers(0, len(MODERATOR_LINES), size=n_u)
    is_mod = kind == KIND_MODERATOR
    body_len = np.where(is_mod, _MOD_LEN[mod_line], piece_len.sum(axis=1) + 1)
    phrases = pl.Series(PHRASES)
    pieces = []
    for j in range(MAX_PHRASES):
        text = phrases.gather(phrase[:, j])
        if j:
            text = pl.select(pl.when(pl.Series(used[:, j])).then(SEPARATOR + text)
                             .otherwise(pl.lit(""))).to_series()
        pieces.append(text.alias(f"p{j}"))
    frame = pl.DataFrame(pieces).with_columns(
        body=pl.when(pl.Series(is_mod)).then(pl.Series(MODERATOR_LINES).gather(mod_line))
        .otherwise(pl.concat_str([f"p{j}" for j in range(MAX_PHRASES)]) + "."),
        token=token,
    ).select("token", "body")
    prefix_len = token.str.len_chars().to_numpy().astype(np.int64) + 2
    line_len = prefix_len + body_len
    step = line_len + 1
    before = np.cumsum(step) - step
    utt_start = before - before[fg_first[fg]]

    frame = frame.with_columns(
        fg=pl.Series(fg), line=pl.col("token") + ": " + pl.col("body"))
    transcript_text = frame.group_by("fg", maintain_order=True).agg(
        text=pl.col("line").str.join("\n")).rename({"fg": "index"})

    # Quotes: a run of whole phrases [a, b) of a quoted utterance.
    qi = np.flatnonzero(kind == KIND_QUOTE)
    kq = k[qi]
    a = np.floor(rng.random(qi.size) * kq).astype(np.int64)
    b = a + 1 + np.floor(rng.random(qi.size) * (kq - a)).astype(np.int64)
    cum = np.concatenate([np.zeros((n_u, 1), dtype=np.int64), np.cumsum(piece_len, axis=1)], axis=1)
    in_body_start = cum[qi, a] + len(SEPARATOR) * (a > 0)
    in_body_end = cum[qi, b]
    q_start = utt_start[qi] + prefix_len[qi] + in_body_start
    q_end = utt_start[qi] + prefix_len[qi] + in_body_end
    n_q = qi.size
    code1 = rng.integers(0, len(cb.code_ids), size=n_q)
    code_ids = pl.Series(cb.code_ids)
    leaf_ids = pl.Series(cb.leaf_ids)
    theme1 = cb.code_leaf[code1]
    withheld = ~has_speaker[qi] | (rng.random(n_q) < NO_SPEAKER_SHARE)
    quote_ids = _seq_ids(f"upsides:{site.scope}/q", n_q, 7)
    language = site.languages[0]
    quote = pl.DataFrame({
        "id": quote_ids,
        "transcript": pl.select(tr_ids(site, pl.Series(fg[qi]))).to_series(),
        "text": frame["body"].gather(qi).str.slice(pl.Series(in_body_start),
                                                   pl.Series(in_body_end - in_body_start)),
        "label_site": pl.Series([site.label] * n_q, dtype=pl.String),
        "label_chapter": pos[qi] + 1,
        "speaker": participant_ids.gather(np.maximum(speaker[qi], 0)).scatter(
            np.flatnonzero(withheld), None),
        "speaker_role": _where(withheld, pl.lit("MHW")),
        "start_offset": q_start,
        "end_offset": q_end,
        "synthetic": np.ones(n_q, dtype=bool),
    }).with_columns(
        label=pl.col("label_site") + " " + pl.col("label_chapter").cast(pl.String),
        original_language=pl.lit(None if language == "en" else language, dtype=pl.String),
    )
    quote_codes = _links("quote", quote_ids, "code", code_ids, code1,
                         len(cb.code_ids), SECOND_CODE_SHARE, rng)
    quote_themes = _links("quote", quote_ids, "theme", leaf_ids, theme1,
                          len(cb.leaf_ids), SECOND_THEME_SHARE, rng)

    # Evidence references: "other" utterances, at least the first one of the site.
    oi = np.flatnonzero(kind == KIND_OTHER)
    cited = rng.random(oi.size) < EVIDENCE_SHARE
    cited[:1] = True
    ei = oi[cited]
    n_e = ei.size
    e_code = rng.integers(0, len(cb.code_ids), size=n_e)
    e_ids = _seq_ids(f"upsides:{site.scope}/e", n_e, 6)
    evidence = pl.DataFrame({
        "id": e_ids,
        "transcript": pl.select(tr_ids(site, pl.Series(fg[ei]))).to_series(),
        "label_site": pl.Series([site.label] * n_e, dtype=pl.String),
        "label_chapter": pos[ei] + 1,
        "statement": phrases.gather(phrase[ei, 0]),
    }).with_columns(label=pl.col("label_site") + " " + pl.col("label_chapter").cast(pl.String))
    ev_codes = pl.DataFrame({"evidence_reference": e_ids, "code": code_ids.gather(e_code)})
    ev_themes = pl.DataFrame({"evidence_reference": e_ids,
                              "theme": leaf_ids.gather(cb.code_leaf[e_code])})

    # Codings: one per quote (same span, same first code), one per "other" utterance (its body).
    o_start = utt_start[oi] + prefix_len[oi]
    n_c = n_q + oi.size
    coders = pl.Series([site.rid("A03"), site.rid("A04")])
    coding = pl.DataFrame({
        "id": _seq_ids(f"upsides:{site.scope}/c", n_c, 7),
        "code": code_ids.gather(np.concatenate([code1, rng.integers(0, len(cb.code_ids),
                                                                    size=oi.size)])),
        "transcript": pl.select(tr_ids(site, pl.Series(np.concatenate([fg[qi], fg[oi]])))
                                ).to_series(),
        "start_offset": np.concatenate([q_start, o_start]),
        "end_offset": np.concatenate([q_end, o_start + body_len[oi]]),  # whole body
        "coder": coders.gather(rng.integers(0, 2, size=n_c)),
        "coded_on": _dates(rng, n_c),
        "quote": pl.concat([quote_ids, pl.Series([None] * oi.size, dtype=pl.String)]),
        "synthetic": np.ones(n_c, dtype=bool),
    })

    n_m = max(1, n_q // QUOTES_PER_MEMO)
    about_quote = rng.random(n_m) < 0.5
    memo = pl.DataFrame({
        "id": _seq_ids(f"upsides:{site.scope}/memo", n_m, 5),
        "author": coders.gather(rng.integers(0, 2, size=n_m)),
        "about_quote": _where(about_quote, quote_ids.gather(rng.integers(0, n_q, size=n_m))),
        "about_code": _where(~about_quote, code_ids.gather(
            rng.integers(0, len(cb.code_ids), size=n_m))),
        "text": phrases.gather(rng.integers(0, len(PHRASES), size=n_m)) + ".",
        "written_on": _dates(rng, n_m),
        "synthetic": np.ones(n_m, dtype=bool),
    })
    return SiteText(transcript_text, quote, quote_themes, quote_codes, evidence, ev_themes,
                    ev_codes, coding, memo)


def _where(mask: np.ndarray, value: pl.Expr | pl.Series) -> pl.Series:
    """``value`` where ``mask`` holds, null elsewhere, as a string column."""
    return pl.select(pl.when(pl.Series(mask)).then(value).otherwise(None)
                     .cast(pl.String)).to_series()


def _links(owner: str, owner_ids: pl.Series, value: str, values: pl.Series, first: np.ndarray,
           size: int, second_share: float, rng: np.random.Generator) -> pl.DataFrame:
    """A link table: every owner gets ``first``; a share of them a second, different value."""
    extra = rng.random(first.size) < second_share
    second = _distinct(rng, first[extra], size) if size > 1 else first[extra][:0]
    extra_owners = owner_ids.filter(pl.Series(extra)) if size > 1 else owner_ids[:0]
    return pl.DataFrame({
        owner: pl.concat([owner_ids, extra_owners]),
        value: values.gather(np.concatenate([first, second])),
    })

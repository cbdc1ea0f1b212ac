"""How far a plan has got: words against each section's limit, and which required sections are
filled. Used by the overview, the section page, the plan list and the dashboard."""

import re
from dataclasses import dataclass

# Han, kana, Hangul and Thai are written without spaces between words: each character counts as
# one word there (the usual convention for word limits in those scripts), runs of other letters
# and digits count once.
_UNSPACED = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
# Each pattern below matches without backtracking (one character, or a maximal run of one class),
# so that counting is linear in the text: a pattern like `[^\s]*\w[^\s]*` retries every start
# of a long run of punctuation and turns quadratic.
_PIECE = re.compile(rf"[{_UNSPACED}]|[^\s{_UNSPACED}]+")
_LETTER = re.compile(r"\w")


def word_count(text: str) -> int:
    """Words of Markdown source; markup alone (`#`, `-`, `|`) is not a word."""
    return sum(1 for piece in _PIECE.finditer(text or "") if _LETTER.search(piece.group()))


def is_filled(kind: str, body: str, rows: list) -> bool:
    """A prose section is filled by any non-blank text; a structured one by at least one row."""
    if kind == "prose":
        return bool((body or "").strip())
    return bool(rows)


@dataclass(frozen=True)
class SectionProgress:
    key: str
    title: str
    kind: str
    required: bool
    words: int
    word_limit: int
    rows: int
    filled: bool
    revision: int

    @property
    def over_limit(self) -> bool:
        return self.words > self.word_limit

    @property
    def has_rows(self) -> bool:
        """A table section (financing, timeline, indicators), not prose."""
        return self.kind != "prose"

    @property
    def missing(self) -> bool:
        return self.required and not self.filled


def section_progress(draft) -> SectionProgress:
    section = draft.section
    return SectionProgress(
        key=section.key,
        title=section.title,
        kind=section.kind,
        required=section.required,
        words=word_count(draft.body),
        word_limit=section.word_limit,
        rows=len(draft.rows or []),
        filled=is_filled(section.kind, draft.body, draft.rows),
        revision=draft.revision,
    )


@dataclass(frozen=True)
class PlanProgress:
    sections: list[SectionProgress]

    @property
    def required_total(self) -> int:
        return sum(1 for s in self.sections if s.required)

    @property
    def required_filled(self) -> int:
        return sum(1 for s in self.sections if s.required and s.filled)

    @property
    def missing(self) -> list[SectionProgress]:
        return [s for s in self.sections if s.missing]

    @property
    def words(self) -> int:
        return sum(s.words for s in self.sections)

    @property
    def percent(self) -> int:
        if not self.required_total:
            return 100
        return round(100 * self.required_filled / self.required_total)

    @property
    def complete(self) -> bool:
        return not self.missing


def plan_progress(drafts) -> PlanProgress:
    """Progress of a plan from its drafts (with `section` loaded), in template order."""
    ordered = sorted(drafts, key=lambda d: d.section.position)
    return PlanProgress([section_progress(d) for d in ordered])


def missing_sections(drafts) -> list[SectionProgress]:
    """The required sections still empty, in template order: what stops a submission."""
    return [progress for progress in map(section_progress, drafts) if progress.missing]

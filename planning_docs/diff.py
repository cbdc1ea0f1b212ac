"""Word-level differences between two plan versions, section by section.

Text is compared as readers see it (rendered Markdown without its markup, one line per paragraph,
list item or table row), never as Markdown syntax; the output is escaped text with `<ins>` and
`<del>` around what changed. Rows of the structured sections are compared as table cells under
their column labels, with the values people read (`RowsDiff`).

Any text a trainee writes must cost time linear in its size. A word-level diff of whole sections
(`difflib.SequenceMatcher`) is quadratic or worse, so the diff works in two passes with Myers'
O((N+M)D) algorithm: first over segments (lines and sentences), then over the words of each run of
changed segments. Every comparison is paid from a budget linear in the text; a run of segments
that would cost more is shown as removed and added whole, and a section whose segments alone
exceed it is shown as rewritten.
"""

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from ecotown.core.formatting import format_money, format_quantity
from ecotown.core.frozen_cache import rendered_once
from ecotown.core.sanitise import readable_text
from planning_docs.completion import _UNSPACED
from planning_docs.structured import ROW_FIELDS, FundingSource, row_is_sound
from planning_docs.tables import row_cells, table_columns

# Words, runs of white space and single punctuation marks; unspaced scripts one character each.
# A figure reference (planning_docs.figures.REFERENCE) is one token: a figure comes or goes whole.
_FIGURE = r"!\[[^\]\n]{0,200}\]\(figure:\d{1,9}\)"
_TOKEN = re.compile(rf"{_FIGURE}|[{_UNSPACED}]|\s+|[^\s\W{_UNSPACED}]+|[^\s]")
# Segments: a line, or a sentence within it. The three classes are disjoint, so matching never
# backtracks; a figure reference stays whole (trying one at a "!" costs at most its bound).
_SEGMENT = re.compile(rf"(?:{_FIGURE}|[^\n.!?\u3002\uff01\uff1f])*[.!?\u3002\uff01\uff1f]*\n?")

# Comparisons a diff may spend per character of its two texts, plus a floor for short texts.
BUDGET_PER_CHAR = 16
BUDGET_FLOOR = 20_000


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def segments(text: str) -> list[str]:
    return [s for s in _SEGMENT.findall(text or "") if s]


class OverBudget(Exception):
    """The diff would cost more comparisons than its budget allows."""


class DiffBudget:
    """A count of comparisons: `spend` raises OverBudget past the limit."""

    def __init__(self, limit: int):
        self.limit = limit
        self.spent = 0

    def spend(self, count: int) -> None:
        self.spent += count
        if self.spent > self.limit:
            raise OverBudget

    @classmethod
    def for_texts(cls, old: str, new: str) -> "DiffBudget":
        size = len(old or "") + len(new or "")
        return cls(BUDGET_FLOOR + BUDGET_PER_CHAR * size)


def _myers_blocks(a: list, b: list, budget: DiffBudget) -> list[tuple[int, int, int]]:
    """Matching blocks (i, j, size) of a shortest edit script from `a` to `b` (Myers, 1986)."""
    n, m = len(a), len(b)
    offset = n + m + 1
    v = [0] * (2 * offset + 1)
    trace: list[list[int]] = []
    for d in range(n + m + 1):
        budget.spend(2 * d + 1)
        for k in range(-d, d + 1, 2):
            if k == -d or (k != d and v[offset + k - 1] < v[offset + k + 1]):
                x = v[offset + k + 1]
            else:
                x = v[offset + k - 1] + 1
            y, start = x - k, x
            while x < n and y < m and a[x] == b[y]:
                x, y = x + 1, y + 1
            budget.spend(x - start)
            v[offset + k] = x
            if x >= n and y >= m:
                trace.append(v[offset - d : offset + d + 1])
                return _backtrack(trace, n, m)
        trace.append(v[offset - d : offset + d + 1])
    raise AssertionError("unreachable: d = n + m always reaches the end")


def _backtrack(trace: list[list[int]], n: int, m: int) -> list[tuple[int, int, int]]:
    blocks = []
    x, y = n, m
    for d in range(len(trace) - 1, 0, -1):
        previous = trace[d - 1]  # previous[k + d - 1] is the furthest x on diagonal k
        k = x - y
        if k == -d or (k != d and previous[k - 1 + d - 1] < previous[k + 1 + d - 1]):
            prev_k = k + 1
        else:
            prev_k = k - 1
        prev_x = previous[prev_k + d - 1]
        prev_y = prev_x - prev_k
        mid_x, mid_y = (prev_x, prev_y + 1) if prev_k == k + 1 else (prev_x + 1, prev_y)
        if x > mid_x:
            blocks.append((mid_x, mid_y, x - mid_x))
        x, y = prev_x, prev_y
    if x > 0:
        blocks.append((0, 0, x))
    blocks.reverse()
    return blocks


def matching_blocks(a: list, b: list, budget: DiffBudget) -> list[tuple[int, int, int]]:
    """Matching blocks of `a` and `b`, ending with the sentinel (len(a), len(b), 0)."""
    n, m = len(a), len(b)
    prefix = 0
    while prefix < min(n, m) and a[prefix] == b[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(n, m) - prefix and a[n - 1 - suffix] == b[m - 1 - suffix]:
        suffix += 1
    budget.spend(prefix + suffix)
    core = _myers_blocks(a[prefix : n - suffix], b[prefix : m - suffix], budget)
    blocks = [(0, 0, prefix)] if prefix else []
    blocks += [(i + prefix, j + prefix, size) for i, j, size in core]
    if suffix:
        blocks.append((n - suffix, m - suffix, suffix))
    return [*blocks, (n, m, 0)]


def opcodes(a: list, b: list, budget: DiffBudget) -> list[tuple[str, int, int, int, int]]:
    """Like SequenceMatcher.get_opcodes: "equal", "replace", "delete" and "insert" spans."""
    result = []
    i = j = 0
    for ai, bj, size in matching_blocks(a, b, budget):
        if i < ai and j < bj:
            result.append(("replace", i, ai, j, bj))
        elif i < ai:
            result.append(("delete", i, ai, j, bj))
        elif j < bj:
            result.append(("insert", i, ai, j, bj))
        if size:
            result.append(("equal", ai, ai + size, bj, bj + size))
        i, j = ai + size, bj + size
    return result


def _marked(old: str, new: str) -> list[str]:
    parts = [f"<del>{escape(old)}</del>"] if old else []
    return [*parts, f"<ins>{escape(new)}</ins>"] if new else parts


def _words_html(old: str, new: str, budget: DiffBudget) -> list[str]:
    a, b = tokens(old), tokens(new)
    parts: list[str] = []
    for op, i1, i2, j1, j2 in opcodes(a, b, budget):
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
        else:
            parts += _marked("".join(a[i1:i2]), "".join(b[j1:j2]))
    return parts


def _changed_run_html(old: str, new: str, budget: DiffBudget) -> list[str]:
    """One run of changed segments word by word, or removed and added whole when that would
    cost more than this run's share of the budget."""
    share = DiffBudget(min(budget.limit - budget.spent, DiffBudget.for_texts(old, new).limit))
    try:
        return _words_html(old, new, share)
    except OverBudget:
        return _marked(old, new)
    finally:
        budget.spend(share.spent)


@dataclass(frozen=True)
class TextDiff:
    html: SafeString
    rewritten: bool  # too different to show word by word: all removed, then all added


def text_diff(old: str, new: str, budget: DiffBudget | None = None) -> TextDiff:
    """`old` to `new` as escaped HTML with deletions in <del> and insertions in <ins>."""
    old, new = old or "", new or ""
    budget = budget or DiffBudget.for_texts(old, new)
    a, b = segments(old), segments(new)
    try:
        spans = opcodes(a, b, budget)
        parts: list[str] = []
        for op, i1, i2, j1, j2 in spans:
            old_run, new_run = "".join(a[i1:i2]), "".join(b[j1:j2])
            if op == "equal":
                parts.append(escape(old_run))
            elif op == "replace":
                parts += _changed_run_html(old_run, new_run, budget)
            else:
                parts += _marked(old_run, new_run)
    except OverBudget:
        html = "".join(_marked(old, new))
        return TextDiff(mark_safe(html), rewritten=True)  # noqa: S308 - escaped in _marked
    return TextDiff(mark_safe("".join(parts)), rewritten=False)  # noqa: S308 - escaped above


def word_diff(old: str, new: str) -> SafeString:
    """`old` to `new` as escaped HTML with deletions in <del> and insertions in <ins>."""
    return text_diff(old, new).html


def rows_as_text(kind: str, rows: list[dict]) -> str:
    """Rows of a structured section as one line each, as people read them (labels, not codes;
    amounts with separators and their currency), so that they can be diffed like text."""
    return "\n".join(row_as_text(kind, row) for row in rows or [])


def row_as_text(kind: str, row: dict) -> str:
    if not row_is_sound(kind, row):
        # Stored before today's checks: shown as stored, never formatted.
        return " · ".join(str(row.get(name, "")) for name in ROW_FIELDS.get(kind, ()))
    if kind == "financing":
        code = str(row.get("source", ""))
        source = dict(FundingSource.choices).get(code, code)
        amount = format_money(row["amount"], row.get("currency", ""))
        return f"{row.get('item', '')} · {source} · {amount} · {row.get('year', '')}"
    if kind == "indicators":
        unit = row.get("unit", "")
        baseline = format_quantity(row["baseline"], unit)
        target = format_quantity(row["target"], unit)
        return f"{row.get('indicator', '')} · {baseline} → {target} · {row.get('year', '')}"
    if kind == "timeline":
        span = f"{row.get('start', '')} – {row.get('end', '')}"
        return f"{row.get('milestone', '')} · {span} · {row.get('owner', '')}"
    return " · ".join(str(row.get(name, "")) for name in ROW_FIELDS.get(kind, ()))


@dataclass(frozen=True)
class CellDiff:
    old: str
    new: str

    @property
    def changed(self) -> bool:
        return self.old != self.new


ROW_CHANGES = {"changed": _("changed"), "added": _("added"), "removed": _("removed")}


@dataclass(frozen=True)
class RowDiff:
    change: str  # "changed", "added" or "removed"
    cells: list[CellDiff]

    @property
    def label(self) -> str:
        return str(ROW_CHANGES[self.change])


@dataclass(frozen=True)
class RowsDiff:
    """The changed rows of a table under its column labels; unchanged rows are only counted."""

    columns: list[tuple[str, bool]]  # (label, numeric)
    rows: list[RowDiff]
    unchanged: int


def _row_diffs(op: str, old: list[list[str]], new: list[list[str]]) -> list[RowDiff]:
    """A changed run of rows: rows paired in order are changed cell by cell, the rest added or
    removed."""
    paired = min(len(old), len(new)) if op == "replace" else 0
    diffs = [
        RowDiff("changed", [CellDiff(a, b) for a, b in zip(o, n, strict=True)])
        for o, n in zip(old[:paired], new[:paired], strict=True)
    ]
    diffs += [RowDiff("removed", [CellDiff(a, "") for a in o]) for o in old[paired:]]
    diffs += [RowDiff("added", [CellDiff("", b) for b in n]) for n in new[paired:]]
    return diffs


def rows_diff(kind: str, old_rows: list[dict], new_rows: list[dict]) -> RowsDiff:
    """Rows of a structured section compared as table cells, with the values people read."""
    old = [row_cells(kind, row) for row in old_rows or []]
    new = [row_cells(kind, row) for row in new_rows or []]
    a, b = [tuple(cells) for cells in old], [tuple(cells) for cells in new]
    budget = DiffBudget.for_texts(repr(a), repr(b))
    try:
        spans = opcodes(a, b, budget)
    except OverBudget:
        spans = [("replace", 0, len(a), 0, len(b))] if a or b else []
    rows: list[RowDiff] = []
    unchanged = 0
    for op, i1, i2, j1, j2 in spans:
        if op == "equal":
            unchanged += i2 - i1
        else:
            rows += _row_diffs(op, old[i1:i2], new[j1:j2])
    return RowsDiff(columns=table_columns(kind), rows=rows, unchanged=unchanged)


@dataclass(frozen=True)
class SectionDiff:
    key: str
    title: str
    change: str  # "unchanged", "changed", "added" or "removed"
    body: SafeString
    rows: SafeString
    has_rows: bool
    rewritten: bool = False  # too different to show word by word
    table: RowsDiff | None = None  # the rows compared cell by cell (structured sections)

    @property
    def changed(self) -> bool:
        return self.change != "unchanged"

    @property
    def body_changed(self) -> bool:
        return "<ins>" in self.body or "<del>" in self.body


def _section_diff(key: str, old: dict | None, new: dict | None) -> SectionDiff:
    old_body, new_body = (old or {}).get("body", ""), (new or {}).get("body", "")
    either = new or old or {}
    kind = either["kind"]
    old_rows = rows_as_text(kind, (old or {}).get("rows", []))
    new_rows = rows_as_text(kind, (new or {}).get("rows", []))
    if old is None:
        change = "added"
    elif new is None:
        change = "removed"
    elif (old_body, old.get("rows", [])) == (new_body, new.get("rows", [])):
        change = "unchanged"
    else:
        change = "changed"
    body = text_diff(readable_text(old_body), readable_text(new_body))
    rows = text_diff(old_rows, new_rows)
    has_rows = kind != "prose"
    table = (
        rows_diff(kind, (old or {}).get("rows", []), (new or {}).get("rows", []))
        if has_rows
        else None
    )
    return SectionDiff(
        key=key,
        title=either["title"],
        change=change,
        body=body.html,
        rows=rows.html,
        has_rows=has_rows,
        rewritten=change == "changed" and (body.rewritten or rows.rewritten),
        table=table,
    )


def versions_diff(old_sections: list[dict], new_sections: list[dict]) -> list[SectionDiff]:
    """Every section of both versions: in the newer version's order, then those it removed."""
    old_by_key = {s["key"]: s for s in old_sections}
    new_keys = {s["key"] for s in new_sections}
    diffs = [_section_diff(s["key"], old_by_key.get(s["key"]), s) for s in new_sections]
    diffs += [_section_diff(s["key"], s, None) for s in old_sections if s["key"] not in new_keys]
    return diffs


# Raised when SectionDiff changes shape, so that cached diffs of the old shape are never read.
DIFF_SHAPE = 1


def stored_versions_diff(old_sections: list[dict], new_sections: list[dict]) -> list[SectionDiff]:
    """versions_diff of two stored versions, computed once per language (amounts are written in
    the reader's) and taken from the cache after (ecotown.core.frozen_cache)."""
    return rendered_once(
        f"diff:{DIFF_SHAPE}",
        [old_sections, new_sections],
        lambda: versions_diff(old_sections, new_sections),
    )


@dataclass(frozen=True)
class AttachmentChange:
    kind: str  # "figures" or "annexes"
    label: str  # the caption or title (the new one, or the old one of a removed item)
    change: str  # "added", "removed", "replaced" (another file) or "changed" (other words)


def attachments_diff(old: dict | None, new: dict | None) -> list[AttachmentChange]:
    """The figures the two versions show and their annexes: added, removed, given another file
    (by its hash) or other words (caption, text alternative, title)."""
    changes = []
    for kind, words in (("figures", ("caption", "alt")), ("annexes", ("title",))):
        before = {e["id"]: e for e in (old or {}).get(kind, [])}
        after = {e["id"]: e for e in (new or {}).get(kind, [])}
        label = "caption" if kind == "figures" else "title"
        for key, entry in after.items():
            if key not in before:
                changes.append(AttachmentChange(kind, entry[label], "added"))
            elif entry["sha256"] != before[key]["sha256"]:
                changes.append(AttachmentChange(kind, entry[label], "replaced"))
            elif any(entry[w] != before[key][w] for w in words):
                changes.append(AttachmentChange(kind, entry[label], "changed"))
        changes += [
            AttachmentChange(kind, entry[label], "removed")
            for key, entry in before.items()
            if key not in after
        ]
    return changes

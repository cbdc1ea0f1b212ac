"""Word-level differences between two plan versions, section by section.

The diff is of the Markdown source, so that a changed word is shown exactly as the trainee wrote
it; the output is escaped text with `<ins>` and `<del>` around what changed.
"""

import difflib
import re
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from planning_docs.completion import _UNSPACED
from planning_docs.structured import ROW_FIELDS

# Words, runs of white space and single punctuation marks; unspaced scripts one character each.
_TOKEN = re.compile(rf"[{_UNSPACED}]|\s+|[^\s\W{_UNSPACED}]+|[^\s]")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def word_diff(old: str, new: str) -> SafeString:
    """`old` to `new` as escaped HTML with deletions in <del> and insertions in <ins>."""
    a, b = tokens(old), tokens(new)
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            parts.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of user text is escaped above


def rows_as_text(kind: str, rows: list[dict]) -> str:
    """Rows of a structured section as one line each, so that they can be diffed like text."""
    fields = ROW_FIELDS.get(kind, ())
    return "\n".join(" · ".join(str(row.get(name, "")) for name in fields) for row in rows or [])


@dataclass(frozen=True)
class SectionDiff:
    key: str
    title: str
    change: str  # "unchanged", "changed", "added" or "removed"
    body: SafeString
    rows: SafeString
    has_rows: bool

    @property
    def changed(self) -> bool:
        return self.change != "unchanged"


def _section_diff(key: str, old: dict | None, new: dict | None) -> SectionDiff:
    old_body, new_body = (old or {}).get("body", ""), (new or {}).get("body", "")
    either: dict[str, Any] = new or old or {}
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
    return SectionDiff(
        key=key,
        title=either["title"],
        change=change,
        body=word_diff(old_body, new_body),
        rows=word_diff(old_rows, new_rows),
        has_rows=kind != "prose",
    )


def versions_diff(old_sections: list[dict], new_sections: list[dict]) -> list[SectionDiff]:
    """Every section of both versions: in the newer version's order, then those it removed."""
    old_by_key = {s["key"]: s for s in old_sections}
    new_keys = {s["key"] for s in new_sections}
    diffs = [_section_diff(s["key"], old_by_key.get(s["key"]), s) for s in new_sections]
    diffs += [_section_diff(s["key"], s, None) for s in old_sections if s["key"] not in new_keys]
    return diffs

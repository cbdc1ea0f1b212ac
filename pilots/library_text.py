"""The words of an approved version as the library indexes them. Pure functions of a version's
frozen sections, so that the backfill migration uses them too."""

TECHNOLOGY_SECTION = "technologies-and-recycling-chains"


def _row_words(rows: list) -> list[str]:
    words: list[str] = []
    for row in rows or []:
        if isinstance(row, dict):
            words.extend(str(value) for value in row.values() if isinstance(value, str) and value)
    return words


def version_text(title: str, sections: list[dict]) -> str:
    """The title, then each section's title, text and the words of its table rows."""
    parts = [title]
    for section in sections or []:
        parts.append(section.get("title") or "")
        parts.append(section.get("body") or "")
        parts.extend(_row_words(section.get("rows") or []))
    return "\n".join(part for part in parts if part)


def technology_text(sections: list[dict]) -> str:
    """The text of the technologies section (empty when the template has none)."""
    for section in sections or []:
        if section.get("key") == TECHNOLOGY_SECTION:
            return section.get("body") or ""
    return ""

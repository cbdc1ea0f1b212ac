"""How people's names are written: the one test for Chinese, Japanese and Korean names."""

import unicodedata

EAST_ASIAN_SCRIPTS = ("CJK", "HANGUL", "HIRAGANA", "KATAKANA")


def is_east_asian(text: str) -> bool:
    """True for a name written in Han characters, kana or Hangul (spaces aside)."""
    letters = text.replace(" ", "")
    return bool(letters) and all(
        unicodedata.name(char, "").startswith(EAST_ASIAN_SCRIPTS) for char in letters
    )

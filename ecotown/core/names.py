"""How people's names are written: one display name for the portal, the PDF, the archive and the
e-mails alike, and the language and direction a name is set in."""

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

EAST_ASIAN_SCRIPTS = ("CJK", "HANGUL", "HIRAGANA", "KATAKANA")

# Han characters take their national forms from the language: Japanese names and text need
# Japanese glyphs, Chinese text simplified or traditional ones (see the print stylesheet).
CJK_LANG_BY_COUNTRY = {
    "JP": "ja",
    "CN": "zh-Hans",
    "SG": "zh-Hans",
    "TW": "zh-Hant",
    "HK": "zh-Hant",
    "MO": "zh-Hant",
    "KR": "ko",
}


# The user fields that display_name reads: lists load only these with .only().
NAME_FIELDS = ("first_name", "last_name", "username", "time_zone")


@dataclass(frozen=True)
class NamedPerson:
    """A person's name as plain values (NAME_FIELDS, and their profile's country when known),
    for lists that read rows of values rather than users: the functions here read it alike."""

    first_name: str
    last_name: str
    username: str
    time_zone: str
    country: str = ""

    @classmethod
    def of(cls, names: Sequence[str], country: str | None = "") -> "NamedPerson":
        """From the NAME_FIELDS' values, in their order."""
        first_name, last_name, username, time_zone = names
        return cls(first_name, last_name, username, time_zone, country or "")

    def __str__(self) -> str:
        return display_name(self)


def is_east_asian(text: str) -> bool:
    """True for a name written in Han characters, kana or Hangul (spaces aside)."""
    letters = text.replace(" ", "")
    return bool(letters) and all(
        unicodedata.name(char, "").startswith(EAST_ASIAN_SCRIPTS) for char in letters
    )


def text_direction(text: str) -> str:
    """'rtl' when the first strongly directional letter is Hebrew or Arabic script, else 'ltr'."""
    for char in text:
        if unicodedata.bidirectional(char) in {"R", "AL"}:
            return "rtl"
        if unicodedata.bidirectional(char) == "L":
            return "ltr"
    return "ltr"


def _country(user: Any) -> str:
    # The trainee profile's country, read only when already loaded: a name is shown in lists,
    # and asking for it must never cost a query per row.
    if isinstance(user, NamedPerson):
        return user.country
    profile = user._state.fields_cache.get("trainee_profile")
    return str(profile.country) if profile is not None else ""


def lang_of_person(user: Any) -> str:
    """The language tag of a person's name: from their country when known, kana means Japanese,
    Hangul Korean, and Han characters of a person in Japan's zone Japanese. Empty otherwise."""
    country = _country(user)
    if country in CJK_LANG_BY_COUNTRY:
        return CJK_LANG_BY_COUNTRY[country]
    scripts = {unicodedata.name(c, "").split(" ", 1)[0] for c in user.first_name + user.last_name}
    if scripts & {"HIRAGANA", "KATAKANA"}:
        return "ja"
    if "HANGUL" in scripts:
        return "ko"
    if "CJK" in scripts and getattr(user, "time_zone", "") == "Asia/Tokyo":
        return "ja"
    return ""


def full_name(user: Any) -> str:
    """The name as its owner writes it: Chinese, Japanese and Korean names family name first,
    Japanese with a space between the two, Chinese and Korean without. Empty when unnamed."""
    first, last = user.first_name.strip(), user.last_name.strip()
    if first and last and is_east_asian(first + last):
        separator = " " if lang_of_person(user) == "ja" else ""
        return f"{last}{separator}{first}"
    return f"{first} {last}".strip()


def display_name(user: Any) -> str:
    """The full name, or the username of a person who gave none."""
    return full_name(user) or user.username


def person(user: Any) -> dict[str, str]:
    """A name ready for a document: text, language tag and direction."""
    name = display_name(user)
    return {"name": name, "lang": lang_of_person(user), "dir": text_direction(name)}

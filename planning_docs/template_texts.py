"""A template's words in a plan's language. The default template's section titles and guidance
are in the translation catalogues (marked in planning_docs migration 0003); a coordinator's own
template reads as they wrote it, in every language."""

from django.utils import translation


def in_language(text: str, language: str) -> str:
    """`text` as the catalogue of `language` has it, or as it is when the catalogue lacks it."""
    if not text:
        return text  # gettext("") is the catalogue's header
    with translation.override(language):
        return translation.gettext(text)

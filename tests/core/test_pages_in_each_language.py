"""Every main page, in every language but English, for every role: the page says it is in that
language, and no English sentence written into a template (text a translator never saw) shows
on it. What the catalogues hold is checked in test_translations.py."""

import html
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.template import Template, engines
from django.template.base import TextNode

from tests.e2e.test_accessibility import demo, role_pages  # noqa: F401 - demo is a fixture

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(settings.BASE_DIR)
LANGUAGES = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
ROLES = [("coordinator", "unido"), ("expert", "expert"), ("trainee", "trainee01")]
TAG = re.compile(r"<[^>]*>")
# Two English words or more: a phrase, not a name or an abbreviation ("UNIDO", "PDF"), nor
# CSS classes ("text-end text-nowrap") where a tag's attribute holds a condition.
PHRASE = re.compile(r"[A-Za-z][a-z]+(?:[ ,'’-]+[A-Za-z][a-z]*)+")


def _texts(nodelist) -> list[str]:
    """The template's own text, each run of it between variables and tags as one string with
    a NUL where a node stands (so that an HTML tag around a variable is still one tag)."""
    runs, parts = [], []
    for node in nodelist:
        if isinstance(node, TextNode):
            parts.append(node.s)
            continue
        parts.append("\0")
        for name in node.child_nodelists:
            child = getattr(node, name, None)
            if child:
                runs.extend(_texts(child))
    return [*runs, "".join(parts)]


def phrases_of(nodelist) -> set[str]:
    """The English phrases a template writes as plain text: outside HTML tags and outside
    {% translate %} and {% blocktranslate %} (whose text is in the catalogues)."""
    phrases = set()
    for run in _texts(nodelist):
        run = re.sub(r"<(script|style)\b.*?</\1>", " ", run, flags=re.S)
        for piece in re.split(r"<[^>]*>|\0", run):
            phrases.update(m.group(0).strip() for m in PHRASE.finditer(html.unescape(piece)))
    return {p for p in phrases if sum(w.isalpha() for w in re.split(r"[ ,]+", p)) >= 2}


def template_phrases() -> set[str]:
    engine = engines["django"].engine
    paths = [*ROOT.glob("templates/**/*.html"), *ROOT.glob("*/templates/**/*.html")]
    # Pages only: a PDF speaks its document's language (a plan's, or English for a visa letter).
    paths = [p for p in paths if "pdf" not in p.parts]
    names = ["/".join(p.parts[p.parts.index("templates") + 1 :]) for p in paths]
    return set().union(*(phrases_of(engine.get_template(name).nodelist) for name in names))


# Words that are also the demo's data, shown as entered: an expert's organisation (the
# certificate's own wording names the same bureau).
DATA_TOO = {"City of Kitakyushu, Environment Bureau"}


def translated_sentences(language: str) -> set[str]:
    """English sentences (four words or more) that the catalogue of `language` translates: a
    page showing one in English lost its translation on the way (a string translated once, at
    import, in English)."""
    path = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    with path.open("rb") as po:
        catalogue = read_po(po, locale=language)
    return {
        m.id
        for m in catalogue
        if isinstance(m.id, str)
        and m.id not in DATA_TOO
        # The default template's section titles: an English plan shows them in English.
        and not all("/migrations/" in path for path, _line in m.locations)
        and len(m.id.split()) >= 4
        and not re.search(r"[%{<\n]", m.id)
        and m.string
        and m.string != m.id
    }


def texts_of(page: str) -> set[str]:
    """Each text of the page between two tags, its spaces folded."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return {" ".join(html.unescape(t).split()) for t in TAG.split(page)} - {""}


def visible_text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(TAG.sub(" ", page)).split())


def test_a_sentence_written_into_a_template_is_found():
    template = Template(
        '{% load i18n %}<p>{% translate "Marked words here" %} Plain words here '
        '<a class="btn btn-link{% if x %} active{% endif %}">{{ x }}</a></p>'
    )
    assert phrases_of(template.nodelist) == {"Plain words here"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_main_page_speaks_the_language(client, demo, language):  # noqa: F811
    phrases, sentences = template_phrases(), translated_sentences(language)
    left = {}
    for role, username in ROLES:
        user = demo.get(username=username)
        user.language = language
        user.save(update_fields=["language"])
        client.force_login(user)
        for label, url in role_pages(role):
            response = client.get(url)
            assert response.status_code == 200, (label, url)
            page = response.content.decode()
            assert f'<html lang="{language}"' in page, (label, url)
            text = visible_text(page)
            # A phrase written into a template may sit inside a longer text; a lost translation
            # is a whole text of its own (a label, a button): data that merely contains the
            # same words ("Construction and demolition waste recycling…") is not one.
            english = sorted(p for p in phrases if p in text)
            english += sorted(sentences & texts_of(page))
            if english:
                left[f"{role}: {label}"] = english
    assert left == {}

"""A plan's own language: its version freezes it, its section titles and its PDF's words follow
it, whatever language its readers use. Expected words are read from the catalogues themselves
(locale/<lang>/LC_MESSAGES/django.po), independently of the code under test."""

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.db import IntegrityError, InternalError, transaction
from django.utils import translation

from ecotown.core import pdf
from planning_docs.models import PdfRender, PlanVersion
from planning_docs.pdf import document as pdf_document
from planning_docs.pdf import services as pdf_services
from planning_docs.services import plan_submit
from tests.factories.planning_docs import fill_plan, make_plan
from tests.pdf.conftest import pdftotext

pytestmark = pytest.mark.django_db


def catalogue_word(language: str, english: str) -> str:
    """What the catalogue of `language` says for `english` (the English when untranslated)."""
    path = settings.BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.po"
    with path.open("rb") as po:
        message = read_po(po, locale=language).get(english)
    return (message.string if message is not None else "") or english


@pytest.fixture
def french_plan(db):
    plan = fill_plan(make_plan())
    plan.language = "fr"
    plan.save(update_fields=["language"])
    return plan


def test_a_version_freezes_the_document_language_and_its_titles(french_plan):
    version = plan_submit(plan=french_plan, actor=french_plan.enrolment.trainee)
    assert version.language == "fr"
    titles = [s["title"] for s in version.sections]
    assert titles[0] == catalogue_word("fr", "National policy context")
    assert titles[-1] == catalogue_word("fr", "Transboundary waste and the Basel Convention")


def test_the_frozen_language_cannot_change(french_plan):
    version = plan_submit(plan=french_plan, actor=french_plan.enrolment.trainee)
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        PlanVersion.objects.filter(pk=version.pk).update(language="en")
    version.refresh_from_db()
    assert version.language == "fr"


def test_the_language_is_part_of_the_version_s_hash(db):
    english = plan_submit(plan=(p := fill_plan(make_plan())), actor=p.enrolment.trainee)
    plan = fill_plan(make_plan())
    plan.language = "fr"
    plan.save()
    french = plan_submit(plan=plan, actor=plan.enrolment.trainee)
    assert english.content_hash != french.content_hash


def test_the_pdf_speaks_the_plan_s_language_not_the_reader_s(french_plan, media_root, tmp_path):
    version = plan_submit(plan=french_plan, actor=french_plan.enrolment.trainee)
    render = pdf_services.pdf_queue_final_render(version=version, actor=None)
    with translation.override("ja"):  # whoever asks for it
        html = pdf_document.plan_document_html(render)
    assert '<html lang="fr" dir="ltr">' in html
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf.render_pdf(html).content)
    text = pdftotext(path)
    for english in ("Contents", "Sign-off"):
        assert catalogue_word("fr", english) in text
    assert catalogue_word("fr", "National policy context") in text


def test_an_arabic_plan_is_laid_out_right_to_left(db):
    plan = fill_plan(make_plan())
    plan.language = "ar"
    plan.save()
    render = pdf_services.pdf_request_draft_render(plan=plan, actor=None)
    assert '<html lang="ar" dir="rtl">' in pdf_document.plan_document_html(render)


def test_changing_the_language_makes_another_draft(db):
    plan = fill_plan(make_plan())
    first = pdf_services.pdf_request_draft_render(plan=plan, actor=None)
    plan.language = "es"
    plan.save()
    second = pdf_services.pdf_request_draft_render(plan=plan, actor=None)
    assert first.content_hash != second.content_hash


def test_the_certificate_speaks_the_plan_s_language(db):
    plan = fill_plan(make_plan())
    plan.language = "ja"
    plan.save()
    render = PdfRender(plan=plan, kind=PdfRender.Kind.CERTIFICATE, content={"title": plan.title})
    with translation.override("en"):
        html = pdf_document.certificate_html(render)
    assert '<html lang="ja" dir="ltr">' in html
    assert catalogue_word("ja", "Certificate of completion") in html

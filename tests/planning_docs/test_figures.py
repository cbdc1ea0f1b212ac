"""Figures: uploads checked and re-encoded, refusals that store nothing, numbering, frozen files."""

import io
import json
import re
from pathlib import Path

import pytest
from django.urls import reverse
from PIL import Image

from planning_docs.attachments import (
    MAX_FIGURES_PER_PLAN,
    AttachmentRefused,
    figure_add,
    figure_change,
)
from planning_docs.diff import attachments_diff, tokens
from planning_docs.models import Figure
from planning_docs.services import plan_request_changes, plan_submit, section_save
from tests.factories.planning_docs import fill_plan, make_plan
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def plan(media):
    return fill_plan(make_plan())


def png(size=(60, 40), color=(20, 120, 60), **save) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, color).save(output, format="PNG", **save)
    return output.getvalue()


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (33.0, 52.0, 59.0)  # GPSLatitudeRef, GPSLatitude
    gps[3], gps[4] = "E", (130.0, 52.0, 30.0)
    output = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(output, format="JPEG", exif=exif)
    return output.getvalue()


def stored_files(media: Path) -> list[Path]:
    return sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []


def add(plan, content=None, name="map.png", declared="image/png", **words) -> Figure:
    return figure_add(
        plan=plan,
        content=png() if content is None else content,
        name=name,
        declared_type=declared,
        caption=words.get("caption", "Site map"),
        alt=words.get("alt", "Map of the site"),
        actor=plan.enrolment.trainee,
    )


def test_a_png_is_stored_under_its_hash_with_its_size(plan, media):
    figure = add(plan)
    assert figure.file.name == f"figures/{figure.sha256[:2]}/{figure.sha256}.png"
    assert (figure.width, figure.height) == (60, 40)
    assert figure.content_type == "image/png"
    assert stored_files(media) == [media / figure.file.name]


def test_gps_and_other_exif_are_gone_from_a_stored_jpeg(plan, media):
    upload = jpeg_with_gps()
    assert Image.open(io.BytesIO(upload)).getexif().get_ifd(0x8825)  # the upload has GPS
    figure = add(plan, upload, name="photo.jpg", declared="image/jpeg")
    stored = (media / figure.file.name).read_bytes()
    assert b"PhoneMaker" not in stored and b"Exif" not in stored
    assert dict(Image.open(io.BytesIO(stored)).getexif()) == {}
    assert figure.file.name.endswith(".jpg")


REFUSALS = [
    # (content, name, declared type, words in the reason)
    (b"<!doctype html><script>alert(1)</script>", "map.png", "image/png", "not a PNG or JPEG"),
    (png(), "map.jpg", "image/jpeg", "does not match"),
    (png(), "map.png", "text/html", "does not match"),
    (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "m.svg", "", "SVG"),
    (b"GIF89a" + b"\x00" * 40, "map.gif", "image/gif", "not a PNG or JPEG"),
]


@pytest.mark.parametrize(("content", "name", "declared", "reason"), REFUSALS)
def test_a_file_that_is_not_what_it_says_is_refused_and_nothing_is_stored(
    plan, media, content, name, declared, reason
):
    with nothing_changes(plan, Figure), pytest.raises(AttachmentRefused, match=reason):
        add(plan, content, name=name, declared=declared)
    assert stored_files(media) == []


def test_a_decompression_bomb_is_refused_before_it_is_decoded(plan, media):
    # 8000 x 6000 one-bit pixels: 48 megapixels in a file of a few kilobytes.
    bomb = io.BytesIO()
    Image.new("1", (8000, 6000)).save(bomb, format="PNG", optimize=True)
    assert len(bomb.getvalue()) < 100_000
    with nothing_changes(plan, Figure), pytest.raises(AttachmentRefused, match="megapixels"):
        add(plan, bomb.getvalue())
    assert stored_files(media) == []


def test_a_picture_above_ten_megabytes_is_refused(plan, media):
    too_large = png() + b"\x00" * (10 * 1024 * 1024)
    with nothing_changes(plan, Figure), pytest.raises(AttachmentRefused, match="10 MB"):
        add(plan, too_large)
    assert stored_files(media) == []


def test_the_fifty_first_figure_is_refused(plan, media):
    same = png()
    Figure.objects.bulk_create(
        Figure(plan=plan, file="figures/x.png", sha256="x", content_type="image/png",
               width=1, height=1, caption=f"F{n}", alt="a")
        for n in range(MAX_FIGURES_PER_PLAN)
    )  # fmt: skip
    with nothing_changes(plan, Figure), pytest.raises(AttachmentRefused, match="50 figures"):
        add(plan, same)
    assert stored_files(media) == []


def test_the_upload_page_shows_the_reason_and_stores_nothing(client, plan, media):
    client.force_login(plan.enrolment.trainee)
    url = reverse("planning_docs:figure-list", args=[plan.pk])
    html_as_png = io.BytesIO(b"<html><body>not a picture</body></html>")
    html_as_png.name = "map.png"
    with nothing_changes(plan, Figure):
        response = client.post(url, {"picture": html_as_png, "caption": "Map", "alt": "A map"})
    assert response.status_code == 400
    assert "not a PNG or JPEG picture" in response.content.decode()
    assert stored_files(media) == []


def test_the_upload_page_adds_a_figure_and_names_its_reference(client, plan, media):
    client.force_login(plan.enrolment.trainee)
    url = reverse("planning_docs:figure-list", args=[plan.pk])
    picture = io.BytesIO(png())
    picture.name = "map.png"
    response = client.post(
        url, {"picture": picture, "caption": "Site map", "alt": "A map"}, follow=True
    )
    figure = plan.figures.get()
    assert f"![](figure:{figure.pk})" in response.content.decode()
    assert (figure.caption, figure.alt, figure.uploaded_by) == (
        "Site map",
        "A map",
        plan.enrolment.trainee,
    )


def write(plan, key: str, body: str) -> None:
    draft = plan.drafts.get(section__key=key)
    section_save(draft=draft, body=body, rows=None, revision=draft.revision, actor=None)


def test_figures_are_numbered_in_document_order_on_the_section_page(client, plan):
    first, second = add(plan, caption="Process flow"), add(plan, png(color=(1, 2, 3)))
    write(plan, "national-policy-context", f"Intro.\n\n{second.reference}\n")
    write(plan, "pilot-site-and-scope", f"{first.reference}\n\nAs ![x](figure:{second.pk}) shows")
    client.force_login(plan.assignments.get().expert)  # readers see the text as it shows
    page = client.get(reverse("planning_docs:section-edit", args=[plan.pk, "pilot-site-and-scope"]))
    html = page.content.decode()
    assert "Figure 2: Process flow" in html
    assert "As Figure 1 shows" in html
    image_url = reverse("planning_docs:figure-image", args=[plan.pk, first.pk])
    assert f'src="{image_url}?v={first.sha256[:16]}"' in html
    assert 'alt="Map of the site"' in html


def test_a_reference_to_another_plans_figure_shows_nothing(client, plan, media):
    other = add(fill_plan(make_plan()))
    write(plan, "pilot-site-and-scope", f"{other.reference}\n")
    client.force_login(plan.assignments.get().expert)
    page = client.get(reverse("planning_docs:section-edit", args=[plan.pk, "pilot-site-and-scope"]))
    assert "figure-image" not in page.content.decode()
    assert f"/figures/{other.pk}/" not in page.content.decode()


def submit(plan):
    return plan_submit(plan=plan, actor=plan.enrolment.trainee)


def test_a_version_keeps_its_figure_after_the_figure_is_replaced(client, plan, media):
    figure = add(plan)
    write(plan, "pilot-site-and-scope", f"{figure.reference}\n")
    version = submit(plan)
    frozen = version.attachments["figures"]
    assert frozen == [
        {
            "id": figure.pk,
            "sha256": figure.sha256,
            "caption": "Site map",
            "alt": "Map of the site",
            "file": figure.file.name,
            "content_type": "image/png",
            "width": 60,
            "height": 40,
        }
    ]
    plan_request_changes(plan=plan, version=version, actor=plan.assignments.get().expert, note="")
    old_bytes = (media / figure.file.name).read_bytes()
    figure_change(
        figure=figure,
        caption="New map",
        alt="The new map",
        content=png(color=(250, 250, 0)),
        name="new.png",
        declared_type="image/png",
        actor=plan.enrolment.trainee,
    )
    figure.refresh_from_db()
    assert figure.sha256 != frozen[0]["sha256"]
    assert (media / frozen[0]["file"]).read_bytes() == old_bytes
    client.force_login(plan.assignments.get().expert)
    url = reverse("planning_docs:version-figure", args=[plan.pk, version.number, figure.pk])
    response = client.get(url)
    assert b"".join(response.streaming_content) == old_bytes
    page = client.get(reverse("planning_docs:version-detail", args=[plan.pk, version.number]))
    assert "Figure 1: Site map" in page.content.decode()
    second = submit(plan)
    changes = attachments_diff(version.attachments, second.attachments)
    assert [(c.kind, c.label, c.change) for c in changes] == [("figures", "New map", "replaced")]
    diff = client.get(reverse("planning_docs:version-diff", args=[plan.pk]) + "?from=1&to=2")
    assert "Figure “New map”: replaced by another picture or file" in diff.content.decode()


def test_the_diff_lists_figures_added_and_removed():
    old = {"figures": [{"id": 1, "sha256": "a", "caption": "Map", "alt": "m"}]}
    new = {"figures": [{"id": 2, "sha256": "b", "caption": "Flow", "alt": "f"}]}
    changes = [(c.label, c.change) for c in attachments_diff(old, new)]
    assert changes == [("Flow", "added"), ("Map", "removed")]


def test_the_word_diff_treats_a_figure_reference_as_one_token():
    assert tokens("See ![a site. map](figure:12) now") == [
        "See",
        " ",
        "![a site. map](figure:12)",
        " ",
        "now",
    ]


def test_a_removed_figure_stays_in_the_versions_that_showed_it(client, plan, media):
    figure = add(plan)
    write(plan, "pilot-site-and-scope", f"{figure.reference}\n")
    version = submit(plan)
    plan_request_changes(plan=plan, version=version, actor=plan.assignments.get().expert, note="")
    client.force_login(plan.enrolment.trainee)
    url = reverse("planning_docs:figure-remove", args=[plan.pk, figure.pk])
    assert client.post(url).status_code == 302
    assert not plan.figures.exists()
    frozen = client.get(
        reverse("planning_docs:version-figure", args=[plan.pk, version.number, figure.pk])
    )
    assert b"".join(frozen.streaming_content) == (media / figure.file.name).read_bytes()
    live = client.get(reverse("planning_docs:figure-image", args=[plan.pk, figure.pk]))
    assert live.status_code == 404


def test_the_section_editor_gets_every_figure_numbered_with_its_checked_address(client, plan):
    shown, unplaced = add(plan, caption="Site map"), add(plan, caption="Process flow")
    draft = plan.drafts.get(section__key="risks")
    section_save(
        draft=draft,
        body=shown.reference,
        rows=None,
        revision=draft.revision,
        actor=plan.enrolment.trainee,
    )
    client.force_login(plan.enrolment.trainee)
    page = client.get(reverse("planning_docs:section-edit", args=[plan.pk, "baseline-and-problem"]))
    figures = json.loads(
        re.search(
            r'<script id="editor-figures" type="application/json">(.*?)</script>',
            page.content.decode(),
            re.S,
        ).group(1)
    )
    # The one the text shows keeps its number; the other comes after it, as once inserted.
    assert figures[str(shown.pk)]["label"] == "Figure 1: Site map"
    assert figures[str(unplaced.pk)]["label"] == "Figure 2: Process flow"
    image = reverse("planning_docs:figure-image", args=[plan.pk, unplaced.pk])
    assert figures[str(unplaced.pk)]["url"].startswith(f"{image}?v=")
    assert figures[str(unplaced.pk)]["alt"] == "Map of the site"

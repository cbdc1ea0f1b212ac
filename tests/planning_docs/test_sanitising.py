import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from planning_docs.models import SectionDraft
from planning_docs.services import plan_submit
from tests.factories.planning_docs import fill_plan

pytestmark = pytest.mark.django_db

HOSTILE = (
    "# Title\n\n<script>alert('x')</script>\n\n"
    "<img src=x onerror=alert(1)>\n\n"
    '[click](javascript:alert(1)) and <a href="javascript:alert(2)" onclick="x()">raw</a>\n\n'
    '<div style="color:red">raw html</div>\n\n'
    "**bold** and [UNIDO](https://www.unido.org)\n"
)


class Tags(HTMLParser):
    """Every element and attribute actually present (escaped text is not markup)."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_clean(html: str):
    tags = Tags(html)
    names = {tag for tag, _attrs in tags.tags}
    assert not names & {"img", "div", "iframe"}
    for tag, attrs in tags.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "style" not in attrs, (tag, attrs)
        assert not (attrs.get("href") or "").startswith("javascript:"), (tag, attrs)
        assert tag != "script" or "src" in attrs  # only the page's own static scripts


def user_text_of(page: str) -> str:
    """The rendered Risks text: the sanitiser allows no <div>, so the first </div> ends it.
    Its '# Title' sits below the page's own headings (h2 in the editor, h3 in a version)."""
    marker = re.search(r"<h[23]>Title</h[23]>", page).start()
    start = page.index(">", page.rindex('<div class="plan-text"', 0, marker)) + 1
    return page[start : page.index("</div>", start)]


def test_no_script_handler_javascript_link_or_raw_html_survives_on_any_page(
    client, plan, trainee, lead
):
    fill_plan(plan)
    SectionDraft.objects.filter(plan=plan, section__key="risks").update(body=HOSTILE)
    client.force_login(trainee)
    plan_submit(plan=plan, actor=trainee)
    client.force_login(lead)
    for url in (
        reverse("planning_docs:section-edit", args=[plan.pk, "risks"]),
        reverse("planning_docs:version-detail", args=[plan.pk, 1]),
    ):
        main = user_text_of(client.get(url).content.decode())
        assert_clean(main)
        assert "<strong>bold</strong>" in main
        assert (
            '<a href="https://www.unido.org" rel="noopener noreferrer nofollow">UNIDO</a>' in main
        )

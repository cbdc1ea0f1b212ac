"""The visual editor of a section in the real browser: Markdown round trips for every element the
toolbar makes, paste cleaning, and a trainee building a table as a grid by the keyboard."""

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from planning_docs.attachments import figure_add
from planning_docs.demo_attachments import site_map_png
from planning_docs.models import SectionDraft
from planning_docs.pdf.document import section_view
from tests.browser import login
from tests.e2e.test_accessibility import axe_violations
from tests.factories.planning_docs import make_plan
from tests.factories.trainees import AcceptedEnrolmentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EDITOR = ".visual-editor-content"

# Markdown as the editor writes it, and what the editor shows of it.
ELEMENTS = {
    "heading": ("# Site and scope\n\nThe park covers 40 ha.", "h2[data-level='1']"),
    "subheading": ("## Landfill\n\nClosed in 2020.", "h3[data-level='2']"),
    "bold": ("Costs are **shared** with the city.", "strong"),
    "italic": ("These are *draft* figures.", "em"),
    "bullet list": ("- Glass\n- Paper\n- Metals", "ul > li"),
    "numbered list": ("1. Survey\n2. Design\n3. Build", "ol > li"),
    "link": (
        "See [the decree](https://example.org/decree?id=4).",
        "a[href='https://example.org/decree?id=4']",
    ),
    "block quote": ("> Waste is a resource in the wrong place.", "blockquote p"),
    "table": (
        "| Source | Amount |\n| --- | --- |\n| City | 1,200 |\n| UNIDO | 300 |",
        "table tr:first-child th",
    ),
    # Alignment is shown by a class: the CSP refuses the style attribute markdown-it would write.
    "aligned table": (
        "| Item | Cost |\n| :---: | ---: |\n| Land | 1,200 |",
        "table td.align-right",
    ),
    "nested list": ("- Recycling\n  - Glass\n  - Paper\n- Composting", "ul li ul li"),
}

ROUND_TRIP = """(markdown) => {
  const instance = document.querySelector("[data-visual-editor]").visualEditor;
  instance.setMarkdown(markdown);
  const shown = JSON.stringify(instance.editor.getJSON());
  const written = instance.getMarkdown();
  instance.setMarkdown(written);
  return {written, same: JSON.stringify(instance.editor.getJSON()) === shown};
}"""

PASTE = """(html) => {
  const target = document.querySelector(".visual-editor-content");
  target.focus();
  const data = new DataTransfer();
  data.setData("text/html", html);
  data.setData("text/plain", "plain");
  const paste = new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true});
  target.dispatchEvent(paste);
  return document.querySelector("[data-visual-editor]").visualEditor.getMarkdown();
}"""

PASTED = Path(__file__).resolve().parent / "paste"


@pytest.fixture
def plan(trainee):
    return make_plan(enrolment=AcceptedEnrolmentFactory(trainee=trainee))


def add_figure(plan, caption: str = "Site plan of the park"):
    return figure_add(
        plan=plan,
        content=site_map_png(),
        name="site.png",
        declared_type="image/png",
        caption=caption,
        alt="Five plots along two roads",
        actor=plan.enrolment.trainee,
    )


def open_risks(page, live_server, plan, trainee):
    login(page, live_server, trainee)
    page.goto(f"{live_server.url}/plans/{plan.pk}/sections/risks/")
    expect(page.locator(EDITOR)).to_be_visible()


def risks(plan) -> SectionDraft:
    return SectionDraft.objects.get(plan=plan, section__key="risks")


def saved_text(plan, expected: str | None = None) -> str:
    """The stored text, lines compared (a form posts CRLF, as every browser does). Given what is
    expected, waits for the autosave that stores it: on a busy machine an earlier autosave of
    half the typing may already have said "Saved at"."""
    deadline = time.monotonic() + 15
    while True:
        text = risks(plan).body.replace("\r\n", "\n")
        if expected is None or text == expected or time.monotonic() > deadline:
            return text
        time.sleep(0.2)


@pytest.mark.parametrize("element", list(ELEMENTS))
def test_each_element_survives_editor_to_markdown_and_back(
    live_server, browser_page, plan, trainee, element
):
    markdown, shown_as = ELEMENTS[element]
    open_risks(browser_page, live_server, plan, trainee)
    result = browser_page.evaluate(ROUND_TRIP, markdown)
    assert result == {"written": markdown, "same": True}
    expect(browser_page.locator(f"{EDITOR} {shown_as}").first).to_be_visible()
    assert browser_page.console_errors == []


def test_a_figure_survives_editor_to_markdown_and_back(
    live_server, browser_page, plan, trainee, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path  # the live server runs in this process
    figure = add_figure(plan)
    open_risks(browser_page, live_server, plan, trainee)
    markdown = f"Before the map.\n\n![](figure:{figure.pk})\n\nAfter the map."
    result = browser_page.evaluate(ROUND_TRIP, markdown)
    assert result == {"written": markdown, "same": True}
    shown = browser_page.locator(f"{EDITOR} figure.editor-figure")
    expect(shown.locator("img")).to_have_attribute(
        "src", re.compile(rf"/figures/{figure.pk}/image/")
    )
    expect(shown.locator("figcaption")).to_have_text("Figure 1: Site plan of the park")
    # Words between the brackets are kept as written.
    with_alt = f"![the site](figure:{figure.pk})"
    assert browser_page.evaluate(ROUND_TRIP, with_alt) == {"written": with_alt, "same": True}
    assert browser_page.console_errors == []


def test_an_unknown_figure_shows_a_box_and_is_kept(live_server, browser_page, plan, trainee):
    draft = risks(plan)
    draft.body = "Map:\n\n![](figure:987654)"
    draft.save()
    page = browser_page
    open_risks(page, live_server, plan, trainee)  # the visual editor, not the source view
    missing = page.locator(f"{EDITOR} figure.editor-figure-missing")
    expect(missing).to_contain_text("Figure not found")
    expect(missing.locator("img")).to_have_count(0)
    result = page.evaluate(ROUND_TRIP, draft.body)
    assert result == {"written": draft.body, "same": True}
    # A reference inside a sentence is no block: that text is edited as source, as before.
    inline = "See ![](figure:987654) here."
    assert (
        page.evaluate(
            "(m) => window.EcotownEditor.keepsEverything("
            "document.querySelector('[data-visual-editor]').visualEditor, m)",
            inline,
        )
        is False
    )


TOOLBAR_DOCUMENT = """# Scope

## Landfill

Costs are **shared** and *draft*.

- Recycling
  - Glass
- Composting

1. Survey
2. Build

> Waste is a resource.

See [the decree](https://example.org/decree)."""


def test_what_the_toolbar_makes_is_written_as_markdown_and_read_back_the_same(
    live_server, browser_page, plan, trainee
):
    page = browser_page
    open_risks(page, live_server, plan, trainee)
    bar = page.get_by_role("toolbar", name="Formatting")

    def tool(name):
        bar.get_by_role("button", name=name, exact=True).click()

    def write(*keys):
        # A toolbar button or the link form gives the focus back to the text a moment later;
        # typed before that (a busy machine), the keys would go nowhere.
        expect(page.locator(f"{EDITOR}[contenteditable=true]")).to_be_focused()
        for key in keys:
            if key == "Enter":
                page.keyboard.press(key)
            else:
                page.keyboard.type(key)

    page.locator(EDITOR).click()
    tool("Heading")
    write("Scope", "Enter")
    tool("Subheading")
    write("Landfill", "Enter", "Costs are ")
    tool("Bold")
    write("shared")
    tool("Bold")
    write(" and ")
    tool("Italic")
    write("draft")
    tool("Italic")
    write(".", "Enter")
    tool("• List")
    write("Recycling", "Enter")
    tool("Indent")
    write("Glass", "Enter", "Enter", "Composting", "Enter", "Enter")
    tool("1. List")
    write("Survey", "Enter", "Build", "Enter", "Enter")
    tool("Quote")
    write("Waste is a resource.", "Enter", "Enter", "See the decree")
    for _ in "the decree":
        page.keyboard.press("Shift+ArrowLeft")
    tool("Link")
    page.get_by_label("Link address").fill("example.org/decree")
    page.keyboard.press("Enter")
    expect(page.locator(f"{EDITOR}[contenteditable=true]")).to_be_focused()
    page.keyboard.press("End")
    write(".")

    expect(page.locator("#save-status")).to_have_text(re.compile(r"^Saved at"), timeout=10_000)
    assert saved_text(plan, TOOLBAR_DOCUMENT) == TOOLBAR_DOCUMENT
    result = page.evaluate(ROUND_TRIP, TOOLBAR_DOCUMENT)
    assert result == {"written": TOOLBAR_DOCUMENT, "same": True}
    assert page.console_errors == []


def test_paste_from_word_keeps_headings_lists_and_tables_and_drops_the_rest(
    live_server, browser_page, plan, trainee
):
    open_risks(browser_page, live_server, plan, trainee)
    markdown = browser_page.evaluate(PASTE, (PASTED / "word.html").read_text())
    assert markdown == (
        "# Waste streams\n\nThe city collects **three** streams.\n\n- Glass\n- Paper\n\n"
        "Figures:\n\n| Stream | Tonnes |\n| --- | --- |\n| Glass | 1 200 |"
    )
    # The table's column widths are the editor's own (set through the CSSOM, which the CSP allows).
    html = browser_page.locator(EDITOR).inner_html()
    for dropped in ("Mso", "<img", "<span", "<font", "Calibri", "color", "font-", "pt;", "lang="):
        assert dropped not in html
    assert browser_page.console_errors == []


def test_paste_from_a_web_page_keeps_structure_and_bold_set_by_style(
    live_server, browser_page, plan, trainee
):
    open_risks(browser_page, live_server, plan, trainee)
    markdown = browser_page.evaluate(PASTE, (PASTED / "web.html").read_text())
    assert markdown == (
        "# Financing\n\n## Sources\n\nThe city pays **40 %**, the *rest* comes from loans.\n\n"
        "1. Municipal budget\n2. Green bond\n   - 10 years\n\n"
        "| Source | Share |\n| --- | --- |\n| City | 40 % |\n\n"
        "Read the [terms](https://example.org/terms).x"
    )
    assert browser_page.console_errors == []


def test_text_the_editor_cannot_show_opens_as_source_and_is_kept(
    live_server, browser_page, plan, trainee
):
    draft = risks(plan)
    draft.body = "Site plan: ![map](https://example.org/map.png)"
    draft.save()
    page = browser_page
    login(page, live_server, trainee)
    page.goto(f"{live_server.url}/plans/{plan.pk}/sections/risks/")
    expect(page.locator("textarea[name=body]")).to_be_visible()
    expect(page.locator("[data-editor-notice]")).to_contain_text("edited as Markdown source")
    source = page.get_by_role("button", name="Markdown source")
    expect(source).to_have_attribute("aria-pressed", "true")
    source.click()  # back to the editor is refused: it would lose the image
    expect(page.locator("textarea[name=body]")).to_be_visible()
    assert risks(plan).body == "Site plan: ![map](https://example.org/map.png)"


def test_trainee_builds_a_table_as_a_grid_with_the_keyboard(
    live_server, browser_page, plan, trainee
):
    page = browser_page
    open_risks(page, live_server, plan, trainee)
    page.locator(EDITOR).click()
    page.keyboard.type("Risks by likelihood:")
    page.get_by_role("button", name="Insert table").click()
    # The cursor is in the new table's first cell once the editor has the focus back.
    expect(page.locator(EDITOR)).to_be_focused()
    expect(page.locator(f"{EDITOR} table")).to_have_count(1)
    for text in ("Risk", "Likelihood", "Owner", "Floods", "High", "City", "Prices fall", "Medium"):
        page.keyboard.type(text)
        page.keyboard.press("Tab")
    page.keyboard.type("Company")
    page.get_by_role("button", name="Add row").click()
    # The editor takes the focus back a frame after the click: Tab before that is the page's.
    expect(page.locator(EDITOR)).to_be_focused()
    page.keyboard.press("Tab")  # from the last cell of the old last row into the new row
    for text in ("Partner leaves", "Low"):
        page.keyboard.type(text)
        page.keyboard.press("Tab")
    page.keyboard.type("UNIDO")
    expect(page.locator(f"{EDITOR} table tr")).to_have_count(4)
    assert "|" not in page.locator(EDITOR).inner_text()  # a grid, no pipes

    expect(page.locator("#save-status")).to_have_text(re.compile(r"^Saved at"), timeout=10_000)
    expected = (
        "Risks by likelihood:\n\n"
        "| Risk | Likelihood | Owner |\n| --- | --- | --- |\n| Floods | High | City |\n"
        "| Prices fall | Medium | Company |\n| Partner leaves | Low | UNIDO |"
    )
    assert saved_text(plan, expected) == expected

    page.reload()
    cells = page.locator(f"{EDITOR} table tr:nth-child(4) td")
    expect(cells).to_have_text(["Partner leaves", "Low", "UNIDO"])
    html = section_view({"key": "risks", "title": "Risks", "body": risks(plan).body}, 1)["html"]
    assert "<table>" in html and "<th>Likelihood</th>" in html and "<td>UNIDO</td>" in html
    assert page.console_errors == []


def test_enter_in_a_cell_moves_to_the_cell_below_and_adds_a_row_after_the_last(
    live_server, browser_page, plan, trainee
):
    page = browser_page
    open_risks(page, live_server, plan, trainee)
    page.locator(EDITOR).click()
    page.get_by_role("button", name="Insert table").click()
    # The editor takes the focus back a frame after the click: keys typed before that are lost.
    expect(page.locator(f"{EDITOR} table")).to_have_count(1)
    expect(page.locator(EDITOR)).to_be_focused()
    for word in ("Risk", "Floods", "Prices"):
        page.keyboard.type(word)
        page.keyboard.press("Enter")
    page.keyboard.type("Typhoons")
    markdown = page.evaluate(
        "document.querySelector('[data-visual-editor]').visualEditor.getMarkdown()"
    )
    assert markdown == (
        "| Risk |  |  |\n| --- | --- | --- |\n| Floods |  |  |\n| Prices |  |  |\n"
        "| Typhoons |  |  |"
    )
    assert page.console_errors == []


def test_toolbar_is_one_tab_stop_with_arrow_keys_and_pressed_states(
    live_server, browser_page, plan, trainee
):
    page = browser_page
    open_risks(page, live_server, plan, trainee)
    toolbar = page.get_by_role("toolbar", name="Formatting")
    page.locator(EDITOR).click()
    page.keyboard.press("Escape")  # back to the toolbar
    expect(toolbar.get_by_role("button", name="Heading", exact=True)).to_be_focused()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    bold = toolbar.get_by_role("button", name="Bold")
    expect(bold).to_be_focused()
    assert toolbar.locator("button[tabindex='0']").count() == 1
    page.keyboard.press("Enter")
    expect(bold).to_have_attribute("aria-pressed", "true")
    expect(page.locator(EDITOR)).to_be_focused()  # given back a frame after the key
    page.keyboard.type("Urgent")
    expect(page.locator(f"{EDITOR} strong")).to_have_text("Urgent")
    page.keyboard.press("Shift+Tab")
    expect(toolbar.locator("button[tabindex='0']")).to_be_focused()
    assert page.console_errors == []


def test_editor_with_a_table_and_figures_passes_axe(
    live_server, axe_page, plan, trainee, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    figure = add_figure(plan)
    draft = risks(plan)
    draft.body = (
        "# Risks\n\n| Risk | Owner |\n| --- | --- |\n| Floods | City |\n\n"
        "- See the [decree](https://example.org) of 2024.\n\n"
        f"![](figure:{figure.pk})\n\n![](figure:987654)"
    )
    draft.save()
    open_risks(axe_page, live_server, plan, trainee)
    axe_page.locator(f"{EDITOR} td").first.click()  # the table buttons enabled, others pressed
    assert axe_violations(axe_page) == []


def test_source_view_edits_the_markdown_the_form_posts(live_server, browser_page, plan, trainee):
    page = browser_page
    open_risks(page, live_server, plan, trainee)
    page.get_by_role("button", name="Markdown source").click()
    source = page.locator("textarea[name=body]")
    expect(source).to_be_visible()
    source.fill("## Floods\n\n- Road closed")
    page.get_by_role("button", name="Markdown source").click()
    expect(page.locator(f"{EDITOR} h3")).to_have_text("Floods")
    expect(page.locator("#save-status")).to_have_text(re.compile(r"^Saved at"), timeout=10_000)
    assert saved_text(plan, "## Floods\n\n- Road closed") == "## Floods\n\n- Road closed"

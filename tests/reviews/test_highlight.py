"""Threads beside their passages: quotes found as `reviews.anchors` finds them and marked in the
section's HTML, block by block; the text change views compare."""

from types import SimpleNamespace

import pytest

from ecotown.core.sanitise import readable_text, render_markdown
from reviews.anchors import locate, plain_text
from reviews.highlight import _folded, _Tokens, anchored_blocks

TEXT = "First *paragraph* here.\n\nThe **decree** of 2015 sets targets.\n\n- one item\n- two & more"


def thread(pk: int, quote: str, start: int | None = None):
    return SimpleNamespace(pk=pk, quote=quote, quote_start=start)


@pytest.mark.parametrize(
    "markdown", [TEXT, "# Head\n\n| a | b |\n|---|---|\n| 1 | 2 |", "  x\n\ny  "]
)
def test_the_marked_text_is_the_text_anchors_search(markdown):
    parser = _Tokens()
    parser.feed(render_markdown(markdown, heading_level=3))
    raw = "".join(text for kind, text in parser.tokens if kind == "text")
    assert _folded(raw)[0] == plain_text(markdown)


def test_a_quote_across_inline_markup_is_marked_in_each_piece_beside_its_block():
    quoted = thread(7, "The decree of 2015")
    blocks, whole = anchored_blocks(render_markdown(TEXT), [quoted])
    assert whole == []
    assert [len(b.threads) for b in blocks] == [0, 1, 0]
    assert str(blocks[1].html) == (
        '<p><mark class="comment-mark" data-threads="7">The </mark><strong>'
        '<mark class="comment-mark" data-threads="7">decree</mark></strong>'
        '<mark class="comment-mark" data-threads="7"> of 2015</mark> sets targets.</p>'
    )
    assert not quoted.on_changed_text


def test_overlapping_quotes_share_a_mark_and_escaped_text_stays_escaped():
    first, second = thread(1, "one item two"), thread(2, "two & more")
    blocks, _whole = anchored_blocks(render_markdown(TEXT), [first, second])
    assert '<mark class="comment-mark" data-threads="1 2">two</mark>' in str(blocks[2].html)
    assert '<mark class="comment-mark" data-threads="2"> &amp; more</mark>' in str(blocks[2].html)
    assert blocks[2].threads == [first, second]


def test_the_nearest_occurrence_to_where_the_quote_was_is_marked():
    text = "Same words.\n\nSame words."
    later = thread(3, "Same words", start=locate("Same words", plain_text(text), 12).start)
    blocks, _whole = anchored_blocks(render_markdown(text), [later])
    assert [len(b.threads) for b in blocks] == [0, 1]


def test_threads_without_a_quote_or_whose_quote_is_gone_belong_to_the_section():
    general, gone = thread(4, ""), thread(5, "no longer here")
    blocks, whole = anchored_blocks(render_markdown(TEXT), [general, gone])
    assert whole == [general, gone]
    assert (general.on_changed_text, gone.on_changed_text) == (False, True)
    assert "mark" not in "".join(str(b.html) for b in blocks)


def test_readable_text_has_no_markdown_syntax_one_line_per_block():
    markdown = (
        "## Decree\n\n**Bold** and *soft*\n\n- a\n- b\n\n| law | year |\n|---|---|\n| EPR | 2015 |"
    )
    assert readable_text(markdown) == "Decree\nBold and soft\na\nb\nlaw · year\nEPR · 2015"

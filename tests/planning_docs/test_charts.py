import re
from datetime import date

from django.template import Context, Template

from planning_docs.pdf.charts import (
    AXIS_HEIGHT,
    CHART_WIDTH,
    LABEL_CHARS,
    LABEL_WIDTH,
    MAX_LABEL_LINES,
    gantt,
)


def row(milestone, start, end, owner=""):
    return {"milestone": milestone, "start": start, "end": end, "owner": owner}


def test_gantt_places_bars_by_date_on_one_scale():
    # January 2027 alone: a 31-day month axis, each day CHART_WIDTH / 31 wide.
    chart = gantt(
        [row("Decree", "2027-01-01", "2027-01-10"), row("Plant", "2027-01-11", "2027-01-31")]
    )
    first, second = chart.bars
    day = CHART_WIDTH / 31
    assert (first.x, first.width) == (LABEL_WIDTH, round(10 * day, 1))
    assert (second.x, second.width) == (round(LABEL_WIDTH + 10 * day, 1), round(21 * day, 1))
    assert (first.start, second.end) == (date(2027, 1, 1), date(2027, 1, 31))
    assert second.y > first.y >= AXIS_HEIGHT
    assert [t.label for t in chart.ticks] == ["Jan"]
    assert [y.label for y in chart.years] == ["2027"]


def test_a_plan_of_up_to_eighteen_months_gets_month_ticks():
    chart = gantt([row("Study", "2027-03-15", "2028-08-02")])  # March 2027 to August 2028
    assert chart.unit == "month"
    assert [t.label for t in chart.ticks] == [
        *["Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
        *["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug"],
    ]
    assert [y.label for y in chart.years] == ["2027", "2028"]
    assert chart.ticks[0].x == LABEL_WIDTH
    assert chart.years[1].x == chart.ticks[10].x  # January 2028


def test_a_longer_plan_gets_quarter_ticks_from_the_first_quarter_started():
    chart = gantt([row("Long", "2027-06-01", "2029-02-01")])
    assert chart.unit == "quarter"
    labels = [t.label for t in chart.ticks]
    assert labels == ["Q2", "Q3", "Q4", "Q1", "Q2", "Q3", "Q4", "Q1"]
    assert [y.label for y in chart.years] == ["2027", "2028", "2029"]
    # The axis runs from 1 April 2027 to 31 March 2029: 730 days.
    bar = chart.bars[0]
    assert bar.x == round(LABEL_WIDTH + 61 * CHART_WIDTH / 730, 1)


def test_long_labels_wrap_onto_lines_and_rows_grow_with_them():
    long = "Evaluation of the pilot and the national roll-out plan with every ministry involved"
    chart = gantt([row(long, "2027-01-01", "2027-06-30"), row("Short", "2027-07-01", "2027-09-30")])
    wrapped, short = chart.bars
    assert 1 < len(wrapped.lines) <= MAX_LABEL_LINES
    assert all(len(line.text) <= LABEL_CHARS for line in wrapped.lines)
    assert " ".join(line.text for line in wrapped.lines).replace(" …", "") in long
    assert len(short.lines) == 1
    assert short.y - wrapped.y > 14 + 8  # the wrapped row is taller than a one-line row


def test_todays_line_is_drawn_only_inside_the_chart():
    rows = [row("Study", "2027-01-01", "2027-12-31")]
    assert gantt(rows).today_x is None
    assert gantt(rows, today=date(2026, 12, 31)).today_x is None
    inside = gantt(rows, today=date(2027, 7, 2))
    assert inside.today_x == round(LABEL_WIDTH + 182 * CHART_WIDTH / 365, 1)


def test_no_rows_no_chart():
    assert gantt([]) is None


def test_the_page_and_the_pdf_draw_the_same_chart(db):
    from planning_docs.pdf.document import section_view

    rows = [row("Decree", "2027-01-01", "2027-06-30"), row("Plant", "2027-04-01", "2028-12-31")]
    page = Template("{% load plans %}{% section_content 'timeline' '' rows %}").render(
        Context({"rows": rows})
    )
    view = section_view({"key": "timeline", "title": "T", "kind": "timeline", "rows": rows}, 9)
    pdf = Template(
        '{% include "planning_docs/pdf/_timeline.html" with chart=view.timeline '
        'rows=view.timeline_rows chart_id="gantt-title" %}'
    ).render(Context({"view": view}))

    def svg(html):
        return re.search(r"<svg.*?</svg>", html, re.S).group(0)

    assert svg(page) == svg(pdf)
    assert svg(page).count("<rect") == 2

from datetime import date

from planning_docs.pdf.charts import AXIS_HEIGHT, CHART_WIDTH, LABEL_WIDTH, gantt
from planning_docs.templatetags.plans import amount


def test_gantt_places_bars_by_date_on_one_scale():
    chart = gantt(
        [
            {
                "milestone": "Decree",
                "start": "2027-01-01",
                "end": "2027-01-10",
                "owner": "Ministry",
            },
            {"milestone": "Plant", "start": "2027-01-11", "end": "2027-01-20", "owner": ""},
        ]
    )
    first, second = chart.bars
    assert (first.x, first.width) == (LABEL_WIDTH, CHART_WIDTH / 2)
    assert (second.x, second.width) == (LABEL_WIDTH + CHART_WIDTH / 2, CHART_WIDTH / 2)
    assert (first.start, second.end) == (date(2027, 1, 1), date(2027, 1, 20))
    assert second.y > first.y >= AXIS_HEIGHT
    assert [t.label for t in chart.ticks] == ["Jan 2027"]


def test_gantt_marks_each_new_year_and_is_empty_without_rows():
    chart = gantt([{"milestone": "Long", "start": "2027-06-01", "end": "2029-02-01"}])
    assert [t.label for t in chart.ticks] == ["Jun 2027", "2028", "2029"]
    assert gantt([]) is None


def test_amounts_get_thousands_separators_and_keep_real_cents():
    assert amount("1400000") == "1,400,000"
    assert amount("120000.50") == "120,000.50"

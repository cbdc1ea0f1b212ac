"""SQL queries per main page at 1x and 10x the demo data: they must be equal (no N+1)."""

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ecotown.bench.pages import demo_user, main_pages
from ecotown.core.audit import audit_rows_deletable
from ecotown.core.reference import restore_reference_rows


def reseed(scale: int) -> None:
    with audit_rows_deletable():
        call_command("flush", interactive=False, verbosity=0)
    restore_reference_rows()
    call_command("seed_demo", scale=scale, force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115


def count_queries() -> dict[str, int]:
    counts = {}
    for label, username, url in main_pages():
        client = Client()
        client.force_login(demo_user(username))
        client.get(url)  # warm caches (content types, templates) so both sizes start alike
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (label, response.status_code)
        counts[label] = len(captured.captured_queries)
    return counts


SCALES = (1, 10, 100)  # the portfolio spans years: ten years of seminars and more


def flatness(sizes: dict[int, dict[str, int]]) -> list[tuple[str, int, str, bool]]:
    """Per page: (label, queries at the smallest size, the note, whether the count is flat)."""
    scales = sorted(sizes)
    rows = []
    for label, small in sizes[scales[0]].items():
        counts = [sizes[scale][label] for scale in scales]
        flat = len(set(counts)) == 1
        shown = " ".join(f"{scale}x={count}" for scale, count in zip(scales, counts, strict=True))
        rows.append((label, small, f"{shown} {'flat' if flat else 'GROWS'}", flat))
    return rows


def run(ctx):
    from ecotown.core.management.commands.bench import Metric

    sizes = {}
    for scale in SCALES[:2] if ctx.quick else SCALES:
        ctx.say(f"seeding the demo at {scale}x ...")
        reseed(scale)
        sizes[scale] = count_queries()
    rows = flatness(sizes)
    ctx.flat_queries = all(flat for *_, flat in rows)
    return [Metric(f"queries: {label}", small, "queries", note) for label, small, note, _ in rows]

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


def run(ctx):
    from ecotown.core.management.commands.bench import Metric

    sizes = {}
    for scale in (1, 10):
        ctx.say(f"seeding the demo at {scale}x ...")
        reseed(scale)
        sizes[scale] = count_queries()
    metrics = []
    for label, small in sizes[1].items():
        large = sizes[10][label]
        flat = "flat" if small == large else f"GROWS to {large}"
        metrics.append(
            Metric(f"queries: {label}", small, "queries", f"1x={small} 10x={large} {flat}")
        )
    ctx.flat_queries = all(sizes[1][label] == sizes[10][label] for label in sizes[1])
    return metrics

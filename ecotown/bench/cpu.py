"""Server CPU time per request of each main page, beside Django's login page: the part of a
page's latency that does not depend on how busy the machine is.

Run by the latency section in a process of its own with the production settings it gives the
server (DEBUG off, so templates are cached): `python -m ecotown.bench.cpu LABEL` prints JSON.
Each page is requested in-process (Django's test client, no network), warm, and timed with the
process's CPU clock; the best of five batches is kept, as other work on the machine only adds.
"""

import json
import math
import time

LOGIN_URL = "/accounts/login/"


def cpu_per_request(login_label: str, pages, repeats: int = 5, batch: int = 8) -> dict:
    """{label: CPU milliseconds per request}, the login page first."""
    from django.test import Client

    from ecotown.bench.pages import demo_user

    results = {}
    for label, username, url in [(login_label, None, LOGIN_URL), *pages]:
        client = Client(HTTP_HOST="127.0.0.1")
        if username:
            client.force_login(demo_user(username))
        for _ in range(3):  # warm: templates, the connection, the caches
            response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{label}: HTTP {response.status_code}")
        best = math.inf
        for _ in range(repeats):
            started = time.process_time()
            for _ in range(batch):
                client.get(url)
            best = min(best, (time.process_time() - started) / batch * 1000)
        results[label] = best
    return results


if __name__ == "__main__":
    import sys

    import django

    django.setup()
    from ecotown.bench.pages import main_pages

    print(json.dumps(cpu_per_request(sys.argv[1], main_pages())))

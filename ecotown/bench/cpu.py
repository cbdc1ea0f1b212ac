"""Server CPU time per request of each main page, beside Django's login page: the part of a
page's latency that does not depend on how busy the machine is.

Run by the latency section in a process of its own with the production settings it gives the
server (DEBUG off, so templates are cached): `python -m ecotown.bench.cpu` prints JSON.
Each page is requested in-process (Django's test client, no network), warm, and timed with the
process's CPU clock in batches, the best batch kept, as other work on the machine only adds.
The login page is timed in batches taken in turns with each page's: a shared machine's speed
drifts over a run, and a page is compared with the login batches beside it.
"""

import json
import math
import time

LOGIN_URL = "/accounts/login/"


def _best_batches(clients, repeats: int, batch: int) -> list[float]:
    """Per (client, url), the best of `repeats` batches in ms per request, taken in turns."""
    best = [math.inf] * len(clients)
    for _ in range(repeats):
        for n, (client, url) in enumerate(clients):
            started = time.process_time()
            for _ in range(batch):
                client.get(url)
            best[n] = min(best[n], (time.process_time() - started) / batch * 1000)
    return best


def cpu_per_request(pages, repeats: int = 5, batch: int = 8) -> dict[str, tuple[float, float]]:
    """{label: (the page's CPU ms per request, the login page's beside it)}."""
    from django.test import Client

    from ecotown.bench.pages import demo_user

    login = Client(HTTP_HOST="127.0.0.1")
    results = {}
    for label, username, url in pages:
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(demo_user(username))
        for _ in range(3):  # warm: templates, the connection, the caches
            response = client.get(url)
            login.get(LOGIN_URL)
        if response.status_code != 200:
            raise RuntimeError(f"{label}: HTTP {response.status_code}")
        page_ms, login_ms = _best_batches([(client, url), (login, LOGIN_URL)], repeats, batch)
        results[label] = (page_ms, login_ms)
    return results


if __name__ == "__main__":
    import django

    django.setup()
    from ecotown.bench.pages import main_pages

    print(json.dumps(cpu_per_request(main_pages())))

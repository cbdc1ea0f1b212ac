"""The API docs in Chromium: the vendored Swagger UI renders every operation under the
portal's Content-Security-Policy, with no CSP violation and nothing fetched from elsewhere."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_docs_render_every_operation_under_the_csp(live_server, browser_page):
    page = browser_page
    outside = []
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith(live_server.url) else outside.append(request.url)
        ),
    )
    page.goto(f"{live_server.url}/api/docs/")
    page.locator(".opblock").first.wait_for()
    assert page.locator(".info .title").inner_text().startswith("Eco-town seminar API")
    # 13 paths: 13 reads, and the section's PUT and PATCH.
    assert page.locator(".opblock").count() == 17
    page.locator(".opblock-put").first.click()
    page.get_by_text("Stale revision").first.wait_for()
    assert page.console_errors == []
    assert outside == []

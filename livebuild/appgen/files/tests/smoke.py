"""Smoke test for this app. Standard library only.

Usage: python tests/smoke.py BASE_URL   (for example http://127.0.0.1:8000)
Exits 0 when every check passes; otherwise prints one line per failure to stderr.
"""

from __future__ import annotations

import html
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

EXPECT: dict[str, Any] = {}


def fetch(url: str, form: dict[str, str] | None = None) -> tuple[int, str]:
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    request = urllib.request.Request(url, data=data, method="POST" if form is not None else "GET")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError) as error:
        return 0, str(error)


def record_count(page: str) -> int | None:
    match = re.search(r'data-count="(\d+)"', page)
    return int(match.group(1)) if match else None


def run(base: str) -> list[str]:
    failures: list[str] = []

    def check(ok: bool, message: str) -> None:
        if not ok:
            failures.append(message)

    status, page = fetch(base + "/")
    check(status == 200, f"GET / answered {status}, expected 200")
    check(html.escape(EXPECT["name"]) in page, "the landing page does not show the product name")
    check('data-ready="true"' in page, "the landing page is missing data-ready")

    status, page = fetch(base + "/healthz")
    check(status == 200 and page.strip() == "ok", f"GET /healthz answered {status} {page[:40]!r}")

    for entity in EXPECT["entities"]:
        status, page = fetch(f"{base}/{entity['slug']}")
        check(status == 200, f"GET /{entity['slug']} answered {status}, expected 200")
        check(
            html.escape(entity["plural"]) in page,
            f"/{entity['slug']} does not show {entity['plural']!r}",
        )

    form = EXPECT["form"]
    list_url = f"{base}/{form['slug']}"
    status, page = fetch(list_url + "/new")
    check(
        status == 200 and "<form" in page, f"GET /{form['slug']}/new did not show a form ({status})"
    )

    marker = f"Smoke check {int(time.time() * 1000) % 10**9}"
    valid = dict(form["valid"], **{form["title_field"]: marker})
    status, page = fetch(list_url, valid)
    check(status == 200, f"submitting a valid {form['singular']} ended with {status}, expected 200")
    check(html.escape(marker) in page, f"the new {form['singular']} does not appear in the list")
    saved = re.search(r'<tr class="just-added"><td class="title"><a href="[^"]*/(\d+)"', page)

    before = record_count(fetch(list_url)[1])
    rejected = marker + " rejected"
    title = "" if form["invalid_title_blank"] else rejected
    status, page = fetch(list_url, dict(form["invalid"], **{form["title_field"]: title}))
    check(
        status in (400, 422),
        f"an invalid {form['singular']} answered {status}, expected 400 or 422",
    )
    after_page = fetch(list_url)[1]
    after = record_count(after_page)
    check(
        before is not None and before == after,
        "an invalid submission changed the number of records",
    )
    check(html.escape(rejected) not in after_page, "an invalid submission was saved")

    if saved is not None:
        record_url = f"{list_url}/{saved.group(1)}"
        status, page = fetch(record_url + "/edit")
        check(
            status == 200 and html.escape(marker) in page,
            f"the {form['singular']} just saved has no edit form ({status})",
        )
        edited = dict(valid, **{form["title_field"]: marker + " edited"})
        status, page = fetch(record_url + "/edit", edited)
        check(
            status == 200 and html.escape(marker + " edited") in page,
            f"editing the {form['singular']} did not save the change ({status})",
        )
        fetch(f"{record_url}/delete", {})
    return failures


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python tests/smoke.py BASE_URL", file=sys.stderr)
        return 2
    failures = run(argv[1].rstrip("/"))
    for failure in failures:
        print(f"FAIL: {failure}", file=sys.stderr)
    if failures:
        return 1
    print(f"OK: {EXPECT['name']} passed its smoke test")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""The first screens of a generated app claim only what they do: the earliest build shows no
button that does nothing (no "Join the waitlist" nobody can join) and says plainly why there is
nothing to click; the home card's sample records are marked as examples, so a founder never
takes an invented person for a customer; every link of the home page leads somewhere."""

from __future__ import annotations

import html
import re
import sqlite3
from contextlib import closing
from pathlib import Path

from livebuild.appgen import BUILD_STAGES
from livebuild.appgen.spec import build_spec
from livebuild.brief import derive_brief
from livebuild.core.stages import Stage
from tests.integration.test_appgen import fetch, post_records, serving

# A product site: its home page opens on the pitch and the card of sample members.
GYM_SITE = "A booking site for my gym where members sign up for classes"


def _links(page: str) -> list[str]:
    """The app's own links of `page` (an e-mail link opens the mail program, not a page)."""
    links = [html.unescape(h) for h in re.findall(r'<a [^>]*href="([^"]+)"', page)]
    return [link for link in links if link.startswith("/")]


def _card(page: str) -> str:
    return page.split('<div class="hero-card">', 1)[1].split("</section>", 1)[0]


def test_the_earliest_build_shows_no_button_that_does_nothing(tmp_path: Path) -> None:
    brief = derive_brief(GYM_SITE)
    with serving(brief, tmp_path, stage=BUILD_STAGES[0]) as (_, base):
        status, page, _ = fetch(base + "/")
        assert status == 200
        for link in _links(page):
            assert fetch(base + link)[0] == 200, link
    text = html.unescape(page)
    assert "waitlist" not in text.lower()
    assert "btn-disabled" not in page and "Launching soon" not in text
    assert "Nothing to click yet" in text


def test_the_home_cards_samples_are_marked_as_examples_and_yours_are_not(
    tmp_path: Path,
) -> None:
    brief = derive_brief(GYM_SITE)
    entity = build_spec(brief).entities[0]
    first = entity["fields"][0]["name"]
    samples = [row[first] for row in entity["seed"]]
    with serving(brief, tmp_path, stage=Stage.CHECKS) as (_, base):
        card = _card(fetch(base + "/")[1])
        rows = card.split('<div class="preview-row">')[1:]
        assert rows
        for row in rows:
            assert any(html.escape(s) in row for s in samples), row
            assert "Example" in row
        post_records(base, entity["slug"], [{first: "Ada Okafor"}])
        status, page, _ = fetch(base + "/")
        assert status == 200
        for link in _links(page):
            assert fetch(base + link.split("#")[0])[0] == 200, link
    mine = [r for r in _card(page).split('<div class="preview-row">')[1:] if "Ada Okafor" in r]
    assert len(mine) == 1 and "Example" not in mine[0]


def test_a_list_pages_samples_are_marked_as_examples_and_yours_are_not(tmp_path: Path) -> None:
    brief = derive_brief(GYM_SITE)
    entity = build_spec(brief).entities[0]
    first = entity["fields"][0]["name"]
    samples = [row[first] for row in entity["seed"]]
    with serving(brief, tmp_path, stage=Stage.CHECKS) as (_, base):
        post_records(base, entity["slug"], [{first: "Ada Okafor"}])
        status, page, _ = fetch(base + f"/{entity['slug']}")
    assert status == 200
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = body.split("<tr")[1:]
    sample_rows = [r for r in rows if any(html.escape(s) in r for s in samples)]
    assert sample_rows and all("Example" in r for r in sample_rows)
    mine = [r for r in rows if "Ada Okafor" in r]
    assert len(mine) == 1 and "Example" not in mine[0]


def _list_rows(base: str, slug: str) -> dict[int, str]:
    """Each row of a list page, by the number of the record it shows."""
    status, page, _ = fetch(base + f"/{slug}")
    assert status == 200
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    found = {}
    for row in body.split("<tr")[1:]:
        number = re.search(rf'href="/{re.escape(slug)}/(\d+)"', row)
        assert number is not None, row
        found[int(number.group(1))] = row
    return found


def test_a_founders_record_called_like_a_sample_is_not_marked_as_an_example(
    tmp_path: Path,
) -> None:
    brief = derive_brief(GYM_SITE)
    entity = build_spec(brief).entities[0]
    first = entity["fields"][0]["name"]
    sample = entity["seed"][0][first]
    with serving(brief, tmp_path, stage=Stage.CHECKS) as (_, base):
        samples = set(_list_rows(base, entity["slug"]))
        post_records(base, entity["slug"], [{first: sample}])
        rows = _list_rows(base, entity["slug"])
        card = _card(fetch(base + "/")[1])
        # A sample the founder saves over is theirs from then on.
        theirs = max(samples)
        edited = {k: str(v) for k, v in entity["seed"][0].items()} | {first: "Bea Lind"}
        assert fetch(base + f"/{entity['slug']}/{theirs}/edit", edited)[0] == 303
        after = _list_rows(base, entity["slug"])
    assert "Bea Lind" in after[theirs] and "Example" not in after[theirs]
    assert all("Example" in after[n] for n in samples - {theirs})
    mine = set(rows) - samples
    assert len(mine) == 1 and html.escape(sample) in rows[min(mine)]
    assert "Example" not in rows[min(mine)]
    assert samples and all("Example" in rows[n] for n in samples)
    called = [r for r in card.split('<div class="preview-row">')[1:] if html.escape(sample) in r]
    assert sorted("Example" in r for r in called) == [False, True]


def test_an_older_apps_data_keeps_its_rows_and_marks_only_its_samples(tmp_path: Path) -> None:
    """Data written before samples carried their mark (the column dropped, as the app before
    session 26 wrote it), then the app built again on it: every row is kept, the samples are
    marked, a founder's record is not, even one called like a sample."""
    brief = derive_brief(GYM_SITE)
    entity = build_spec(brief).entities[0]
    slug, first = entity["slug"], entity["fields"][0]["name"]
    sample = entity["seed"][0][first]
    with serving(brief, tmp_path, stage=Stage.CHECKS) as (_, base):
        samples = set(_list_rows(base, slug))
        post_records(base, slug, [{first: sample}, {first: "Ada Okafor"}])
    with closing(sqlite3.connect(tmp_path / "data" / "app.sqlite3")) as conn, conn:
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info(records_{slug})")]
        for column in columns:
            if column.startswith("__"):
                conn.execute(f'ALTER TABLE records_{slug} DROP COLUMN "{column}"')
    with serving(brief, tmp_path, stage=Stage.CHECKS) as (_, base):
        rows = _list_rows(base, slug)
    assert len(rows) == len(samples) + 2 and samples < set(rows)
    assert all("Example" in rows[n] for n in samples)
    mine = [rows[n] for n in set(rows) - samples]
    assert all("Example" not in row for row in mine)
    assert sum(html.escape(sample) in row for row in mine) == 1

"""A title picked from another kind across versions and deletes: a founder's names are never
shown as numbers, and numbers that are names are never read as record numbers."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import Path

from livebuild.appgen import app_files
from livebuild.brief import Brief, Entity, Field, derive_brief
from livebuild.brief.changes import apply_change
from livebuild.core.stages import Stage
from tests.integration.test_appgen import DOG_IDEA, fetch, running_app, write_app
from tests.integration.test_link_title import _families, families_and_placements

NAMES = ("The Okafor family", "The Lindqvist family")


def _titles(base: str, slug: str) -> list[str]:
    page = fetch(f"{base}/{slug}")[1]
    return re.findall(rf'<td class="title"><a href="/{slug}/\d+">([^<]*)<', page)


def _run(tmp_path: Path, name: str, brief: Brief) -> Path:
    return write_app(tmp_path / name, app_files(brief, Stage.CHECKS))


def test_a_title_that_goes_back_to_text_keeps_the_names_never_numbers(tmp_path: Path) -> None:
    typed = families_and_placements("text")
    linked = apply_change(typed, "each placement is for one of our families").brief
    data = tmp_path / "data"
    with running_app(_run(tmp_path, "v1", typed), data) as base:
        assert sorted(_titles(base, "placements")) == sorted(NAMES)
    for step, brief in (
        ("restore", typed),
        ("plain", apply_change(linked, "make family on placements plain text").brief),
        ("removed", apply_change(linked, "remove families").brief),
    ):
        with running_app(_run(tmp_path, "linked-" + step, linked), data) as base:
            families = _families(base)
            okafor = families["The Okafor family"]
            status = fetch(f"{base}/placements", {"family": okafor, "starts": "2026-04-01"})[0]
            assert status == 303
        with running_app(_run(tmp_path, step, brief), data) as base:
            shown = _titles(base, "placements")
            assert not any(t.isdigit() for t in shown), (step, shown)
            assert set(shown) == set(NAMES), (step, shown)


def _plots(kind: str) -> Brief:
    plot = Entity(
        "Plot",
        "Plots",
        "plots",
        (Field("number", "Number", "text"), Field("holder", "Holder", "text")),
        ({"number": "7", "holder": "Ann"}, {"number": "2", "holder": "Bo"}),
    )
    inspection = Entity(
        "Inspection",
        "Inspections",
        "inspections",
        (
            Field("plot", "Plot", kind, links_to="plots" if kind == "link" else ""),
            Field("on", "On", "date"),
        ),
        ({"plot": "7", "on": "2026-01-01"}, {"plot": "2", "on": "2026-01-02"}),
    )
    return replace(derive_brief(DOG_IDEA), entities=(plot, inspection))


def test_a_plot_typed_as_a_number_stays_that_plot_when_plots_are_picked(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with running_app(_run(tmp_path, "v1", _plots("text")), data) as base:
        # Plots "1" and "4" are records 3 and 4: an inspection typed for plot "4" is for
        # plot "4", never for record 4; one for plot "9" (no such plot) stays "9".
        for number in ("1", "4"):
            assert fetch(f"{base}/plots", {"number": number})[0] == 303
        for plot in ("4", "1", "9"):
            assert fetch(f"{base}/inspections", {"plot": plot, "on": "2026-02-02"})[0] == 303
    with running_app(_run(tmp_path, "v2", _plots("link")), data) as base:
        page = fetch(f"{base}/inspections")[1]
        assert sorted(_titles(base, "inspections")) == ["1", "2", "4", "7", "9"], page
        ids = re.findall(r'<a href="/plots/(\d+)">4</a>', fetch(f"{base}/plots")[1])
        assert fetch(f"{base}/plots/{ids[0]}")[1].count('href="/inspections/') == 1
        assert "(deleted)" not in page, re.findall(r"<tbody>.*</tbody>", page, re.S)
    with running_app(_run(tmp_path, "v3", _plots("text")), data) as base:
        assert sorted(_titles(base, "inspections")) == ["1", "2", "4", "7", "9"]


def test_a_deleted_family_kept_by_name_stays_its_own_name(tmp_path: Path) -> None:
    data = tmp_path / "data"
    app = _run(tmp_path, "v1", families_and_placements())
    with running_app(app, data) as base:
        for name in ("2", "The Smith family", "The Smith family"):
            assert fetch(f"{base}/families", {"name": name})[0] == 303
        ids = [i for n, i in sorted(_families(base).items()) if n in ("2", "The Smith family")]
        smith = re.findall(
            r'href="/families/(\d+)">The Smith family<', fetch(f"{base}/families")[1]
        )
        for family in (ids[0], smith[0]):
            status = fetch(f"{base}/placements", {"family": family, "starts": "2026-04-01"})[0]
            assert status == 303
            assert fetch(f"{base}/families/{family}/delete", {"linked": "unlink"})[0] == 303
        smith_page = f"/families/{smith[1]}"
        before = (_titles(base, "placements"), fetch(base + smith_page)[1].count("/placements/"))
    with running_app(app, data) as base:
        after = (_titles(base, "placements"), fetch(base + smith_page)[1].count("/placements/"))
        assert sorted(before[0]) == sorted(after[0]) == sorted([*NAMES, "2", "The Smith family"])
        assert before[1] == after[1] == 0


def test_saving_a_placement_kept_by_name_keeps_its_name(tmp_path: Path) -> None:
    with running_app(_run(tmp_path, "v1", families_and_placements()), tmp_path / "d") as base:
        for name in ("Ann", "Hannah Smith", "7"):
            assert fetch(f"{base}/families", {"name": name})[0] == 303
        families = _families(base)
        for name in ("Ann", "7"):
            form = {"family": families[name], "starts": "2026-04-01", "nights": "1"}
            assert fetch(f"{base}/placements", form)[0] == 303
            assert fetch(f"{base}/families/{families[name]}/delete", {"linked": "unlink"})[0] == 303
        for name in ("Ann", "7"):
            kept = re.findall(rf'href="/placements/(\d+)">{name}<', fetch(f"{base}/placements")[1])
            page = fetch(f"{base}/placements/{kept[0]}/edit")[1]
            hidden = html.unescape(re.findall(r'name="family" value="([^"]*)"', page)[0])
            shown = html.unescape(re.findall(r'name="family__find" value="([^"]*)"', page)[0])
            assert shown == name
            form = {"family": hidden, "family__find": shown, "starts": "2026-04-01"}
            refused = fetch(f"{base}/placements/{kept[0]}/edit", {**form, "nights": "many"})
            assert refused[0] == 422 and f"<h1>Edit {name}</h1>" in refused[1]
            saved = fetch(f"{base}/placements/{kept[0]}/edit", {**form, "nights": "4"})
            assert saved[0] == 303, saved[1][:300]
            page = fetch(f"{base}/placements/{kept[0]}")[1]
            assert f"<h1>{name}</h1>" in page and "(not linked)" in page

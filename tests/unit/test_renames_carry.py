"""A rename said in words carries through the plan and nothing else: links follow a renamed
list to its new web address, and a renamed field leaves the tagline and the problem alone."""

from __future__ import annotations

from livebuild.brief import Brief, derive_brief
from livebuild.brief.changes import apply_change

PIANO = (
    "A tiny app for my piano studio: students, their lessons and what each lesson covered, "
    "and the invoices I send parents."
)


def plan_links(brief: Brief) -> dict[str, str]:
    """Each link field of a plan ("Lesson.Pupil") and the list it points at."""
    return {
        f"{e.singular}.{f.label}": f.links_to
        for e in brief.entities
        for f in e.fields
        if f.kind == "link"
    }


def test_a_renamed_list_keeps_the_links_that_point_at_it() -> None:
    v1 = derive_brief(PIANO)
    assert "students" in plan_links(v1).values(), plan_links(v1)
    v2 = apply_change(v1, "please call students pupils instead").brief
    slugs = {e.slug for e in v2.entities}
    assert "pupils" in slugs and "students" not in slugs
    links = plan_links(v2)
    # Every link still points at a list the app has (one left dangling is built as text).
    assert set(links.values()) <= slugs, links
    assert "pupils" in links.values(), links


def test_a_renamed_field_leaves_the_tagline_and_the_problem_alone() -> None:
    v1 = derive_brief(PIANO)
    lesson = next(e for e in v1.entities if e.singular == "Lesson")
    assert any(f.label == "Notes" for f in lesson.fields)
    result = apply_change(v1, "rename the lesson's notes to 'what we covered'")
    v2 = result.brief
    lesson = next(e for e in v2.entities if e.singular == "Lesson")
    assert any(f.label == "What we covered" for f in lesson.fields), result.made
    assert (v2.tagline, v2.problem, v2.target_users) == (v1.tagline, v1.problem, v1.target_users)

"""The landing page. It grows as the product does (see content.LEVEL)."""

from __future__ import annotations

from typing import Any

import content
import layout
import web
from layout import icon
from web import esc, url

BLURBS = (
    "Every change is saved straight away.",
    "Works on laptops and phones.",
    "Sample records show how it looks; replace them with yours.",
)


def routes() -> list[web.Route]:
    return [web.route("GET", "/", home)]


def home(request: web.Request) -> web.Response:
    if content.HOME == "list" and "records" in content.MODULES:
        # A tool's keepers come to work: open on the main list, not on a sales pitch.
        import records

        return records.list_page(content.ENTITIES[0], request)
    sections = [hero()]
    if content.LEVEL < 2:
        sections.append(coming_soon())
    else:
        sections += [features(), story(), tiles()]
    if content.LEVEL >= 4:
        sections.append(closing())
    return layout.page("", "".join(sections), active="/")


def hero() -> str:
    product = content.PRODUCT
    if content.LEVEL < 2:
        # No button yet: one that does nothing ("Join the waitlist") would promise what no
        # page keeps. Say plainly why there is nothing to click.
        buttons = (
            '<p class="muted">Nothing to click yet: the lists and forms arrive as the build'
            " goes on.</p>"
        )
        lead = f"We are laying the foundations of {product['name']}. Here is a first look."
    else:
        first = content.ENTITIES[0]
        buttons = (
            f'<a class="btn" href="{esc(url("/" + first["slug"]))}">Browse'
            f" {esc(first['plural'].lower())}"
            f"{icon('arrow')}</a>"
            f'<a class="btn btn-ghost" href="{esc(url("/" + first["slug"] + "/new"))}">'
            f"Add {esc(first['article'])} {esc(first['singular'].lower())}</a>"
        )
        lead = product["problem"] or product["tagline"]
    return (
        '<section class="hero"><div>'
        '<span class="pill"><span class="dot">'
        f"</span>Built for {esc(layout.lower_first(product['users']))}</span>"
        f'<h1>{esc(product["tagline"])}</h1><p class="lead">{esc(lead)}</p>'
        f'<div class="actions">{buttons}</div></div>{preview_card()}</section>'
    )


def preview_card() -> str:
    head = '<div class="hero-card-head"><div class="dots"><i></i><i></i><i></i></div>'
    if content.LEVEL < 2:
        rows = "".join(
            '<div class="preview-row"><div class="avatar"></div><div class="grow">'
            f'<div class="skeleton w{width}"></div><div class="skeleton w40"></div></div></div>'
            for width in (80, 60, 80, 40)
        )
        return (
            f'<div class="hero-card">{head}<span class="soon-tag">Preview</span></div>{rows}</div>'
        )
    import store

    entity = content.ENTITIES[0]
    records = store.list_records(entity, limit=4)
    rows = "".join(_preview_row(entity, record) for record in records)
    link = f'<a href="{esc(url("/" + entity["slug"]))}">{esc(entity["plural"])}</a>'
    return f'<div class="hero-card">{head}<strong>{link}</strong></div>{rows}</div>'


def _preview_row(entity: dict[str, Any], record: dict[str, str]) -> str:
    import store

    fields = entity["fields"]
    title = store.title_of(entity, record)
    sub = next(
        (store.display(f, record.get(f["name"], "")) for f in fields[1:] if f["kind"] != "choice"),
        "",
    )
    badge = next(
        (store.badge(f, record.get(f["name"], "")) for f in fields if f["kind"] == "choice"), ""
    )
    href = url(f"/{entity['slug']}/{record['id']}")
    # A sample is marked as one: an invented person must never pass for a real customer.
    example = '<span class="example-tag">Example</span>' if store.is_sample(record) else ""
    return (
        f'<div class="preview-row"><div class="avatar">{esc(layout.initial(title))}</div>'
        f'<div class="grow"><strong><a href="{esc(href)}" style="color:inherit">{esc(title)}</a>'
        "</strong>"
        f'<span class="sub">{sub}</span></div>{example}{badge}</div>'
    )


def coming_soon() -> str:
    cards = "".join(
        f'<div class="card soon"><span class="soon-tag">Coming soon</span>'
        f'<div class="skeleton w{width}"></div><div class="skeleton w80"></div>'
        '<div class="skeleton w40"></div></div>'
        for width in (60, 80, 40, 60, 80, 40)[: max(3, len(content.PRODUCT["features"]))]
    )
    return (
        '<section class="section"><div class="section-head">'
        '<span class="eyebrow">What is coming</span>'
        "<h2>The features are on their way</h2>"
        f'<p class="muted">Designed for {esc(layout.lower_first(content.PRODUCT["users"]))}.</p>'
        "</div>"
        f'<div class="grid grid-3">{cards}</div></section>'
    )


def built_features() -> list[str]:
    """What this version of the app really does, so no card claims more."""
    built = [f"Add, edit and delete {e['plural'].lower()}" for e in content.ENTITIES]
    if content.LEVEL >= 3:
        built += ["Search and filter every list", "A dashboard with live totals"]
    return built


def planned_features() -> list[str]:
    """Features from the plan that this version doesn't have yet (livebuild judged each by
    the app's records and what this version does, as the guide does)."""
    return list(content.PRODUCT.get("planned", ()))


def features() -> str:
    cards = "".join(
        f'<div class="card feature"><div class="icon">{icon(layout.FEATURE_ICONS[i % 6])}</div>'
        f"<h3>{esc(feature)}</h3><p>{esc(BLURBS[i % len(BLURBS)])}</p></div>"
        for i, feature in enumerate(built_features())
    )
    planned = "".join(
        f'<div class="card feature soon"><span class="soon-tag">Planned</span>'
        f"<h3>{esc(feature)}</h3></div>"
        for feature in planned_features()
    )
    return (
        '<section class="section"><div class="section-head"><span class="eyebrow">Features</span>'
        f"<h2>What you can do today</h2></div>"
        f'<div class="grid grid-3">{cards}{planned}</div></section>'
    )


def story() -> str:
    product = content.PRODUCT
    action = ""
    if "dashboard" in content.MODULES:
        action = (
            f'<a class="btn btn-ghost" href="{esc(url("/dashboard"))}">'
            f"Open the dashboard{icon('arrow')}</a>"
        )
    return (
        '<section class="section"><div class="band"><div>'
        f"<h2>Why {esc(product['name'])}?</h2><p>{esc(product['problem'])}</p></div>"
        f"<div><h2>How it helps</h2><p>{esc(product['name'])} keeps "
        f"{esc(_listed([e['plural'].lower() for e in content.ENTITIES]))} in one calm, shared"
        " place, "
        f"so {esc(layout.lower_first(product['users']))} can focus on the work that"
        f" matters.</p>{action}</div>"
        "</div></section>"
    )


def _listed(words: list[str]) -> str:
    """ "bookings, customers and jobs": a list as a sentence says it."""
    return f"{', '.join(words[:-1])} and {words[-1]}" if len(words) > 1 else "".join(words)


def tiles() -> str:
    import store

    cards = "".join(
        f'<a class="card tile" href="{esc(url("/" + e["slug"]))}"><div><h3>{esc(e["plural"])}</h3>'
        f'<span class="muted">Browse and add {esc(e["plural"].lower())}</span></div>'
        f'<span class="count">{store.count(e)}</span></a>'
        for e in content.ENTITIES
    )
    return (
        '<section class="section"><div class="section-head"><span class="eyebrow">Jump in</span>'
        f'<h2>Your workspace</h2></div><div class="grid grid-3">{cards}</div></section>'
    )


def closing() -> str:
    import store

    first = content.ENTITIES[0]
    # "Your first" only while there is none: over five records it would be untrue.
    which = "another" if store.count(first) else "your first"
    return (
        '<section class="section"><div class="card" style="text-align:center;padding:40px">'
        f'<h2>Ready when you are</h2><p class="muted">{esc(content.PRODUCT["tagline"])}</p>'
        f'<a class="btn" href="{esc(url("/" + first["slug"] + "/new"))}">{icon("plus")}'
        f"Add {which} {esc(first['singular'].lower())}</a></div></section>"
    )

"""The page shell every screen shares: head, navigation, footer and icons."""

from __future__ import annotations

from typing import Any

import content
import web
from web import esc, url

ICONS = {
    "spark": "M12 2l2.4 6.6L21 11l-6.6 2.4L12 20l-2.4-6.6L3 11l6.6-2.4z",
    "check": "M20 6L9 17l-5-5",
    "chart": "M4 20V10M10 20V4M16 20v-7M22 20H2",
    "calendar": "M3 5h18v16H3zM3 10h18M8 3v4M16 3v4",
    "users": (
        "M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8"
        "M22 21v-2a4 4 0 0 0-3-3.9M16 3.1a4 4 0 0 1 0 7.8"
    ),
    "bolt": "M13 2L3 14h9l-1 8 10-12h-9z",
    "search": "M11 19a8 8 0 1 0 0-16 8 8 0 0 0 0 16zM21 21l-4.3-4.3",
    "plus": "M12 5v14M5 12h14",
    "arrow": "M5 12h14M13 5l7 7-7 7",
    "heart": (
        "M20.8 4.6a5.5 5.5 0 0 0-7.8 0L12 5.7l-1-1.1a5.5 5.5 0 0 0-7.8 7.8L12 21"
        "l8.8-8.6a5.5 5.5 0 0 0 0-7.8z"
    ),
    "shield": "M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10z",
}
FEATURE_ICONS = ("spark", "calendar", "chart", "users", "bolt", "shield")

ERRORS = {
    400: ("Something was off with that request", "Please go back and try again."),
    404: ("We couldn't find that page", "It may have moved, or the link might be mistyped."),
    405: ("That action isn't available here", "Please use the buttons in the app."),
    500: ("Something went wrong on our side", "Please try again in a moment."),
}


def icon(name: str) -> str:
    path = ICONS.get(name, ICONS["spark"])
    return (
        '<svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" '
        'stroke-width="2" '
        f'stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="{path}"/>'
        "</svg>"
    )


def lower_first(text: str) -> str:
    """Lower-case the first letter for use mid-sentence, leaving acronyms and names alone."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def noun(number: int, entity: dict[str, Any]) -> str:
    """The entity's name, lower case, in the number that agrees with `number`."""
    return str(entity["singular"] if number == 1 else entity["plural"]).lower()


def counted(number: int, entity: dict[str, Any]) -> str:
    """ "1 order", "3 orders"."""
    return f"{number:,} {noun(number, entity)}"


def initial(text: str) -> str:
    for char in text:
        if char.isalnum():
            return char.upper()
    return "\u2022"


def nav_items(active: str) -> str:
    items: list[str] = []
    if "records" in content.MODULES:
        for entity in content.ENTITIES:
            items.append(_nav_link("/" + entity["slug"], entity["plural"], active))
    else:
        for entity in content.ENTITIES:
            items.append(
                f'<span class="nav-soon">{esc(entity["plural"])}<small>soon</small></span>'
            )
    if "dashboard" in content.MODULES:
        items.append(_nav_link("/dashboard", "Dashboard", active))
    if "about" in content.MODULES:
        items.append(_nav_link("/about", "About", active))
    return "".join(items)


def _nav_link(path: str, label: str, active: str) -> str:
    current = ' class="active" aria-current="page"' if path == active else ""
    return f'<a href="{esc(url(path))}"{current}>{esc(label)}</a>'


def header(active: str) -> str:
    name = content.PRODUCT["name"]
    if "records" in content.MODULES:
        # On a kind's own pages the button adds that kind: "Add member" over the bookings
        # list would add the wrong thing.
        here = next((e for e in content.ENTITIES if "/" + e["slug"] == active), None)
        kind = here or content.ENTITIES[0]
        cta = (
            f'<a class="btn btn-small" href="{esc(url("/" + kind["slug"] + "/new"))}">'
            f"{icon('plus')}Add {esc(kind['singular'].lower())}</a>"
        )
    else:
        cta = ""  # nothing to add yet: no button that does nothing
    return (
        '<header class="topbar"><div class="wrap nav">'
        f'<a class="brand" href="{esc(url("/"))}"><span class="logo">{esc(initial(name))}</span>'
        f"<span>{esc(name)}</span></a>"
        f'<nav class="nav-links" aria-label="Main">{nav_items(active)}</nav>{cta}'
        "</div></header>"
    )


def footer() -> str:
    if content.LEVEL < 4:
        return ""
    name = content.PRODUCT["name"]
    product_links = "".join(
        f'<li><a href="{esc(url("/" + e["slug"]))}">{esc(e["plural"])}</a></li>'
        for e in content.ENTITIES
    )
    return (
        '<footer class="footer"><div class="wrap"><div class="footer-grid">'
        f'<div><a class="brand" href="{esc(url("/"))}">'
        f'<span class="logo">{esc(initial(name))}</span>'
        f"<span>{esc(name)}</span></a>"
        '<p class="muted"'
        f' style="margin-top:12px;max-width:26rem">{esc(content.PRODUCT["tagline"])}</p></div>'
        f"<div><h4>Product</h4><ul>{product_links}"
        f'<li><a href="{esc(url("/dashboard"))}">Dashboard</a></li></ul></div>'
        f'<div><h4>About</h4><ul><li><a href="{esc(url("/about"))}">About</a></li></ul></div>'
        "</div>"
        f'<p class="fineprint">&copy; 2026 {esc(name)}. Made for'
        f" {esc(lower_first(content.PRODUCT['users']))}.</p>"
        "</div></footer>"
    )


def page(title: str, body: str, *, active: str = "", status: int = 200) -> web.Response:
    name = content.PRODUCT["name"]
    full_title = (
        f"{title} \u00b7 {name}" if title else f"{name} \u2014 {content.PRODUCT['tagline']}"
    )
    document = (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(full_title)}</title>"
        f'<meta name="description" content="{esc(content.PRODUCT["tagline"])}">'
        f'<link rel="stylesheet" href="{esc(web.static_url("style.css"))}">'
        f'<link rel="icon" type="image/svg+xml" href="{esc(web.static_url("icon.svg"))}">'
        "</head>"
        f'<body data-ready="true" data-stage="{esc(content.STAGE)}">'
        f'{header(active)}<main class="wrap">{body}</main>{footer()}'
        "</body></html>"
    )
    return web.Response(status=status, body=document)


def error_page(status: int) -> web.Response:
    heading, detail = ERRORS.get(status, ERRORS[500])
    body = (
        '<section class="empty card" style="margin-top:48px">'
        f'<p class="eyebrow">Error {status}</p><h1>{esc(heading)}</h1>'
        f'<p class="muted">{esc(detail)}</p>'
        f'<a class="btn" href="{esc(url("/"))}">Back to home</a></section>'
    )
    return page(heading, body, status=status)

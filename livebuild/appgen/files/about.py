"""The about page: why the product exists, who it is for, what it does and what is planned."""

from __future__ import annotations

import content
import home
import layout
import web
from layout import icon
from web import esc


def routes() -> list[web.Route]:
    return [web.route("GET", "/about", about)]


def about(request: web.Request) -> web.Response:
    product = content.PRODUCT
    features = "".join(
        f"<li>{icon('check')}{esc(feature)}</li>" for feature in home.built_features()
    )
    planned = ""
    if home.planned_features():
        items = "".join(f"<li>{esc(feature)}</li>" for feature in home.planned_features())
        planned = f"<h2>Planned</h2><ul>{items}</ul>"
    body = (
        '<section class="page-head"><div><span class="eyebrow">About</span>'
        f"<h1>About {esc(product['name'])}</h1>"
        f'<p class="muted">{esc(product["tagline"])}</p></div></section>'
        '<div class="prose">'
        f"<h2>Why we built it</h2><p>{esc(product['problem'])}</p>"
        f"<h2>Who it is for</h2><p>{esc(product['users'])}.</p>"
        f'<h2>What it does</h2><ul class="checklist">{features}</ul>'
        f"{planned}"
        "</div>"
    )
    return layout.page("About", body, active="/about")

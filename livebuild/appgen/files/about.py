"""The about page: the story behind the product and what customers say."""

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
    features = "".join(f"<li>{icon('check')}{esc(feature)}</li>" for feature in product["features"])
    idea = ""
    if product["idea"]:
        idea = (
            "<h2>Where it started</h2>"
            '<blockquote class="card" style="margin:0 0'
            f' 24px;font-style:italic">{esc(product["idea"])}</blockquote>'
        )
    body = (
        '<section class="page-head"><div><span class="eyebrow">About</span>'
        f"<h1>About {esc(product['name'])}</h1>"
        f'<p class="muted">{esc(product["tagline"])}</p></div></section>'
        '<div class="prose">'
        f"<h2>Why we built it</h2><p>{esc(product['problem'])}</p>"
        f"<h2>Who it is for</h2><p>{esc(product['users'])}.</p>"
        f"{idea}"
        f'<h2>What it does</h2><ul class="checklist">{features}</ul>'
        "</div>"
        f"{home.testimonials()}"
    )
    return layout.page("About", body, active="/about")

"""The generated app's stylesheet: theme variables in front of the static CSS body.

Every colour the pages put text on derives from the theme here, and each text colour is
nudged until it passes WCAG AA on every background it is used on, light theme or dark.
"""

from __future__ import annotations

from livebuild.appgen.contrast import fill_for_white, is_dark, mix, readable
from livebuild.appgen.template import template

# Hues of the status badges, the saved message and the error messages.
TONES = ("#2f9e44", "#1c7ed6", "#e8590c", "#d6336c", "#7048e8", "#868e96")
GREEN, RED = "#2f9e44", "#e03131"

__all__ = ["app_icon", "mix", "stylesheet", "theme_variables"]


def _tones(surface: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for index, hue in enumerate(TONES):
        background = mix(hue, surface, 0.16)
        found[f"--tone-{index}-bg"] = background
        found[f"--tone-{index}"] = readable(hue, [background])
    return found


def theme_variables(theme: dict[str, str]) -> dict[str, str]:
    primary, accent, bg = theme["primary"], theme["accent"], theme["background"]
    dark = is_dark(bg)
    surface = mix("#ffffff", bg, 0.07) if dark else "#ffffff"
    primary_soft = mix(primary, surface, 0.14)
    primary_tint = mix(primary, surface, 0.26)
    accent_soft = mix(accent, surface, 0.16)
    grounds = [bg, surface, primary_soft, primary_tint, accent_soft]
    text = readable(theme["text"], grounds, 7.0)
    fill = fill_for_white(primary)
    danger_bg = mix(RED, surface, 0.12)
    flash_bg = mix(GREEN, surface, 0.14)
    return {
        "--primary": readable(primary, grounds),
        "--primary-fill": fill,
        "--primary-dark": mix("#000000", fill, 0.2),
        "--primary-soft": primary_soft,
        "--primary-tint": primary_tint,
        "--on-primary": "#ffffff",
        "--accent": readable(accent, [surface, bg]),
        "--accent-fill": fill_for_white(accent),
        "--accent-soft": accent_soft,
        "--bg": bg,
        "--surface": surface,
        "--text": text,
        "--muted": readable(mix(text, bg, 0.62), grounds),
        "--border": mix(text, bg, 0.16),
        "--danger": readable(RED, [surface, danger_bg, bg]),
        "--danger-bg": danger_bg,
        "--danger-fill": fill_for_white(RED),
        "--flash": readable(GREEN, [flash_bg]),
        "--flash-bg": flash_bg,
        "--shadow": "rgba(0,0,0,.5)" if dark else "rgba(20,20,40,.35)",
        "--scheme": "dark" if dark else "light",
        **_tones(surface),
        "--font": theme["font"],
    }


def stylesheet(theme: dict[str, str]) -> str:
    variables = theme_variables(theme)
    scheme = variables.pop("--scheme")
    root = (
        ":root {\n"
        + f"  color-scheme: {scheme};\n"
        + "".join(f"  {k}: {v};\n" for k, v in variables.items())
        + "}\n"
    )
    return root + "\n" + template("static/style.css")


def app_icon(theme: dict[str, str], name: str) -> str:
    """The browser tab's icon: the logo of the app's header (its initial on the theme's
    gradient), so the tab is the app's own and the browser's ask for one finds it."""
    variables = theme_variables(theme)
    letter = next((c.upper() for c in name if c.isascii() and c.isalnum()), "")
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
        '<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">'
        f'<stop offset="0" stop-color="{variables["--primary-fill"]}"/>'
        f'<stop offset="1" stop-color="{variables["--accent-fill"]}"/></linearGradient></defs>'
        '<rect width="64" height="64" rx="18" fill="url(#g)"/>'
        f'<text x="32" y="44" text-anchor="middle" font-family="system-ui, sans-serif"'
        f' font-size="34" font-weight="800" fill="{variables["--on-primary"]}">{letter}</text>'
        "</svg>\n"
    )

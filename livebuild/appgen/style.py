"""The generated app's stylesheet: theme variables in front of the static CSS body."""

from __future__ import annotations

from livebuild.appgen.template import template


def mix(a: str, b: str, weight: float) -> str:
    """Blend two #rrggbb colours; weight is the share of `a`."""
    ca = [int(a[i : i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(
        f"{round(x * weight + y * (1 - weight)):02x}" for x, y in zip(ca, cb, strict=True)
    )


def stylesheet(theme: dict[str, str]) -> str:
    primary, accent = theme["primary"], theme["accent"]
    bg, text = theme["background"], theme["text"]
    variables = {
        "--primary": primary,
        "--primary-dark": mix(primary, "#000000", 0.82),
        "--primary-soft": mix(primary, "#ffffff", 0.1),
        "--primary-tint": mix(primary, "#ffffff", 0.2),
        "--accent": accent,
        "--accent-soft": mix(accent, "#ffffff", 0.12),
        "--bg": bg,
        "--surface": "#ffffff",
        "--text": text,
        "--muted": mix(text, bg, 0.62),
        "--border": mix(text, bg, 0.12),
        "--font": theme["font"],
    }
    root = ":root {\n" + "".join(f"  {k}: {v};\n" for k, v in variables.items()) + "}\n"
    return root + "\n" + template("static/style.css")

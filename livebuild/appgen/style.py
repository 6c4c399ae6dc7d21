"""The generated app's stylesheet: one static CSS body plus theme variables."""

from __future__ import annotations


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
    return root + _CSS


_CSS = """
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--text); font-family: var(--font);
  font-size: 16px; line-height: 1.55; -webkit-font-smoothing: antialiased;
}
a { color: var(--primary); text-decoration: none; }
a:hover { text-decoration: underline; }
h1, h2, h3 { line-height: 1.2; margin: 0 0 .5rem; letter-spacing: -0.015em; }
h1 { font-size: 2.1rem; }
h2 { font-size: 1.45rem; }
h3 { font-size: 1.05rem; }
p { margin: 0 0 1rem; }
.wrap { max-width: 1120px; margin: 0 auto; padding: 0 28px; }
.muted { color: var(--muted); }
.eyebrow {
  display: inline-block; font-size: .78rem; font-weight: 700; letter-spacing: .08em;
  text-transform: uppercase; color: var(--primary); margin-bottom: .4rem;
}

/* top bar */
.topbar {
  background: rgba(255,255,255,.86); border-bottom: 1px solid var(--border);
  position: sticky; top: 0; z-index: 5; backdrop-filter: blur(8px);
}
.nav { display: flex; align-items: center; gap: 28px; height: 64px; }
.brand {
  display: flex; align-items: center; gap: 10px; font-weight: 800; font-size: 1.15rem; color:
  var(--text);
}
.brand:hover { text-decoration: none; }
.logo {
  width: 34px; height: 34px; border-radius: 10px; display: grid; place-items: center;
  background: linear-gradient(135deg, var(--primary), var(--accent)); color: #fff;
  font-size: 1rem; font-weight: 800; box-shadow: 0 4px 10px -4px var(--primary);
}
.nav-links { display: flex; gap: 6px; flex: 1; align-items: center; flex-wrap: wrap; }
.nav-links a, .nav-soon {
  padding: 7px 12px; border-radius: 8px; color: var(--muted); font-weight: 600; font-size: .93rem;
}
.nav-links a:hover {
  background: var(--primary-soft); color: var(--primary); text-decoration: none;
}
.nav-links a.active { color: var(--primary); background: var(--primary-soft); }
.nav-soon { opacity: .55; }
.nav-soon small {
  font-size: .68rem; margin-left: 4px; text-transform: uppercase; letter-spacing: .05em;
}

/* buttons */
.btn {
  display: inline-flex; align-items: center; gap: 8px; padding: 11px 20px; border-radius: 10px;
  background: var(--primary); color: #fff; font-weight: 700; font-size: .95rem; border: 0;
  cursor: pointer; font-family: inherit; box-shadow: 0 6px 16px -8px var(--primary);
}
.btn:hover { background: var(--primary-dark); text-decoration: none; }
.btn svg { width: 18px; height: 18px; }
.btn-ghost {
  background: var(--surface); color: var(--text); border: 1px solid var(--border); box-shadow:
  none;
}
.btn-ghost:hover { background: var(--primary-soft); color: var(--primary); }
.btn-small { padding: 8px 14px; font-size: .88rem; }
.btn-disabled { background: var(--border); color: var(--muted); box-shadow: none; cursor: default; }
.btn-disabled:hover { background: var(--border); }

/* hero */
.hero {
  display: grid; grid-template-columns: 1.1fr .9fr; gap: 48px; align-items: center;
  padding: 64px 0 48px;
}
.hero h1 { font-size: 3rem; letter-spacing: -0.03em; margin-bottom: 1rem; }
.hero .lead { font-size: 1.15rem; color: var(--muted); max-width: 34rem; }
.pill {
  display: inline-flex; align-items: center; gap: 8px; padding: 6px 14px; border-radius: 999px;
  background: var(--primary-soft); color: var(--primary); font-weight: 600; font-size: .86rem;
  margin-bottom: 1.2rem;
}
.pill .dot { width: 8px; height: 8px; border-radius: 50%; background: var(--accent); }
.actions { display: flex; gap: 12px; flex-wrap: wrap; margin-top: 1.6rem; }
.hero-card {
  background: var(--surface); border-radius: 20px; border: 1px solid var(--border);
  box-shadow: 0 30px 60px -30px rgba(20,20,40,.35); padding: 22px; position: relative;
}
.hero-card::before {
  content: ""; position: absolute; inset: -18px -18px auto auto; width: 120px; height: 120px;
  border-radius: 30px; background: var(--accent-soft); z-index: -1; transform: rotate(12deg);
}
.hero-card-head {
  display: flex; justify-content: space-between; align-items: center; margin-bottom: 14px;
}
.dots { display: flex; gap: 6px; }
.dots i {
  width: 10px; height: 10px; border-radius: 50%; background: var(--border); display: block;
}
.preview-row {
  display: flex; align-items: center; gap: 12px; padding: 12px; border-radius: 12px;
  border: 1px solid var(--border); margin-bottom: 10px; background: var(--bg);
}
.avatar {
  width: 36px; height: 36px; border-radius: 10px; display: grid; place-items: center; flex: none;
  background: var(--primary-tint); color: var(--primary); font-weight: 800;
}
.preview-row .grow { flex: 1; min-width: 0; }
.preview-row strong {
  display: block; white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
}
.preview-row span.sub { font-size: .85rem; color: var(--muted); }
.skeleton {
  background: var(--border); border-radius: 6px; height: 10px; margin: 6px 0; opacity: .8;
}
.skeleton.w60 { width: 60%; } .skeleton.w40 { width: 40%; } .skeleton.w80 { width: 80%; }

/* sections */
.section { padding: 36px 0; }
.section-head { max-width: 40rem; margin-bottom: 1.6rem; }
.grid { display: grid; gap: 18px; }
.grid-3 { grid-template-columns: repeat(3, 1fr); }
.grid-2 { grid-template-columns: repeat(2, 1fr); }
.card {
  background: var(--surface); border: 1px solid var(--border); border-radius: 16px; padding: 22px;
  box-shadow: 0 1px 2px rgba(20,20,40,.04);
}
.feature .icon {
  width: 42px; height: 42px; border-radius: 12px; display: grid; place-items: center;
  background: var(--primary-soft); color: var(--primary); margin-bottom: 14px;
}
.feature .icon svg { width: 22px; height: 22px; }
.feature:nth-child(3n+2) .icon { background: var(--accent-soft); color: var(--accent); }
.feature p { color: var(--muted); margin: 0; font-size: .94rem; }
.soon { border-style: dashed; background: transparent; box-shadow: none; }
.soon-tag {
  display: inline-block; font-size: .72rem; font-weight: 700; text-transform: uppercase;
  letter-spacing: .06em; color: var(--muted); border: 1px dashed var(--border);
  padding: 3px 8px; border-radius: 6px; margin-bottom: 12px;
}
.band {
  background: linear-gradient(120deg, var(--primary-dark), var(--primary)); color: #fff;
  border-radius: 22px; padding: 40px; display: grid; grid-template-columns: 1fr 1fr; gap: 32px;
}
.band h2, .band p { color: #fff; }
.band p { opacity: .92; }
.tile {
  display: flex; align-items: center; justify-content: space-between; gap: 12px; color:
  var(--text);
}
.tile:hover { text-decoration: none; border-color: var(--primary); }
.tile .count { font-size: 2rem; font-weight: 800; color: var(--primary); }
.quote p { font-size: 1.02rem; }
.quote footer {
  display: flex; align-items: center; gap: 10px; font-size: .9rem; color: var(--muted);
}
.quote footer strong { color: var(--text); display: block; }

/* list pages */
.page-head {
  display: flex; justify-content: space-between; align-items: flex-end; gap: 20px; padding: 40px
  0 20px;
}
.page-head h1 { margin-bottom: .2rem; }
.crumbs { font-size: .9rem; margin-bottom: .6rem; display: block; }
.toolbar { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; margin-bottom: 16px; }
.search { display: flex; gap: 8px; flex: 1; min-width: 280px; }
.search input { flex: 1; }
.chips { display: flex; gap: 6px; flex-wrap: wrap; }
.chip {
  padding: 6px 12px; border-radius: 999px; border: 1px solid var(--border); background:
  var(--surface);
  font-size: .85rem; font-weight: 600; color: var(--muted);
}
.chip:hover { text-decoration: none; border-color: var(--primary); color: var(--primary); }
.chip.on { background: var(--primary); border-color: var(--primary); color: #fff; }
.table-card { padding: 0; overflow: hidden; }
table.data { width: 100%; border-collapse: collapse; font-size: .94rem; }
.data th {
  text-align: left; font-size: .76rem; text-transform: uppercase; letter-spacing: .06em; color:
  var(--muted);
  padding: 12px 18px; background: var(--bg); border-bottom: 1px solid var(--border);
}
.data td { padding: 13px 18px; border-bottom: 1px solid var(--border); vertical-align: middle; }
.data tr:last-child td { border-bottom: 0; }
.data tbody tr:hover { background: var(--primary-soft); }
.data td.title a { font-weight: 700; color: var(--text); }
.data tr.just-added { background: var(--accent-soft); }
.num, .data th.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge {
  display: inline-block; padding: 3px 10px; border-radius: 999px; font-size: .8rem; font-weight:
  700;
  white-space: nowrap;
}
.tone-0 { background: #e3f4ea; color: #17663a; }
.tone-1 { background: #e4edfc; color: #1d4ea8; }
.tone-2 { background: #fdf1dc; color: #8a5200; }
.tone-3 { background: #fbe6ec; color: #a1224a; }
.tone-4 { background: #efe8fb; color: #5b34a6; }
.tone-5 { background: #eceff3; color: #3d4756; }
.flash {
  display: flex; gap: 10px; align-items: center; padding: 12px 16px; border-radius: 12px;
  background: #e3f4ea; color: #17663a; font-weight: 600; margin-bottom: 16px; border: 1px solid
  #bfe3cd;
}
.flash svg { width: 18px; height: 18px; flex: none; }
.empty { text-align: center; padding: 48px 24px; }
.checklist { list-style: none; margin: 0 0 24px; padding: 0; }
.checklist li { display: flex; gap: 10px; align-items: center; padding: 8px 0; }
.checklist svg { color: var(--primary); flex: none; }
.empty svg { width: 120px; height: 96px; margin-bottom: 12px; }
.empty h3 { font-size: 1.2rem; }

/* detail */
.detail { display: grid; grid-template-columns: repeat(2, 1fr); gap: 18px 28px; margin: 0; }
.detail dt {
  font-size: .78rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted);
  font-weight: 700;
}
.detail dd { margin: 4px 0 0; font-size: 1.02rem; }
.detail .wide { grid-column: 1 / -1; }

/* forms */
form.stack { display: grid; gap: 18px; }
.form-card { max-width: 720px; }
.form-grid { display: grid; grid-template-columns: repeat(2, 1fr); gap: 18px 20px; }
.form-grid .wide { grid-column: 1 / -1; }
label { display: block; font-weight: 700; font-size: .9rem; margin-bottom: 6px; }
label .req { color: var(--accent); }
input, select, textarea {
  width: 100%; font: inherit; color: var(--text); background: var(--surface);
  border: 1px solid var(--border); border-radius: 10px; padding: 10px 12px;
}
textarea { min-height: 110px; resize: vertical; }
input:focus, select:focus, textarea:focus {
  outline: 3px solid var(--primary-tint); border-color: var(--primary);
}
.field-error input, .field-error select, .field-error textarea {
  border-color: #c92a2a; background: #fff5f5;
}
.error-text { color: #c92a2a; font-size: .85rem; margin-top: 5px; }
.hint { color: var(--muted); font-size: .82rem; margin-top: 5px; }
.error-summary {
  background: #fff5f5; border: 1px solid #ffc9c9; color: #9b1c1c; padding: 14px 16px;
  border-radius: 12px;
}
.error-summary ul { margin: 6px 0 0; padding-left: 20px; }

/* dashboard */
.stats {
  display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 16px;
  margin-bottom: 24px;
}
.stat .value { font-size: 2rem; font-weight: 800; letter-spacing: -0.02em; }
.stat .label { color: var(--muted); font-size: .9rem; font-weight: 600; }
.bars { display: grid; gap: 10px; }
.bar-row {
  display: grid; grid-template-columns: 130px 1fr 40px; gap: 12px; align-items: center;
  font-size: .9rem;
}
.bar-track {
  background: var(--bg); border-radius: 999px; height: 12px; overflow: hidden; border: 1px solid
  var(--border);
}
.bar-fill {
  height: 100%; border-radius: 999px; background: linear-gradient(90deg, var(--primary),
  var(--accent));
}
.list-plain { list-style: none; margin: 0; padding: 0; }
.list-plain li {
  display: flex; justify-content: space-between; gap: 12px; padding: 10px 0; border-bottom: 1px
  solid var(--border);
}
.list-plain li:last-child { border-bottom: 0; }

/* footer */
.footer {
  margin-top: 56px; border-top: 1px solid var(--border); background: var(--surface); padding:
  40px 0 28px;
}
.footer-grid { display: grid; grid-template-columns: 2fr 1fr 1fr; gap: 32px; }
.footer h4 {
  font-size: .8rem; text-transform: uppercase; letter-spacing: .08em; color: var(--muted);
  margin: 0 0 10px;
}
.footer ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; }
.footer a { color: var(--text); }
.fineprint { margin-top: 28px; font-size: .84rem; color: var(--muted); }
.prose { max-width: 46rem; }
.prose p { font-size: 1.05rem; }
.spacer { height: 40px; }

@media (max-width: 860px) {
  .hero, .band, .grid-3, .grid-2, .footer-grid, .detail, .form-grid { grid-template-columns: 1fr; }
  .hero h1 { font-size: 2.3rem; }
  .nav { gap: 12px; }
}
"""

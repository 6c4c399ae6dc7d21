"""The pages a founder opens in a browser.

These are deliberately plain: a start form and a build page that follows the
event stream. They use only the public API.
"""

from __future__ import annotations

from html import escape

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from livebuild.auth import PrincipalDep, ServicesDep
from livebuild.repository import version_label

router = APIRouter(include_in_schema=False)

_STYLE = """
:root{--ink:#1f2933;--muted:#616e7c;--line:#e4e7eb;--bg:#f5f7fa;--accent:#3b5bdb}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",
sans-serif;color:var(--ink);background:var(--bg)}main{max-width:44rem;margin:3rem auto;
padding:0 1.25rem}h1{font-weight:650;letter-spacing:-.01em}textarea{width:100%;min-height:9rem;
padding:.8rem;font:inherit;border:1px solid var(--line);border-radius:.6rem}
button{margin-top:.8rem;padding:.65rem 1.2rem;font:inherit;font-weight:600;color:#fff;
background:var(--accent);border:0;border-radius:.6rem;cursor:pointer}
.error{color:#b42318;min-height:1.5em}ul{padding:0;list-style:none}
li{padding:.6rem 0;border-bottom:1px solid var(--line)}a{color:var(--accent)}
.muted{color:var(--muted);font-size:.9rem}
[data-feed-entry]{padding:.55rem 0;border-bottom:1px solid var(--line)}
[data-feed-entry] time{display:block;color:var(--muted);font-size:.8rem}
"""


def _page(title: str, body: str, state: str = "idle") -> HTMLResponse:
    return HTMLResponse(
        f'<!doctype html><html lang="en" data-state="{state}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body><main>{body}</main></body></html>"
    )


_START_SCRIPT = """
<script>
const form = document.querySelector("form"), error = document.querySelector(".error");
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  error.textContent = "";
  const idea = form.idea.value;
  const project = await fetch("/api/projects", {method: "POST",
    headers: {"content-type": "application/json"}, body: JSON.stringify({idea})});
  const created = await project.json();
  if (!project.ok) { error.textContent = created.detail; return; }
  const build = await fetch(`/api/projects/${created.id}/builds`, {method: "POST"});
  const started = await build.json();
  if (!build.ok) { error.textContent = started.detail; return; }
  location.href = `/projects/${created.id}/build?job_id=${started.job_id}`;
});
</script>
"""


@router.get("/")
async def start_page(principal: PrincipalDep, services: ServicesDep) -> HTMLResponse:
    projects = await services.repository.list_projects(principal.user_id)
    items = []
    for project in projects[:20]:
        jobs = await services.repository.jobs_of_project(project.id)
        if jobs:
            latest = jobs[-1]
            link = f"/projects/{project.id}/build?job_id={latest.id}"
            items.append(
                f'<li><a href="{escape(link)}">{escape(project.name)}</a> '
                f'<span class="muted">{version_label(latest.version)} · {latest.status}</span></li>'
            )
    earlier = f"<h2>Your projects</h2><ul>{''.join(items)}</ul>" if items else ""
    body = (
        "<h1>What should we build?</h1>"
        '<form><label for="idea">Describe your product idea in a few sentences.</label>'
        '<textarea id="idea" name="idea" maxlength="20000" required></textarea>'
        '<p class="error" role="alert"></p><button type="submit">Start building</button></form>'
        f"{earlier}{_START_SCRIPT}"
    )
    return _page("livebuild", body)


_BUILD_SCRIPT = """
<script>
const jobId = new URLSearchParams(location.search).get("job_id");
const feed = document.querySelector("[data-panel=feed] ol");
const root = document.documentElement, note = document.querySelector("[data-panel=preview] p");
const source = new EventSource(`/api/jobs/${jobId}/events/stream`);
function entry(text, ts) {
  const li = document.createElement("li"), time = document.createElement("time");
  li.setAttribute("data-feed-entry", "");
  time.dateTime = ts; time.textContent = new Date(ts).toLocaleTimeString();
  li.append(time, document.createTextNode(text)); feed.append(li);
}
source.onopen = () => { if (root.dataset.state === "idle") root.dataset.state = "building"; };
source.addEventListener("build.stage.started", (m) => {
  const e = JSON.parse(m.data); entry(`${e.agent_role}: ${e.narration}`, e.ts);
});
source.addEventListener("build.completed", (m) => {
  const e = JSON.parse(m.data); root.dataset.state = "complete"; source.close();
  entry(`Your MVP is ready (${e.version}), built in ${Math.round(e.elapsed_s)}s.`, e.ts);
  note.innerHTML = ""; const a = document.createElement("a");
  a.href = e.preview_url; a.textContent = "Open your app"; note.append(a);
});
source.addEventListener("build.failed", (m) => {
  const e = JSON.parse(m.data); source.close();
  entry(`${e.message} (reference ${e.debug_id})`, e.ts);
});
</script>
"""


@router.get("/projects/{project_id}/build")
async def build_page(
    project_id: str, job_id: str, principal: PrincipalDep, services: ServicesDep
) -> HTMLResponse:
    project = await services.repository.get_project(project_id, principal.user_id)
    job = await services.repository.get_job(job_id, principal.user_id)
    state = "complete" if job.status == "ready" else "building"
    body = (
        f"<h1>{escape(project.name)} <span class='muted'>{version_label(job.version)}</span></h1>"
        '<section data-panel="feed" aria-live="polite"><ol></ol></section>'
        '<section data-panel="preview"><p class="muted">Your app appears here when it is '
        "ready. Live screenshots are not built yet.</p></section>"
        '<section data-panel="docs"><p class="muted">Written documentation is not built yet.'
        f"</p></section>{_BUILD_SCRIPT}"
    )
    return _page(f"{project.name} · livebuild", body, state)

// The completion moment on the build page: the hero with its three actions, the
// celebration (once per build), the founder's stats, a change request, the
// versions, the before/after slider, the time-lapse and the share link.

import { $, api, duration, el, numbers, stableAddress } from "./dom.js";
import { Pointer } from "./pointing.js";
import { ShareCard } from "./sharing.js";
import { mountTimelapse } from "./timelapse.js";

const CONFETTI_PIECES = 14;

export class Completion {
  constructor({ jobId, projectId }) {
    this.jobId = jobId;
    this.projectId = projectId;
    this.shown = false;
    this.pointer = new Pointer(projectId);
  }

  buildUrl(jobId) {
    return `/projects/${this.projectId}/build?job_id=${encodeURIComponent(jobId)}`;
  }

  show(e, stats, feedPanel) {
    if (this.shown) return;
    this.shown = true;
    $("[data-completion]").hidden = false;
    $("[data-stat=time]").textContent = duration(e.elapsed_s ?? 0);
    $("[data-stat=stages]").textContent = numbers.format(stats.stages);
    const tokens = $("[data-stat=tokens]");
    if (tokens) tokens.textContent = numbers.format(e.tokens ?? stats.tokens);
    $("[data-stat=screenshots]").textContent = numbers.format(stats.screenshots);
    if (e.version) $("[data-done-version]").textContent = e.version;
    const shot = e.snapshot_url || stats.lastShot;
    if (shot) {
      $("[data-final-img]").src = shot;
      $("[data-final-shot]").hidden = false;
    }
    // The story of the build stays, folded away under the results.
    if (feedPanel) $("[data-history]").append(feedPanel);
    this.celebrate();
    this.announce();
    this.bindChange();
    new ShareCard(this.jobId).start();
    this.openApp(e.preview_url);
    this.loadExtras(shot);
  }

  celebrate() {
    const key = `livebuild:celebrated:${this.jobId}`;
    let seen = null;
    try {
      seen = localStorage.getItem(key);
      localStorage.setItem(key, "1");
    } catch {
      seen = "1"; // without storage, a quiet page beats confetti on every visit
    }
    // Part of a change not made is no moment for confetti.
    if (seen || $("[data-hero]").dataset.celebrate === "off") return;
    const confetti = $("[data-confetti]");
    for (let i = 0; i < CONFETTI_PIECES; i += 1) confetti.append(el("i"));
    confetti.classList.add("is-on");
  }

  announce() {
    const heading = $("#done-title");
    heading.focus({ preventScroll: true });
    const lead = $(".hero .lead");
    $("[data-announce]").textContent = `${heading.textContent}. ${lead.textContent}`;
  }

  async openApp(previewUrl) {
    // The button always works: it leads to the Open & download page until the
    // app is known to be awake, then straight to the app.
    let url = previewUrl;
    try {
      if (!url) url = (await api(`/api/jobs/${this.jobId}`)).preview_url;
      if (!url) url = (await api(`/api/jobs/${this.jobId}/preview`, { method: "POST", body: "{}" })).preview_url;
    } catch {
      return;
    }
    if (!url) return;
    const project = await api(`/api/projects/${this.projectId}`).catch(() => null);
    // The latest ready version opens at the app's own address, which keeps it (and its
    // records) across versions; an older version opens as it was, at its own preview.
    const open = stableAddress(project, this.jobId) || url;
    $("[data-open-app]").href = open;
    $("[data-final-shot]").href = open;
    this.pointer.start(url, project?.brief);
  }

  bindChange() {
    $("[data-change-open]").addEventListener("click", (event) => {
      event.preventDefault();
      const box = $("#change-text");
      box.scrollIntoView({ block: "center", behavior: "smooth" });
      box.focus({ preventScroll: true });
    });
    // A change that was not (all) made: the same words, ready to reword and send again.
    $("[data-change-reword]")?.addEventListener("click", () => {
      const box = $("#change-text");
      box.value = $("[data-change-asked]")?.textContent || "";
      box.scrollIntoView({ block: "center", behavior: "smooth" });
      box.focus({ preventScroll: true });
    });
    const form = $("[data-change-form]");
    const error = $("[data-change-error]");
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const text = form.change.value.trim();
      if (!text) {
        error.textContent = "Please say what you'd like to change first.";
        form.change.focus();
        return;
      }
      error.textContent = "";
      const button = $("button[type=submit]", form);
      button.disabled = true;
      try {
        const request = { change_request: this.pointer.resolve(text) };
        if (this.pointer.target) request.target = this.pointer.target;
        const build = await api(`/api/projects/${this.projectId}/builds`, {
          method: "POST",
          body: JSON.stringify(request),
        });
        location.assign(this.buildUrl(build.job_id));
      } catch (failure) {
        error.textContent = failure.message;
        button.disabled = false;
      }
    });
  }

  async loadExtras(finalShot) {
    const [status, snapshots, project, versions] = await Promise.all([
      api(`/api/jobs/${this.jobId}`).catch(() => null),
      api(`/api/jobs/${this.jobId}/snapshots`).catch(() => null),
      api(`/api/projects/${this.projectId}`).catch(() => null),
      api(`/api/projects/${this.projectId}/versions`).catch(() => null),
    ]);
    const frames = (snapshots?.snapshots || []).map((s) => s.url);
    if (mountTimelapse($("[data-playback] [data-timelapse]"), frames)) $("[data-playback]").hidden = false;
    this.compare(this.beforePicture(status, project), finalShot || frames[frames.length - 1]);
    if (versions?.versions?.length) this.renderVersions(versions.versions, status);
  }

  beforePicture(status, project) {
    if (status?.previous_snapshot_url) return status.previous_snapshot_url;
    // A fresh rebuild has no version it was built from: the newest finished one before it is
    // the "before".
    const version = Number(String(status?.version || "").replace(/^v0\./, ""));
    const earlier = (project?.builds || []).filter(
      (b) => b.status === "ready" && b.snapshot_url && Number(String(b.version).replace(/^v0\./, "")) < version,
    );
    return earlier.length ? earlier[earlier.length - 1].snapshot_url : null;
  }

  compare(before, after) {
    if (!before || !after) return;
    const view = $("[data-compare-view]");
    $("[data-compare-before]").src = before;
    $("[data-compare-after]").src = after;
    const slider = $("[data-compare-slider]");
    const move = () => view.style.setProperty("--split", `${slider.value}%`);
    slider.addEventListener("input", move);
    move();
    $("[data-compare]").hidden = false;
  }

  renderVersions(versions, status) {
    const list = $("[data-version-list]");
    list.replaceChildren();
    const current = status?.job_id;
    for (const version of versions) {
      // A change that wasn't made took no number: it is listed as "Not made".
      const label = version.label || version.version;
      const item = el("li", "version");
      item.dataset.version = label;
      const picture = el("a", "version-shot");
      picture.href = this.buildUrl(version.job_id);
      if (version.snapshot_url) {
        const image = el("img");
        image.src = version.snapshot_url;
        image.alt = version.tried_on
          ? `Your app as it stayed: a change tried on ${version.tried_on} that wasn't made`
          : `${label} of your app`;
        image.loading = "lazy";
        picture.append(image);
      } else {
        // No picture: say why, never an empty frame that looks like a blank app.
        picture.classList.add("version-shot-none");
        picture.textContent = { failed: "Not made", ready: "No picture" }[version.status] || "Building…";
      }
      const body = el("div", "version-body");
      const head = el("p", "version-head");
      head.append(el("span", "chip", label));
      if (version.job_id === current) head.append(el("span", "muted", "You're looking at this one"));
      body.append(head);
      const asked = version.copied
        ? "A copy of another project's version"
        : version.restored_from
          ? `Restored ${version.restored_from}`
          : version.change_request || "Built from your idea";
      body.append(el("p", "version-request", asked));
      // One line for each thing the version changed, never run together into one sentence.
      const lines = (Array.isArray(version.summary) ? version.summary : [version.summary]).filter(Boolean);
      if (lines.length) {
        const summary = el("ul", "muted version-summary");
        for (const line of lines) summary.append(el("li", "", line));
        body.append(summary);
      }
      if (version.status === "ready" && version.job_id !== current) {
        const restore = el("button", "button button-small", `Restore ${version.version}`);
        restore.type = "button";
        restore.addEventListener("click", () => this.restore(version.version, restore));
        body.append(restore);
      }
      if (version.status === "ready") {
        const copy = el("button", "button button-small button-quiet", `New project from ${version.version}`);
        copy.type = "button";
        copy.addEventListener("click", () => this.duplicate(version.version, copy));
        body.append(copy);
      }
      item.append(picture, body);
      list.append(item);
    }
    $("[data-versions]").hidden = false;
  }

  async duplicate(version, button) {
    const error = $("[data-versions-error]");
    error.textContent = "";
    button.disabled = true;
    try {
      const copy = await api(`/api/projects/${this.projectId}/duplicate`, {
        method: "POST",
        body: JSON.stringify({ version }),
      });
      location.assign(`/projects/${encodeURIComponent(copy.id)}`);
    } catch (failure) {
      error.textContent = failure.message;
      button.disabled = false;
    }
  }

  async restore(version, button) {
    const error = $("[data-versions-error]");
    error.textContent = "";
    button.disabled = true;
    try {
      const build = await api(`/api/projects/${this.projectId}/builds`, {
        method: "POST",
        body: JSON.stringify({ restore: version }),
      });
      location.assign(this.buildUrl(build.job_id));
    } catch (failure) {
      error.textContent = failure.message;
      button.disabled = false;
    }
  }
}

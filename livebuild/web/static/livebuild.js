// The livebuild pages. Talks only to the public API; every text from the idea or a
// model goes in through textContent, and the only HTML inserted is the guide,
// which the server has already sanitised.

import { projectList, startPage } from "./start.js";
import { $, api, duration, el, estimateText, numbers, stableAddress } from "./dom.js";
import { Completion } from "./completion.js";
import { GuidePanel } from "./guide.js";
import { importRecords } from "./records.js";
import { mountTimelapse } from "./timelapse.js";

const STILL_WORKING_MS = 120_000;
const OFFER_EMAIL_MS = 300_000;
const INSIGHT_MS = 30_000;
const RECONNECT_MS = 3_000;
// The guide's sections in reading order, with their titles, as the server names them.
const SECTIONS = JSON.parse(document.body.dataset.sections || "[]");
const SECTION_NAMES = Object.fromEntries(SECTIONS);

function clockText(seconds) {
  const total = Math.max(0, Math.round(seconds));
  const s = String(total % 60).padStart(2, "0");
  const m = Math.floor(total / 60);
  return m >= 60 ? `${Math.floor(m / 60)}:${String(m % 60).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/* ----------------------------------------------------------------- build page */

class BuildPage {
  constructor() {
    const data = document.body.dataset;
    this.jobId = data.jobId;
    this.projectId = data.projectId;
    this.emailAvailable = data.email === "on";
    this.previewsOn = data.previews === "on";
    this.tokensShown = data.tokens === "on";
    this.root = document.documentElement;
    this.feed = $("[data-feed]");
    this.lastId = 0;
    this.source = null;
    this.startedAt = null;
    this.finalElapsed = null;
    this.lastEventAt = Date.now();
    this.runningEntry = null;
    this.stats = { stages: 0, tokens: 0, screenshots: 0 };
    this.guide = new GuidePanel(this.jobId, SECTIONS);
    this.completion = new Completion({ jobId: this.jobId, projectId: this.projectId });
    this.insights = [];
    this.insightIndex = 0;
    this.docsPending = null;
    this.hasShot = false;
  }

  async start() {
    this.bindTechnicalDetails();
    this.bindNotify();
    $("[data-retry]")?.addEventListener("click", () => this.retry());
    this.bindRetryChange();
    this.bindSuggestions();
    try {
      const status = await api(`/api/jobs/${this.jobId}`);
      this.applyStatus(status);
    } catch (failure) {
      this.showConnection(failure.message);
    }
    this.loadInsights();
    this.connect();
    setInterval(() => this.tick(), 1000);
    setInterval(() => this.rotateInsight(), INSIGHT_MS);
    this.tick();
  }

  get state() {
    return this.root.dataset.state;
  }

  set state(value) {
    this.root.dataset.state = value;
  }

  get terminal() {
    return this.finalElapsed !== null;
  }

  applyStatus(status) {
    if (status.started_at) this.startedAt = Date.parse(status.started_at);
    if (status.status !== "queued" && this.state === "idle") this.state = "building";
    this.setStage(status.stage_label, status.agent_role);
    if (!status.snapshot_url && status.snapshot_note) this.previewNote(status.snapshot_note);
    else if (!this.previewsOn) this.previewNote("Live previews are switched off for this build. Your app opens when it's ready.");
  }

  setStage(label, role) {
    $("[data-stage-text]").textContent = role ? `${role} · ${label}` : label;
  }

  /* --- the event stream */

  connect() {
    if (this.terminal) return;
    const query = this.lastId ? `?after=${this.lastId}` : "";
    const source = new EventSource(`/api/jobs/${this.jobId}/events/stream${query}`);
    this.source = source;
    source.onopen = () => this.showConnection(null);
    source.onerror = () => {
      if (this.terminal) return source.close();
      this.showConnection("Connection lost. Reconnecting…");
      if (source.readyState === EventSource.CLOSED) setTimeout(() => this.connect(), RECONNECT_MS);
    };
    const handlers = {
      "build.stage.started": (e) => this.stageStarted(e),
      "build.stage.completed": (e) => this.stageCompleted(e),
      "snapshot.updated": (e) => this.snapshot(e),
      "documentation.updated": (e) => this.documentation(e),
      "build.completed": (e) => this.completed(e),
      "build.failed": (e) => this.failed(e),
    };
    for (const [type, handle] of Object.entries(handlers)) {
      source.addEventListener(type, (message) => this.receive(message, handle));
    }
  }

  receive(message, handle) {
    const event = JSON.parse(message.data);
    // History is replayed on every (re)connection: what was seen is skipped.
    if (event.id <= this.lastId) return;
    this.lastId = event.id;
    this.lastEventAt = Date.now();
    $("[data-still-working]").hidden = true;
    if (this.state === "idle") this.state = "building";
    handle(event);
  }

  showConnection(message) {
    const note = $("[data-connection]");
    note.hidden = !message;
    if (message) note.textContent = message;
  }

  /* --- the feed */

  entry(event, { title, text, role, meta, kind }) {
    const item = el("li", `entry ${kind || ""}`);
    item.setAttribute("data-feed-entry", "");
    item.dataset.eventId = event.id;
    const head = el("div", "entry-head");
    head.append(el("span", "role", role || ""));
    const time = el("time", "", new Date(event.ts).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" }));
    time.dateTime = event.ts;
    head.append(time);
    item.append(head);
    if (title) item.append(el("p", "entry-title", title));
    if (text) item.append(el("p", "entry-text", text));
    if (meta) item.append(el("p", "entry-meta", meta));
    this.feed.append(item);
    // Follow the newest entry inside the feed's own scroller, never the whole window.
    for (const box of [this.feed, this.feed.parentElement]) {
      if (box.scrollHeight > box.clientHeight) box.scrollTop = box.scrollHeight;
    }
    return item;
  }

  stageStarted(e) {
    this.setStage(e.label, e.agent_role);
    const retry = e.attempt > 1 && e.stage === "scaffold" ? " (second pass)" : "";
    this.runningEntry = this.entry(e, {
      title: e.label + retry,
      text: e.narration,
      role: e.agent_role,
      meta: estimateText(e.estimate_s),
      kind: "is-running",
    });
    this.runningEntry.dataset.stage = e.stage;
  }

  stageCompleted(e) {
    this.stats.stages += 1;
    this.stats.tokens += e.tokens || 0;
    const item = [...this.feed.querySelectorAll("li.is-running")].find((li) => li.dataset.stage === e.stage);
    // Offline, the writer's token counts pace it; no model spent them, so none are shown.
    const spent = this.tokensShown ? ` · ${numbers.format(e.tokens || 0)} tokens` : "";
    const summary = `Done in ${duration(e.duration_s)}${spent}`;
    if (item) {
      item.classList.replace("is-running", "is-done");
      $(".entry-meta", item).textContent = summary;
    }
    if (e.outcome === "retry") {
      this.entry(e, { text: "We spotted something to fix, so we're going round once more.", kind: "is-minor" });
    }
  }

  /* --- the preview */

  previewNote(text) {
    if (this.hasShot) return;
    $("[data-skeleton]").hidden = true;
    const note = $("[data-preview-note]");
    note.textContent = text;
    note.hidden = false;
  }

  snapshot(e) {
    this.stats.screenshots += 1;
    this.showShot(e.snapshot_url);
    this.entry(e, { text: "A fresh look at your app is in the preview.", kind: "is-minor" });
  }

  showShot(url) {
    if (!url) return;
    this.hasShot = true;
    const frame = $("[data-frame]");
    const image = new Image();
    image.alt = "The latest screenshot of your app";
    image.addEventListener("load", () => {
      $("[data-skeleton]").hidden = true;
      $("[data-preview-note]").hidden = true;
      requestAnimationFrame(() => image.classList.add("is-shown"));
      // The older picture stays under the new one until the crossfade has finished.
      setTimeout(() => {
        for (const old of frame.querySelectorAll("img")) if (old !== image && frame.lastElementChild !== old) old.remove();
      }, 900);
    });
    image.src = url;
    frame.append(image);
    this.lastShot = url;
  }

  /* --- the guide */

  documentation(e) {
    const name = SECTION_NAMES[e.section] || "a new";
    this.entry(e, { text: `We wrote the ${name} section of your user guide.`, kind: "is-minor" });
    this.refreshDocs();
  }

  refreshDocs() {
    // Replayed history announces sections in a burst: one fetch covers them all.
    if (this.docsPending) return;
    this.docsPending = new Promise((resolve) => setTimeout(resolve, 150))
      .then(() => api(`/api/jobs/${this.jobId}/docs`))
      .then((docs) => this.renderDocs(docs))
      .catch(() => undefined)
      .finally(() => {
        this.docsPending = null;
      });
  }

  renderDocs(docs) {
    this.guide.render(docs);
  }

  /* --- the end of the build */

  completed(e) {
    this.source?.close();
    this.finalElapsed = e.elapsed_s ?? 0;
    this.entry(e, { title: $("#done-title").textContent, text: `Built in ${duration(e.elapsed_s)}.`, role: "Coordinator", kind: "is-end" });
    this.state = "complete";
    this.setStage("Ready", null);
    this.showConnection(null);
    this.completion.show(e, { ...this.stats, lastShot: this.lastShot }, $("[data-panel=feed]"));
    this.closeNotify();
    this.refreshDocs();
    this.tick();
  }

  failed(e) {
    this.source?.close();
    this.finalElapsed = e.elapsed_s ?? 0;
    // A change, restore or copy that wasn't made leaves the app as it was: the feed and the
    // top bar say so in the panel's words, not that a build of a new version "stopped".
    const unmade = Boolean($("[data-failure-safe]"));
    const title = unmade ? $("#failure-title").textContent : "The build stopped";
    this.entry(e, { title, text: e.message, role: "Coordinator", kind: "is-stopped" });
    for (const item of this.feed.querySelectorAll("li.is-running")) {
      item.classList.replace("is-running", "is-stopped");
      $(".entry-meta", item).textContent = "Stopped here";
    }
    if (!this.guide.size) {
      // A change not made leaves the guide of the version that runs as it was.
      $("[data-docs-empty]").textContent = unmade
        ? "Your user guide is as it was: it stays with the version that runs."
        : "No user guide was written for this build.";
    }
    this.state = "failed";
    this.setStage(unmade ? "Not made" : "Stopped", null);
    // The app is still at the version before the change: the top bar says which.
    const runs = $("[data-failure-safe]")?.dataset.stillRuns;
    if (runs) $("[data-version]").textContent = runs;
    this.showConnection(null);
    $("[data-failure]").hidden = false;
    $("[data-failure-message]").textContent = e.message;
    const reference = $("[data-debug-id]");
    if (reference) reference.textContent = e.debug_id;
    this.closeNotify();
    this.tick();
  }

  // A change that failed is offered again as it was asked; one declined offers the closest
  // thing that can be made (or an empty box), never the words that were just declined.
  bindRetryChange() {
    const form = $("[data-retry-form]");
    if (!form) return;
    $("[data-retry-change]").addEventListener("click", () => {
      form.hidden = false;
      form.change.focus();
    });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const text = form.change.value.trim();
      const error = $("[data-retry-form-error]");
      if (!text) return (error.textContent = "Please say what you'd like to change first."), form.change.focus();
      error.textContent = "";
      await this.retry({ change_request: text }, error);
    });
  }

  // "Make the suggestion": the request we were unsure of, sent as suggested, in one click.
  bindSuggestions() {
    for (const button of document.querySelectorAll("[data-make-suggestion]")) {
      button.addEventListener("click", async () => {
        const error = $("[data-suggestion-error]", button.closest(".result") || document);
        button.disabled = true;
        await this.retry({ change_request: button.dataset.makeSuggestion }, error);
        button.disabled = false;
      });
    }
  }

  async retry(body, error = $("[data-retry-error]")) {
    error.textContent = "";
    const restore = $("[data-retry]")?.dataset.restore;
    const request = body || (restore ? { restore } : {});
    try {
      const build = await api(`/api/projects/${this.projectId}/builds`, { method: "POST", body: JSON.stringify(request) });
      location.assign(`/projects/${this.projectId}/build?job_id=${encodeURIComponent(build.job_id)}`);
    } catch (failure) {
      error.textContent = failure.message;
    }
  }

  /* --- time, reassurance and the email offer */

  elapsedSeconds() {
    if (this.finalElapsed !== null) return this.finalElapsed;
    return this.startedAt ? (Date.now() - this.startedAt) / 1000 : 0;
  }

  tick() {
    const seconds = this.elapsedSeconds();
    const time = $("[data-elapsed]");
    time.textContent = clockText(seconds);
    time.dateTime = `PT${Math.floor(seconds)}S`;
    if (this.state !== "building") return;
    if (Date.now() - this.lastEventAt > STILL_WORKING_MS) $("[data-still-working]").hidden = false;
    if (seconds * 1000 > OFFER_EMAIL_MS) this.offerEmail();
  }

  // What the founder can do with the app once it's ready, in its own words. Never the plan
  // again: the feed, the preview and the guide already say its name, tagline and features.
  async loadInsights() {
    try {
      const project = await api(`/api/projects/${this.projectId}`);
      const kinds = (project.brief?.entities || []).map((e) => String(e.plural).toLowerCase());
      const first = kinds[0] || "records";
      const lines = [
        `When it's ready, add your own ${first} in the app, or bring them in from a spreadsheet (CSV).`,
        "You can close this page: the build carries on, and it waits for you under your projects.",
        "Anything not quite right? Once it's built, say what should be different in your own words and we'll build the next version.",
        "Every version is kept: if a change isn't what you wanted, you can bring back an earlier one.",
        "When it's done, you can share a read-only page of it with anyone, without them signing in.",
      ];
      if (document.body.dataset.guide === "on") {
        lines.splice(2, 0, "The user guide on this page is yours: click Edit on any section to put it in your own words.");
      }
      if (kinds.length > 1) {
        lines.splice(1, 0, `Each of your ${kinds.length} kinds of record gets its own page, to add, edit and find them.`);
      }
      this.insights = lines;
      this.insightIndex = 0;
      this.showInsight();
    } catch {
      // The insights are a nicety; the page works without them.
    }
  }

  rotateInsight() {
    if (this.insights.length < 2) return;
    this.insightIndex = (this.insightIndex + 1) % this.insights.length;
    this.showInsight();
  }

  showInsight() {
    const line = $("[data-insight]");
    line.textContent = this.insights[this.insightIndex];
    line.classList.remove("is-new");
    void line.offsetWidth;
    line.classList.add("is-new");
  }

  bindTechnicalDetails() {
    const details = $("[data-tech]");
    details.addEventListener("toggle", async () => {
      if (!details.open) return;
      try {
        const logs = await api(`/api/jobs/${this.jobId}/logs`);
        $("[data-logs]").textContent = logs.lines.length ? logs.lines.join("\n") : "Nothing logged yet.";
      } catch (failure) {
        $("[data-logs]").textContent = failure.message;
      }
    });
  }

  bindNotify() {
    const dialog = $("[data-notify]");
    const form = $("[data-notify-form]");
    const error = $("[data-notify-error]");
    $("[data-notify-close]").addEventListener("click", () => dialog.close());
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const email = form.email.value.trim();
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]{2,}$/.test(email)) {
        error.textContent = "Please enter a valid email address, like ada@example.com.";
        return;
      }
      error.textContent = "";
      try {
        await api(`/api/jobs/${this.jobId}/notify`, { method: "POST", body: JSON.stringify({ email }) });
        form.hidden = true;
        $("[data-notify-done]").hidden = false;
        setTimeout(() => dialog.close(), 2500);
      } catch (failure) {
        error.textContent = failure.message;
      }
    });
  }

  offerEmail() {
    const key = `livebuild:email-offered:${this.jobId}`;
    if (!this.emailAvailable || sessionStorage.getItem(key)) return;
    sessionStorage.setItem(key, "1");
    $("[data-notify]").showModal();
  }

  closeNotify() {
    const dialog = $("[data-notify]");
    if (dialog.open) dialog.close();
  }
}

/* ----------------------------------------------------------------- deploy page */

async function deployPage() {
  const jobId = document.body.dataset.jobId;
  const status = $("[data-wake-status]");
  const open = $("[data-open-app]");
  const wake = $("[data-wake]");
  if (!status) return;
  const project = await api(`/api/projects/${document.body.dataset.projectId}`).catch(() => null);
  const awake = (url) => {
    open.href = stableAddress(project, jobId) || url;
    open.removeAttribute("aria-disabled");
    wake.hidden = true;
    status.textContent = "Your app is awake and ready to open.";
  };
  wake.addEventListener("click", async () => {
    wake.disabled = true;
    status.textContent = "Waking your app up…";
    try {
      awake((await api(`/api/jobs/${jobId}/preview`, { method: "POST", body: "{}" })).preview_url);
    } catch (failure) {
      status.textContent = failure.message;
    } finally {
      wake.disabled = false;
    }
  });
  try {
    const job = await api(`/api/jobs/${jobId}`);
    if (job.preview_url) return awake(job.preview_url);
    status.textContent = "Your app is asleep. Wake it up to open it; it takes a few seconds.";
    wake.hidden = false;
  } catch (failure) {
    status.textContent = failure.message;
  }
}

/* ----------------------------------------------------------------- shared page */

function sharedPage() {
  const player = $("[data-timelapse]");
  if (player) mountTimelapse(player, JSON.parse(player.dataset.frames || "[]"));
}

const page = document.body.dataset.page;
if (page === "start") startPage(), projectList();
else if (page === "build") new BuildPage().start();
else if (page === "deploy") deployPage(), importRecords(document.body.dataset.projectId);
else if (page === "share") sharedPage();

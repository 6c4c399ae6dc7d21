// Point and say on the completion page: the running app in a frame, a click on a part of
// it aims the change box there. The app stays on its own origin; the two sides talk by
// postMessage, each checking the other's origin, and only identifiers travel. On a
// phone the change box alone is offered.

import { $ } from "./dom.js";

const WIDE_ENOUGH = "(min-width: 1000px)";
const ELEMENTS = new Set(["page", "field", "header", "button", "link", "heading", "table", "form"]);
const PRONOUN = /\b(this field|that field|this one|this|that|it)\b/i;

function pageOf(path, brief) {
  const parts = path.split("/").filter(Boolean);
  const entity = (brief.entities || []).find((e) => e.slug === parts[0]) || null;
  let kind = "page";
  if (!parts.length) kind = "home";
  else if (entity && parts.length === 1) kind = "list";
  else if (entity && (parts[1] === "new" || parts[2] === "edit")) kind = "form";
  else if (!entity) kind = parts[0];
  return { entity, kind };
}

function where(entity, kind) {
  if (entity) return `the ${entity.plural} ${kind === "form" ? "form" : kind === "list" ? "list" : "page"}`;
  return kind === "home" ? "the home page" : `the ${kind} page`;
}

export class Pointer {
  constructor(projectId) {
    this.projectId = projectId;
    this.root = $("[data-point]");
    this.frame = $("[data-point-frame]");
    this.toggle = $("[data-point-toggle]");
    this.aim = null;
    this.target = null;
    this.on = true;
    this.origin = null;
  }

  async start(previewUrl, brief) {
    if (!this.root || !previewUrl || !matchMedia(WIDE_ENOUGH).matches) return;
    this.brief = brief || { entities: [] };
    this.origin = new URL(previewUrl).origin;
    this.url = previewUrl;
    this.root.hidden = false;
    $("[data-point-open]").addEventListener("click", () => this.open());
    this.toggle.addEventListener("click", () => this.set(!this.on));
    $("[data-point-clear]").addEventListener("click", () => this.clear());
    addEventListener("message", (event) => this.receive(event));
    this.frame.addEventListener("load", () => this.set(this.on));
  }

  open() {
    const view = $("[data-point-view]");
    view.hidden = !view.hidden;
    $("[data-point-open]").setAttribute("aria-expanded", String(!view.hidden));
    if (!view.hidden && !this.frame.src) this.frame.src = this.url;
  }

  set(on) {
    this.on = on;
    this.toggle.setAttribute("aria-pressed", String(on));
    this.toggle.textContent = on ? "Pointing: on" : "Pointing: off";
    this.frame.contentWindow?.postMessage({ type: "livebuild:point", on }, this.origin);
  }

  receive(event) {
    if (event.origin !== this.origin || event.source !== this.frame.contentWindow) return;
    const data = event.data;
    if (!data || typeof data !== "object") return;
    if (data.type === "livebuild:ready") return this.set(this.on);
    if (data.type === "livebuild:target") this.aimAt(data.target);
  }

  aimAt(raw) {
    if (!raw || typeof raw.page !== "string" || !ELEMENTS.has(raw.element)) return;
    const { entity, kind } = pageOf(raw.page.slice(0, 200), this.brief);
    const field = entity && typeof raw.field === "string" ? entity.fields.find((f) => f.name === raw.field) : null;
    const label = typeof raw.label === "string" ? raw.label.slice(0, 60) : "";
    let words;
    if (field) words = `the ${field.label} field on ${where(entity, kind)}`;
    else if (raw.element === "header") words = label ? `“${label}” in the header` : "the header";
    else if (["button", "link", "heading"].includes(raw.element) && label) {
      words = `the “${label}” ${raw.element} on ${where(entity, kind)}`;
    } else words = where(entity, kind);
    this.aim = { entity, field, words };
    this.target = { page: raw.page.slice(0, 200), element: raw.element };
    if (entity) this.target.entity = entity.slug;
    if (field) this.target.field = field.name;
    $("[data-point-aim-text]").textContent = `Aimed at ${words}.`;
    $("[data-point-aim]").hidden = false;
    const box = $("#change-text");
    box.placeholder = field ? `Say what to change, like “make it required” or “rename it to …”` : box.placeholder;
    box.focus();
  }

  clear() {
    this.aim = null;
    this.target = null;
    $("[data-point-aim]").hidden = true;
  }

  // The request as the change reader reads it: "it" becomes what was pointed at.
  resolve(text) {
    if (!this.aim?.entity) return text;
    const { entity, field } = this.aim;
    const name = field ? `${field.label} on ${entity.plural}` : entity.plural;
    return PRONOUN.test(text) ? text.replace(PRONOUN, name) : text;
  }
}

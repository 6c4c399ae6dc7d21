// The user guide panel: sections under their titles, in reading order, as they
// arrive; once the guide is written, each section can be rewritten by the founder.
// The only HTML inserted is what the server has already sanitised.

import { $, api, el } from "./dom.js";

const WRITTEN = new Set(["complete", "partial", "failed"]);

export class GuidePanel {
  constructor(jobId, sections) {
    this.jobId = jobId;
    this.names = Object.fromEntries(sections);
    this.order = sections.map(([key]) => key);
    this.container = $("[data-docs]");
    this.sections = new Map();
    this.markdown = {};
    this.editable = false;
  }

  get size() {
    return this.sections.size;
  }

  render(docs) {
    const html = docs.html || {};
    this.editable = WRITTEN.has(docs.status);
    for (const key of this.order) {
      if (!html[key]) continue;
      this.markdown[key] = docs[key];
      let section = this.sections.get(key);
      if (!section) {
        section = this.createSection(key);
        const next = this.order.slice(this.order.indexOf(key) + 1).map((k) => this.sections.get(k)).find(Boolean);
        this.container.insertBefore(section, next || null);
        this.sections.set(key, section);
      }
      const body = $("[data-section-body]", section);
      if (body.dataset.html !== html[key]) {
        body.innerHTML = html[key];
        body.dataset.html = html[key];
      }
      $("[data-edit]", section).hidden = !this.editable || !$("[data-edit-form]", section).hidden;
    }
    $("[data-docs-empty]").hidden = this.sections.size > 0;
  }

  createSection(key) {
    const section = el("section", "is-new");
    section.dataset.section = key;
    const head = el("div", "section-head");
    const title = el("h3", "section-title", this.names[key] || key);
    title.id = `guide-${key}`;
    const edit = el("button", "button button-quiet button-small", "Edit");
    edit.type = "button";
    edit.dataset.edit = "";
    edit.setAttribute("aria-label", `Edit ${this.names[key] || key}`);
    edit.hidden = true;
    edit.addEventListener("click", () => this.openEditor(section, key));
    head.append(title, edit);
    const body = el("div", "section-body");
    body.dataset.sectionBody = "";
    section.append(head, body, this.editor(section, key));
    return section;
  }

  editor(section, key) {
    const form = el("form", "section-edit");
    form.dataset.editForm = "";
    form.hidden = true;
    form.noValidate = true;
    const label = el("label", "sr-only", `${this.names[key] || key}, in Markdown`);
    label.htmlFor = `edit-${key}`;
    const area = el("textarea");
    area.id = `edit-${key}`;
    area.name = "markdown";
    area.rows = 10;
    const error = el("p", "form-error");
    error.setAttribute("role", "alert");
    const actions = el("div", "actions");
    const save = el("button", "button button-primary button-small", "Save");
    save.type = "submit";
    const cancel = el("button", "button button-small", "Cancel");
    cancel.type = "button";
    cancel.addEventListener("click", () => this.closeEditor(section));
    actions.append(save, cancel);
    form.append(label, area, error, actions);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      error.textContent = "";
      save.disabled = true;
      try {
        const docs = await api(`/api/jobs/${this.jobId}/docs/${key}`, {
          method: "PUT",
          body: JSON.stringify({ markdown: area.value }),
        });
        this.closeEditor(section);
        this.render(docs);
      } catch (failure) {
        error.textContent = failure.message;
      } finally {
        save.disabled = false;
      }
    });
    return form;
  }

  openEditor(section, key) {
    const form = $("[data-edit-form]", section);
    $("textarea", form).value = this.markdown[key] || "";
    form.hidden = false;
    $("[data-section-body]", section).hidden = true;
    $("[data-edit]", section).hidden = true;
    $("textarea", form).focus();
  }

  closeEditor(section) {
    $("[data-edit-form]", section).hidden = true;
    $("[data-section-body]", section).hidden = false;
    $("[data-edit]", section).hidden = !this.editable;
    $("[data-edit]", section).focus();
  }
}

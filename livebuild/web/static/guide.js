// The user guide panel: sections under their titles, in reading order, as they
// arrive; once the guide is written, each section can be rewritten by the founder.
// The only HTML inserted is what the server has already sanitised.

import { $, api, el } from "./dom.js";
import { toMarkdown } from "./markdown.js";

const WRITTEN = new Set(["complete", "partial", "failed"]);
const PREVIEW_DELAY_MS = 400;

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

  // The founder edits the guide as it reads, not its Markdown: a rich-text box holding
  // the section's (sanitised) HTML, a preview the server renders and sanitises from the
  // Markdown it will save, and Save. Pasted text arrives as plain text.
  editor(section, key) {
    const name = this.names[key] || key;
    const form = el("form", "section-edit");
    form.dataset.editForm = "";
    form.hidden = true;
    form.noValidate = true;
    const tools = el("div", "edit-tools");
    tools.setAttribute("role", "toolbar");
    tools.setAttribute("aria-label", `Formatting for ${name}`);
    for (const [label, command] of [["Bold", "bold"], ["Italic", "italic"], ["List", "insertUnorderedList"]]) {
      const tool = el("button", "button button-small", label);
      tool.type = "button";
      tool.addEventListener("mousedown", (event) => event.preventDefault());
      tool.addEventListener("click", () => {
        document.execCommand(command);
        this.previewSoon(key, form);
      });
      tools.append(tool);
    }
    const area = el("div", "section-editable");
    area.id = `edit-${key}`;
    area.contentEditable = "true";
    area.dataset.sectionEditor = "";
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    area.setAttribute("aria-label", `${name}, editable`);
    area.addEventListener("paste", (event) => {
      event.preventDefault();
      document.execCommand("insertText", false, event.clipboardData.getData("text/plain"));
    });
    area.addEventListener("drop", (event) => event.preventDefault());
    area.addEventListener("input", () => this.previewSoon(key, form));
    const previewTitle = el("p", "edit-preview-title", "Preview");
    const preview = el("div", "section-body edit-preview");
    preview.dataset.editPreview = "";
    preview.setAttribute("aria-live", "polite");
    const error = el("p", "form-error");
    error.setAttribute("role", "alert");
    const actions = el("div", "actions");
    const save = el("button", "button button-primary button-small", "Save");
    save.type = "submit";
    const cancel = el("button", "button button-small", "Cancel");
    cancel.type = "button";
    cancel.addEventListener("click", () => this.closeEditor(section));
    actions.append(save, cancel);
    form.append(tools, area, previewTitle, preview, error, actions);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      error.textContent = "";
      save.disabled = true;
      try {
        const docs = await api(`/api/jobs/${this.jobId}/docs/${key}`, {
          method: "PUT",
          body: JSON.stringify({ markdown: toMarkdown(area) }),
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

  previewSoon(key, form) {
    clearTimeout(this.previewTimer);
    this.previewTimer = setTimeout(() => this.preview(key, form), PREVIEW_DELAY_MS);
  }

  async preview(key, form) {
    const preview = $("[data-edit-preview]", form);
    try {
      const { html } = await api(`/api/jobs/${this.jobId}/docs/${key}/preview`, {
        method: "POST",
        body: JSON.stringify({ markdown: toMarkdown($("[data-section-editor]", form)) }),
      });
      preview.innerHTML = html;
    } catch (failure) {
      preview.textContent = failure.message;
    }
  }

  openEditor(section, key) {
    const form = $("[data-edit-form]", section);
    const area = $("[data-section-editor]", form);
    // The server's sanitised rendering, as the guide shows it.
    area.innerHTML = $("[data-section-body]", section).dataset.html || "";
    $("[data-edit-preview]", form).innerHTML = area.innerHTML;
    form.hidden = false;
    $("[data-section-body]", section).hidden = true;
    $("[data-edit]", section).hidden = true;
    document.execCommand("defaultParagraphSeparator", false, "p");
    area.focus();
  }

  closeEditor(section) {
    $("[data-edit-form]", section).hidden = true;
    $("[data-section-body]", section).hidden = false;
    $("[data-edit]", section).hidden = !this.editable;
    $("[data-edit]", section).focus();
  }
}

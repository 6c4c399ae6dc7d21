// The start page: the idea, its plan (a draft that lives at /projects/{id} and reopens
// where it was), and the founder's projects with open, rename, copy and delete.

import { PlanEditor } from "./plan.js";
import { mountPlanSay } from "./plan_say.js";
import { $, api, el, numbers } from "./dom.js";

// Deleting is asked once, in a dialog that says what goes; resolves true once it's gone.
function confirmDelete(projectId, name) {
  const dialog = $("[data-delete-dialog]");
  const error = $("[data-delete-error]");
  const confirm = $("[data-delete-confirm]");
  $("[data-delete-name]").textContent = name;
  error.textContent = "";
  confirm.disabled = false;
  return new Promise((resolve) => {
    const finish = (done) => {
      confirm.removeEventListener("click", onConfirm);
      cancel.removeEventListener("click", onCancel);
      dialog.removeEventListener("cancel", onCancel);
      if (dialog.open) dialog.close();
      resolve(done);
    };
    const onConfirm = async (event) => {
      event.preventDefault();
      confirm.disabled = true;
      try {
        await api(`/api/projects/${projectId}`, { method: "DELETE" });
        finish(true);
      } catch (failure) {
        error.textContent = failure.message;
        confirm.disabled = false;
      }
    };
    const onCancel = (event) => {
      event.preventDefault();
      finish(false);
    };
    const cancel = $("[data-delete-cancel]");
    confirm.addEventListener("click", onConfirm);
    cancel.addEventListener("click", onCancel);
    dialog.addEventListener("cancel", onCancel);
    dialog.showModal();
    cancel.focus();
  });
}

export function startPage() {
  const form = $("#idea-form");
  const card = $("[data-idea-card]");
  const idea = $("#idea");
  const error = $("#idea-error");
  const count = $("[data-count]");
  const max = Number(document.body.dataset.ideaMax);
  const button = $("[data-idea-submit]");
  const planner = new PlanEditor($("#plan"), { api, el });
  mountPlanSay($("#plan"), planner, { api, el });

  const answer = $("[data-plain-answer]");
  const show = (message) => {
    error.textContent = message;
    idea.setAttribute("aria-invalid", message ? "true" : "false");
  };
  // An idea that isn't a record app is fine as an idea: its answer is shown as an answer (not
  // an error on the box), kept while the founder edits, with the closest record app to start from.
  const answerWith = (plain, detail) => {
    answer.hidden = !plain;
    if (!plain) return;
    $("[data-plain-heading]", answer).textContent = plain.heading;
    $("[data-plain-detail]", answer).textContent = detail;
    answer.dataset.instead = plain.instead;
  };
  $("[data-plain-use]").addEventListener("click", () => {
    idea.value = answer.dataset.instead || idea.value;
    counted();
    idea.focus();
  });
  const openPlan = (project) => {
    card.hidden = true;
    history.replaceState(null, "", `/projects/${encodeURIComponent(project.id)}`);
    document.title = `${project.name} · livebuild`;
    planner.show(project);
  };
  const counted = () => {
    count.textContent = numbers.format(idea.value.trim().length);
  };
  counted();
  idea.addEventListener("input", () => {
    counted();
    if (error.textContent && idea.value.trim()) show("");
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = idea.value.trim();
    if (!text) return show("Please describe your idea first; a sentence or two is enough."), idea.focus();
    if (text.length > max) {
      return show(`Your idea is ${numbers.format(text.length)} characters long; please keep it under ${numbers.format(max)}.`), idea.focus();
    }
    const draft = planner.project;
    // The same idea again keeps the plan and its edits.
    if (draft && draft.idea === text) return openPlan(draft);
    show("");
    answerWith(null);
    const label = button.textContent;
    button.disabled = true;
    button.textContent = "Planning…";
    try {
      const project = draft
        ? await api(`/api/projects/${draft.id}/idea`, { method: "PUT", body: JSON.stringify({ idea: text }) })
        : await api("/api/projects", { method: "POST", body: JSON.stringify({ idea: text }) });
      openPlan(project);
    } catch (failure) {
      if (failure.plain) answerWith(failure.plain, failure.message);
      else show(failure.message);
      // The busy button dropped the focus to the page; the answer asks for a new idea.
      idea.focus();
    } finally {
      button.disabled = false;
      button.textContent = label;
    }
  });
  $("[data-plan-back]").addEventListener("click", async () => {
    await planner.save();
    $("#plan").hidden = true;
    card.hidden = false;
    $("[data-idea-title]").textContent = "Change the idea";
    button.textContent = "Show me the new plan";
    idea.value = planner.project.idea;
    counted();
    idea.focus();
  });
  $("[data-plan-delete]").addEventListener("click", async () => {
    const project = planner.project;
    if (await confirmDelete(project.id, project.name)) location.assign("/");
  });
  const draft = document.body.dataset.draft;
  if (draft) planner.show(JSON.parse(draft));
}

export function projectList() {
  for (const item of document.querySelectorAll("[data-project]")) {
    const id = item.dataset.project;
    const form = $("[data-rename-form]", item);
    const name = $("[data-project-name]", item);
    const rename = $("[data-rename]", item);
    const error = $("[data-rename-error]", item);
    const problem = $("[data-project-error]", item);
    const close = () => {
      form.hidden = true;
      rename.hidden = false;
      rename.focus();
    };
    rename.addEventListener("click", () => {
      form.hidden = false;
      rename.hidden = true;
      form.name.value = name.textContent;
      form.name.select();
    });
    $("[data-rename-cancel]", form).addEventListener("click", close);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      error.textContent = "";
      try {
        const project = await api(`/api/projects/${id}`, {
          method: "PATCH",
          body: JSON.stringify({ name: form.name.value }),
        });
        name.textContent = project.name;
        rename.setAttribute("aria-label", `Rename ${project.name}`);
        close();
      } catch (failure) {
        error.textContent = failure.message;
      }
    });
    $("[data-delete]", item).addEventListener("click", async () => {
      if (!(await confirmDelete(id, name.textContent))) return;
      const list = item.parentElement;
      item.remove();
      if (!list.children.length) list.closest(".history")?.remove();
    });
    $("[data-duplicate]", item)?.addEventListener("click", async (event) => {
      const copy = event.currentTarget;
      problem.textContent = "";
      copy.disabled = true;
      try {
        const project = await api(`/api/projects/${id}/duplicate`, {
          method: "POST",
          body: JSON.stringify({ version: copy.dataset.version }),
        });
        location.assign(`/projects/${encodeURIComponent(project.id)}`);
      } catch (failure) {
        problem.textContent = failure.message;
        copy.disabled = false;
      }
    });
  }
}

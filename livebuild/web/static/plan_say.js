// Correcting the plan in plain words: the words go to plan-change, the editor shows the
// changed plan, and what was made, what wasn't and what we were unsure of is listed, with
// a button to confirm each suggestion. Text goes in through textContent only.

// Who read the words, as the change result says it.
const READ_BY = {
  rules: "Read by the built-in reader.",
  local: "Read by the language model on this machine.",
  model: "Read by your connected language model.",
};

export function mountPlanSay(root, editor, { api, el }) {
  const form = root.querySelector("[data-plan-say]");
  if (!form) return;
  const input = form.querySelector("input");
  const button = form.querySelector("button[type=submit]");
  const said = root.querySelector("[data-plan-said]");

  function lines(result) {
    const offered = new Set(result.suggestions.map((s) => s.text));
    const list = el("ul", "plan-said");
    for (const line of result.made) list.append(el("li", "plan-said-made", line));
    for (const line of result.unmade) {
      if (!offered.has(line)) list.append(el("li", "plan-said-unmade", line));
    }
    for (const suggestion of result.suggestions) {
      const item = el("li", "plan-said-offer", suggestion.text + " ");
      const yes = el("button", "button button-small", "Yes, do that");
      yes.type = "button";
      yes.addEventListener("click", () => send(suggestion.change_request));
      item.append(yes);
      list.append(item);
    }
    const wrapper = el("div", "plan-said-result");
    wrapper.append(list, el("p", "muted plan-said-reader", READ_BY[result.reader] || READ_BY.rules));
    return wrapper;
  }

  async function send(words) {
    button.disabled = true;
    said.replaceChildren(el("p", "muted", "Reading your change…"));
    try {
      // Edits typed in the form go first, so the words change the plan as it is on screen.
      if (!(await editor.save())) {
        said.replaceChildren(el("p", "form-error", "Please fix the plan first: the message shows what to change."));
        return;
      }
      const project = await api(`/api/projects/${editor.project.id}/plan-change`, {
        method: "POST",
        body: JSON.stringify({ change_request: words }),
      });
      editor.project = project;
      editor.plan = structuredClone(project.brief);
      editor.render();
      said.replaceChildren(lines(project.change_result));
      if (project.change_result.made.length) input.value = "";
    } catch (failure) {
      said.replaceChildren(el("p", "form-error", failure.message));
    } finally {
      button.disabled = false;
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const words = input.value.trim();
    if (words) send(words);
  });
}

// "Your records" on the Open & download page: a spreadsheet brought into the hosted
// app (all rows or none, each problem named by its row), through the public API.

import { $, el } from "./dom.js";

const MAX_ROWS_SHOWN = 20;

export function importRecords(projectId) {
  const form = $("[data-import]");
  if (!form) return;
  const status = $("[data-import-status]", form);
  const rows = $("[data-import-rows]", form);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    rows.replaceChildren();
    const file = form.file.files[0];
    if (!file) {
      status.textContent = "Please choose a spreadsheet (a .csv file) first.";
      form.file.focus();
      return;
    }
    const kind = form.kind.selectedOptions[0].textContent;
    const button = $("button[type=submit]", form);
    button.disabled = true;
    status.textContent = `Checking every row of ${file.name}…`;
    try {
      const response = await fetch(`/api/projects/${encodeURIComponent(projectId)}/data/${encodeURIComponent(form.kind.value)}.csv`, {
        method: "POST",
        headers: { "content-type": "text/csv", "x-livebuild": "1" },
        body: await file.text(),
      });
      const body = await response.json().catch(() => null);
      if (response.ok && body && Number.isInteger(body.imported)) {
        const n = body.imported;
        status.textContent = `Imported ${n} ${n === 1 ? "record" : "records"} into ${kind}.`;
        return;
      }
      status.textContent = (body && typeof body.detail === "string" && body.detail) || "Something went wrong. Please try again.";
      for (const problem of (body?.rows || []).slice(0, MAX_ROWS_SHOWN)) {
        rows.append(el("li", "", `Row ${problem.row}: ${problem.message}`));
      }
    } catch {
      status.textContent = "We couldn't reach livebuild. Please try again.";
    } finally {
      button.disabled = false;
    }
  });
}

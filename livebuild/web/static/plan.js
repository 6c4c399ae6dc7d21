// The plan on the start page: what we'll build, editable in place before building.
//
// The editor keeps its own copy of the brief and sends each changed top-level key
// through PATCH /api/projects/{id}, one save at a time. The server's answer (plurals,
// web addresses, field keys, sample records) is merged back only when nothing changed
// in the meantime, so typing is never overwritten. Text goes in through value and
// textContent only.

// Every kind a field can be, as the founder reads it: the schema's own list, given by the page.
const KINDS = JSON.parse(document.body.dataset.fieldKinds || "[]");
// The first field is each record's title, so it can only hold words.
const TITLE_KINDS = new Set(["text", "longtext"]);
const SAVE_DELAY_MS = 700;
// Records of people, whose example change is a phone number (any other's is a notes field).
const PEOPLE = new Set(["client", "customer", "member", "student", "patient", "owner", "guest", "person", "parent", "volunteer", "user", "contact", "walker", "teacher", "coach", "tutor", "employee", "tenant", "player", "attendee", "subscriber", "donor", "family"]);
const SAVED = "All changes saved";

let counter = 0;
const nextId = (prefix) => `${prefix}-${++counter}`;

function splitChoices(text) {
  return text.split(",").map((c) => c.trim()).filter(Boolean);
}

// Who read the idea into this plan, as the founder is told.
const READERS = {
  rules: "Read by the built-in planner (no model connected).",
  local: "Read by the local model.",
  model: "Read by your model.",
};

export class PlanEditor {
  constructor(root, { api, el }) {
    this.root = root;
    this.api = api;
    this.el = el;
    this.body = root.querySelector("[data-plan-body]");
    this.status = root.querySelector("[data-plan-status]");
    this.error = root.querySelector("[data-plan-error]");
    this.buildButton = root.querySelector("[data-plan-build]");
    this.project = null;
    this.plan = null;
    this.edits = 0;
    this.dirty = new Set();
    this.saving = null;
    this.timer = null;
    this.failure = null;
    this.buildButton.addEventListener("click", () => this.build());
    // Edits are saved as they are made; leaving the page or the tab saves what is left.
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden" && this.dirty.size) this.save();
    });
    addEventListener("pagehide", () => this.flush());
  }

  flush() {
    if (!this.project || !this.dirty.size) return;
    const brief = Object.fromEntries([...this.dirty].map((key) => [key, this.payload(key)]));
    fetch(`/api/projects/${this.project.id}`, {
      method: "PATCH",
      keepalive: true,
      headers: { "content-type": "application/json", "x-livebuild": "1" },
      body: JSON.stringify({ brief }),
    });
  }

  show(project) {
    this.project = project;
    this.plan = structuredClone(project.brief);
    this.dirty.clear();
    this.failure = null;
    this.error.textContent = "";
    this.status.textContent = "";
    this.render();
    this.root.hidden = false;
    this.root.querySelector("#plan-title").focus();
  }

  /* ------------------------------------------------------------- rendering */

  render(focusWhere) {
    const { el } = this;
    const plan = this.plan;
    // The example speaks of this plan's own records, not another app's.
    const say = document.querySelector("#plan-say");
    const entities = plan.entities || [];
    const person = entities.find((e) => PEOPLE.has(String(e.singular || "").toLowerCase().split(" ").pop()));
    const kind = (person || entities[0])?.plural;
    if (say && kind) say.placeholder = `${kind} should have ${person ? "a phone number" : "a notes field"} too`;
    const body = el("div", "plan-body");

    const about = el("div", "plan-group plan-about");
    about.append(
      this.textInput("Product name", "product_name", plan, "product_name"),
      this.textInput("Tagline", "tagline", plan, "tagline"),
      this.textInput("Who it's for", "target_users", plan, "target_users"),
      this.textInput("The problem it solves", "problem", plan, "problem", { multiline: true }),
    );
    body.append(about);
    const reader = READERS[plan.reader];
    if (reader) body.append(el("p", "plan-reader", reader));
    if (plan.english === false) {
      // Read without the English layer: said plainly, with how to add it.
      const missing = el("p", "plan-english-missing", document.body.dataset.englishMissing || "");
      missing.dataset.englishMissing = "";
      body.append(missing);
    }

    const things = el("section", "plan-group");
    const thingsTitle = el("h2", "plan-title", "What it keeps track of");
    thingsTitle.id = nextId("things");
    things.setAttribute("aria-labelledby", thingsTitle.id);
    things.append(thingsTitle, this.errorSlot("brief.entities"));
    plan.entities.forEach((entity, e) => things.append(this.entityCard(entity, e)));
    const addEntity = el("button", "button button-small", "Add something to keep track of");
    addEntity.type = "button";
    addEntity.dataset.where = "add-entity";
    addEntity.disabled = plan.entities.length >= 8;
    addEntity.addEventListener("click", () => {
      plan.entities.push({ singular: "", plural: "", fields: [{ label: "Name", kind: "text", choices: [] }] });
      this.render(`brief.entities.${plan.entities.length - 1}.singular`);
    });
    things.append(addEntity);
    body.append(things);

    body.append(this.featureList());
    this.body.replaceChildren(body);
    if (focusWhere) this.target(focusWhere)?.focus();
  }

  textInput(labelText, key, owner, where, { multiline = false, onInput } = {}) {
    const { el } = this;
    const wrap = el("div", "plan-field");
    const id = nextId("plan");
    const label = el("label", "", labelText);
    label.htmlFor = id;
    const input = el(multiline ? "textarea" : "input");
    if (!multiline) input.type = "text";
    else input.rows = 2;
    input.id = id;
    input.value = owner[key] ?? "";
    input.dataset.where = `brief.${where}`;
    input.addEventListener("input", () => {
      owner[key] = input.value;
      onInput?.();
      this.touch(where.split(".")[0]);
    });
    input.addEventListener("change", () => this.saveSoon(0));
    const error = this.errorSlot(`brief.${where}`);
    input.setAttribute("aria-describedby", error.id);
    this.bind(input, owner, key);
    wrap.append(label, input, error);
    return wrap;
  }

  entityCard(entity, e) {
    const { el } = this;
    const plan = this.plan;
    const card = el("section", "plan-entity");
    card.setAttribute("aria-label", entity.plural || entity.singular || `Thing ${e + 1}`);
    card.dataset.where = `brief.entities.${e}`;

    const names = el("div", "plan-names");
    names.append(
      this.textInput("Name", "singular", entity, `entities.${e}.singular`, {
        // A new name brings a new plural, unless the founder wrote the plural themselves.
        onInput: () => {
          if (!entity.pluralOwn) entity.pluralFromName = true;
        },
      }),
      this.textInput("Plural", "plural", entity, `entities.${e}.plural`, {
        onInput: () => {
          entity.pluralOwn = entity.plural.trim() !== "";
          entity.pluralFromName = !entity.pluralOwn;
        },
      }),
    );
    // Says what goes: on a phone a bare "Remove" sits just above the first field.
    const whole = `Remove ${entity.plural || entity.singular || "this"}`;
    const remove = el("button", "button button-small button-quiet plan-remove-entity", whole);
    remove.type = "button";
    remove.setAttribute("aria-label", whole);
    remove.disabled = plan.entities.length <= 1;
    remove.addEventListener("click", () => {
      plan.entities.splice(e, 1);
      this.touch("entities");
      this.saveSoon(0);
      this.render("add-entity");
    });
    names.append(remove);
    card.append(names);

    const list = el("ul", "plan-fields");
    list.setAttribute("aria-label", `Fields of ${entity.plural || entity.singular || "this"}`);
    entity.fields.forEach((field, f) => list.append(this.fieldRow(entity, e, field, f)));
    card.append(list, this.errorSlot(`brief.entities.${e}.fields`));

    const add = el("button", "button button-small", "Add a field");
    add.type = "button";
    add.dataset.where = `add-field-${e}`;
    add.disabled = entity.fields.length >= 12;
    add.addEventListener("click", () => {
      entity.fields.push({ label: "", kind: "text", choices: [] });
      this.render(`brief.entities.${e}.fields.${entity.fields.length - 1}.label`);
    });
    card.append(add, this.errorSlot(`brief.entities.${e}`));
    return card;
  }

  // The kinds a field can be: the plain ones (a title only words), and a link to each other
  // list the app keeps ("Link to Singers"), by that list's web address.
  kindChoices(entity, f) {
    const plain = KINDS.filter(([value]) => f > 0 || TITLE_KINDS.has(value));
    if (f === 0) return plain;
    const others = this.plan.entities.filter((other) => other !== entity && other.slug);
    return [...plain, ...others.map((other) => [`link:${other.slug}`, `Link to ${other.plural || other.singular}`])];
  }

  fieldRow(entity, e, field, f) {
    const { el } = this;
    const where = `entities.${e}.fields.${f}`;
    // Later rows share the first row's headings on wide screens; their labels stay for
    // screen readers.
    const row = el("li", f === 0 ? "plan-field-row" : "plan-field-row plan-row-more");
    row.dataset.where = `brief.${where}`;

    const label = this.textInput(f === 0 ? "Field (the title)" : "Field", "label", field, `${where}.label`);
    label.classList.add("plan-label");
    row.append(label);

    const kindWrap = el("div", "plan-field plan-kind");
    const kindId = nextId("kind");
    const kindLabel = el("label", "", "Kind");
    kindLabel.htmlFor = kindId;
    const select = el("select");
    select.id = kindId;
    select.dataset.where = `brief.${where}.kind`;
    for (const [value, text] of this.kindChoices(entity, f)) {
      const option = el("option", "", text);
      option.value = value;
      select.append(option);
    }
    // A link whose list was removed is built as text, so it shows as text.
    const linked = `link:${field.links_to}`;
    select.value = field.kind !== "link" ? field.kind : [...select.options].some((o) => o.value === linked) ? linked : "text";
    const kindError = this.errorSlot(`brief.${where}.kind`);
    select.setAttribute("aria-describedby", kindError.id);
    select.addEventListener("change", () => {
      const [kind, target] = select.value.split(":");
      field.kind = kind;
      if (kind === "link") field.links_to = target;
      else delete field.links_to;
      this.touch("entities");
      if (field.kind === "choice" && !field.choices.length) {
        // Nothing to save until the choices are written; ask for them right away.
        clearTimeout(this.timer);
        this.render(`brief.${where}.choices`);
        return;
      }
      this.saveSoon(0);
      this.render(`brief.${where}.kind`);
    });
    kindWrap.append(kindLabel, select, kindError);
    row.append(kindWrap);

    const remove = el("button", "button button-small button-quiet plan-remove", "Remove");
    remove.type = "button";
    remove.setAttribute("aria-label", `Remove field ${field.label || f + 1}`);
    remove.disabled = entity.fields.length <= 1;
    remove.addEventListener("click", () => {
      entity.fields.splice(f, 1);
      this.touch("entities");
      this.saveSoon(0);
      this.render(`add-field-${e}`);
    });
    row.append(remove);

    if (field.kind === "choice") {
      const choices = { text: field.choices.join(", ") };
      const input = this.textInput("Choices (separate them with commas)", "text", choices, `${where}.choices`, {
        onInput: () => {
          field.choices = splitChoices(choices.text);
        },
      });
      input.classList.add("plan-choices");
      row.append(input);
    }
    return row;
  }

  featureList() {
    const { el } = this;
    const plan = this.plan;
    const group = el("section", "plan-group");
    const title = el("h2", "plan-title", "Features");
    title.id = nextId("features");
    group.setAttribute("aria-labelledby", title.id);
    const list = el("ul", "plan-features");
    plan.features.forEach((_, i) => {
      const item = el("li", "plan-feature");
      const input = this.textInput(`Feature ${i + 1}`, i, plan.features, `features.${i}`);
      const remove = el("button", "button button-small button-quiet", "Remove");
      remove.type = "button";
      remove.setAttribute("aria-label", `Remove feature ${i + 1}`);
      remove.addEventListener("click", () => {
        plan.features.splice(i, 1);
        this.touch("features");
        this.saveSoon(0);
        this.render("add-feature");
      });
      item.append(input, remove);
      list.append(item);
    });
    const add = el("button", "button button-small", "Add a feature");
    add.type = "button";
    add.dataset.where = "add-feature";
    add.disabled = plan.features.length >= 6;
    add.addEventListener("click", () => {
      plan.features.push("");
      this.render(`brief.features.${plan.features.length - 1}`);
    });
    group.append(title, this.errorSlot("brief.features"), list, add);
    return group;
  }

  errorSlot(where) {
    const slot = this.el("p", "field-error");
    slot.id = nextId("error");
    slot.dataset.errorFor = where;
    return slot;
  }

  // Only called when nothing was typed since the save began. A value landing under the
  // caret of the input the founder is in is how "Devices" became "DevicesDevices": that
  // input changes only while all of its text is selected (about to be typed over, as after
  // Tab), and stays selected; otherwise it waits until they leave it, and what they type
  // meanwhile wins.
  bind(input, owner, key) {
    input.refresh = () => {
      const value = owner[key] ?? "";
      if (input.value === value) return;
      if (document.activeElement !== input) {
        input.value = value;
        return;
      }
      if (input.selectionStart === 0 && input.selectionEnd === input.value.length) {
        input.value = value;
        input.select();
        return;
      }
      input.addEventListener("blur", () => input.refresh(), { once: true });
    };
  }

  target(where) {
    return this.body.querySelector(`[data-where="${CSS.escape(where)}"]`);
  }

  /* ------------------------------------------------------------- saving */

  touch(key) {
    this.edits += 1;
    this.dirty.add(key);
    this.status.textContent = "Not saved yet";
    this.saveSoon(SAVE_DELAY_MS);
  }

  saveSoon(delay) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.save(), delay);
  }

  payload(key) {
    if (key !== "entities") return this.plan[key];
    return this.plan.entities.map((entity) => ({
      singular: entity.singular,
      plural: entity.pluralFromName || !entity.plural ? undefined : entity.plural,
      fields: entity.fields.map((field) => ({
        name: field.name,
        label: field.label,
        kind: field.kind,
        choices: field.kind === "choice" ? field.choices : [],
        // Without it, any edit of the lists would turn every link into plain text.
        links_to: field.kind === "link" ? field.links_to : undefined,
      })),
      seed: entity.seed,
    }));
  }

  // Resolves true when everything is saved, false when the server refused the plan.
  async save() {
    clearTimeout(this.timer);
    while (this.saving) await this.saving;
    if (!this.dirty.size) return this.failure === null;
    const keys = [...this.dirty];
    this.dirty.clear();
    const brief = Object.fromEntries(keys.map((key) => [key, this.payload(key)]));
    const edits = this.edits;
    this.status.textContent = "Saving…";
    this.saving = (async () => {
      try {
        const project = await this.api(`/api/projects/${this.project.id}`, {
          method: "PATCH",
          body: JSON.stringify({ brief }),
        });
        this.project = project;
        this.failure = null;
        this.clearErrors();
        if (edits === this.edits) this.merge(project.brief);
        this.status.textContent = this.dirty.size ? "Not saved yet" : SAVED;
        return true;
      } catch (failure) {
        for (const key of keys) this.dirty.add(key);
        this.failure = failure;
        this.showError(failure);
        this.status.textContent = "Not saved yet";
        return false;
      } finally {
        this.saving = null;
      }
    })();
    return this.saving;
  }

  // The server's names, keys and sample records, without moving what the founder is typing.
  merge(brief) {
    const plan = this.plan;
    for (const key of ["product_name", "tagline", "target_users", "problem"]) plan[key] = brief[key];
    // In place: the inputs hold on to these very arrays and objects.
    const reshaped = plan.features.length !== brief.features.length;
    plan.features.splice(0, plan.features.length, ...brief.features);
    brief.entities.forEach((saved, e) => {
      const entity = plan.entities[e];
      Object.assign(entity, { plural: saved.plural, slug: saved.slug, seed: saved.seed, pluralFromName: false });
      saved.fields.forEach((field, f) => Object.assign(entity.fields[f], { name: field.name }));
    });
    if (reshaped) this.render(document.activeElement?.dataset?.where);
    else for (const input of this.body.querySelectorAll("input, textarea")) input.refresh?.();
  }

  clearErrors() {
    this.error.textContent = "";
    for (const slot of this.root.querySelectorAll(".field-error")) slot.textContent = "";
    for (const input of this.root.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  }

  showError(failure) {
    this.clearErrors();
    const where = failure.where;
    if (!where) {
      this.error.textContent = failure.message;
      return;
    }
    // The message goes beside the input it is about, or the nearest group that holds it.
    let path = where;
    while (path) {
      const slot = this.root.querySelector(`[data-error-for="${CSS.escape(path)}"]`);
      if (slot) {
        slot.textContent = failure.message;
        this.target(path)?.setAttribute("aria-invalid", "true");
        return;
      }
      path = path.includes(".") ? path.slice(0, path.lastIndexOf(".")) : "";
    }
    this.error.textContent = failure.message;
  }

  /* ------------------------------------------------------------- building */

  async build() {
    const button = this.buildButton;
    button.disabled = true;
    button.textContent = "Starting…";
    const saved = await this.save();
    if (!saved) {
      this.error.textContent = "Please fix the plan first: the message shows what to change.";
      button.disabled = false;
      button.textContent = "Build it";
      this.root.querySelector("[aria-invalid=true]")?.focus();
      return;
    }
    try {
      const build = await this.api(`/api/projects/${this.project.id}/builds`, { method: "POST", body: "{}" });
      location.assign(`/projects/${this.project.id}/build?job_id=${encodeURIComponent(build.job_id)}`);
    } catch (failure) {
      this.error.textContent = failure.message;
      button.disabled = false;
      button.textContent = "Build it";
    }
  }
}

// The share card on the completion page: every live link of this version, when it was
// made, a way to copy it and a way to stop it; "Stop sharing" stops them all. The list
// always comes from the server, so the page never claims a link is gone that isn't.

import { $, api, el } from "./dom.js";

const WHEN = new Intl.DateTimeFormat([], { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });

export class ShareCard {
  constructor(jobId) {
    this.jobId = jobId;
    this.list = $("[data-share-list]");
    this.error = $("[data-share-error]");
    this.status = $("[data-share-status]");
    this.stopAll = $("[data-share-stop]");
  }

  async start() {
    $("[data-share]").addEventListener("click", () => this.create());
    this.stopAll.addEventListener("click", () => this.revokeAll());
    await this.refresh();
  }

  say(message, { failed = false } = {}) {
    this.error.textContent = failed ? message : "";
    this.status.textContent = failed ? "" : message;
  }

  async refresh() {
    try {
      const { shares } = await api(`/api/jobs/${this.jobId}/shares`);
      this.render(shares);
      return shares;
    } catch (failure) {
      this.say(`We couldn't load your share links: ${failure.message}`, { failed: true });
      return null;
    }
  }

  render(shares) {
    this.list.replaceChildren(...shares.map((share) => this.row(share)));
    this.list.hidden = shares.length === 0;
    this.stopAll.hidden = shares.length === 0;
    $("[data-share]").textContent = shares.length ? "Create another link" : "Create a share link";
  }

  row(share) {
    const item = el("li", "share-item");
    item.dataset.shareLink = share.token || "";
    const made = el("time", "muted share-made", `Made ${WHEN.format(new Date(share.created_at))}`);
    made.dateTime = share.created_at;
    if (!share.url) {
      item.append(el("p", "share-old", "A link made earlier (its address wasn't kept)"), made);
      return item;
    }
    const address = el("input", "share-url");
    address.type = "text";
    address.readOnly = true;
    address.value = share.url;
    address.setAttribute("aria-label", "Share link");
    address.dataset.shareUrl = "";
    const copy = el("button", "button button-small", "Copy");
    copy.type = "button";
    copy.addEventListener("click", () => this.copy(address, copy));
    const stop = el("button", "button button-small button-quiet", "Stop this link");
    stop.type = "button";
    stop.dataset.shareRevoke = "";
    stop.addEventListener("click", () => this.revoke(share.token, stop));
    const actions = el("div", "share-actions");
    actions.append(copy, stop);
    item.append(address, made, actions);
    return item;
  }

  async copy(address, button) {
    try {
      await navigator.clipboard.writeText(address.value);
      button.textContent = "Copied";
    } catch {
      address.focus();
      address.select();
    }
  }

  async create() {
    this.say("");
    try {
      const share = await api(`/api/jobs/${this.jobId}/share`, { method: "POST", body: "{}" });
      await this.refresh();
      const address = [...this.list.querySelectorAll("[data-share-url]")].find((a) => a.value === share.url);
      address?.focus();
      address?.select();
      this.say("Your link is ready. Anyone with it can see this version.");
    } catch (failure) {
      this.say(failure.message, { failed: true });
    }
  }

  async revoke(token, button) {
    button.disabled = true;
    try {
      await api(`/api/jobs/${this.jobId}/shares/${encodeURIComponent(token)}`, { method: "DELETE" });
      await this.refresh();
      this.say("That link no longer works.");
    } catch (failure) {
      button.disabled = false;
      this.say(`That link still works: ${failure.message}`, { failed: true });
    }
  }

  async revokeAll() {
    this.stopAll.disabled = true;
    try {
      await api(`/api/jobs/${this.jobId}/share`, { method: "DELETE" });
      const left = await this.refresh();
      if (left && left.length === 0) this.say("You've stopped sharing: no link to this version works any more.");
    } catch (failure) {
      this.say(`Your links still work: ${failure.message}`, { failed: true });
    } finally {
      this.stopAll.disabled = false;
    }
  }
}

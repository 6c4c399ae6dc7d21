// Small helpers every livebuild page script shares.

export const $ = (selector, root = document) => root.querySelector(selector);

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    headers: { "content-type": "application/json", "x-livebuild": "1", ...(options.headers || {}) },
  });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const detail = body && typeof body.detail === "string" ? body.detail : "Something went wrong. Please try again.";
    const error = new Error(detail);
    // Where in the request the problem is, when the server says (a plan's field, say).
    error.where = body && typeof body.where === "string" ? body.where : null;
    error.status = response.status;
    // A plain answer for an idea that isn't a record app: a heading and an idea to start from.
    error.plain = body && body.plain && typeof body.plain.heading === "string" ? body.plain : null;
    throw error;
  }
  return body;
}

export function duration(seconds) {
  if (seconds < 10) return `${Math.max(0, seconds).toFixed(1)}s`;
  const total = Math.max(0, Math.round(seconds));
  const minutes = Math.floor(total / 60);
  const rest = total % 60;
  if (minutes >= 60) return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
  return minutes ? `${minutes}m ${rest}s` : `${rest}s`;
}

export const reducedMotion = () => matchMedia("(prefers-reduced-motion: reduce)").matches;

export const numbers = new Intl.NumberFormat();

export function estimateText(seconds) {
  if (!seconds || seconds < 1) return "Should take a moment";
  if (seconds < 59.5) {
    const whole = Math.max(1, Math.round(seconds));
    return `Usually about ${whole} second${whole === 1 ? "" : "s"}`;
  }
  const minutes = Math.round(seconds / 60);
  return `Usually about ${minutes} minute${minutes === 1 ? "" : "s"}`;
}

// The address that opens a build: the app's own, lasting address (`app_url`) when the
// build is its project's latest ready version; otherwise null (open its own preview).
export function stableAddress(project, jobId) {
  const ready = (project?.builds || []).filter((b) => b.status === "ready");
  const latest = ready.length > 0 && ready[ready.length - 1].job_id === jobId;
  return latest && project.app_url ? project.app_url : null;
}

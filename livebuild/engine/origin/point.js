// Point and say, inside the app's frame. Inert until livebuild's page turns it on.
(() => {
  const SETTINGS = /*SETTINGS*/{};
  if (window.parent === window) return;
  const FIELD = /^[A-Za-z0-9_-]{1,64}$/;
  const PARTS = "input, select, textarea, label, button, a, h1, h2, h3, th, header, nav, table, form";
  let on = false;
  let outline = null;

  const path = () => {
    const here = location.pathname;
    const base = SETTINGS.base || "";
    return (base && here.startsWith(base) ? here.slice(base.length) : here) || "/";
  };
  const short = (text) => (text || "").replace(/\s+/g, " ").trim().slice(0, 60);
  const send = (message) => window.parent.postMessage(message, SETTINGS.parent);

  function control(node) {
    if (node.matches("input, select, textarea")) return node;
    if (node.matches("label")) return node.control || null;
    return null;
  }

  function describe(node) {
    const target = { page: path().slice(0, 200), element: "page" };
    if (!node) return target;
    const field = control(node);
    if (field && FIELD.test(field.name || "")) {
      const label = field.labels && field.labels[0];
      return { ...target, element: "field", field: field.name, label: short(label ? label.textContent : field.name) };
    }
    if (node.closest("header, nav")) {
      const item = node.closest("a, button");
      return { ...target, element: "header", label: short(item ? item.textContent : "") };
    }
    const tag = node.tagName.toLowerCase();
    if (tag === "button" || (tag === "a" && /\bbtn\b/.test(node.className))) {
      return { ...target, element: "button", label: short(node.textContent) };
    }
    if (tag === "a") return { ...target, element: "link", label: short(node.textContent) };
    if (/^h[1-3]$/.test(tag)) return { ...target, element: "heading", label: short(node.textContent) };
    if (tag === "th" || tag === "table") return { ...target, element: "table" };
    if (tag === "form") return { ...target, element: "form" };
    return target;
  }

  const pick = (node) => (node instanceof Element ? node.closest(PARTS) : null);

  function show(node) {
    if (!outline) {
      outline = document.createElement("div");
      outline.setAttribute("aria-hidden", "true");
      outline.style.cssText =
        "position:fixed;pointer-events:none;z-index:2147483647;border:2px solid #4f46e5;" +
        "border-radius:6px;background:rgba(79,70,229,.08);transition:all .08s ease-out";
      document.documentElement.append(outline);
    }
    const box = (node || document.body).getBoundingClientRect();
    Object.assign(outline.style, {
      display: "block", left: `${box.left - 3}px`, top: `${box.top - 3}px`,
      width: `${box.width + 6}px`, height: `${box.height + 6}px`,
    });
  }

  const hide = () => outline && (outline.style.display = "none");

  addEventListener("message", (event) => {
    if (event.source !== window.parent || event.origin !== SETTINGS.parent) return;
    const data = event.data;
    if (!data || data.type !== "livebuild:point") return;
    on = data.on === true;
    document.documentElement.style.cursor = on ? "crosshair" : "";
    if (!on) hide();
  });
  document.addEventListener("mouseover", (event) => on && show(pick(event.target)), true);
  document.addEventListener("mouseleave", hide);
  document.addEventListener(
    "click",
    (event) => {
      if (!on) return;
      event.preventDefault();
      event.stopPropagation();
      send({ type: "livebuild:target", target: describe(pick(event.target)) });
    },
    true,
  );
  send({ type: "livebuild:ready", page: path().slice(0, 200) });
})();

// The guide editor's text back to Markdown: the founder edits the rendered guide, and
// what is saved is Markdown the server renders and sanitises again. Only the elements
// the guide uses are understood; anything else keeps just its text.

const ESCAPED = /[\\`*_[\]<>#|]/g;
const SAFE_LINK = /^(https?:|mailto:)/i;

function escapeText(text) {
  return text.replace(/\u00a0/g, " ").replace(ESCAPED, (c) => `\\${c}`);
}

function inline(node) {
  let out = "";
  for (const child of node.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) {
      out += escapeText(child.textContent.replace(/\s+/g, " "));
      continue;
    }
    if (child.nodeType !== Node.ELEMENT_NODE) continue;
    const tag = child.tagName.toLowerCase();
    const text = inline(child);
    if (tag === "br") out += "\\\n";
    else if (!text.trim()) out += text;
    else if (tag === "strong" || tag === "b") out += wrap(text, "**");
    else if (tag === "em" || tag === "i") out += wrap(text, "*");
    else if (tag === "code") out += "`" + child.textContent.replace(/`/g, "'") + "`";
    else if (tag === "a" && SAFE_LINK.test(child.getAttribute("href") || "")) {
      out += `[${text}](${child.getAttribute("href").replace(/[()\s]/g, encodeURIComponent)})`;
    } else out += text;
  }
  return out;
}

// "** word **" is not bold in Markdown: the spaces go outside the markers.
function wrap(text, marker) {
  const lead = text.match(/^\s*/)[0];
  const tail = text.match(/\s*$/)[0];
  return `${lead}${marker}${text.trim()}${marker}${tail}`;
}

function list(node, ordered, depth) {
  const lines = [];
  let number = 1;
  for (const item of node.children) {
    if (item.tagName.toLowerCase() !== "li") continue;
    const nested = [...item.children].filter((c) => /^(ul|ol)$/i.test(c.tagName));
    const own = item.cloneNode(true);
    for (const sub of own.querySelectorAll(":scope > ul, :scope > ol")) sub.remove();
    const marker = ordered ? `${number++}.` : "-";
    lines.push(`${"   ".repeat(depth)}${marker} ${inline(own).trim()}`);
    for (const sub of nested) lines.push(list(sub, sub.tagName.toLowerCase() === "ol", depth + 1));
  }
  return lines.join("\n");
}

function block(node) {
  if (node.nodeType === Node.TEXT_NODE) return escapeText(node.textContent).trim();
  if (node.nodeType !== Node.ELEMENT_NODE) return "";
  const tag = node.tagName.toLowerCase();
  const heading = /^h([1-6])$/.exec(tag);
  if (heading) return `${"#".repeat(Math.max(2, Number(heading[1])))} ${inline(node).trim()}`;
  if (tag === "ul" || tag === "ol") return list(node, tag === "ol", 0);
  if (tag === "blockquote") return blocks(node).split("\n").map((line) => `> ${line}`).join("\n");
  if (tag === "pre") return "```\n" + node.textContent.replace(/```/g, "'''").replace(/\n$/, "") + "\n```";
  if (tag === "hr") return "---";
  if (tag === "dl") return faq(node);
  if (tag === "table") return [...node.querySelectorAll("tr")].map((row) => inline(row).trim()).join("\n\n");
  if ([...node.children].some((c) => /^(p|div|ul|ol|h[1-6]|blockquote|pre|dl|table)$/i.test(c.tagName))) {
    return blocks(node);
  }
  return inline(node).trim();
}

function faq(node) {
  const parts = [];
  for (const term of node.querySelectorAll("dt")) {
    const question = inline(term).trim();
    if (question) parts.push(`**${question.replace(/\*\*/g, "")}**`);
    const answer = term.nextElementSibling;
    if (answer && answer.tagName.toLowerCase() === "dd") parts.push(blocks(answer));
    parts.push("");
  }
  return parts.join("\n").trim();
}

export function blocks(root) {
  return [...root.childNodes].map(block).filter((text) => text.trim()).join("\n\n");
}

export function toMarkdown(root) {
  return blocks(root).trim() + "\n";
}

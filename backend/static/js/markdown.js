// Answer text (the wire format of docs/CONTRACTS.md, a small CommonMark subset) → DOM nodes.
//
// Two layers: markdown-it with raw HTML, images, code and autolinks switched off (so "<img onerror>"
// stays the text it is), then DOMPurify over its output with an allow-list of the tags the subset
// produces. The result comes back as a DocumentFragment: no HTML string is ever assigned to the page.

import MarkdownIt from "../vendor/markdown-it.esm.min.mjs";
import DOMPurify from "../vendor/purify.es.mjs";

/** Hosts answer links may point to (statutes and MOLIT); any other link is shown as its label. */
const LINK_HOSTS = [/^(www\.)?law\.go\.kr$/, /(^|\.)molit\.go\.kr$/];

const ALLOWED_TAGS = [
  "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "blockquote",
  "table", "thead", "tbody", "tr", "th", "td", "a",
];
const ALLOWED_ATTR = ["href", "target", "rel", "value", "start"];

export function allowedLink(href) {
  try {
    const url = new URL(String(href));
    return url.protocol === "https:" && LINK_HOSTS.some((host) => host.test(url.hostname));
  } catch {
    return false;
  }
}

/** Links outside the allow-list lose their link tokens and keep their label as text. */
function dropForeignLinks(state) {
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children) continue;
    const kept = [];
    const dropped = [];
    for (const token of block.children) {
      if (token.type === "link_open") {
        const ok = allowedLink(token.attrGet("href"));
        dropped.push(!ok);
        if (ok) {
          token.attrSet("target", "_blank");
          token.attrSet("rel", "noopener noreferrer");
          kept.push(token);
        }
      } else if (token.type === "link_close") {
        if (!dropped.pop()) kept.push(token);
      } else kept.push(token);
    }
    block.children = kept;
  }
}

let parser = null;

function markdown() {
  if (parser) return parser;
  parser = new MarkdownIt("default", { html: false, linkify: false, typographer: false, breaks: true });
  parser.disable([
    "code", "fence", "hr", "lheading", "reference", "html_block",
    "html_inline", "image", "autolink", "backticks", "strikethrough",
  ]);
  // Every link is parsed (so a refused one can be shown as its label, not as "[label](url)") and
  // then filtered by host; DOMPurify would also remove a javascript: href.
  parser.validateLink = () => true;
  parser.core.ruler.push("allow_listed_links", dropForeignLinks);
  // Statute 호 keep their written numbers ("3." stays 3 even when 1. and 2. are not quoted).
  const item = parser.renderer.rules.list_item_open;
  parser.renderer.rules.list_item_open = (tokens, index, options, env, self) => {
    const token = tokens[index];
    if (token.info && /^\d+$/.test(token.info)) token.attrSet("value", token.info);
    return item ? item(tokens, index, options, env, self) : self.renderToken(tokens, index, options);
  };
  return parser;
}

/** The answer text as sanitized nodes (a DocumentFragment). */
export function renderMarkdown(text) {
  const html = markdown().render(String(text ?? ""));
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    RETURN_DOM_FRAGMENT: true,
  });
}

/** The answer text without its marks, on one line (chat-list previews, announcements). */
export function plainText(text) {
  const holder = document.createElement("div");
  holder.append(renderMarkdown(text));
  for (const node of holder.querySelectorAll("p, li, h2, h3, h4, tr, blockquote")) node.append(" ");
  return (holder.textContent || "").replace(/\s+/g, " ").trim();
}

// Tiny DOM builders. Text always goes in as text nodes: nothing here ever parses HTML.

const SVG_NS = "http://www.w3.org/2000/svg";

function apply(node, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = String(value);
    else if (key === "class") node.setAttribute("class", value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2), value);
    } else node.setAttribute(key, value === true ? "" : String(value));
  }
  return node;
}

/** node.append that skips null/false and flattens arrays (the native one would print "null"). */
export function append(node, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** el("p", {class: "x"}, "text", otherNode) */
export function el(tag, attrs, ...children) {
  return append(apply(document.createElement(tag), attrs), ...children);
}

/** The same for SVG elements (inline charts). */
export function svg(tag, attrs, ...children) {
  return append(apply(document.createElementNS(SVG_NS, tag), attrs), ...children);
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

export function $(selector, root = document) {
  return root.querySelector(selector);
}

/** A short-lived live-region announcement for screen readers. */
export function announce(text) {
  const region = $("#sr-status");
  if (region) region.textContent = text;
}

// DOM helpers: build elements from data, never from HTML strings, so article
// text and API answers always go in as text.

const SVG_NS = 'http://www.w3.org/2000/svg';

// $ is the first element matching sel.
export const $ = (sel, root = document) => root.querySelector(sel);

// el builds an element; attributes named on* become listeners, 'text' sets
// textContent. Text always goes in as text, never as HTML.
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c != null && c !== false) e.append(c);
  return e;
}

// svg builds an SVG element with attributes.
export function svg(tag, attrs = {}) {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

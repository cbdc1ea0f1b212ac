// What is pasted from Word or a web page: headings, lists, tables, paragraphs, bold, italic,
// block quotes and links are kept; styles, fonts, classes, images, spans and the rest are dropped.
// Word writes its lists as paragraphs marked with `mso-list`, turned here into real lists.
// Style attributes are renamed before the HTML is parsed and read as text: the page's CSP refuses
// inline styles, and would report every one of them parsed in a document of the page.

const DROP = "img,picture,svg,video,audio,canvas,iframe,object,embed,script,style,meta,link,title," +
  "template,noscript,button,input,select,textarea,form,hr";
const UNWRAP = "span,font,div,section,article,header,footer,main,aside,nav,figure,figcaption,label," +
  "u,ins,mark,small,big,sub,sup,abbr,cite,dfn,time,code,kbd,samp,var,s,strike,del,center,o\\:p";
const KEEP_ATTRIBUTES = { A: ["href"], TD: ["colspan", "rowspan"], TH: ["colspan", "rowspan"], OL: ["start"] };
const SAFE_LINK = /^(https?:|mailto:)/i;
const STYLE = "data-pasted-style";

function unwrap(el) {
  const parent = el.parentNode;
  if (!parent) return;
  while (el.firstChild) parent.insertBefore(el.firstChild, el);
  parent.removeChild(el);
}

function rename(el, tag) {
  const other = el.ownerDocument.createElement(tag);
  while (el.firstChild) other.appendChild(el.firstChild);
  el.parentNode.replaceChild(other, el);
  return other;
}

// Bold and italic set by a style (Google Docs, many web editors) become <strong> and <em> before
// styles go; a <b> whose style says normal weight (the wrapper Google Docs puts around everything)
// is no bold at all.
function styleOf(el, property) {
  const match = new RegExp("(?:^|;)\\s*" + property + "\\s*:\\s*([^;]+)", "i").exec(el.getAttribute(STYLE) || "");
  return match ? match[1].trim().toLowerCase() : "";
}

function styleToMarks(root) {
  root.querySelectorAll("b,strong").forEach(function (el) {
    if (/^(normal|[1-4]00)$/.test(styleOf(el, "font-weight"))) unwrap(el);
  });
  root.querySelectorAll("span").forEach(function (el) {
    let inner = el;
    if (/^(bold|bolder|[6-9]00)$/.test(styleOf(el, "font-weight"))) inner = wrapInside(inner, "strong");
    if (styleOf(el, "font-style") === "italic") wrapInside(inner, "em");
  });
}

function wrapInside(el, tag) {
  const wrapper = el.ownerDocument.createElement(tag);
  while (el.firstChild) wrapper.appendChild(el.firstChild);
  el.appendChild(wrapper);
  return wrapper;
}

function wordListLevel(p) {
  const style = p.getAttribute(STYLE) || "";
  const match = /mso-list:\s*l\d+\s+level(\d+)/i.exec(style);
  if (match) return parseInt(match[1], 10);
  return /^MsoListParagraph/i.test(p.className) ? 1 : 0;
}

// Word's marker ("1.", "a)", "·", "o") sits in a span styled mso-list:Ignore.
function takeWordMarker(p) {
  let marker = "";
  p.querySelectorAll("span").forEach(function (span) {
    if (/mso-list:\s*Ignore/i.test(span.getAttribute(STYLE) || "")) {
      marker += span.textContent;
      span.remove();
    }
  });
  return marker.replace(/\u00a0/g, " ").trim();
}

function isWordListParagraph(el) {
  return Boolean(el && el.tagName === "P" && wordListLevel(el));
}

function wordLists(root) {
  const paragraphs = Array.from(root.querySelectorAll("p")).filter(isWordListParagraph);
  // Runs are decided before any paragraph moves into a list.
  const starts = paragraphs.map(function (p) { return !isWordListParagraph(p.previousElementSibling); });
  let stack = [];
  paragraphs.forEach(function (p, i) {
    const level = wordListLevel(p);
    const ordered = /^[\dA-Za-z]{1,3}[.)]$/.test(takeWordMarker(p));
    if (starts[i]) stack = [];
    while (stack.length > level) stack.pop();
    while (stack.length < level) {
      const list = root.ownerDocument.createElement(ordered ? "ol" : "ul");
      if (stack.length) {
        const parent = stack[stack.length - 1];
        (parent.lastElementChild || parent).appendChild(list);
      } else {
        p.parentNode.insertBefore(list, p);
      }
      stack.push(list);
    }
    const item = root.ownerDocument.createElement("li");
    stack[stack.length - 1].appendChild(item);
    item.appendChild(p);
  });
}

// Headings keep their order, renumbered from the highest one pasted: the toolbar's two levels.
function headings(root) {
  const found = root.querySelectorAll("h1,h2,h3,h4,h5,h6");
  if (!found.length) return;
  const top = Math.min.apply(null, Array.from(found).map(function (h) { return Number(h.tagName[1]); }));
  found.forEach(function (h) { rename(h, "h" + Math.min(Number(h.tagName[1]) - top + 1, 2)); });
}

// A table's first row is its header row, as Markdown tables have one.
function tableHeaders(root) {
  root.querySelectorAll("table").forEach(function (table) {
    const first = table.querySelector("tr");
    if (!first || first.querySelector("th")) return;
    Array.from(first.children).forEach(function (cell) { if (cell.tagName === "TD") rename(cell, "th"); });
  });
}

function stripAttributes(root) {
  root.querySelectorAll("*").forEach(function (el) {
    const keep = KEEP_ATTRIBUTES[el.tagName] || [];
    Array.from(el.attributes).forEach(function (attribute) {
      if (keep.indexOf(attribute.name) === -1) el.removeAttribute(attribute.name);
    });
    if (el.tagName === "A" && !SAFE_LINK.test(el.getAttribute("href") || "")) unwrap(el);
  });
}

function dropComments(root) {
  const walker = root.ownerDocument.createTreeWalker(root, 128 /* NodeFilter.SHOW_COMMENT */);
  const comments = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  comments.forEach(function (c) { c.remove(); });
}

export function cleanPastedHtml(html) {
  const renamed = html.replace(/(<[a-zA-Z][^>]*?\s)style\s*=/g, "$1" + STYLE + "=");
  const doc = document.implementation.createHTMLDocument("");
  doc.body.innerHTML = renamed.replace(/^[\s\S]*?<body[^>]*>/i, "").replace(/<\/body>[\s\S]*$/i, "");
  const root = doc.body;
  dropComments(root);
  root.querySelectorAll(DROP).forEach(function (el) { el.remove(); });
  wordLists(root);
  styleToMarks(root);
  headings(root);
  tableHeaders(root);
  root.querySelectorAll("pre").forEach(function (el) { rename(el, "p"); });
  root.querySelectorAll(UNWRAP).forEach(unwrap);
  stripAttributes(root);
  return root.innerHTML;
}

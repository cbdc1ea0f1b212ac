// Markdown in and out of the editor. The stored text stays Markdown, read by the server with
// markdown-it-py in CommonMark mode plus GFM tables and strikethrough, raw HTML off: the editor
// reads it with the same rules (markdown-it), and writes only what those rules read back the same.
import MarkdownIt from "markdown-it";
import { MarkdownSerializer } from "prosemirror-markdown";
import { DOMParser as PMDOMParser } from "@tiptap/pm/model";
import { writeFigure } from "./figure.js";

const reader = new MarkdownIt("commonmark", { html: false, linkify: false, typographer: false })
  .enable(["table", "strikethrough"]);
// A cell's alignment as the align attribute, not markdown-it's style: the CSP refuses inline styles.
reader.core.ruler.push("align_attribute", function (state) {
  state.tokens.forEach(function (token) {
    const style = token.attrGet && token.attrGet("style");
    if ((token.type === "th_open" || token.type === "td_open") && style) {
      token.attrs = [["align", style.replace("text-align:", "")]];
    }
  });
});

export function markdownToHtml(markdown) {
  return reader.render(markdown || "");
}

function htmlToBody(html) {
  // An inert document: nothing in it loads or runs.
  const doc = document.implementation.createHTMLDocument("");
  doc.body.innerHTML = html;
  return doc.body;
}

export function parseMarkdown(schema, markdown) {
  return PMDOMParser.fromSchema(schema).parse(htmlToBody(markdownToHtml(markdown)));
}

// What a reader sees of a text: its words and the structure around them, not the spelling of the
// Markdown (`*` or `-` bullets, loose or tight lists). Equal signatures: nothing was lost.
const KEPT = "h1,h2,h3,h4,h5,h6,strong,em,a,ul,ol,li,blockquote,table,tr,th,td,s,code,pre,hr,img,br";

export function signature(markdown) {
  const body = htmlToBody(markdownToHtml(markdown));
  const parts = [];
  body.querySelectorAll("*").forEach(function (el) {
    const name = el.tagName.toLowerCase();
    if (!el.matches(KEPT)) return;
    const extra = name === "a" ? el.getAttribute("href") : name === "ol" ? el.getAttribute("start") || "" : "";
    parts.push(name + ":" + extra + ":" + el.textContent.replace(/\s+/g, " ").trim());
  });
  parts.push(body.textContent.replace(/\s+/g, " ").trim());
  return parts.join("|");
}

function flattenCell(cell) {
  // A GFM cell is one line: paragraphs of a cell join with a space, never losing a word.
  const parts = [];
  cell.forEach(function (block) {
    const text = block.isTextblock
      ? serializer.serialize(block.type.schema.nodes.paragraph.create(null, block.content))
      : block.textContent;
    parts.push(text.replace(/\\\n/g, " ").replace(/\s*\n\s*/g, " ").trim());
  });
  return parts.filter(Boolean).join(" ").replace(/\|/g, "\\|");
}

function tableRows(node) {
  const rows = [];
  node.forEach(function (row) {
    const cells = [];
    row.forEach(function (cell) {
      cells.push({ text: flattenCell(cell), align: cell.attrs.align || null });
    });
    rows.push(cells);
  });
  return rows;
}

function writeTable(state, node) {
  const rows = tableRows(node);
  const width = Math.max.apply(null, rows.map(function (r) { return r.length; }));
  const line = function (cells) {
    const texts = [];
    for (let i = 0; i < width; i += 1) texts.push(cells[i] ? cells[i].text : "");
    return "| " + texts.join(" | ") + " |";
  };
  const rule = [];
  for (let i = 0; i < width; i += 1) {
    const align = rows[0][i] && rows[0][i].align;
    rule.push(align === "center" ? ":---:" : align === "right" ? "---:" : align === "left" ? ":---" : "---");
  }
  // GFM's first row is always the header row: a table's first row is written as its header.
  const lines = [line(rows[0]), "| " + rule.join(" | ") + " |"].concat(rows.slice(1).map(line));
  state.ensureNewLine();
  lines.forEach(function (text, i) {
    state.write(text);
    if (i < lines.length - 1) state.ensureNewLine();
  });
  state.closeBlock(node);
}

const nodes = {
  doc(state, node) { state.renderContent(node); },
  paragraph(state, node) { state.renderInline(node); state.closeBlock(node); },
  text(state, node) { state.text(node.text, !state.inAutolink); },
  heading(state, node) {
    state.write(state.repeat("#", node.attrs.level) + " ");
    state.renderInline(node, false);
    state.closeBlock(node);
  },
  blockquote(state, node) { state.wrapBlock("> ", null, node, function () { state.renderContent(node); }); },
  bulletList(state, node) { state.renderList(node, "  ", function () { return "- "; }); },
  orderedList(state, node) {
    const start = node.attrs.start == null ? 1 : node.attrs.start;
    const widest = String(start + node.childCount - 1).length;
    state.renderList(node, state.repeat(" ", widest + 2), function (i) {
      const n = String(start + i);
      return state.repeat(" ", widest - n.length) + n + ". ";
    });
  },
  listItem(state, node) { state.renderContent(node); },
  hardBreak(state, node, parent, index) {
    for (let i = index + 1; i < parent.childCount; i += 1) {
      if (parent.child(i).type !== node.type) { state.write("\\\n"); return; }
    }
  },
  horizontalRule(state, node) { state.write("---"); state.closeBlock(node); },
  codeBlock(state, node) {
    const ticks = node.textContent.match(/`{3,}/gm);
    const fence = ticks ? ticks.sort().slice(-1)[0] + "`" : "```";
    state.write(fence + (node.attrs.language || "") + "\n");
    state.text(node.textContent, false);
    state.ensureNewLine();
    state.write(fence);
    state.closeBlock(node);
  },
  table: writeTable,
  figure: writeFigure,
};

function backticksFor(node, side) {
  let longest = 0;
  const ticks = /`+/g;
  let match;
  if (node.isText) while ((match = ticks.exec(node.text))) longest = Math.max(longest, match[0].length);
  let result = longest > 0 && side > 0 ? " `" : "`";
  for (let i = 0; i < longest; i += 1) result += "`";
  if (longest > 0 && side < 0) result += " ";
  return result;
}

const marks = {
  italic: { open: "*", close: "*", mixable: true, expelEnclosingWhitespace: true },
  bold: { open: "**", close: "**", mixable: true, expelEnclosingWhitespace: true },
  strike: { open: "~~", close: "~~", mixable: true, expelEnclosingWhitespace: true },
  link: {
    open: function () { return "["; },
    close: function (state, mark) {
      const href = mark.attrs.href.replace(/[()\\]/g, "\\$&").replace(/[\s<>]/g, encodeURIComponent);
      return "](" + href + ")";
    },
    mixable: true,
  },
  code: {
    open: function (_state, _mark, parent, index) { return backticksFor(parent.child(index), -1); },
    close: function (_state, _mark, parent, index) { return backticksFor(parent.child(index - 1), 1); },
    escape: false,
  },
};

// Characters that mean something only in some places: an entity (`&amp;`) and what would open an
// autolink (`<https://…>`), both read back as something else unless escaped.
const OPTIONS = { tightLists: true, escapeExtraCharacters: /&(?=#?[0-9a-zA-Z]+;)|<(?=[a-zA-Z/])/g };
const serializer = new MarkdownSerializer(nodes, marks, OPTIONS);

export function serializeMarkdown(doc) {
  return serializer.serialize(doc).replace(/\s+$/, "");
}

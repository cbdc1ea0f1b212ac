// The visual editor of a plan section: Tiptap (ProseMirror) with the elements the toolbar offers,
// reading and writing Markdown. Exposed as window.EcotownEditor for the portal's own script
// (planning_docs/static/planning_docs/visual_editor.js), which owns the toolbar and the form.
import { Editor, Extension } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { Heading } from "@tiptap/extension-heading";
import { Table, TableRow, TableCell, TableHeader } from "@tiptap/extension-table";
import { isInTable, selectedRect } from "@tiptap/pm/tables";
import { markdownToHtml, parseMarkdown, serializeMarkdown, signature } from "./markdown.js";
import { cleanPastedHtml } from "./paste.js";
import { Figure, FIGURE_REFERENCE } from "./figure.js";

const ALIGNS = ["left", "center", "right"];

// Alignment is shown through a class, not a style attribute: the portal's CSP allows no inline style.
const alignAttribute = {
  default: null,
  parseHTML: function (el) {
    const value = (el.getAttribute("align") || el.style.textAlign || "").toLowerCase();
    return ALIGNS.indexOf(value) === -1 ? null : value;
  },
  renderHTML: function (attrs) { return attrs.align ? { class: "align-" + attrs.align } : {}; },
};

function withAlign(base) {
  return base.extend({
    addAttributes: function () { return Object.assign({}, this.parent(), { align: alignAttribute }); },
  });
}

// The writer's `#` sits one level below the section's heading on the page: shown one level down,
// the level itself kept in data-level so that copying inside the editor keeps it.
function shiftedHeading(shift) {
  return Heading.extend({
    parseHTML: function () {
      return [{
        tag: "h1,h2,h3,h4,h5,h6",
        getAttrs: function (el) { return { level: Number(el.getAttribute("data-level")) || Number(el.tagName[1]) }; },
      }];
    },
    renderHTML: function ({ node }) {
      const level = node.attrs.level;
      return ["h" + Math.min(level + shift, 6), { "data-level": String(level) }, 0];
    },
  });
}

// A Markdown table cell holds one line: Enter in a cell moves to the cell below, as in a
// spreadsheet (a new row after the last), instead of starting a paragraph the cell cannot keep.
function cellBelow(editor) {
  if (!isInTable(editor.state)) return false;
  let rect = selectedRect(editor.state);
  if (rect.bottom >= rect.map.height) {
    editor.commands.addRowAfter();
    rect = selectedRect(editor.state);
  }
  const cellPos = rect.tableStart + rect.map.map[rect.bottom * rect.map.width + rect.left];
  const cell = editor.state.doc.nodeAt(cellPos);
  return editor.commands.setTextSelection(cellPos + cell.nodeSize - 2);
}

function keys(onEscape) {
  return Extension.create({
    name: "sectionKeys",
    priority: 1000,
    addKeyboardShortcuts: function () {
      const editor = this.editor;
      return {
        Escape: function () { onEscape(); return true; },
        Enter: function () { return cellBelow(editor); },
        "Shift-Enter": function () { return cellBelow(editor); },
      };
    },
  });
}

function extensions(options) {
  return [
    StarterKit.configure({
      heading: false,
      underline: false,
      link: {
        openOnClick: false,
        autolink: false,
        protocols: ["mailto"],
        HTMLAttributes: { target: null, rel: "noopener noreferrer nofollow" },
        isAllowedUri: function (url) { return /^(https?:|mailto:)/i.test(url); },
      },
    }),
    shiftedHeading(options.headingShift || 0).configure({ levels: [1, 2, 3, 4, 5, 6] }),
    Table.configure({ resizable: false }),
    TableRow,
    withAlign(TableHeader),
    withAlign(TableCell),
    Figure.configure({ figures: options.figures || {}, notFound: options.figureNotFound || "Figure not found" }),
    keys(options.onEscape || function () {}),
  ];
}

function create(element, options) {
  const attributes = {
    role: "textbox",
    "aria-multiline": "true",
    "aria-label": options.label,
    class: "visual-editor-content",
    spellcheck: "true",
  };
  if (options.describedBy) attributes["aria-describedby"] = options.describedBy;
  const editor = new Editor({
    element: element,
    extensions: extensions(options),
    content: markdownToHtml(options.markdown),
    injectCSS: false,
    editorProps: { attributes: attributes, transformPastedHTML: cleanPastedHtml },
    onUpdate: function () { if (options.onChange) options.onChange(); },
    onTransaction: function () { if (options.onState) options.onState(); },
    onFocus: function () { if (options.onState) options.onState(); },
  });
  return {
    editor: editor,
    getMarkdown: function () { return serializeMarkdown(editor.state.doc); },
    setMarkdown: function (markdown) {
      editor.commands.setContent(markdownToHtml(markdown), { emitUpdate: false });
    },
    // A block the page asks to insert (the figure picker's reference): true when the editor
    // took it, false when it is nothing the editor shows as a block.
    insertBlock: function (text) {
      const match = FIGURE_REFERENCE.exec((text || "").trim());
      if (!match) return false;
      return editor.chain().focus().insertFigure({ id: match[2], alt: match[1] }).run();
    },
  };
}

// Whether the editor shows a text without losing any of it: some Markdown (images, raw HTML) has
// no place in the editor, and such a text is edited as source instead.
function keepsEverything(instance, markdown) {
  const doc = parseMarkdown(instance.editor.schema, markdown);
  return signature(serializeMarkdown(doc)) === signature(markdown);
}

window.EcotownEditor = { create: create, keepsEverything: keepsEverything, cleanPastedHtml: cleanPastedHtml };

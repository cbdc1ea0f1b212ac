// A figure of the plan, named in the text by a paragraph holding only `![alt](figure:<id>)`.
// In the editor it is one block (an atom: the cursor goes around it, never into it) showing the
// picture and its "Figure N: caption", both given by the page: the picture is read through the
// portal's permission-checked address. A figure the page does not know (another plan's, or one
// removed) shows a box saying so and is still written back unchanged.
import { Node } from "@tiptap/core";

export const FIGURE_REFERENCE = /^!\[([^\]\n]*)\]\(figure:(\d{1,9})\)$/;

function onlyFigureImage(el) {
  const children = el.children;
  if (children.length !== 1 || el.textContent.trim() !== "") return null;
  const img = children[0];
  const match = img.tagName === "IMG" && /^figure:(\d{1,9})$/.exec(img.getAttribute("src") || "");
  return match ? { id: match[1], alt: img.getAttribute("alt") || "" } : null;
}

export const Figure = Node.create({
  name: "figure",
  group: "block",
  atom: true,
  selectable: true,
  draggable: true,

  addOptions: function () {
    return { figures: {}, notFound: "Figure not found" };
  },

  addAttributes: function () {
    return { id: { default: null }, alt: { default: "" } };
  },

  parseHTML: function () {
    return [
      // markdown-it's reading of a paragraph that holds only the reference.
      { tag: "p", priority: 60, getAttrs: function (el) { return onlyFigureImage(el) || false; } },
      // The editor's own rendering, when a figure is copied or dragged within it.
      {
        tag: "figure[data-figure-id]",
        getAttrs: function (el) {
          return { id: el.getAttribute("data-figure-id"), alt: el.getAttribute("data-alt") || "" };
        },
      },
    ];
  },

  renderHTML: function ({ node }) {
    const id = node.attrs.id;
    const known = Object.prototype.hasOwnProperty.call(this.options.figures, id);
    const attrs = { "data-figure-id": id, "data-alt": node.attrs.alt, class: "editor-figure" };
    if (!known) {
      attrs.class += " editor-figure-missing";
      return ["figure", attrs, ["figcaption", {}, this.options.notFound + " (figure:" + id + ")"]];
    }
    const figure = this.options.figures[id];
    return [
      "figure",
      attrs,
      ["img", { src: figure.url, alt: figure.alt || "", width: figure.width, height: figure.height }],
      ["figcaption", {}, figure.label],
    ];
  },

  addCommands: function () {
    const name = this.name;
    return {
      // At the cursor; inside a table (whose cells hold one line) right after the table.
      insertFigure: function (attrs) {
        return function ({ state, commands }) {
          const $from = state.selection.$from;
          for (let depth = $from.depth; depth > 0; depth -= 1) {
            if ($from.node(depth).type.name === "table") {
              return commands.insertContentAt($from.after(depth), { type: name, attrs: attrs });
            }
          }
          return commands.insertContent({ type: name, attrs: attrs });
        };
      },
    };
  },
});

// The one line a figure is written as, exactly what the server reads.
export function writeFigure(state, node) {
  const alt = (node.attrs.alt || "").replace(/[\\[\]]/g, "\\$&");
  state.write("![" + alt + "](figure:" + node.attrs.id + ")");
  state.closeBlock(node);
}

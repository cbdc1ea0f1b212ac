/* The visual editor of a section's text (static/vendor/editor/editor.min.js, built from
 * scripts/editor): its toolbar, the link form and the Markdown source view. The textarea stays the
 * form field that is posted and autosaved: every change in the editor is written into it as Markdown
 * and announced with an input event, which section_editor.js listens to. Without this file, or
 * without the editor, the textarea is the editor. */
(function () {
  "use strict";
  var root = document.querySelector("[data-visual-editor]");
  if (!root || !window.EcotownEditor) return;
  var form = root.closest("form");
  var textarea = form.querySelector("textarea[name=body]");
  var sourcePane = form.querySelector("[data-source-pane]");
  var bar = root.querySelector("[role=toolbar]");
  var buttons = Array.prototype.slice.call(bar.querySelectorAll("button[data-command]"));
  var notice = root.querySelector("[data-editor-notice]");
  var linkForm = root.querySelector(".editor-link-form");
  var linkInput = linkForm.querySelector("input");
  var linkError = linkForm.querySelector("#editor-link-error");
  var source = false;
  var current = buttons[0];
  // The plan's figures by id ({url, alt, label, …}), rendered by the page beside the form.
  var figureData = document.getElementById("editor-figures");
  var figures = figureData ? JSON.parse(figureData.textContent) : {};

  var instance = window.EcotownEditor.create(root.querySelector("[data-editor-mount]"), {
    markdown: textarea.value,
    label: root.dataset.label,
    describedBy: "editor-help",
    headingShift: parseInt(root.dataset.headingShift, 10) || 0,
    figures: figures,
    figureNotFound: root.dataset.figureMissing,
    onChange: writeBack,
    onState: refresh,
    onEscape: function () { current.focus(); }
  });
  var editor = instance.editor;
  root.classList.remove("d-none");

  function writeBack() {
    var markdown = instance.getMarkdown();
    if (markdown === textarea.value) return;
    textarea.value = markdown;
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }

  var COMMANDS = {
    heading1: function (c) { return c.toggleHeading({ level: 1 }); },
    heading2: function (c) { return c.toggleHeading({ level: 2 }); },
    bold: function (c) { return c.toggleBold(); },
    italic: function (c) { return c.toggleItalic(); },
    bulletList: function (c) { return c.toggleBulletList(); },
    orderedList: function (c) { return c.toggleOrderedList(); },
    indent: function (c) { return c.sinkListItem("listItem"); },
    outdent: function (c) { return c.liftListItem("listItem"); },
    blockquote: function (c) { return c.toggleBlockquote(); },
    table: function (c) { return c.insertTable({ rows: 3, cols: 3, withHeaderRow: true }); },
    addRow: function (c) { return c.addRowAfter(); },
    deleteRow: function (c) { return c.deleteRow(); },
    addColumn: function (c) { return c.addColumnAfter(); },
    deleteColumn: function (c) { return c.deleteColumn(); },
    deleteTable: function (c) { return c.deleteTable(); }
  };
  var ACTIVE = {
    heading1: ["heading", { level: 1 }], heading2: ["heading", { level: 2 }], bold: ["bold"],
    italic: ["italic"], bulletList: ["bulletList"], orderedList: ["orderedList"],
    blockquote: ["blockquote"], link: ["link"]
  };
  // Inside a table a cell holds one line of text (a Markdown table cell): no blocks there.
  var BLOCKS = ["heading1", "heading2", "bulletList", "orderedList", "indent", "outdent", "blockquote", "table"];

  function enabled(name) {
    if (source) return name === "source";
    if (name === "source") return true;
    if (name === "link") return !editor.isActive("table") || !editor.state.selection.empty || editor.isActive("link");
    if (editor.isActive("table") && BLOCKS.indexOf(name) !== -1) return false;
    return COMMANDS[name] ? COMMANDS[name](editor.can().chain()).run() : true;
  }

  function refresh() {
    buttons.forEach(function (button) {
      var name = button.dataset.command;
      var active = ACTIVE[name];
      if (active) button.setAttribute("aria-pressed", String(!source && editor.isActive.apply(editor, active)));
      button.disabled = !enabled(name);
    });
    if (current.disabled) current = buttons.filter(function (b) { return !b.disabled; })[0] || buttons[0];
    buttons.forEach(function (b) { b.tabIndex = b === current ? 0 : -1; });
  }

  // One tab stop for the toolbar; arrows, Home and End move within it (a roving tab index).
  bar.addEventListener("keydown", function (event) {
    var usable = buttons.filter(function (b) { return !b.disabled; });
    var at = usable.indexOf(document.activeElement);
    var to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: usable.length - 1 }[event.key];
    if (to === undefined || at === -1) return;
    event.preventDefault();
    current = usable[(to + usable.length) % usable.length];
    refresh();
    current.focus();
  });

  bar.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-command]");
    if (!button || button.disabled) return;
    current = button;
    var name = button.dataset.command;
    if (name === "source") return toggleSource();
    if (name === "link") return openLinkForm();
    COMMANDS[name](editor.chain().focus()).run();
    refresh();
  });

  function openLinkForm() {
    linkInput.value = editor.getAttributes("link").href || "";
    linkError.textContent = "";
    linkForm.classList.remove("d-none");
    bar.querySelector("[data-command=link]").setAttribute("aria-expanded", "true");
    linkInput.focus();
  }
  function closeLinkForm() {
    linkForm.classList.add("d-none");
    bar.querySelector("[data-command=link]").setAttribute("aria-expanded", "false");
    editor.commands.focus();
  }
  function applyLink() {
    var href = linkInput.value.trim();
    if (href && !/^[a-z][a-z0-9+.-]*:/i.test(href)) href = (href.indexOf("@") > 0 ? "mailto:" : "https://") + href;
    if (!/^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i.test(href)) {
      linkError.textContent = root.dataset.linkInvalid;
      return;
    }
    var chain = editor.chain().focus().extendMarkRange("link");
    if (editor.state.selection.empty && !editor.isActive("link")) {
      chain.insertContent({ type: "text", text: href, marks: [{ type: "link", attrs: { href: href } }] }).run();
    } else {
      chain.setLink({ href: href }).run();
    }
    closeLinkForm();
  }
  linkForm.querySelector("[data-link-apply]").addEventListener("click", applyLink);
  linkForm.querySelector("[data-link-cancel]").addEventListener("click", closeLinkForm);
  linkForm.querySelector("[data-link-remove]").addEventListener("click", function () {
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
    closeLinkForm();
  });
  linkForm.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); applyLink(); }
    if (event.key === "Escape") { event.preventDefault(); closeLinkForm(); }
  });

  function showNotice(text) {
    notice.textContent = text || "";
    notice.classList.toggle("d-none", !text);
  }

  // The source view shows the textarea itself; back in the editor, the textarea's text is read
  // again, unless the editor cannot show all of it (then the source view stays).
  function setSource(on) {
    source = on;
    root.querySelector("[data-editor-mount]").classList.toggle("d-none", on);
    sourcePane.classList.toggle("d-none", !on);
    bar.querySelector("[data-command=source]").setAttribute("aria-pressed", String(on));
    refresh();
  }
  function toggleSource() {
    if (!source) {
      setSource(true);
      textarea.focus();
      return;
    }
    if (!window.EcotownEditor.keepsEverything(instance, textarea.value)) {
      showNotice(root.dataset.lossyMessage);
      return;
    }
    showNotice("");
    instance.setMarkdown(textarea.value);
    setSource(false);
    editor.commands.focus();
  }

  // The conflict panel's "use the saved text" replaces the textarea's text: the editor follows.
  textarea.addEventListener("section:replaced", function () {
    if (!source && window.EcotownEditor.keepsEverything(instance, textarea.value)) {
      instance.setMarkdown(textarea.value);
    } else if (!source) {
      showNotice(root.dataset.lossyMessage);
      setSource(true);
    }
  });

  // The figure picker's "Insert at the cursor": the editor takes the reference as a figure block
  // and cancels the event, so that the picker leaves the textarea alone (the editor writes it).
  form.addEventListener("ecotown:insert-block", function (event) {
    if (source || !event.detail || !instance.insertBlock(event.detail.text)) return;
    event.preventDefault();
  });

  var label = form.querySelector("label[for='" + textarea.id + "']");
  if (label) label.addEventListener("click", function (event) {
    if (source) return;
    event.preventDefault();
    editor.commands.focus();
  });

  if (window.EcotownEditor.keepsEverything(instance, textarea.value)) {
    setSource(false);
  } else {
    showNotice(root.dataset.lossyMessage);
    setSource(true);
  }
  root.visualEditor = instance;  // the page's one editor, for the browser tests' round trips
})();

/* The section editor: EasyMDE on the text, debounced autosave with the section's revision, a
 * conflict panel when another tab or device saved first, and rows added without a round trip.
 * The page works without this file: the form posts and the server answers the same way. */
(function () {
  "use strict";
  var form = document.getElementById("section-form");
  if (!form) return;
  var labels = JSON.parse(document.getElementById("editor-labels").textContent);
  var textarea = form.querySelector("textarea[name=body]");
  var revisionInput = form.querySelector("input[name=revision]");
  var statusEl = document.getElementById("save-status");
  var wordsEl = document.getElementById("word-count");
  var panel = document.getElementById("conflict-panel");
  var savedText = document.getElementById("conflict-saved-text");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var DELAY = 1500;
  var RETRY = 5000;

  document.querySelectorAll(".js-only").forEach(function (el) { el.classList.remove("d-none"); });

  var editor = null;
  var previewTimer = null;
  function serverPreview(text, preview) {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(function () {
      var data = new FormData();
      data.append("body", text);
      fetch(form.dataset.previewUrl, {
        method: "POST", body: data, credentials: "same-origin",
        headers: { "X-CSRFToken": csrf }
      }).then(function (r) { return r.ok ? r.text() : ""; })
        .then(function (html) { preview.innerHTML = html; })  // sanitised by the server
        .catch(function () { preview.textContent = labels.offline; });
    }, 300);
    return preview.innerHTML || labels.loading;
  }
  if (window.EasyMDE) {
    var tool = function (name, action, icon, title) {
      return { name: name, action: action, icon: icon, title: title, className: "tool-text" };
    };
    editor = new window.EasyMDE({
      element: textarea,
      autoDownloadFontAwesome: false,
      spellChecker: false,
      nativeSpellcheck: true,
      forceSync: true,
      status: false,
      uploadImage: false,
      previewImagesInEditor: false,
      promptURLs: false,
      minHeight: "320px",
      previewRender: serverPreview,
      toolbar: [
        tool("heading", window.EasyMDE.toggleHeadingSmaller, "<span>H</span>", labels.heading),
        tool("bold", window.EasyMDE.toggleBold, "<b>B</b>", labels.bold),
        tool("italic", window.EasyMDE.toggleItalic, "<span>I</span>", labels.italic),
        "|",
        // A button's name holds the text it shows (WCAG 2.5.3), hence "1." in the list's name.
        tool("unordered-list", window.EasyMDE.toggleUnorderedList, "<span>• —</span>", labels.bullets),
        tool("ordered-list", window.EasyMDE.toggleOrderedList, "<span>1.</span>", "1. " + labels.numbers),
        tool("table", window.EasyMDE.drawTable, "<span>▦</span>", labels.table),
        tool("link", window.EasyMDE.drawLink, "<span>" + labels.link + "</span>", labels.link),
        "|",
        { name: "preview", action: window.EasyMDE.togglePreview, icon: "<span>" + labels.preview + "</span>",
          title: labels.preview, className: "tool-text", noDisable: true },
        { name: "side-by-side", action: window.EasyMDE.toggleSideBySide,
          icon: "<span>" + labels.sideBySide + "</span>", title: labels.sideBySide, className: "tool-text",
          noDisable: true, noMobile: true }
      ]
    });
    // Tab leaves the editor, as it leaves any field (no keyboard trap, WCAG 2.1.2); lists are
    // indented with the toolbar.
    var keys = Object.assign({}, editor.codemirror.getOption("extraKeys"));
    keys.Tab = false;
    keys["Shift-Tab"] = false;
    editor.codemirror.setOption("extraKeys", keys);
    // CodeMirror types into a textarea of its own: give it the label of the field it replaces.
    var label = form.querySelector("label[for='" + textarea.id + "']");
    if (label) editor.codemirror.getInputField().setAttribute("aria-label", label.textContent.trim());
  }

  function value() { return editor ? editor.value() : textarea.value; }
  function setValue(text) { if (editor) editor.value(text); else textarea.value = text; }

  var lastSaved = value();
  var rowsDirty = false;
  var saving = false;
  var queued = false;
  var inConflict = panel && !panel.classList.contains("d-none");
  var timer = null;
  var leaving = false;

  function setStatus(state, text) {
    statusEl.dataset.state = state;
    statusEl.textContent = text;
  }
  function dirty() { return value() !== lastSaved; }

  function schedule(delay) {
    clearTimeout(timer);
    if (!inConflict) timer = setTimeout(save, delay);
  }
  function changed() {
    if (!dirty()) return;
    setStatus("unsaved", labels.unsaved);
    schedule(DELAY);
  }

  function showConflict(data) {
    inConflict = true;
    clearTimeout(timer);
    panel.dataset.revision = data.revision;
    savedText.value = data.body;
    panel.classList.remove("d-none");
    setStatus("conflict", labels.conflict);
    panel.scrollIntoView({ block: "nearest" });
  }
  function hideConflict() {
    inConflict = false;
    panel.classList.add("d-none");
  }

  function save() {
    if (inConflict) return;
    if (saving) { queued = true; return; }
    var body = value();
    if (body === lastSaved) return;
    saving = true;
    setStatus("saving", labels.saving);
    var data = new FormData();
    data.append("body", body);
    data.append("revision", revisionInput.value);
    fetch(form.action, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "Accept": "application/json" }
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") === -1) return { status: "signed-out", json: {} };
      return response.json().then(function (json) { return { status: response.status, json: json }; });
    }).then(function (result) {
      if (result.status === "signed-out") {
        setStatus("error", labels.signedOut);
      } else if (result.status === 200) {
        revisionInput.value = result.json.revision;
        lastSaved = body;
        if (wordsEl) {
          wordsEl.textContent = labels.words.replace("%(words)s", result.json.words)
            .replace("%(limit)s", result.json.word_limit);
          wordsEl.classList.toggle("text-danger", result.json.words > result.json.word_limit);
        }
        if (dirty()) changed();
        else setStatus("saved", labels.savedAt.replace("%(time)s", result.json.saved_at_display));
      } else if (result.status === 409) {
        showConflict(result.json);
      } else {
        setStatus("error", labels.notSaved + " " + (result.json.error || ""));
      }
    }).catch(function () {
      setStatus("offline", labels.offline);
      schedule(RETRY);
    }).finally(function () {
      saving = false;
      if (queued) { queued = false; save(); }
    });
  }

  if (editor) editor.codemirror.on("change", changed);
  else textarea.addEventListener("input", changed);
  window.addEventListener("online", function () { if (dirty()) save(); });

  if (panel) {
    panel.querySelector("[data-conflict-use-saved]").addEventListener("click", function () {
      revisionInput.value = panel.dataset.revision;
      setValue(savedText.value);
      lastSaved = savedText.value;
      hideConflict();
      setStatus("saved", labels.takenSaved);
    });
    panel.querySelector("[data-conflict-keep-mine]").addEventListener("click", function () {
      revisionInput.value = panel.dataset.revision;
      hideConflict();
      lastSaved = null;  // force a save of the editor's text, merged by the trainee
      save();
    });
  }

  // Rows of a structured section: add one from the formset's empty form, mark the page unsaved.
  var addRow = form.querySelector("[data-add-row]");
  if (addRow) {
    var total = form.querySelector("input[name=rows-TOTAL_FORMS]");
    var template = document.getElementById("row-template");
    var tbody = document.getElementById("rows-body");
    // The server refuses more rows than the formset's maximum: offer no more than that.
    var most = parseInt(form.querySelector("input[name=rows-MAX_NUM_FORMS]").value, 10);
    var full = function () { return parseInt(total.value, 10) >= most; };
    addRow.disabled = full();
    addRow.addEventListener("click", function () {
      if (full()) return;
      var html = template.innerHTML.replace(/__prefix__/g, total.value);
      tbody.insertAdjacentHTML("beforeend", html);
      total.value = parseInt(total.value, 10) + 1;
      addRow.disabled = full();
      rowsDirty = true;
      var first = tbody.lastElementChild && tbody.lastElementChild.querySelector("input, select");
      if (first) first.focus();
    });
    tbody.addEventListener("input", function () { rowsDirty = true; });
  }

  form.addEventListener("submit", function () { leaving = true; });
  window.addEventListener("beforeunload", function (event) {
    if (leaving) return;
    if (dirty() || saving || rowsDirty || inConflict) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();

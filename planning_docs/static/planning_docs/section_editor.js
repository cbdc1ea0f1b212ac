/* The section editor: debounced autosave of the text with the section's revision, a
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

  // The text is always the textarea's: the visual editor (visual_editor.js) writes into it.
  function value() { return textarea.value; }
  function setValue(text) {
    textarea.value = text;
    textarea.dispatchEvent(new Event("section:replaced"));
  }

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

  textarea.addEventListener("input", changed);
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

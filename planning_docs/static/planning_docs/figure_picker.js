/* "Insert figure at the cursor": puts the chosen figure's reference, on a line of its own, where
   the writer's cursor is. An editor on the page that keeps its own text (EasyMDE, or another)
   takes it by handling the "ecotown:insert-block" event on the section form and cancelling it;
   otherwise it goes into the plain text area. */
(function () {
  "use strict";
  var picker = document.querySelector("[data-figure-picker]");
  var form = document.getElementById("section-form");
  if (!picker || !form) { return; }
  var button = picker.querySelector("[data-insert-figure]");
  var choice = picker.querySelector("select");
  if (!button || !choice) { return; }

  function intoTextarea(textarea, text) {
    var start = textarea.selectionStart, end = textarea.selectionEnd, value = textarea.value;
    var before = value.slice(0, start), after = value.slice(end);
    var block = (before && !/\n\n$/.test(before) ? (/\n$/.test(before) ? "\n" : "\n\n") : "") +
      text + (/^\n\n/.test(after) ? "" : (/^\n/.test(after) ? "\n" : "\n\n"));
    textarea.value = before + block + after;
    textarea.selectionStart = textarea.selectionEnd = before.length + block.length;
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
    textarea.focus();
  }

  function intoCodeMirror(cm, text) {
    var cursor = cm.getCursor("from");
    var line = cm.getLine(cursor.line) || "";
    var lead = cursor.ch > 0 || line.trim() ? "\n\n" : "";
    cm.replaceSelection(lead + text + "\n\n");
    cm.focus();
  }

  button.addEventListener("click", function () {
    var text = choice.value;
    var event = new CustomEvent("ecotown:insert-block", { detail: { text: text }, cancelable: true });
    if (!form.dispatchEvent(event)) { return; }
    // EasyMDE keeps the text in CodeMirror, whose wrapper element holds the instance.
    var wrapper = form.querySelector(".CodeMirror");
    if (wrapper && wrapper.CodeMirror) { intoCodeMirror(wrapper.CodeMirror, text); return; }
    intoTextarea(form.querySelector("textarea[name=body]"), text);
  });
})();

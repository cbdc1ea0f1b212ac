/* "Insert figure at the cursor": puts the chosen figure's reference, on a line of its own, where
   the writer's cursor is. The visual editor (visual_editor.js) takes it as a figure block by
   handling the "ecotown:insert-block" event on the section form and cancelling it; in the
   Markdown source view, or without the editor, it goes into the plain text area. */
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

  button.addEventListener("click", function () {
    var text = choice.value;
    var event = new CustomEvent("ecotown:insert-block", { detail: { text: text }, cancelable: true });
    if (!form.dispatchEvent(event)) { return; }
    intoTextarea(form.querySelector("textarea[name=body]"), text);
  });
})();

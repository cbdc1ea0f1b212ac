// Comment on a passage: a selection inside the section's text becomes the new comment's quote.
(function () {
  "use strict";
  const text = document.querySelector("[data-quotable]");
  const form = document.getElementById("new-comment");
  if (!text || !form) return;
  const quote = form.querySelector("input[name=quote]");
  const preview = document.getElementById("quote-preview");
  const wholeSection = preview.textContent;

  function selectedQuote() {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return "";
    const range = selection.getRangeAt(0);
    if (!text.contains(range.commonAncestorContainer)) return "";
    return selection.toString().replace(/\s+/g, " ").trim().slice(0, 2000);
  }

  const clear = form.querySelector("[data-clear-quote]");

  document.addEventListener("selectionchange", function () {
    const chosen = selectedQuote();
    if (!chosen) return;
    quote.value = chosen;
    preview.textContent = preview.dataset.on + " «" + (chosen.length > 160 ? chosen.slice(0, 160) + "…" : chosen) + "»";
    clear.hidden = false;
  });

  clear.addEventListener("click", function () {
    quote.value = "";
    preview.textContent = wholeSection;
    clear.hidden = true;
  });
})();

// Suggest a rewording: the same selection becomes the passage the suggestion replaces.
(function () {
  "use strict";
  const text = document.querySelector("[data-quotable]");
  const form = document.querySelector("[data-quote-form]");
  if (!text || !form) return;
  const quote = form.querySelector("input[name=quote]");
  const preview = form.querySelector("[data-quote-preview]");
  document.addEventListener("selectionchange", function () {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
    if (!text.contains(selection.getRangeAt(0).commonAncestorContainer)) return;
    const chosen = selection.toString().replace(/\s+/g, " ").trim().slice(0, 2000);
    if (!chosen) return;
    quote.value = chosen;
    preview.textContent = preview.dataset.on + " «" + (chosen.length > 160 ? chosen.slice(0, 160) + "…" : chosen) + "»";
  });
})();

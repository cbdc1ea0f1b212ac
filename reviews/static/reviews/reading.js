// The reading view: select a passage to comment on it or suggest a rewording; j/k (or n/p)
// move from comment thread to comment thread; after an htmx action the thread keeps the focus.
// Without this file every part still works: the per-section forms and the thread links.
(function () {
  "use strict";
  let chosen = null; // {section, quote, rect}

  // Looked up each time: releasing all comments swaps the whole view, this bar with it.
  function bar() {
    return document.getElementById("selection-actions");
  }

  function selectedPassage() {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
    const range = selection.getRangeAt(0);
    const start = range.startContainer.parentElement;
    const text = start && start.closest(".reading-text");
    const body = text && text.closest("[data-quotable]");
    if (!body || !body.contains(range.endContainer)) return null;
    const quote = selection.toString().replace(/\s+/g, " ").trim().slice(0, 2000);
    return quote ? {section: body.dataset.section, quote: quote, rect: range.getBoundingClientRect()} : null;
  }

  function showActions() {
    chosen = selectedPassage();
    const actions = bar();
    if (!actions) return;
    if (!chosen) {
      actions.hidden = true;
      return;
    }
    actions.style.top = (window.scrollY + chosen.rect.bottom + 6) + "px";
    actions.style.left = (window.scrollX + Math.max(chosen.rect.left, 8)) + "px";
    actions.hidden = false;
  }

  function openForm(kind) {
    if (!chosen) return;
    const id = (kind === "suggest" ? "suggest-on-" : "comment-on-") + chosen.section;
    const details = document.getElementById(id);
    if (!details) return;
    details.open = true;
    details.querySelector("[data-quote-field]").value = chosen.quote;
    const field = details.querySelector("[data-focus-field]");
    if (kind === "suggest" && !field.value) field.value = chosen.quote;
    bar().hidden = true;
    field.focus();
  }

  document.addEventListener("mouseup", function (event) {
    if (!event.target.closest("#selection-actions")) window.setTimeout(showActions, 0);
  });
  document.addEventListener("keyup", function (event) {
    if (event.shiftKey || event.key === "Shift") showActions();
    if (event.key === "Escape" && bar()) bar().hidden = true;
  });
  // Pressing a button of the bar must not clear the selection it acts on.
  document.addEventListener("mousedown", function (event) {
    if (event.target.closest("#selection-actions")) event.preventDefault();
  });
  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-selection-action]");
    if (button) openForm(button.dataset.selectionAction);
  });

  function showThread(thread) {
    let folded = thread.closest("details");
    while (folded) {
      folded.open = true;
      folded = folded.parentElement.closest("details");
    }
    thread.focus({preventScroll: true});
    thread.scrollIntoView({block: "center"});
  }

  function move(step) {
    const threads = Array.from(document.querySelectorAll("article.thread"));
    if (threads.length === 0) return;
    const current = document.activeElement ? document.activeElement.closest("article.thread") : null;
    let index = threads.indexOf(current);
    if (index === -1) {
      // From the reading position: the first thread below the top of the window.
      // A thread in a folded section stands where its fold does.
      index = threads.findIndex(function (t) {
        return (t.closest("details:not([open])") || t).getBoundingClientRect().top > 0;
      });
      index = index === -1 ? threads.length - 1 : (step > 0 ? index - 1 : index);
    }
    const next = Math.min(Math.max(index + step, 0), threads.length - 1);
    showThread(threads[next]);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target.closest("input, textarea, select, [contenteditable]")) return;
    if (event.key === "j" || event.key === "n") {
      event.preventDefault();
      move(1);
    } else if (event.key === "k" || event.key === "p") {
      event.preventDefault();
      move(-1);
    }
  });

  // A thread link or a highlighted passage leads to its thread, unfolded and focused.
  document.addEventListener("click", function (event) {
    const link = event.target.closest("[data-thread-link]");
    const mark = event.target.closest("mark[data-threads]");
    const id = link ? link.getAttribute("href").slice(1)
      : mark ? "thread-" + mark.dataset.threads.split(" ")[0] : null;
    const thread = id && document.getElementById(id);
    if (!thread || (mark && !window.getSelection().isCollapsed)) return;
    event.preventDefault();
    history.replaceState(null, "", "#" + id);
    showThread(thread);
  });

  // After an action swapped a thread in place, the focus stays on that thread.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    const thread = event.detail.target.closest ? event.detail.target.closest("article.thread") : null;
    const swapped = thread || document.getElementById(event.detail.target.id);
    const again = swapped && swapped.id ? document.getElementById(swapped.id) : null;
    if (again && again.closest("article.thread")) again.closest("article.thread").focus({preventScroll: true});
  });

  // Opened at a thread's address (after a post without htmx): unfold it and focus it.
  if (window.location.hash.startsWith("#thread-")) {
    const thread = document.getElementById(window.location.hash.slice(1));
    if (thread) showThread(thread);
  }
})();

// The timetable grid for coordinators: drag a session to another time or place, or its lower
// edge to change its end. The server checks clashes as for any edit: a refusal (409) puts its
// reason in the alert above the grid and the session goes back where it was. Without this
// script (or by keyboard), "Move or resize" opens the same move as a form.
(function () {
  "use strict";

  function pad(n) { return String(n).padStart(2, "0"); }

  function wallClock(day, minutes) {
    var date = new Date(day + "T00:00:00Z");
    date.setUTCMinutes(date.getUTCMinutes() + minutes);
    return date.getUTCFullYear() + "-" + pad(date.getUTCMonth() + 1) + "-" + pad(date.getUTCDate()) +
      "T" + pad(date.getUTCHours()) + ":" + pad(date.getUTCMinutes());
  }

  function minutesOf(wall, day) {
    // Minutes of a "YYYY-MM-DDTHH:MM" seminar clock after the grid day's midnight.
    return Math.round((Date.parse(wall + ":00Z") - Date.parse(day + "T00:00:00Z")) / 60000);
  }

  function rowHeight(grid) {
    var hour = grid.querySelector(".grid-hour");
    return hour ? hour.getBoundingClientRect().height / 4 : 18;
  }

  function columnAt(grid, x) {
    var heads = grid.querySelectorAll(".grid-head");
    for (var i = 0; i < heads.length; i++) {
      var box = heads[i].getBoundingClientRect();
      if (x >= box.left && x <= box.right) { return heads[i]; }
    }
    return null;
  }

  function showAlert(message) {
    var alert = document.getElementById("grid-alert");
    if (alert) { alert.textContent = message; alert.scrollIntoView({ block: "nearest" }); }
  }

  function send(block, fields) {
    var token = document.querySelector("#grid-csrf input[name=csrfmiddlewaretoken]");
    var body = new URLSearchParams(fields);
    return fetch(block.dataset.moveUrl, {
      method: "POST",
      headers: { "Accept": "application/json", "X-CSRFToken": token ? token.value : "" },
      body: body,
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (answer) {
        if (response.ok) { window.location.reload(); return; }
        block.style.transform = "";
        block.classList.remove("dragging");
        showAlert(answer.error || response.statusText);
      });
    }).catch(function () {
      block.style.transform = "";
      block.classList.remove("dragging");
      showAlert(document.getElementById("grid-alert").dataset.offline);
    });
  }

  function start(event) {
    var block = event.currentTarget;
    if (event.button !== 0 || event.target.closest("a, button, input")) { return; }
    if (window.matchMedia("(max-width: 991.98px)").matches) { return; }  // a list on a phone
    var grid = block.closest(".timetable-grid");
    // The lower edge (the handle, or the last few pixels of a block whose text overflows it)
    // changes the end; anywhere else moves the whole session.
    var edge = block.getBoundingClientRect().bottom - 8;
    var resizing = event.target.classList.contains("resize-handle") || event.clientY >= edge;
    var originX = event.clientX, originY = event.clientY, moved = false;
    var slot = Number(grid.dataset.slot), height = rowHeight(grid);
    var day = grid.dataset.day;
    event.preventDefault();
    block.setPointerCapture(event.pointerId);

    function move(e) {
      var dx = e.clientX - originX, dy = e.clientY - originY;
      if (Math.abs(dx) + Math.abs(dy) > 4) { moved = true; block.classList.add("dragging"); }
      if (!moved) { return; }
      if (resizing) { block.style.transform = "scaleY(1)"; block.style.paddingBottom = Math.max(0, dy) + "px"; }
      else { block.style.transform = "translate(" + dx + "px," + dy + "px)"; }
    }

    function end(e) {
      block.removeEventListener("pointermove", move);
      block.removeEventListener("pointerup", end);
      block.style.paddingBottom = "";
      if (!moved) { block.classList.remove("dragging"); return; }
      var steps = Math.round((e.clientY - originY) / height);
      var startMin = minutesOf(block.dataset.starts, day), endMin = minutesOf(block.dataset.ends, day);
      var place = block.dataset.place;
      if (resizing) {
        endMin = Math.max(startMin + slot, endMin + steps * slot);
      } else {
        startMin += steps * slot; endMin += steps * slot;
        var column = columnAt(grid, e.clientX);
        if (column) { place = column.dataset.place; }
      }
      send(block, { starts_at: wallClock(day, startMin), ends_at: wallClock(day, endMin), place: place || "" });
    }

    block.addEventListener("pointermove", move);
    block.addEventListener("pointerup", end);
  }

  document.querySelectorAll(".timetable-grid .session[data-move-url]").forEach(function (block) {
    block.addEventListener("pointerdown", start);
  });
}());

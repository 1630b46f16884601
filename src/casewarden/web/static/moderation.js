// The review queue and a comment's page, without inline script (the CSP forbids it):
// the live "waiting" count, the "N new — show" notice, select all, the bulk bar's check,
// and the keyboard (j/k move, o/Enter open, x select on the queue; c/u/e/d/h/r on a comment).
(function () {
  "use strict";
  var POLL_MS = 5000;

  function getJson(url) {
    return fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; });
  }

  // The waiting count and the new-comments notice share one poll of the count endpoint.
  var counter = document.getElementById("open-count");
  var fresh = document.getElementById("new-comments");
  var rowsBody = document.getElementById("queue-rows");

  function showNew(count) {
    if (!fresh) { return; }
    fresh.textContent = "";
    if (!count) { return; }
    var link = document.createElement("a");
    link.href = window.location.href;
    link.id = "show-new";
    link.textContent = (fresh.getAttribute("data-label") || "__N__ new — show").replace("__N__", String(count));
    link.addEventListener("click", function (event) {
      event.preventDefault();
      showLatest();
    });
    fresh.appendChild(link);
  }

  // Swap in the list as the server now has it, keeping the page (and the scroll) where it is.
  function showLatest() {
    fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) { window.location.reload(); return; }
        var parsed = new DOMParser().parseFromString(html, "text/html");
        var rows = parsed.getElementById("queue-rows");
        var notice = parsed.getElementById("new-comments");
        if (!rows || !notice || !rowsBody) { window.location.reload(); return; }
        rowsBody.innerHTML = rows.innerHTML;
        fresh.setAttribute("data-source", notice.getAttribute("data-source"));
        showNew(0);
        current = -1;  // j goes to the first comment of the new list
      })
      .catch(function () { window.location.reload(); });
  }

  function poll() {
    var source = fresh && !fresh.hasAttribute("data-paused") ? fresh.getAttribute("data-source")
      : counter ? counter.getAttribute("data-source") : null;
    if (!source) { return; }
    getJson(source)
      .then(function (body) {
        if (!body) { return; }
        if (counter && typeof body.open === "number") { counter.textContent = String(body.open); }
        if (typeof body["new"] === "number") { showNew(body["new"]); }
      })
      .catch(function () { /* offline or signed out: leave the last figures */ });
  }
  if (counter || fresh) {
    poll();
    setInterval(poll, POLL_MS);
  }

  // A comment open with this moderator stays theirs while the page is open: the claim's lease
  // is renewed every minute (it lasts a few), and simply runs out once the page is closed.
  var claim = document.querySelector("[data-renew]");
  if (claim) {
    setInterval(function () {
      fetch(claim.getAttribute("data-renew"), {
        method: "POST",
        credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRF-Token": claim.getAttribute("data-csrf") }
      }).catch(function () { /* offline: the lease runs out, as if the page were closed */ });
    }, 60000);
  }

  // Select all on the page, and the bulk bar refusing to apply to nothing, in place.
  var bulk = document.getElementById("bulk-form");
  var pickAll = document.getElementById("pick-all");
  function boxes() {
    return bulk ? bulk.querySelectorAll("input[name='comment_ids']") : [];
  }
  if (pickAll) {
    pickAll.addEventListener("change", function () {
      Array.prototype.forEach.call(boxes(), function (box) { box.checked = pickAll.checked; });
    });
  }
  if (bulk) {
    bulk.addEventListener("submit", function (event) {
      var chosen = Array.prototype.some.call(boxes(), function (box) { return box.checked; });
      var error = document.getElementById("bulk-error");
      if (!chosen && error) {
        event.preventDefault();
        error.textContent = bulk.getAttribute("data-empty");
        error.hidden = false;
        if (pickAll) { pickAll.focus(); }
      }
    });
    bulk.addEventListener("change", function () {
      var error = document.getElementById("bulk-error");
      if (error && Array.prototype.some.call(boxes(), function (box) { return box.checked; })) {
        error.hidden = true;
      }
    });
  }

  // The keyboard. Typing in a field is never taken for a shortcut.
  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }
  var current = -1;
  function queueLinks() {
    return rowsBody ? rowsBody.querySelectorAll("a.open-comment") : [];
  }
  function move(step) {
    var links = queueLinks();
    if (!links.length) { return; }
    var active = Array.prototype.indexOf.call(links, document.activeElement);
    if (active >= 0) { current = active; }
    current = Math.max(0, Math.min(links.length - 1, current + step));
    links[current].focus();
  }
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) { return; }
    var key = event.key;
    if (rowsBody) {
      if (key === "j") { move(1); event.preventDefault(); return; }
      if (key === "k") { move(-1); event.preventDefault(); return; }
      if (key === "o" && document.activeElement && document.activeElement.classList.contains("open-comment")) {
        document.activeElement.click(); event.preventDefault(); return;
      }
      if (key === "x" && document.activeElement && document.activeElement.classList.contains("open-comment")) {
        var row = document.activeElement.closest("tr");
        var box = row && row.querySelector("input[name='comment_ids']");
        if (box) { box.checked = !box.checked; box.dispatchEvent(new Event("change", { bubbles: true })); }
        event.preventDefault(); return;
      }
      if (key === "n") {
        var show = document.getElementById("show-new");
        if (show) { show.click(); event.preventDefault(); }
        return;
      }
    }
    var control = document.querySelector("[data-key='" + (key.length === 1 ? key : "") + "']");
    if (!control) { return; }
    event.preventDefault();
    if (control.tagName === "SELECT") { control.focus(); return; }
    control.click();
  });
}());

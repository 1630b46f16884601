// Keeps the review queue's "waiting" count current without a reload.
(function () {
  "use strict";
  var target = document.getElementById("open-count");
  if (!target) { return; }
  function refresh() {
    fetch(target.getAttribute("data-source"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) { if (body && typeof body.open === "number") { target.textContent = String(body.open); } })
      .catch(function () { /* offline or signed out: leave the last number */ });
  }
  refresh();
  setInterval(refresh, 15000);
}());

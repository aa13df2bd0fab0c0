// The projector window follows the facilitator: reload when what it shows has changed.
(function () {
  "use strict";
  var body = document.body;
  var stand = body.dataset.stand;
  function kijk() {
    fetch(body.dataset.standUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) { if (d && d.stand !== stand) window.location.reload(); })
      .catch(function () { /* the laptop may be between networks; try again shortly */ })
      .then(function () { setTimeout(kijk, 1500); });
  }
  setTimeout(kijk, 1500);
})();

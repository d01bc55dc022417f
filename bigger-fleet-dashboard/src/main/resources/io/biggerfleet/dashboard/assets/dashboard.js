// Bigger Fleet dashboard: live updates (server-sent events), the live device count, nothing else.
// Vendored, no dependencies, no build step. Every value from the server is set with textContent or
// comes in server-escaped HTML; nothing here builds markup from data.
(function () {
  "use strict";

  var refreshing = false;
  var again = false;

  // Re-fetch this page and swap in its live regions (elements with data-live and an id).
  function refresh() {
    if (refreshing) { again = true; return; }
    if (!document.querySelector("[data-live]")) { return; }
    refreshing = true;
    fetch(location.href, { headers: { "X-Dashboard-Fragment": "1" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html === null) { return; }
        var doc = new DOMParser().parseFromString(html, "text/html");
        document.querySelectorAll("[data-live]").forEach(function (old) {
          var fresh = old.id && doc.getElementById(old.id);
          if (fresh) { old.replaceWith(document.importNode(fresh, true)); }
        });
        document.body.setAttribute("data-refreshed", String(Date.now()));
      })
      .catch(function () { /* next event retries */ })
      .finally(function () {
        refreshing = false;
        if (again) { again = false; refresh(); }
      });
  }

  function connect() {
    if (!window.EventSource) { return; }
    var dot = document.getElementById("live-status");
    var es = new EventSource("/live");
    es.addEventListener("open", function () { if (dot) { dot.className = "live on"; } });
    es.addEventListener("error", function () { if (dot) { dot.className = "live off"; } });
    es.addEventListener("change", function (e) {
      try { document.body.setAttribute("data-seq", String(JSON.parse(e.data).seq)); } catch (x) { /* ignore */ }
      refresh();
    });
  }

  // Device search: the count (or the expression error with its caret) while typing.
  function liveCount() {
    var q = document.getElementById("q");
    var out = document.getElementById("live-count");
    var err = document.getElementById("q-error");
    if (!q || !out || !err) { return; }
    var timer = null;
    var seq = 0;
    q.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var mine = ++seq;
        fetch(q.getAttribute("data-count-url") + "?q=" + encodeURIComponent(q.value), { credentials: "same-origin" })
          .then(function (r) { return r.json(); })
          .then(function (j) {
            if (mine !== seq) { return; }
            if (j.error) {
              out.textContent = "";
              err.textContent = j.error;
            } else {
              err.textContent = "";
              out.textContent = j.count.toLocaleString("en") + (j.count === 1 ? " device" : " devices");
            }
          })
          .catch(function () { /* ignore */ });
      }, 200);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    connect();
    liveCount();
  });
})();

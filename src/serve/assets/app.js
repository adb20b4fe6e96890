// tarjama serve: review actions without a full reload, and the TUI's keys. Served from
// /assets/app.js: the Content-Security-Policy forbids inline scripts, so this is the only script
// a page runs. Every action posts a form with the page's CSRF token, the pair's version and the
// reviewer's name, and swaps in the pair fragment the server answers with; a 409 means the pair
// changed elsewhere, and the page says to reload rather than act on what it shows.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="csrf"]');
  var csrf = meta ? meta.getAttribute("content") : "";
  var reviewer = document.getElementById("reviewer");
  var COOKIE = "tarjama_reviewer";

  function getCookie(name) {
    var parts = document.cookie.split(";");
    for (var i = 0; i < parts.length; i++) {
      var kv = parts[i].trim().split("=");
      if (kv[0] === name) {
        try { return decodeURIComponent(kv.slice(1).join("=")); } catch (e) { return ""; }
      }
    }
    return "";
  }
  function saveReviewer(v) {
    document.cookie = COOKIE + "=" + encodeURIComponent(v) + "; Path=/; Max-Age=31536000; SameSite=Strict";
  }
  if (reviewer) {
    reviewer.value = getCookie(COOKIE);
    reviewer.addEventListener("change", function () { saveReviewer(reviewer.value.trim()); });
  }

  function banner(msg, kind) {
    var b = document.getElementById("banner");
    if (!b) return;
    b.textContent = msg || "";
    b.className = kind || "";
    b.hidden = !msg;
  }

  function section() { return document.getElementById("pair"); }
  function rows() { return Array.prototype.slice.call(document.querySelectorAll("tr.bead")); }
  var selected = null;

  function select(row, scroll) {
    if (!row) return;
    rows().forEach(function (r) { r.classList.remove("sel"); });
    row.classList.add("sel");
    selected = row.getAttribute("data-bead");
    if (scroll) row.scrollIntoView({ block: "center" });
    // Split choices for this bead: after 1 … (longest side − 1) sentences.
    var sel = document.getElementById("split-at");
    if (sel) {
      var n = Math.max(+row.getAttribute("data-src"), +row.getAttribute("data-tgt"));
      sel.textContent = "";
      for (var k = 1; k < Math.max(n, 2); k++) {
        var o = document.createElement("option");
        o.value = String(k);
        o.textContent = String(k);
        sel.appendChild(o);
      }
    }
  }
  function current() {
    return selected ? document.querySelector('tr.bead[data-bead="' + selected + '"]') : null;
  }
  function step(delta) {
    var all = rows();
    var k = all.indexOf(current());
    var next = all[Math.min(Math.max(k + delta, 0), all.length - 1)];
    select(next, true);
  }
  function nextWhere(pred) {
    var all = rows();
    var k = all.indexOf(current());
    for (var i = 1; i <= all.length; i++) {
      var r = all[(k + i) % all.length];
      if (pred(r)) { select(r, true); return; }
    }
    banner("No such bead left on this pair.", "");
  }

  function post(params) {
    var sec = section();
    if (!sec) return Promise.resolve(false);
    var name = reviewer ? reviewer.value.trim() : "";
    if (!name) {
      banner("Enter your name in the Reviewer field first: every decision is logged with its reviewer.", "error");
      if (reviewer) reviewer.focus();
      return Promise.resolve(false);
    }
    saveReviewer(name);
    params.version = sec.getAttribute("data-version");
    params.csrf = csrf;
    params.reviewer = name;
    var all = rows();
    var index = all.indexOf(current());
    return fetch("/pairs/" + sec.getAttribute("data-pair") + "/act", {
      method: "POST",
      body: new URLSearchParams(params),
      credentials: "same-origin",
      headers: { "X-CSRF-Token": csrf }
    }).then(function (res) {
      return res.text().then(function (text) { return { res: res, text: text }; });
    }).then(function (r) {
      if (r.res.status === 409) {
        // The server says what changed and that nothing was saved; offer the reload.
        banner(r.text + " ", "error");
        var again = document.createElement("button");
        again.type = "button";
        again.textContent = "Reload now";
        again.addEventListener("click", function () { location.reload(); });
        document.getElementById("banner").appendChild(again);
        document.body.classList.add("stale");
        return false;
      }
      if (!r.res.ok) { banner(r.text, "error"); return false; }
      section().outerHTML = r.text;
      banner("", "");
      var again = selected && document.querySelector('tr.bead[data-bead="' + selected + '"]');
      var now = rows();
      select(again || now[Math.min(Math.max(index, 0), now.length - 1)], false);
      return true;
    }).catch(function (e) {
      banner("The server did not answer (" + e + "); nothing was saved.", "error");
      return false;
    });
  }

  function act(op, extra) {
    var row = current();
    if (op !== "undo" && !row) { banner("Select a bead first (click it, or j/k).", "error"); return Promise.resolve(false); }
    var p = { op: op };
    if (row) p.bead = row.getAttribute("data-bead");
    if (op === "merge") {
      p.next = row.getAttribute("data-next");
      if (p.next === "0") { banner("The last bead has no next bead to merge with.", "error"); return Promise.resolve(false); }
    }
    if (op === "split") {
      var at = document.getElementById("split-at");
      p.at = at ? at.value : "1";
    }
    for (var k in extra || {}) p[k] = extra[k];
    return post(p);
  }

  document.addEventListener("click", function (e) {
    var t = e.target;
    var button = t.closest ? t.closest("button[data-op]") : null;
    if (button) {
      var op = button.getAttribute("data-op");
      if (op === "flag-confirm" || op === "flag-dismiss") {
        var li = button.closest("li");
        var note = li ? li.querySelector("input.note") : null;
        post({ op: op, flag: button.getAttribute("data-flag"), note: note ? note.value : "" });
      } else if (op === "shift") {
        act(op, { dir: button.getAttribute("data-dir"), side: button.getAttribute("data-side") });
      } else {
        act(op).then(function (ok) { if (ok && op === "confirm") step(1); });
      }
      return;
    }
    if (t.closest && !t.closest("a,input,select,label")) {
      var row = t.closest("tr.bead");
      if (row) select(row, false);
      var frow = t.closest("tr.flags");
      if (frow) select(document.querySelector('tr.bead[data-bead="' + frow.getAttribute("data-for") + '"]'), false);
    }
  });

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var tag = (e.target && e.target.tagName) || "";
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
    if (!section()) return;
    var keys = {
      j: function () { step(1); }, ArrowDown: function () { step(1); },
      k: function () { step(-1); }, ArrowUp: function () { step(-1); },
      c: function () { act("confirm").then(function (ok) { if (ok) step(1); }); },
      x: function () { act("reject"); },
      m: function () { act("merge"); },
      u: function () { act("undo"); },
      n: function () { nextWhere(function (r) { return r.getAttribute("data-status") === "automatic"; }); },
      f: function () { nextWhere(function (r) { return r.getAttribute("data-flags") !== "0"; }); }
    };
    var f = keys[e.key];
    if (f) { e.preventDefault(); f(); }
  });

  // The bead or flag named in the address, else the first bead.
  var start = null;
  var m = /^#(bead|flag)-(\d+)$/.exec(location.hash);
  if (m && m[1] === "bead") start = document.getElementById("bead-" + m[2]);
  if (m && m[1] === "flag") {
    var fl = document.getElementById("flag-" + m[2]);
    var fr = fl && fl.closest("tr.flags");
    if (fr) start = document.querySelector('tr.bead[data-bead="' + fr.getAttribute("data-for") + '"]');
  }
  if (section()) select(start || rows()[0], !!start);
})();

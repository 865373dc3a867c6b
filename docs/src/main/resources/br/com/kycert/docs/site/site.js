// kycert docs: example tabs, copy buttons, search and the light/dark switch. Plain script, no
// library, nothing fetched: the search index is assets/search-index.js, generated at build time.
(function () {
  "use strict";
  var root = document.documentElement;
  var params = new URLSearchParams(location.search);

  function store(key, value) {
    try { localStorage.setItem(key, value); } catch (e) { /* file:// or storage off: still works for this page */ }
  }
  function stored(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }

  // ---- light / dark: the system's preference until the reader picks one (?theme= also picks)
  function effectiveTheme() {
    if (root.dataset.theme) return root.dataset.theme;
    return window.matchMedia && matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  function setTheme(theme) {
    root.dataset.theme = theme;
    store("kycert-theme", theme);
  }
  if (params.get("theme") === "dark" || params.get("theme") === "light") setTheme(params.get("theme"));
  document.querySelectorAll(".theme-toggle").forEach(function (button) {
    button.addEventListener("click", function () { setTheme(effectiveTheme() === "dark" ? "light" : "dark"); });
  });

  // ---- curl / Java tabs: one choice for every example of every page
  var groups = document.querySelectorAll("[data-tabs]");
  function selectLanguage(lang) {
    groups.forEach(function (group) {
      var has = group.querySelector('.tab-panel[data-lang="' + lang + '"]');
      var pick = has ? lang : "curl";
      group.querySelectorAll('[role="tab"]').forEach(function (tab) {
        var on = tab.dataset.lang === pick;
        tab.setAttribute("aria-selected", on ? "true" : "false");
        tab.tabIndex = on ? 0 : -1;
      });
      group.querySelectorAll(".tab-panel").forEach(function (panel) { panel.hidden = panel.dataset.lang !== pick; });
    });
  }
  groups.forEach(function (group) {
    group.querySelectorAll('[role="tab"]').forEach(function (tab) {
      tab.addEventListener("click", function () {
        store("kycert-lang", tab.dataset.lang);
        selectLanguage(tab.dataset.lang);
      });
    });
  });
  if (groups.length) selectLanguage(params.get("lang") || stored("kycert-lang") || "curl");

  // ---- copy buttons on every code block
  document.querySelectorAll(".code").forEach(function (block) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy this code");
    button.addEventListener("click", function () {
      var text = block.querySelector("code").innerText;
      var done = function (copied) {
        // Say so when nothing could be copied (clipboard refused, no fallback): select the code instead.
        button.textContent = copied ? "Copied" : "Press Ctrl+C";
        if (!copied) window.getSelection().selectAllChildren(block.querySelector("code"));
        setTimeout(function () { button.textContent = "Copy"; }, 1500);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(fallbackCopy(text)); });
      } else {
        done(fallbackCopy(text));
      }
    });
    block.appendChild(button);
  });
  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (e) { /* nothing more to try */ }
    document.body.removeChild(area);
    return copied;
  }

  // ---- search over guides, error codes and the reference
  var index = window.KYCERT_SEARCH || [];
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  index.forEach(function (e) { e.f = fold(e.t + " " + e.k); e.g = fold(e.x); });
  // At most perPage sections of one page (the box's short list), so that one page cannot fill it.
  function search(query, limit, perPage) {
    var terms = fold(query).split(/\s+/).filter(Boolean);
    if (!terms.length) return [];
    var hits = [];
    index.forEach(function (e) {
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        var inTitle = e.f.indexOf(terms[i]) >= 0;
        var inText = e.g.indexOf(terms[i]) >= 0;
        if (!inTitle && !inText) return;
        score += (inTitle ? 10 : 0) + (inText ? 1 : 0);
      }
      hits.push({ e: e, score: score });
    });
    hits.sort(function (a, b) { return b.score - a.score; });
    var shown = [];
    var perPageShown = {};
    for (var i = 0; i < hits.length && shown.length < limit; i++) {
      var page = hits[i].e.u.split("#")[0];
      perPageShown[page] = (perPageShown[page] || 0) + 1;
      if (!perPage || perPageShown[page] <= perPage) shown.push(hits[i].e);
    }
    return shown;
  }
  function snippet(e, query) {
    var terms = fold(query).split(/\s+/).filter(Boolean);
    var at = terms.length ? e.g.indexOf(terms[0]) : -1;
    var start = Math.max(0, at - 60);
    return (start > 0 ? "…" : "") + e.x.substr(start, 160) + (e.x.length > start + 160 ? "…" : "");
  }
  function item(e, query, withSnippet) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = e.u;
    var title = document.createElement("span");
    title.className = "hit-title";
    title.textContent = e.t;
    var kind = document.createElement("span");
    kind.className = "hit-kind";
    kind.textContent = e.k;
    a.appendChild(title);
    a.appendChild(kind);
    li.appendChild(a);
    if (withSnippet) {
      var p = document.createElement("p");
      p.textContent = snippet(e, query);
      li.appendChild(p);
    }
    return li;
  }
  var input = document.getElementById("search");
  var hitsList = document.querySelector(".search-hits");
  if (input && hitsList) {
    input.addEventListener("input", function () {
      hitsList.textContent = "";
      var hits = search(input.value, 8, 3);
      hits.forEach(function (e) { hitsList.appendChild(item(e, input.value, false)); });
      hitsList.hidden = hits.length === 0;
    });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { hitsList.hidden = true; input.blur(); }
    });
    // A hit on this same page only moves to its section: close the list then, and on any click elsewhere.
    hitsList.addEventListener("click", function (ev) {
      if (ev.target.closest("a")) hitsList.hidden = true;
    });
    document.addEventListener("click", function (ev) {
      if (!ev.target.closest("form.search")) hitsList.hidden = true;
    });
    input.addEventListener("focus", function () {
      if (hitsList.childElementCount) hitsList.hidden = false;
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "/" && document.activeElement !== input && !/input|textarea/i.test(document.activeElement.tagName)) {
        ev.preventDefault();
        input.focus();
      }
    });
  }
  var results = document.getElementById("search-results");
  if (results) {
    var query = params.get("q") || "";
    var pageInput = document.querySelector(".search-page input");
    if (pageInput) pageInput.value = query;
    var found = search(query, 50);
    found.forEach(function (e) { results.appendChild(item(e, query, true)); });
    results.dataset.count = String(found.length);
    if (query && !found.length) {
      var none = document.createElement("li");
      none.className = "no-hits";
      none.textContent = "Nothing matches \u201c" + query + "\u201d.";
      results.appendChild(none);
    }
  }
})();

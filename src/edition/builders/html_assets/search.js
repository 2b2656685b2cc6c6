/* Search across the edition, in the browser, over data files the build wrote beside the
   pages (search/ID.js, one per text). They load as scripts, so the search works from a web
   server and from files opened straight from disk alike, and never asks anything of a
   network. A query is a set of words (all must occur, each at the start of a word; accents
   and case do not matter) and "quoted phrases". A result links to its passage. */
(function () {
  "use strict";

  var form = document.getElementById("search-form");
  if (!form) return;
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var LIMIT = 200;
  var loading = null;

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[\u2018\u2019\u02bc]/g, "'")
            .replace(/[\u201c\u201d]/g, '"').toLowerCase();
  }

  function escapeRegExp(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  function loadData() {
    if (loading) return loading;
    var files = (form.getAttribute("data-index") || "").split(/\s+/).filter(Boolean);
    loading = Promise.all(files.map(function (file) {
      return new Promise(function (resolve) {
        var script = document.createElement("script");
        script.src = file;
        script.onload = resolve;
        script.onerror = function () { resolve(); };
        document.head.appendChild(script);
      });
    })).then(function () {
      var passages = [];
      (window.editionSearchData || []).forEach(function (text) {
        text[2].forEach(function (p) {
          passages.push({ href: p[0], title: p[1], page: p[2], text: p[3], folded: fold(p[3]), textTitle: text[1] });
        });
      });
      return passages;
    });
    return loading;
  }

  // Terms of a query: quoted phrases and single words, each a pattern anchored at a word start.
  function terms(query) {
    var out = [];
    var re = /"([^"]+)"|(\S+)/g, m;
    var q = fold(query);
    while ((m = re.exec(q))) {
      var t = (m[1] || m[2]).trim().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
      if (t) out.push(new RegExp("(^|[^\\p{L}\\p{N}])(" + escapeRegExp(t).replace(/\s+/g, "\\s+") + ")", "gu"));
    }
    return out;
  }

  function snippet(passage, patterns) {
    var text = passage.text, folded = passage.folded;
    var ranges = [];
    patterns.forEach(function (re) {
      re.lastIndex = 0;
      var m;
      while ((m = re.exec(folded))) {
        var start = m.index + m[1].length;
        ranges.push([start, start + m[2].length]);
        if (re.lastIndex === m.index) re.lastIndex++;
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var first = ranges.length ? ranges[0][0] : 0;
    var from = Math.max(0, first - 90), to = Math.min(text.length, first + 210);
    // Start and end the extract at word boundaries.
    if (from > 0) { var space = text.indexOf(" ", from); if (space > -1 && space < first) from = space + 1; }
    if (to < text.length) { var end = text.lastIndexOf(" ", to); if (end > first) to = end; }
    var out = document.createElement("span");
    out.className = "result-text";
    if (from > 0) out.appendChild(document.createTextNode("… "));
    var at = from;
    ranges.forEach(function (r) {
      if (r[0] < at || r[1] > to) return;
      out.appendChild(document.createTextNode(text.slice(at, r[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(r[0], r[1]);
      out.appendChild(mark);
      at = r[1];
    });
    out.appendChild(document.createTextNode(text.slice(at, to) + (to < text.length ? " …" : "")));
    return { node: out, count: ranges.length };
  }

  function run(query) {
    var patterns = terms(query);
    list.textContent = "";
    if (!patterns.length) { status.textContent = ""; return; }
    status.textContent = "Searching…";
    loadData().then(function (passages) {
      var hits = [];
      passages.forEach(function (p, index) {
        for (var i = 0; i < patterns.length; i++) {
          patterns[i].lastIndex = 0;
          if (!patterns[i].test(p.folded)) return;
        }
        var s = snippet(p, patterns);
        hits.push({ p: p, s: s, index: index });
      });
      hits.sort(function (a, b) { return b.s.count - a.s.count || a.index - b.index; });
      hits.slice(0, LIMIT).forEach(function (hit) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = hit.p.href;
        a.textContent = hit.p.title;
        li.appendChild(a);
        var where = document.createElement("span");
        where.className = "result-where";
        where.textContent = hit.p.page ? "printed page " + hit.p.page : "";
        if (where.textContent) li.appendChild(where);
        li.appendChild(hit.s.node);
        list.appendChild(li);
      });
      var n = hits.length;
      status.textContent = n === 0 ? "No passage contains all of these words." :
        (n === 1 ? "1 passage found." : n + " passages found.") +
        (n > LIMIT ? " The first " + LIMIT + " are shown." : "");
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var q = input.value;
    if (history.replaceState) history.replaceState(null, "", "?q=" + encodeURIComponent(q));
    run(q);
  });

  var initial = new URLSearchParams(location.search).get("q");
  if (initial) {
    input.value = initial;
    run(initial);
  }
})();

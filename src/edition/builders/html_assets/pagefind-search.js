/* A large edition's search page: Pagefind's interface over the index the build wrote in
   pagefind/part-N/. Pagefind fetches the parts of its index a query needs, so the site must be
   served (a web server, or `edition serve`); opened from disk, the page says so. The query
   of the search box on every page (search.html?q=…) is searched at once. */
(function () {
  "use strict";

  var element = document.getElementById("pagefind-search");
  var status = document.getElementById("search-status");
  if (!element) return;
  // Only a served site can fetch the index: not one opened from disk.
  if (!/^https?:$/.test(location.protocol) || typeof PagefindUI === "undefined") {
    status.textContent = "The search of a large edition needs the site served by a web " +
      "server (for instance python3 -m http.server in this directory); opened from disk, " +
      "it cannot load its index.";
    return;
  }
  // Results are addressed from the site's root: the directory that holds this page.
  var base = location.pathname.replace(/[^/]*$/, "");
  // A large site's index is in parts (Pagefind holds an index in memory while making it):
  // the first is the bundle, the others are merged into every search.
  var parts = (element.getAttribute("data-parts") || "pagefind/part-1/").split(/\s+/);
  var ui = new PagefindUI({
    element: element,
    baseUrl: base,
    bundlePath: base + parts[0],
    mergeIndex: parts.slice(1).map(function (part) { return { bundlePath: base + part }; }),
    showImages: false,
    resetStyles: false
  });
  var query = new URLSearchParams(location.search).get("q");
  if (query) ui.triggerSearch(query);
})();

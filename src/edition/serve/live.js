// edition serve: reload this page when the preview is rebuilt, where the reader had scrolled.
// Added to each page by the preview's server only; the built pages do not contain it.
(function () {
  "use strict";
  var script = document.currentScript;
  var shown = script.getAttribute("data-generation");
  // A page listing problems stands in for the real one: it neither keeps nor uses the
  // position, so the page comes back where it was before the problems began.
  var standIn = script.hasAttribute("data-problems");
  var key = "edition-serve:scroll:" + location.pathname;

  if ("scrollRestoration" in history) {
    history.scrollRestoration = "manual";
  }

  function restore(at) {
    window.scrollTo(at.x, at.y);
  }

  if (!standIn) {
    var saved = null;
    try {
      saved = JSON.parse(sessionStorage.getItem(key) || "null");
    } catch (e) {
      saved = null;
    }
    sessionStorage.removeItem(key);
    if (saved) {
      restore(saved);
      // Fonts and pictures arriving later change the page's height: place it again then.
      window.addEventListener("load", function () {
        restore(saved);
        if (document.fonts) {
          document.fonts.ready.then(function () { restore(saved); });
        }
      });
    }
  }

  var events = new EventSource("/__edition/events");
  events.addEventListener("generation", function (event) {
    if (event.data === shown) {
      return;
    }
    if (!standIn) {
      sessionStorage.setItem(key, JSON.stringify({ x: window.scrollX, y: window.scrollY }));
    }
    events.close();
    location.reload();
  });
})();

/* The web edition's reading aids, added on top of pages that work without them.

   Notes: a note call (a.noteref, a link to the note on the same page) shows the note in a
   popover when pointed at or focused, and keeps it open when activated; Escape closes it.
   Without this script the call is a plain link to the note, which links back.

   Page markers: a printed page number in the margin (a.pb-label, a link to its own anchor,
   "#p67") offers, when activated, a citation of that page with its address to copy. */
(function () {
  "use strict";

  var popover = null;      // the one open note popover
  var popoverCall = null;  // the call it belongs to
  var pinned = false;      // opened by activation (stays until closed)
  var hideTimer = null;
  var citeBox = null;

  function place(box, anchor) {
    var r = anchor.getBoundingClientRect();
    var width = box.offsetWidth;
    var left = Math.max(8, Math.min(r.left + window.scrollX - 16,
                                    window.scrollX + document.documentElement.clientWidth - width - 8));
    box.style.left = left + "px";
    var below = r.bottom + window.scrollY + 6;
    var above = r.top + window.scrollY - box.offsetHeight - 6;
    var roomBelow = window.innerHeight - r.bottom;
    box.style.top = (roomBelow < box.offsetHeight + 12 && above > window.scrollY ? above : below) + "px";
  }

  // A copy of the note, without ids (they stay unique on the page) or its backlinks.
  function noteCopy(note) {
    var copy = note.cloneNode(true);
    copy.removeAttribute("id");
    copy.querySelectorAll("[id]").forEach(function (e) { e.removeAttribute("id"); });
    copy.querySelectorAll("a[role='doc-backlink']").forEach(function (a) {
      var span = document.createElement("span");
      span.textContent = a.textContent;
      a.replaceWith(span);
    });
    copy.querySelectorAll(".note-source").forEach(function (e) { e.remove(); });
    return copy;
  }

  function closeNote(returnFocus) {
    if (!popover) return;
    if (popoverCall) {
      popoverCall.removeAttribute("aria-describedby");
      popoverCall.setAttribute("aria-expanded", "false");
      if (returnFocus) popoverCall.focus();
    }
    popover.remove();
    popover = null;
    popoverCall = null;
    pinned = false;
  }

  function openNote(call, pin) {
    var id = decodeURIComponent(call.hash.slice(1));
    var note = document.getElementById(id);
    if (!note) return false;
    if (popover && popoverCall === call) {
      if (pin) pinned = true;
      return true;
    }
    closeNote(false);
    popover = document.createElement("div");
    popover.className = "note-popover";
    popover.id = "note-popover";
    popover.setAttribute("role", "tooltip");
    popover.appendChild(noteCopy(note));
    var more = document.createElement("p");
    more.className = "popover-more";
    var link = document.createElement("a");
    link.href = "#" + id;
    link.textContent = "Go to the note";
    link.addEventListener("click", function () { closeNote(false); });
    more.appendChild(link);
    popover.appendChild(more);
    popover.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    popover.addEventListener("mouseleave", scheduleHide);
    document.body.appendChild(popover);
    place(popover, call);
    popoverCall = call;
    pinned = !!pin;
    call.setAttribute("aria-describedby", popover.id);
    call.setAttribute("aria-expanded", "true");
    return true;
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    if (pinned) return;
    hideTimer = setTimeout(function () { if (!pinned) closeNote(false); }, 300);
  }

  function initNotes() {
    document.querySelectorAll("a.noteref").forEach(function (call) {
      if (!call.hash || call.pathname !== location.pathname) return;
      var showTimer = null;
      call.addEventListener("mouseenter", function () {
        clearTimeout(hideTimer);
        showTimer = setTimeout(function () { openNote(call, false); }, 200);
      });
      call.addEventListener("mouseleave", function () { clearTimeout(showTimer); scheduleHide(); });
      call.addEventListener("focus", function () { clearTimeout(hideTimer); openNote(call, false); });
      call.addEventListener("blur", function (event) {
        if (popover && event.relatedTarget && popover.contains(event.relatedTarget)) return;
        scheduleHide();
      });
      call.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey) return;
        if (popover && popoverCall === call && pinned) {
          event.preventDefault();
          closeNote(false);
          return;
        }
        if (openNote(call, true)) event.preventDefault();
      });
    });
    document.addEventListener("click", function (event) {
      if (popover && pinned && !popover.contains(event.target) && event.target.closest("a.noteref") !== popoverCall) {
        closeNote(false);
      }
    });
  }

  // ---------------------------------------------------------------- cite this page

  function pageAddress(id) {
    return location.href.split("#")[0] + "#" + id;
  }

  function citation(label) {
    var article = label.closest("[data-citation]") || document.querySelector("[data-citation]");
    var source = article ? article.getAttribute("data-citation") : "";
    var edition = article ? article.getAttribute("data-edition") : document.title;
    var page = label.getAttribute("data-cite-page");
    var id = decodeURIComponent(label.hash.slice(1));
    return (source ? source + ", p. " + page + ". " : "Page " + page + ". ") +
           "In: " + edition + ", " + pageAddress(id);
  }

  function closeCite() {
    if (!citeBox) return;
    var label = citeBox._label;
    citeBox.remove();
    citeBox = null;
    if (label) label.focus();
  }

  function openCite(label) {
    closeCite();
    var id = decodeURIComponent(label.hash.slice(1));
    citeBox = document.createElement("div");
    citeBox.className = "cite-box";
    citeBox.setAttribute("role", "dialog");
    citeBox.setAttribute("aria-label", "Cite page " + label.getAttribute("data-cite-page"));
    citeBox._label = label;
    var intro = document.createElement("p");
    intro.textContent = "Cite page " + label.getAttribute("data-cite-page") + " of the printed source:";
    var area = document.createElement("textarea");
    area.readOnly = true;
    area.value = citation(label);
    area.setAttribute("aria-label", "Citation");
    var actions = document.createElement("div");
    actions.className = "cite-actions";
    var copy = document.createElement("button");
    copy.type = "button";
    copy.textContent = "Copy";
    copy.addEventListener("click", function () {
      area.select();
      var done = function () { copy.textContent = "Copied"; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(area.value).then(done, function () { document.execCommand("copy"); done(); });
      } else {
        document.execCommand("copy");
        done();
      }
    });
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Close";
    close.addEventListener("click", closeCite);
    actions.appendChild(copy);
    actions.appendChild(close);
    citeBox.appendChild(intro);
    citeBox.appendChild(area);
    citeBox.appendChild(actions);
    citeBox.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); closeCite(); }
    });
    document.body.appendChild(citeBox);
    place(citeBox, label);
    if (history.replaceState) history.replaceState(null, "", "#" + id);
    var target = document.getElementById(id);
    if (target) {
      document.querySelectorAll(".pb.is-cited").forEach(function (e) { e.classList.remove("is-cited"); });
      target.classList.add("is-cited");
    }
    area.focus();
    area.select();
  }

  function initPages() {
    document.querySelectorAll("a.pb-label[data-cite-page]").forEach(function (label) {
      label.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey) return;
        event.preventDefault();
        openCite(label);
      });
    });
    document.addEventListener("click", function (event) {
      if (citeBox && !citeBox.contains(event.target) && !event.target.closest("a.pb-label")) closeCite();
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && popover) closeNote(true);
  });

  function init() {
    initNotes();
    initPages();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

"""`edition serve`: a live preview of the web edition while the TEI is being edited.

Modules: watch.py (polling the files), server.py (http.server, the event stream, the
script injected into pages), live.js (the page's side), problems.py (the pages that stand
in for the edition).
"""

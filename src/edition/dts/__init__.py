"""The Distributed Text Services 1.0 API of the edition, as static files
(`edition build --format dts`, builders/dts.py).

- trees.py: a text's citation trees (its refsDecl/citeStructure, else the default tree),
  evaluated by xslt/dts.xsl; xpaths.py: which of another project's XPath may be evaluated;
- fragments.py: the TEI of a text or of one citable unit (a page cut between its pb's);
- metadata.py: title, description and Dublin Core terms from a TEI header;
- api.py: the JSON-LD responses and the query string each answers;
- uri.py: RFC 6570 URI templates, and the file that answers a URL.
"""

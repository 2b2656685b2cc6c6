"""Validation messages and the catalogue of their codes.

A code is a category letter and three digits, never reused once published:
X (XML loading), R (RELAX NG grammar), S (Schematron rules, defined in schema/edition.sch),
T (stylesheets: xsl:message text "CODE|severity|text"), H (the web edition's builder),
W (the build's word accounting), B (the edition's books), C (edition check), L (edition
proof: the reading text), D (the DTS API's citation trees).
"""

from __future__ import annotations

from dataclasses import dataclass

from edition.xml import Location

ERROR = "error"
WARNING = "warning"

CATALOGUE: dict[str, str] = {
    "X001": "the file is not well-formed XML",
    "X002": "entity declarations and references are refused (XXE, entity expansion)",
    "X003": "external DTDs are refused and never fetched",
    "R001": "an element or attribute is not allowed where it stands (RELAX NG)",
    "R002": "the root element is not a TEI element in the TEI namespace",
    "R003": "something required is missing (RELAX NG)",
    "R004": "an attribute value has the wrong form (RELAX NG)",
    "R010": "another project's file lacks what rendering needs (teiHeader; text, sourceDoc "
            "or facsimile): not built",
    "R020": "another project's file against the RELAX NG schema it names (or --schema): "
            "a warning, the file is built",
    "R021": "the schema a file names cannot be used (not on this machine, compact syntax, "
            "unreadable): never fetched",
    "S001": "a local pointer (#id) resolves to nothing",
    "S002": "a pointer into another file of the edition resolves to nothing",
    "S003": "a pointer leads into a file not (yet) in the corpus",
    "S010": "a name's @ref points at the wrong kind of authority entry",
    "S011": "a note call has no target",
    "S012": "a note call points at something that is not a note",
    "S020": "an xml:id is used in more than one file",
    "S030": "printed page numbers do not run upward",
    "S040": "a choice does not pair sic/corr, orig/reg or abbr/expan",
    "S050": "the TEI element's xml:id does not match the file name",
    "S051": "the header states no licence",
    "S052": "the header names no source",
    "S060": "a note does not say whose it is (@resp)",
    "S061": "an endnote is never called",
    "S070": "a URL of a scheme that could run or read something (javascript:, file:, data:…)",
    "T001": "a TEI element the stylesheets have no template for (rendered generically)",
    "T002": "a link of a scheme not allowed (javascript:, data:, file:…) kept as text",
    "T003": "CSS from the TEI that could load something (url(), @import…) dropped",
    "T004": "a picture named beside the TEI that is not there, or not PNG/JPEG/GIF/WebP: "
            "its description kept",
    "W001": "words of a text's TEI (text, sourceDoc) that one of its outputs lacks",
    "B001": "the edition's book (every text in one EPUB or PDF) is not made: the texts' TEI "
            "is over the size limit (--edition-book always makes it)",
    "H001": "web edition: a parallel view whose other version is not among the texts built",
    "H002": "web edition: the text face (fonts-linuxlibertine) is not installed",
    "P001": "WeasyPrint reported a problem while setting the PDF's pages",
    # The DTS API (src/edition/dts/): a text's declared citation trees.
    "D001": "DTS: a citeStructure XPath that could read outside the text is not evaluated: "
            "the default citation tree instead",
    "D002": "DTS: a citeStructure that cannot be followed (an XPath error): the default "
            "citation tree instead",
    "D003": "DTS: citable units with the same reference in one tree, made unique (~2, ~3…)",
    "D004": "DTS: citable units whose @use gives nothing, numbered by their position",
    # edition check (src/edition/checks/): the outputs against their trade's validators.
    "C001": "EPUBCheck: an error (or a fatal error) in an EPUB",
    "C002": "EPUBCheck: a warning about an EPUB",
    "C010": "DAISY Ace: an accessibility violation in an EPUB (serious/critical: error)",
    "C020": "the Nu Html Checker: an error in a web page",
    "C021": "the Nu Html Checker: a warning about a web page",
    "C030": "web edition: an internal link to a file or #fragment that does not exist",
    "C031": "web edition: a page or stylesheet loads something from outside the site",
    "C032": "web edition: a link of a scheme that can run or read something (javascript:…)",
    "C040": "PDF: not a readable PDF",
    "C041": "PDF: a font is not embedded",
    "C042": "PDF: title, language or (where the TEI names one) author missing",
    "C043": "PDF: no outline (bookmarks)",
    "C044": "PDF: an internal link to a destination the PDF lacks",
    "C045": "PDF: a link to another file that does not resolve, or by an absolute path",
    "C046": "PDF: claims PDF/UA but is not tagged (no structure tree)",
    "C047": "PDF: a footnote set on another page than its call",
    "C050": "page concordance: a printed page that is not a page marker of the web edition",
    "C051": "page concordance: a printed page missing from the EPUB's page-list",
    "C052": "page concordance: a printed page that is not a named destination of the PDF",
    "C060": "a rebuild of the same TEI does not give the same bytes",
    "C070": "DTS: a request the API advertises is answered by no file",
    "C071": "DTS: a response lacks what DTS 1.0 requires of it, or says it wrongly",
    "C072": "DTS: a document is not well-formed TEI, or a passage is not in a dts:wrapper",
    "C073": "DTS: a file of the API that no request reaches (left over from a build?)",
    # edition proof (src/edition/proof/): the reading text as a proofreader reads it.
    "L001": "a word in no English dictionary, nor in the lexicon or the personography",
    "L002": "a word printed twice running (\"the the\")",
    "L003": "a compound kept with a line-end hyphen where the dictionaries know only the "
            "joined word",
    "L004": "a word joined where the dictionaries know only the hyphenated compound",
    "L005": "letters and figures mixed in one word (an OCR misreading)",
    "L010": "a paragraph broken by a page turn: it ends without closing punctuation, or "
            "goes on in lower case on the next page",
    "L020": "a line of the lexicon that cannot be read (a ¶ without the words it decides)",
    "L021": "warning: a lexicon entry that no text proofread needs",
}


@dataclass(frozen=True)
class Message:
    location: Location
    severity: str
    text: str
    code: str

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.text} [{self.code}]"

    def as_dict(self) -> dict:
        return {
            "path": self.location.path,
            "line": self.location.line,
            "column": self.location.column,
            "severity": self.severity,
            "message": self.text,
            "code": self.code,
        }

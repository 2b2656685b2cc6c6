"""The reading text of a TEI document, as the web edition shows it, with where each
character stands in the source.

A proofreader reads what the reader sees: a correction (`corr`) and not the error it
replaces (`sic`), `reg` over `orig`, `expan` over `abbr`; no header, no printed folio
(`fw`), no note-call figures. The text comes out as *blocks* (a paragraph, a heading, a
note, a list item, a table cell): words never run from one block into the next, and a note
inside a paragraph is a block of its own that interrupts the paragraph without ending it.

Each character keeps the byte offset of its source, so a message can point at
`file:line:column` of the word in the TEI. Text that is shown but not judged against an
English dictionary (names, foreign words, passages in another language, what an editor
already marked unclear) is kept, flagged, so that words still break where they should.

A line or page break with `break="no"` joins the word it splits, whitespace around it
dropped; any other break ends a word.
"""

from __future__ import annotations

import xml.parsers.expat
from array import array
from dataclasses import dataclass, field

from edition.xml import TEI_NS, XML_NS

#: Never shown in the reading text (the hidden half of a choice, the folio, the header).
HIDDEN = {"teiHeader", "sic", "orig", "abbr", "fw"}
#: Shown, but no English words: names (their spellings are the personography's), what an
#: editor marked as doubtful already, and a gap's description (it quotes what the OCR read
#: there).
UNJUDGED = {"persName", "placeName", "orgName", "unclear", "gap"}
#: Judged only when they say they are English: a foreign word is no English word, and a
#: title is the name of a work, printed as its publisher spelt it (Russian ones included).
ENGLISH_IF_SAID = {"foreign", "title"}
#: Elements inside a line of text; any other element starts and ends a block.
INLINE = {
    "hi", "emph", "persName", "placeName", "orgName", "name", "rs", "title", "foreign",
    "term", "date", "num", "measure", "choice", "sic", "corr", "orig", "reg", "abbr",
    "expan", "supplied", "unclear", "add", "del", "q", "quote", "said", "mentioned",
    "soCalled", "seg", "ref", "ptr", "docDate", "bibl", "author", "gap", "lb", "pb", "cb",
    "milestone", "anchor", "time", "idno", "biblScope", "pubPlace", "publisher", "editor",
    "fw",
}
#: Empty elements that break a line or a page.
BREAKS = {"lb", "pb", "cb"}
_LANG = f"{XML_NS} lang"

# Per-character flags.
JUDGED = 0
NOT_JUDGED = 1


@dataclass
class Block:
    """A run of reading text that words never cross."""

    name: str  # the element's local name: p, head, note, item, cell…
    offset: int  # byte offset of the element's start tag
    chars: list[str] = field(default_factory=list)
    offsets: array = field(default_factory=lambda: array("q"))
    flags: bytearray = field(default_factory=bytearray)
    #: Whether a page break (not inside a word) stands right after the block, before the
    #: next text; and where (its byte offset), for the messages about it.
    page_break_after: int | None = None
    next_page: str = ""  # that page break's number
    #: The next text's first characters, and the name of the block they stand in.
    next_text: str = ""
    next_block: str = ""

    _text: str = ""

    @property
    def text(self) -> str:
        if len(self._text) != len(self.chars):
            self._text = "".join(self.chars)  # joined once, when the block is read
        return self._text

    def add(self, text: str, offset: int, flag: int, exact: bool) -> None:
        """Append text; `exact` when the source holds it byte for byte from `offset`."""
        self.chars.extend(text)
        self.flags.extend(bytes((flag,)) * len(text))
        if not exact:
            self.offsets.extend([offset] * len(text))
        elif text.isascii():
            self.offsets.extend(range(offset, offset + len(text)))
        else:
            for char in text:
                self.offsets.append(offset)
                offset += len(char.encode("utf-8"))

    def boundary(self) -> None:
        """A word ends here (an element edge that is not inside a line, a line break)."""
        if self.chars and self.chars[-1] != " ":
            self.add(" ", -1, JUDGED, False)

    def join(self) -> None:
        """A break inside a word: drop the whitespace before it."""
        while self.chars and self.chars[-1].isspace():
            self.chars.pop()
            self.offsets.pop()
            self.flags.pop()


@dataclass
class _Open:
    name: str
    hidden: bool
    judged: bool
    lang: str
    block: Block | None  # the block this element opened, if it is one


class _Reader:
    """An expat pass over the document: blocks out, each character placed."""

    def __init__(self, data: bytes):
        self.data = data
        self.blocks: list[Block] = []
        self.stack: list[_Open] = []
        self.open_blocks: list[Block] = []
        self.joining = False  # after a break="no": leading whitespace is dropped
        #: The block that ended last, waiting to learn whether a page break follows it.
        self.last_closed: Block | None = None
        self.parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
        self.parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.buffer_text = False
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.characters

    def read(self) -> list[Block]:
        self.parser.Parse(self.data, True)
        return self.blocks

    def start(self, qname: str, attrs: dict[str, str]) -> None:
        namespace, _, name = qname.rpartition(" ")
        parent = self.stack[-1] if self.stack else None
        if namespace != TEI_NS:
            name = f"{{{namespace}}}{name}"
        lang = attrs.get(_LANG, parent.lang if parent else "en")
        hidden = bool(parent and parent.hidden) or name in HIDDEN
        judged = (not parent or parent.judged) and name not in UNJUDGED and _english(lang)
        if name in ENGLISH_IF_SAID and _LANG not in attrs:
            judged = False
        if name == "ref" and attrs.get("type") == "noteref":
            hidden = True  # the call's figure is no word of the sentence
        offset = self.parser.CurrentByteIndex
        if name in BREAKS and not hidden and self.open_blocks:
            self._break(name, attrs, offset)
        block = None
        if not hidden and not self._inline(name, parent):
            if self.open_blocks:
                self.open_blocks[-1].boundary()
            block = Block(name, offset)
            self.open_blocks.append(block)
            self.joining = False
        if name == "ref" and attrs.get("type") == "noteref" and self.open_blocks:
            self.open_blocks[-1].boundary()
        self.stack.append(_Open(name, hidden, judged, lang, block))

    def _inline(self, name: str, parent: _Open | None) -> bool:
        if name == "bibl" and parent is not None and parent.name == "listBibl":
            return False  # an entry of a bibliography is a block of its own
        return name in INLINE

    def _break(self, name: str, attrs: dict[str, str], offset: int) -> None:
        block = self.open_blocks[-1]
        if attrs.get("break") == "no":
            block.join()
            self.joining = True
            return
        block.boundary()
        if name == "pb" and self.last_closed is not None:
            # A page break after the last block closed, before any new text: the page
            # turned at that block's end.
            if self.last_closed.page_break_after is None:
                self.last_closed.page_break_after = offset
                self.last_closed.next_page = attrs.get("n", "")

    def end(self, qname: str) -> None:
        opened = self.stack.pop()
        if opened.block is not None:
            block = self.open_blocks.pop()
            self.blocks.append(block)
            if self.open_blocks:
                self.open_blocks[-1].boundary()
            if block.text.strip() or self.last_closed is None:
                # A block without words of its own (a note of paragraphs) ends where its
                # last paragraph did.
                self.last_closed = block
            self.joining = False

    def characters(self, text: str) -> None:
        if not self.stack or not self.open_blocks:
            return
        current = self.stack[-1]
        if current.hidden:
            return
        offset = self.parser.CurrentByteIndex
        if self.joining:
            stripped = text.lstrip()
            offset += len(text[: len(text) - len(stripped)].encode("utf-8"))
            text = stripped
            if not text:
                return
            self.joining = False
        if text.strip():
            self._text_arrives(text)
        encoded = text.encode("utf-8")
        exact = self.data[offset:offset + len(encoded)] == encoded
        self.open_blocks[-1].add(text, offset, JUDGED if current.judged else NOT_JUDGED, exact)

    def _text_arrives(self, text: str) -> None:
        # The first words after a block closed: what comes next, for the question whether
        # the paragraph goes on there (across a page turn, or a blank line of the source).
        closed = self.last_closed
        if closed is not None:
            current = self.open_blocks[-1]
            closed.next_text = text.strip()[:60]
            # Text of a block opened before the closed one (a paragraph going on after its
            # footnote) is no next block.
            closed.next_block = current.name if current.offset > closed.offset else ""
            self.last_closed = None


def _english(lang: str) -> bool:
    return lang.lower().split("-")[0] in ("en", "")


def reading_blocks(data: bytes) -> list[Block]:
    """The blocks of a TEI document's reading text in document order of their ends
    (a note inside a paragraph comes before the paragraph). The bytes must have passed
    the safe loader (edition.xml) first."""
    return _Reader(data).read()

"""Synthetic corpora for the scaling benchmark: copies of the edition's texts under new names.

Copy number k of a text is `syn-0000k.xml`: its TEI element's xml:id is the file name, every
other xml:id is prefixed (`s0000k-…`) and every pointer to an id of the copy (`#id`, or
`original.xml#id`) is renamed with it, so that ids stay unique across the corpus and every
local pointer still resolves; the first paragraph of its body gains a sentence naming the
copy, so that no two files are alike. The personography and the edition header are copied
as they are. Pointers into texts that are not in the synthetic corpus stay as they were (the
validator warns about them, S003, as it would in a corpus being assembled).
"""

from __future__ import annotations

import sys
from pathlib import Path

from lxml import etree

from edition.corpus import AUTHORITY_FILES
from edition.xml import NSMAP, TEI_NS, XML_NS, parse_file

XML_ID = f"{{{XML_NS}}}id"


def copy_text(source: Path, number: int) -> tuple[str, bytes]:
    """(file name, bytes) of copy `number` of a TEI text."""
    document = parse_file(source)
    root = document.root
    name = f"syn-{number:05d}"
    prefix = f"s{number:05d}-"
    renamed = {}
    for element in root.iter():
        old = element.get(XML_ID)
        if old is not None:
            renamed[old] = name if element is root else prefix + old
            element.set(XML_ID, renamed[old])
    own_file = source.name
    for element in root.iter():
        for attribute, value in element.attrib.items():
            if attribute == XML_ID or "#" not in value:
                continue
            element.set(attribute, " ".join(_rename(t, renamed, own_file, name)
                                            for t in value.split(" ")))
    paragraph = root.find(".//tei:text/tei:body//tei:p", NSMAP)
    if paragraph is not None:
        marker = etree.Element(f"{{{TEI_NS}}}seg")
        marker.text = f"Synthetic copy {number} of {source.stem}. "
        marker.tail = paragraph.text
        paragraph.text = None
        paragraph.insert(0, marker)
    data = etree.tostring(document.tree, xml_declaration=True, encoding="UTF-8")
    return f"{name}.xml", data


def _rename(token: str, renamed: dict[str, str], own_file: str, name: str) -> str:
    file, hash_, fragment = token.partition("#")
    if not hash_ or file not in ("", own_file) or fragment not in renamed:
        return token
    return f"{name}.xml#{renamed[fragment]}" if file else f"#{renamed[fragment]}"


def make_corpus(sources: list[Path], count: int, target: Path) -> int:
    """Write `count` copies (cycling through the sources) and the authority files into
    target; returns the bytes of TEI written."""
    target.mkdir(parents=True, exist_ok=True)
    total = 0
    for authority in AUTHORITY_FILES:
        source = sources[0].parent / authority
        if source.is_file():
            data = source.read_bytes()
            (target / authority).write_bytes(data)
            total += len(data)
    for number in range(1, count + 1):
        name, data = copy_text(sources[(number - 1) % len(sources)], number)
        (target / name).write_bytes(data)
        total += len(data)
    return total


if __name__ == "__main__":
    # python3 bench/synth.py COUNT TARGET_DIR SOURCE.xml...
    print(make_corpus([Path(p) for p in sys.argv[3:]], int(sys.argv[1]), Path(sys.argv[2])))

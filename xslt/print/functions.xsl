<?xml version="1.0" encoding="UTF-8"?>
<!-- Pure logic of the print layer: ids, links, chapters, titles for heads and bookmarks. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- Generated ids carry their text's id, so that the whole edition, set as one book, has
       no two elements with the same id (every text's root is "TEI1"). -->
  <xsl:function name="ed:path-id" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:variable name="root" select="$node/ancestor-or-self::TEI[last()]"/>
    <xsl:sequence select="string-join((
        ($root/@xml:id ! string(.), 'text')[1],
        $node/ancestor-or-self::*
          ! (let $step := . return local-name($step)
             || count(preceding-sibling::*[node-name() = node-name($step)]) + 1)),
        '-')"/>
  </xsl:function>

  <!-- Links: within a text, fragment ids; to another text of the edition, its PDF (the
       edition's own book turns these back into fragment ids, see book.xsl). -->
  <xsl:function name="ed:href" as="xs:string">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="
        if (starts-with($pointer, '#')) then $pointer
        else if (matches($pointer, '^[^:/#]+\.xml(#.*)?$'))
          then (ed:other-pdf($pointer), replace($pointer, '\.xml', '.pdf'))[1]
        else ed:checked-url($pointer, $context)"/>
  </xsl:function>

  <!-- The other texts of the corpus this text points at (the builder finds them): their
       file as pointers name it, and their PDF. Without the builder (links-known false),
       every file.xml is taken for a text. -->
  <xsl:param name="linked-files" as="xs:string*" select="()"/>
  <xsl:param name="linked-pdfs" as="xs:string*" select="()"/>
  <xsl:param name="links-known" as="xs:boolean" select="false()"/>

  <xsl:function name="ed:other-pdf" as="xs:string?">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:variable name="file" select="substring-before($pointer || '#', '#')"/>
    <xsl:variable name="index" select="index-of($linked-files, $file)[1]"/>
    <xsl:sequence select="if (exists($index)) then $linked-pdfs[$index]
        || (if (contains($pointer, '#')) then '#' || substring-after($pointer, '#') else '') else ()"/>
  </xsl:function>

  <!-- A pointer into a file that is not a text of the corpus: no PDF to link to. -->
  <xsl:function name="ed:is-missing-pdf" as="xs:boolean">
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:variable name="p" select="normalize-space($pointer)"/>
    <xsl:sequence select="$links-known and matches($p, '^[^:/#]+\.xml(#.*)?$')
        and not(substring-before($p || '#', '#') = ('persons.xml', 'edition.xml'))
        and empty(ed:other-pdf($p))"/>
  </xsl:function>

  <!-- A chapter opens on a recto: a top-level division with a heading, or the source's
       notes section (which gets a heading of its own). An essay's numbered sections are not
       chapters: they run on. -->
  <xsl:function name="ed:is-chapter" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element/self::div[parent::front or parent::body or parent::back]
                                 [head or @type = 'notes'][not(@type = ('section', 'subsection'))])"/>
  </xsl:function>

  <!-- A division that holds nothing but called notes (the source's endnotes section, maybe
       with sub-headings per chapter): in print those notes move to their calls or to the
       end of their chapters, so the division itself disappears. -->
  <xsl:function name="ed:is-relocated" as="xs:boolean">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="exists($div//note)
        and (every $n in $div//note[not(ancestor::note)] satisfies ed:is-called($n))
        and empty($div//*[not(self::div or self::head or self::pb or self::fw or self::milestone
                              or self::anchor or ancestor-or-self::note or ancestor::head)])"/>
  </xsl:function>

  <!-- What a heading says, as plain text: without note calls, footnotes or the source's
       errors (the corrected reading wins). -->
  <xsl:function name="ed:plain-text" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="normalize-space(string-join($element//(text()[not(ancestor::note
        or ancestor::ref[@type = 'noteref'] or ancestor::sic[parent::choice]
        or ancestor::orig[parent::choice] or ancestor::abbr[parent::choice]
        or ancestor::fw)] | lb[not(@break = 'no')]) ! ed:text-or-space(.), ''))"/>
  </xsl:function>

  <!-- A running head must fit the head line: long titles are cut at a word. -->
  <xsl:function name="ed:running-title" as="xs:string">
    <xsl:param name="title" as="xs:string"/>
    <xsl:variable name="limit" select="46"/>
    <xsl:sequence select="
        if (string-length($title) le $limit) then replace($title, '[.:;,]$', '')
        else replace(substring($title, 1, $limit), '[\s.:;,–—-]+\S*$', '') || '…'"/>
  </xsl:function>

  <!-- How deep a division's heading sits in the outline: the text's title and its chapters
       are 1, a section 2, a subsection 3; what stands in the text's opening (not in a
       chapter) sits under the text's title; in a collection, each member's title is a
       level above its chapters. -->
  <xsl:function name="ed:outline-depth" as="xs:integer">
    <xsl:param name="head" as="element()"/>
    <xsl:variable name="div" select="$head/parent::*"/>
    <xsl:variable name="top" select="$div/ancestor-or-self::div[parent::front or parent::body or parent::back]"/>
    <xsl:sequence select="count($div/ancestor-or-self::div[head])
                          + (if ($top and ed:is-chapter($top)) then 0 else 1)
                          + ed:group-depth($div)"/>
  </xsl:function>

  <!-- How many levels of a collection stand above a node: the texts of groups it is in
       that have a title, and the groups with a heading (an anthology's sections). -->
  <xsl:function name="ed:group-depth" as="xs:integer">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="count($node/ancestor::text[parent::group][exists(ed:own-title(.))])
                          + count($node/ancestor::group[head])"/>
  </xsl:function>

  <!-- The chapter an element belongs to: its top-level division, if that is a chapter. -->
  <xsl:function name="ed:chapter-of" as="element()?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="$node/ancestor-or-self::div[ed:is-chapter(.)][1]"/>
  </xsl:function>
</xsl:stylesheet>

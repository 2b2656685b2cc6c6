<?xml version="1.0" encoding="UTF-8"?>
<!-- Notes as a book sets them.

  - Footnotes (the source's page notes, and called notes unless $endnotes): the note's body
    follows its call as an element with `float: footnote`, so WeasyPrint sets it at the foot
    of the page where the call falls. The call and the note's label are both the note's mark
    (ed:note-label) and link to each other.
  - Endnotes ($endnotes): called notes are gathered at the end of the chapter where they are
    first called, under "Notes".
  Either way a called note is not rendered where the TEI keeps it (the source's notes
  section), and a division left with nothing else disappears (ed:is-relocated).

  A floating note sits inside a paragraph, where HTML allows no blocks: its paragraphs and
  lists become spans that the style sheet displays as blocks (mode ed:inline-safe). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns:h="http://www.w3.org/1999/xhtml"
    xmlns:fn="http://www.w3.org/2005/xpath-functions"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- The calls of a note, outside other notes (a call inside a footnote cannot float). -->
  <xsl:function name="ed:text-calls" as="element()*">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="if ($note/@xml:id)
        then key('ed:calls', string($note/@xml:id), root($note))[not(ancestor::note)] else ()"/>
  </xsl:function>

  <xsl:template match="ref[@type = 'noteref'] | ptr[@type = 'noteref']" priority="3">
    <xsl:next-match/>
    <xsl:variable name="note" select="ed:resolve(ed:first-pointer(@target), .)[self::note]"/>
    <xsl:if test="not($endnotes) and $note and ed:text-calls($note)[1] is .">
      <xsl:call-template name="ed:floating-note">
        <xsl:with-param name="note" select="$note"/>
        <xsl:with-param name="calls" select="ed:text-calls($note)"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="note">
    <xsl:choose>
      <xsl:when test="ed:is-footnote(.)">
        <xsl:choose>
          <xsl:when test="ed:is-inline(.)">
            <xsl:call-template name="ed:footnote-call"/>
          </xsl:when>
          <!-- A footnote between blocks has no call in the text: its back link goes to
               where it stands. -->
          <xsl:otherwise><span class="note-anchor" id="call-{ed:note-id(.)}"/></xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="ed:floating-note">
          <xsl:with-param name="note" select="."/>
        </xsl:call-template>
      </xsl:when>
      <!-- Shown at its call (footnotes) or at the end of its chapter (endnotes). -->
      <xsl:when test="exists(ed:text-calls(.))"/>
      <xsl:otherwise>
        <xsl:next-match/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="ed:floating-note">
    <xsl:param name="note" as="element()"/>
    <xsl:param name="calls" as="element()*" select="()"/>
    <xsl:variable name="body">
      <xsl:call-template name="ed:note-body">
        <xsl:with-param name="note" select="$note"/>
        <xsl:with-param name="calls" select="$calls"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="run-in">
      <xsl:apply-templates select="$body" mode="ed:run-in"/>
    </xsl:variable>
    <xsl:variable name="safe">
      <xsl:apply-templates select="$run-in" mode="ed:inline-safe"/>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="string-length(normalize-space($note)) lt $ed:long-note">
        <xsl:sequence select="$safe"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="ed:long-note">
          <xsl:with-param name="body" select="$safe/*"/>
          <xsl:with-param name="starts" select="ed:split-points(ed:note-id($note))"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The notes first called within a chapter, at its end (only with $endnotes). -->
  <xsl:template name="ed:chapter-endnotes">
    <xsl:param name="scope" as="element()*"/>
    <xsl:param name="level" as="xs:integer" select="3"/>
    <xsl:if test="$endnotes">
      <xsl:variable name="calls" select="$scope/descendant-or-self::*[self::ref or self::ptr]
                                         [@type = 'noteref'][not(ancestor::note)]"/>
      <xsl:variable name="notes" select="$calls ! (let $call := ., $note := ed:resolve(ed:first-pointer(@target), .)[self::note]
                                         return $note[ed:text-calls($note)[1] is $call])"/>
      <xsl:if test="exists($notes)">
        <section class="endnotes" role="doc-endnotes" id="{ed:id($scope[1])}-endnotes">
          <xsl:element name="h{$level}">
            <xsl:attribute name="class" select="'endnotes-title bm-2'"/>
            <xsl:attribute name="data-depth" select="2"/>
            <xsl:attribute name="data-title" select="'Notes'"/>
            <xsl:text>Notes</xsl:text>
          </xsl:element>
          <xsl:for-each select="$notes">
            <xsl:variable name="body">
              <xsl:call-template name="ed:note-body">
                <xsl:with-param name="note" select="."/>
                <xsl:with-param name="calls" select="ed:text-calls(.)"/>
              </xsl:call-template>
            </xsl:variable>
            <xsl:apply-templates select="$body" mode="ed:run-in"/>
          </xsl:for-each>
        </section>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- Long footnotes. WeasyPrint keeps a footnote in one piece, so a note taller than the
       page would run over the text. A note longer than $ed:long-note characters has its words
       numbered (span class="w" data-w="N"); the builder lays the book out, sees where such a
       note's lines fall, and renders again with $note-splits ("note-id N M …": the words that
       begin a new piece). Each piece is a footnote of its own, floated from the same call:
       what does not fit on the call's page moves to the next (WeasyPrint's own rule), and a
       piece ends where a line ended, so two pieces on one page read as one note. -->
  <xsl:param name="note-splits" as="xs:string*" select="()"/>
  <xsl:variable name="ed:long-note" as="xs:integer" select="600"/>

  <xsl:function name="ed:split-points" as="xs:integer*">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="$note-splits[tokenize(.)[1] = $id] ! tokenize(.)[position() gt 1] ! xs:integer(.)"/>
  </xsl:function>

  <xsl:template name="ed:long-note">
    <xsl:param name="body" as="element()"/>
    <xsl:param name="starts" as="xs:integer*"/>
    <xsl:variable name="numbered">
      <xsl:apply-templates select="$body" mode="ed:words"/>
    </xsl:variable>
    <xsl:variable name="bounds" select="(1, $starts, xs:integer(1e9))"/>
    <xsl:variable name="pieces" select="count($bounds) - 1"/>
    <xsl:for-each select="1 to $pieces">
      <xsl:apply-templates select="$numbered/*" mode="ed:piece">
        <xsl:with-param name="piece" select="." tunnel="yes"/>
        <xsl:with-param name="pieces" select="$pieces" tunnel="yes"/>
        <xsl:with-param name="from" select="$bounds[current()]" tunnel="yes"/>
        <xsl:with-param name="to" select="$bounds[current() + 1]" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:for-each>
  </xsl:template>

  <!-- Mode ed:words: each word of a note in a numbered span (1, 2, …). -->
  <xsl:template match="text()" mode="ed:words" priority="1">
    <xsl:variable name="before" select="sum(preceding::text() ! count(tokenize(normalize-space(.))))"/>
    <xsl:for-each select="analyze-string(., '\S+')/*">
      <xsl:choose>
        <xsl:when test="self::fn:match">
          <span class="w" data-w="{$before + count(preceding-sibling::fn:match) + 1}"><xsl:value-of select="."/></span>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="node() | @*" mode="ed:words">
    <xsl:copy>
      <xsl:apply-templates select="node() | @*" mode="#current"/>
    </xsl:copy>
  </xsl:template>

  <!-- Mode ed:piece: the part of a numbered note from word $from up to (not including) $to. -->
  <xsl:template match="*" mode="ed:piece">
    <xsl:param name="piece" as="xs:integer" tunnel="yes"/>
    <xsl:param name="pieces" as="xs:integer" tunnel="yes"/>
    <xsl:param name="from" as="xs:integer" tunnel="yes"/>
    <xsl:param name="to" as="xs:integer" tunnel="yes"/>
    <xsl:variable name="words" select="descendant-or-self::h:span[@data-w] ! xs:integer(@data-w)"/>
    <xsl:variable name="keep" select="
        if (ed:has-class(., 'note-label') or ed:has-class(., 'note-resp')) then $piece = 1
        else if (exists($words)) then some $w in $words satisfies ($w ge $from and $w lt $to)
        else $piece = 1"/>
    <xsl:if test="$keep">
      <xsl:copy>
        <!-- An element cut between pieces keeps its id in the piece where it begins. -->
        <xsl:copy-of select="@* except @id[$piece gt 1 and exists($words) and min($words) lt $from]"/>
        <xsl:if test="ed:has-class(., 'footnote')">
          <xsl:if test="$piece gt 1">
            <xsl:attribute name="id" select="@id || '-' || $piece"/>
          </xsl:if>
          <xsl:attribute name="class" select="string-join((@class, 'long-note',
              if ($pieces gt 1) then 'note-piece' else (),
              if ($piece gt 1) then 'note-continued' else (),
              if ($piece lt $pieces) then 'note-continues' else ()), ' ')"/>
        </xsl:if>
        <xsl:apply-templates mode="#current"/>
      </xsl:copy>
    </xsl:if>
  </xsl:template>

  <xsl:template match="text()" mode="ed:piece" priority="1">
    <xsl:copy/>
  </xsl:template>

  <!-- Mode ed:run-in: a note of several paragraphs has its label run into the first one,
       as a book sets it, rather than on a line of its own. -->
  <xsl:template match="h:aside[h:p[1][ed:has-class(., 'note-head')]/following-sibling::*[1][self::h:p]]"
                mode="ed:run-in">
    <xsl:variable name="head" select="h:p[1]"/>
    <xsl:variable name="first" select="$head/following-sibling::*[1]"/>
    <xsl:copy>
      <xsl:copy-of select="@*"/>
      <xsl:apply-templates select="$head/preceding-sibling::node()" mode="#current"/>
      <p>
        <xsl:copy-of select="$first/@*"/>
        <xsl:copy-of select="$head/node(), $first/node()"/>
      </p>
      <xsl:apply-templates select="$first/following-sibling::node()" mode="#current"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="node() | @*" mode="ed:run-in">
    <xsl:copy>
      <xsl:apply-templates select="node() | @*" mode="#current"/>
    </xsl:copy>
  </xsl:template>

  <!-- Mode ed:inline-safe: a note body as phrasing content. Whitespace between blocks goes:
       inside a span it would make empty lines. -->
  <xsl:template match="text()[not(normalize-space())][(preceding-sibling::*[1] | following-sibling::*[1])
                       [self::h:p or self::h:div or self::h:blockquote or self::h:ul or self::h:ol
                        or self::h:dl or self::h:table or self::h:section or self::h:figure
                        or self::h:h1 or self::h:h2 or self::h:h3 or self::h:h4 or self::h:h5 or self::h:h6]]"
                mode="ed:inline-safe" priority="1"/>

  <!-- (inline-safe, continued) -->
  <xsl:template match="h:aside" mode="ed:inline-safe">
    <span>
      <xsl:copy-of select="@* except @class"/>
      <xsl:attribute name="class" select="string-join((@class, 'footnote'), ' ')"/>
      <xsl:apply-templates mode="#current"/>
    </span>
  </xsl:template>

  <xsl:template match="h:p | h:div | h:section | h:blockquote | h:ul | h:ol | h:li | h:dl | h:dt
                       | h:dd | h:table | h:caption | h:thead | h:tbody | h:tfoot | h:tr | h:th
                       | h:td | h:h1 | h:h2 | h:h3 | h:h4 | h:h5 | h:h6 | h:figure | h:figcaption"
                mode="ed:inline-safe">
    <span>
      <xsl:copy-of select="@* except @class"/>
      <xsl:attribute name="class" select="string-join((@class, 'as-' || local-name()), ' ')"/>
      <xsl:apply-templates mode="#current"/>
    </span>
  </xsl:template>

  <xsl:template match="node() | @*" mode="ed:inline-safe">
    <xsl:copy>
      <xsl:apply-templates select="node() | @*" mode="#current"/>
    </xsl:copy>
  </xsl:template>
</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!-- Notes and their calls.

  Three kinds of TEI note, by where they stand and whether something calls them:
  - called notes (a ref type="noteref" points at them): rendered where the TEI keeps them
    (the source's endnotes), each linking back to its calls;
  - footnotes: uncalled notes in running text, or placed at the foot/end/margin; a call mark
    stays at their place and the body goes to the footnote section of the enclosing page
    (ed:footnote-section, which layers call where their pages end);
  - headnotes: uncalled notes standing between blocks (an editor's introduction to a
    writing), rendered in place.
  Every note says whose it is (ed:resp-kind). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:function name="ed:is-called" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="exists($note/@xml:id) and exists(key('ed:calls', string($note/@xml:id), root($note)))"/>
  </xsl:function>

  <xsl:function name="ed:is-footnote" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="not(ed:is-called($note)) and empty($note/ancestor::teiHeader)
        and (ed:is-inline($note) or tokenize($note/@place, ' ') = ('foot', 'bottom', 'end',
             'margin', 'left', 'right', 'opposite', 'overleaf', 'top'))"/>
  </xsl:function>

  <xsl:function name="ed:note-id" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="if ($note/@xml:id) then string($note/@xml:id) else ed:path-id($note)"/>
  </xsl:function>

  <!-- The id of a note call: its own xml:id, else derived from the note it calls. -->
  <xsl:function name="ed:call-id" as="xs:string">
    <xsl:param name="call" as="element()"/>
    <xsl:variable name="note-id" select="substring(ed:first-pointer($call/@target), 2)"/>
    <xsl:variable name="calls" select="key('ed:calls', $note-id, root($call))"/>
    <xsl:variable name="index" select="index-of($calls ! generate-id(), generate-id($call))[1]"/>
    <xsl:sequence select="if ($call/@xml:id) then string($call/@xml:id)
                          else 'call-' || $note-id || (if ($index gt 1) then '-' || $index else '')"/>
  </xsl:function>

  <!-- A note's accessible name: "Note 12", "Footnote 3" (footnotes and endnotes are
       numbered apart). A mark that is not a number ("*", "†") repeats from page to page, so
       the name adds the printed page ("Footnote *, page 67"), or else the note's place among
       those of its mark ("Footnote *, 2"): two notes never share a name. -->
  <xsl:function name="ed:note-name" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:variable name="label" select="normalize-space(ed:note-label($note))"/>
    <xsl:variable name="name" select="(if (ed:is-footnote($note)) then 'Footnote ' else 'Note ') || $label"/>
    <xsl:sequence select="
        if (not($note/@n or ed:is-footnote($note))) then ed:resp-label($kind)
        else if (matches($label, '\d') or $label = '') then normalize-space($name)
        else if (normalize-space($note/preceding::pb[1]/@n)) then
          $name || ', page ' || normalize-space($note/preceding::pb[1]/@n)
        else $name || ', ' || (count($note/preceding::note[normalize-space(ed:note-label(.)) = $label]) + 1)"/>
  </xsl:function>

  <!-- The mark a note is known by: its @n, else its number among the page's footnotes. -->
  <xsl:function name="ed:note-label" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="if ($note/@n) then string($note/@n)
        else string(count($note/preceding::note[ed:is-footnote(.)][ancestor::text[1] is $note/ancestor::text[1]]) + 1)"/>
  </xsl:function>

  <!-- A call: a link to the note, keeping the source's printed mark. -->
  <xsl:template match="ref[@type = 'noteref'] | ptr[@type = 'noteref']" priority="2">
    <xsl:variable name="pointer" select="ed:first-pointer(@target)"/>
    <xsl:variable name="note" select="ed:resolve($pointer, .)"/>
    <xsl:variable name="mark" select="if (ed:reading-text(.)) then ed:reading-text(.)
                                      else if ($note) then ed:note-label($note) else '*'"/>
    <a class="noteref" id="{ed:call-id(.)}" href="{ed:href($pointer, .)}" role="doc-noteref">
      <xsl:call-template name="ed:noteref-attributes">
        <xsl:with-param name="note" select="$note"/>
      </xsl:call-template>
      <sup><xsl:value-of select="$mark"/></sup>
      <xsl:call-template name="ed:hidden-readings-within"/>
    </a>
  </xsl:template>

  <!-- Hook: extra attributes on a note call (EPUB adds epub:type). -->
  <xsl:template name="ed:noteref-attributes">
    <xsl:param name="note" as="element()?"/>
  </xsl:template>

  <!-- Hook: what follows a note's text inside its body (the web edition adds, to a note
       copied onto another page, a link to its place in the source). -->
  <xsl:template name="ed:note-after">
    <xsl:param name="note" as="element()"/>
  </xsl:template>

  <!-- Hook: extra attributes on a note body. -->
  <xsl:template name="ed:note-attributes">
    <xsl:param name="note" as="element()"/>
  </xsl:template>

  <xsl:template match="note">
    <xsl:choose>
      <xsl:when test="ed:is-footnote(.)">
        <xsl:call-template name="ed:footnote-call"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="ed:note-body">
          <xsl:with-param name="calls" select="if (@xml:id) then key('ed:calls', string(@xml:id)) else ()"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="ed:footnote-call">
    <xsl:variable name="id" select="ed:note-id(.)"/>
    <a class="noteref" id="call-{$id}" href="#{$id}" role="doc-noteref">
      <xsl:call-template name="ed:noteref-attributes">
        <xsl:with-param name="note" select="."/>
      </xsl:call-template>
      <sup><xsl:value-of select="ed:note-label(.)"/></sup>
    </a>
  </xsl:template>

  <!-- A note's body: its mark (linking back to its calls), whose note it is, its text. -->
  <xsl:template name="ed:note-body">
    <xsl:param name="note" as="element()" select="."/>
    <xsl:param name="calls" as="element()*" select="()"/>
    <!-- Where "back to the text" goes: each call (on whichever page holds it). -->
    <xsl:param name="backlinks" as="xs:string*"
               select="if ($calls) then $calls ! ed:link(., ed:call-id(.))
                       else if (ed:is-footnote($note)) then '#call-' || ed:note-id($note) else ()"/>
    <!-- Whose notes these are, where one page shows the notes of several texts (a layer's
         parallel view): added to each note's name, which must stay unique on the page. -->
    <xsl:param name="ed:notes-of" as="xs:string?" select="()" tunnel="yes"/>
    <xsl:variable name="kind" select="ed:resp-kind($note)"/>
    <xsl:variable name="head">
      <span class="note-label">
        <xsl:choose>
          <xsl:when test="exists($backlinks)">
            <a href="{$backlinks[1]}" role="doc-backlink" title="Back to the text">
              <xsl:value-of select="ed:note-label($note)"/>
            </a>
            <xsl:for-each select="$backlinks[position() gt 1]">
              <xsl:text> </xsl:text>
              <a href="{.}" role="doc-backlink" title="Back to call {position() + 1}">↩</a>
            </xsl:for-each>
          </xsl:when>
          <xsl:when test="$note/@n"><xsl:value-of select="$note/@n"/></xsl:when>
        </xsl:choose>
      </span>
      <xsl:text> </xsl:text>
      <span class="note-resp"><xsl:value-of select="ed:resp-label($kind)"/></span>
      <xsl:text> </xsl:text>
    </xsl:variable>
    <aside id="{ed:note-id($note)}" role="doc-footnote" aria-label="{string-join((ed:note-name($note, $kind), $ed:notes-of), ', ')}">
      <xsl:attribute name="class" select="string-join((ed:classes($note), 'note', 'resp-' || $kind), ' ')"/>
      <xsl:call-template name="ed:note-attributes">
        <xsl:with-param name="note" select="$note"/>
      </xsl:call-template>
      <xsl:choose>
        <xsl:when test="$note/(p | ab | list | table | lg | quote[p] | listBibl)">
          <p class="note-head"><xsl:sequence select="$head"/></p>
          <xsl:apply-templates select="$note/node()"/>
        </xsl:when>
        <xsl:otherwise>
          <p><xsl:sequence select="$head"/><xsl:apply-templates select="$note/node()"/></p>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="ed:note-after">
        <xsl:with-param name="note" select="$note"/>
      </xsl:call-template>
    </aside>
  </xsl:template>

  <!-- The bodies of the footnotes within a scope (a text, or a layer's page). -->
  <xsl:template name="ed:footnote-section">
    <xsl:param name="scope" as="node()*"/>
    <xsl:variable name="notes" select="$scope//note[ed:is-footnote(.)]"/>
    <xsl:if test="$notes">
      <section class="footnotes" role="doc-endnotes" aria-label="Notes">
        <xsl:for-each select="$notes">
          <xsl:call-template name="ed:note-body"/>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>

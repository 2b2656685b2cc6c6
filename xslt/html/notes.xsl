<?xml version="1.0" encoding="UTF-8"?>
<!-- Notes, page markers and names as the web edition shows them.

  Notes: every note a page calls is on that page. Footnotes go to the foot of the page
  that holds them; endnotes kept elsewhere (the book's notes at its back) are copied to the
  end of each page that calls them, with a link to their place among the book's notes. A
  call links to the note on its own page, so the note can pop up (edition.js) and, without
  scripts, the link still leads to it and it leads back.

  Page markers: the printed page number in the margin, a link to itself ("…#p67") that
  edition.js turns into "cite this page". -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- Footnotes at the foot of the page that holds them. -->
  <xsl:template name="ed:footnote-section">
    <xsl:param name="scope" as="node()*"/>
    <xsl:variable name="page" select="ed:page-file($scope[1])"/>
    <xsl:variable name="notes" select="$scope//note[ed:is-footnote(.)][ed:page-file(.) = $page]"/>
    <xsl:if test="$notes">
      <section class="footnotes" role="doc-endnotes" aria-label="Footnotes">
        <xsl:for-each select="$notes">
          <xsl:call-template name="ed:note-body"/>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- Endnotes that a page calls but that live on another page: copied here. -->
  <xsl:template name="ed:page-endnotes">
    <xsl:param name="scope" as="element()"/>
    <xsl:variable name="page" select="ed:page-file($scope)"/>
    <xsl:variable name="calls" select="$scope//(ref | ptr)[@type = 'noteref'][ed:page-file(.) = $page]"/>
    <xsl:variable name="notes" as="element()*">
      <xsl:for-each-group select="$calls ! ed:resolve(ed:first-pointer(@target), .)[self::note]
                                  [ed:page-file(.) != $page]" group-by="generate-id()">
        <xsl:sequence select="."/>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:if test="$notes">
      <section class="endnotes page-notes" aria-labelledby="{ed:id($scope)}-notes">
        <h2 id="{ed:id($scope)}-notes" class="notes-title">Notes</h2>
        <xsl:for-each select="$notes">
          <xsl:variable name="note" select="."/>
          <xsl:call-template name="ed:note-body">
            <xsl:with-param name="calls" select="$calls[ed:resolve(ed:first-pointer(@target), .) is $note]"/>
            <xsl:with-param name="ed:copy" select="true()" tunnel="yes"/>
          </xsl:call-template>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- An editor's introduction (a note neither called nor a footnote) shown beside another
       version (the parallel view) is folded, so that the texts stay side by side. -->
  <xsl:template match="note" priority="3">
    <xsl:param name="ed:copy" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$ed:copy and not(ed:is-called(.)) and not(ed:is-footnote(.))">
        <details class="headnote">
          <summary><xsl:value-of select="ed:resp-label(ed:resp-kind(.))"/></summary>
          <xsl:next-match/>
        </details>
      </xsl:when>
      <xsl:otherwise>
        <xsl:next-match/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A call links to the note on its own page (the original, or the copy). -->
  <xsl:template match="ref[@type = 'noteref'] | ptr[@type = 'noteref']" priority="3">
    <xsl:variable name="pointer" select="ed:first-pointer(@target)"/>
    <xsl:variable name="note" select="ed:resolve($pointer, .)"/>
    <xsl:variable name="mark" select="if (ed:reading-text(.)) then ed:reading-text(.)
                                      else if ($note) then ed:note-label($note) else '*'"/>
    <a class="noteref" id="{ed:call-id(.)}" role="doc-noteref"
       href="{if ($note) then '#' || ed:note-id($note) else ed:href($pointer, .)}">
      <xsl:if test="$note">
        <xsl:attribute name="aria-label" select="'Note ' || $mark || ' (' || lower-case(ed:resp-label(ed:resp-kind($note))) || ')'"/>
        <xsl:attribute name="data-resp" select="ed:resp-kind($note)"/>
      </xsl:if>
      <sup><xsl:value-of select="$mark"/></sup>
      <xsl:call-template name="ed:hidden-readings-within"/>
    </a>
  </xsl:template>

  <!-- After a copied note's text: where the note stands in its source. -->
  <xsl:template name="ed:note-after">
    <xsl:param name="note" as="element()"/>
    <xsl:param name="ed:copy" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:if test="$ed:copy and ed:is-called($note)">
    <p class="note-source">
      <a href="{ed:link($note, ed:note-id($note))}">
        <xsl:value-of select="'Among the notes' || ($note/preceding::pb[1]/@n ! (', p. ' || .))"/>
      </a>
    </p>
    </xsl:if>
  </xsl:template>

  <!-- Page markers. -->
  <xsl:template match="pb">
    <xsl:param name="ed:copy" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:param name="ed:in-hidden-reading" as="xs:boolean" select="false()" tunnel="yes"/>
    <!-- Nothing inside a reading not shown: its choice sets the marker (edits.xsl). -->
    <xsl:if test="not($ed:in-hidden-reading)">
      <xsl:variable name="n" select="normalize-space(@n)"/>
      <xsl:variable name="id" select="ed:page-id(.)"/>
      <xsl:variable name="classes" select="string-join((ed:classes(.), 'pb',
          if (@break = 'no') then 'pb-inword' else (),
          if (ed:is-inline(.)) then () else 'pb-between'), ' ')"/>
      <!-- The anchor is an empty span (no role: axe and screen readers have no use for an
           unnamed break); the page number is the link after it. -->
      <span class="{$classes}">
        <xsl:if test="not($ed:copy)"><xsl:attribute name="id" select="$id"/></xsl:if>
        <xsl:if test="$n"><xsl:attribute name="data-page" select="$n"/></xsl:if>
      </span>
      <xsl:if test="$n">
        <a class="pb-label" href="{ed:link(., $id)}"
           title="Page {$n} of the printed source: link to it, cite it">
          <xsl:if test="not($ed:copy)"><xsl:attribute name="data-cite-page" select="$n"/></xsl:if>
          <xsl:text>[p. </xsl:text><xsl:value-of select="$n"/><xsl:text>]</xsl:text>
        </a>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- A link into a text the site does not have stays text, saying so (no broken link). -->
  <xsl:template match="ref[@target][ed:is-missing-text(ed:first-pointer(@target))]
                       | ptr[@target][ed:is-missing-text(ed:first-pointer(@target))]" priority="4">
    <span class="unresolved-ref" title="Refers to {ed:first-pointer(@target)}, a text not in this build of the edition">
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- A name identified in the personography links to its entry in the persons index. -->
  <xsl:template match="persName[@ref] | placeName[@ref] | orgName[@ref] | name[@ref]">
    <xsl:variable name="pointer" select="ed:first-pointer(@ref)"/>
    <xsl:choose>
      <xsl:when test="starts-with($pointer, 'persons.xml#') and ed:resolve($pointer, .)/self::person">
        <a class="name-link" href="{ed:href($pointer, .)}"><xsl:next-match/></a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:next-match/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>

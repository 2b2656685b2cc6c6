<?xml version="1.0" encoding="UTF-8"?>
<!-- What a text's pages hold, for the search and the persons index: harvested from the
     rendered pages themselves (so the search finds the reading text as shown: corrected
     readings, no page numbers or note marks inside words).

  One file per text, search/ID.js, a script (it loads from file: URLs too, where fetch()
  cannot) that adds one array to window.editionSearchData:
     [text id, text title, passages, names]
     passage: [page#id, page title, printed page or "", text]
     name:    [person id, page#id, label of the place ("p. 53", "Point 2")]
  The builder reads the names back (the JSON is the file's third line) for the persons page. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns:site="urn:x-edition:site"
    xmlns:h="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- Passages: the smallest blocks a result can point at. -->
  <xsl:function name="ed:is-passage" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/(self::h:p | self::h:h1 | self::h:h2 | self::h:h3 | self::h:h4
        | self::h:h5 | self::h:h6 | self::h:dt | self::h:dd | self::h:td | self::h:th
        | self::h:li | self::h:blockquote | self::h:div[contains-token(@class, 'tei-l')]))"/>
  </xsl:function>

  <!-- Parts of a page that are not its text: headers, tools, navigation, copies of notes
       kept elsewhere, the provenance panel. -->
  <xsl:function name="ed:is-apparatus" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/ancestor-or-self::*[self::h:header or self::h:nav or self::h:details
        or contains-token(@class, 'page-notes') or contains-token(@class, 'provenance-wrapper')
        or contains-token(@class, 'toc') or contains-token(@class, 'reading-tools')])"/>
  </xsl:function>

  <xsl:function name="ed:passage-text" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="normalize-space(string-join(
        $e//(text()[not(ancestor::*[@hidden or contains-token(@class, 'pb-label')
                                   or contains-token(@class, 'noteref') or contains-token(@class, 'gloss-by')])]
                   | h:br)[(ancestor::*[ed:is-passage(.)])[last()] is $e] ! ed:text-or-space(.), ''))"/>
  </xsl:function>

  <!-- Where a name stands, in words: its printed page, else its section. -->
  <xsl:function name="ed:place-label" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="page" as="xs:string"/>
    <xsl:param name="page-title" as="xs:string"/>
    <xsl:variable name="section" select="$e/ancestor::*[contains-token(@class, 'tei-div')][1]"/>
    <xsl:variable name="number" select="$section/h:span[contains-token(@class, 'div-number')][1]"/>
    <xsl:variable name="heading" select="$section/(h:h1 | h:h2 | h:h3 | h:h4 | h:h5 | h:h6)[1]"/>
    <xsl:variable name="note" select="$e/ancestor-or-self::h:aside[contains-token(@class, 'note')][1]"/>
    <xsl:sequence select="
        if ($page) then 'p. ' || $page
        else if ($note) then 'note ' || normalize-space(($note//*[contains-token(@class, 'note-label')])[1])
        else if ($number) then 'point ' || replace(normalize-space($number), '\.$', '')
        else if ($heading) then normalize-space($heading)
        else $page-title"/>
  </xsl:function>

  <!-- The harvest of a text's built pages (site:built elements). -->
  <xsl:template name="ed:search-data">
    <xsl:param name="tei" as="element()"/>
    <xsl:param name="pages" as="element(site:built)*"/>
    <xsl:variable name="passages" as="array(*)*">
      <xsl:for-each select="$pages">
        <xsl:call-template name="ed:harvest-page"><xsl:with-param name="want" select="'passages'"/></xsl:call-template>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="names" as="array(*)*">
      <xsl:for-each select="$pages">
        <xsl:call-template name="ed:harvest-page"><xsl:with-param name="want" select="'names'"/></xsl:call-template>
      </xsl:for-each>
    </xsl:variable>
    <xsl:result-document href="search/{ed:id($tei)}.js" method="text" encoding="UTF-8">
      <xsl:text>/* Search data of one text of the edition (made by the edition's build). */&#10;</xsl:text>
      <xsl:text>(window.editionSearchData = window.editionSearchData || []).push(&#10;</xsl:text>
      <xsl:value-of select="serialize([ed:id($tei), ed:title($tei), array{$passages}, array{$names}],
                                      map{'method': 'json', 'indent': false()})"/>
      <xsl:text>&#10;);&#10;</xsl:text>
    </xsl:result-document>
  </xsl:template>

  <!-- One page, in document order, keeping track of the printed page. -->
  <xsl:template name="ed:harvest-page">
    <xsl:param name="want" as="xs:string"/>
    <xsl:variable name="file" select="string(@file)"/>
    <xsl:variable name="title" select="string(@title)"/>
    <xsl:iterate select=".//h:*[@data-page or (if ($want = 'names') then exists(@data-ref) else ed:is-passage(.))]
                          [not(ed:is-apparatus(.))]">
      <xsl:param name="page" as="xs:string" select="''"/>
      <xsl:choose>
        <xsl:when test="@data-page">
          <xsl:next-iteration><xsl:with-param name="page" select="string(@data-page)"/></xsl:next-iteration>
        </xsl:when>
        <xsl:when test="@data-ref">
          <xsl:variable name="anchor" select="(ancestor::*[ed:is-passage(.)][@id][1], ancestor::*[@id][1])[1]"/>
          <xsl:sequence select="[string(@data-ref), $file || '#' || $anchor/@id, ed:place-label(., $page, $title)]"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="text" select="ed:passage-text(.)"/>
          <xsl:if test="$text">
            <xsl:sequence select="[$file || '#' || (@id, ancestor::*[@id][1]/@id)[1], $title, $page, $text]"/>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:iterate>
  </xsl:template>
</xsl:stylesheet>

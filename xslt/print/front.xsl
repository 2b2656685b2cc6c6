<?xml version="1.0" encoding="UTF-8"?>
<!-- Front matter from a TEI header: half-title, title page, and the colophon on the title
     page's verso (the text's sources, its archival original, rights, how this book was made,
     the build date). The same templates make the edition's front matter from
     tei/edition.xml and each text's part title in the edition's book. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:function name="ed:subtitle" as="xs:string?">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="($tei/teiHeader/fileDesc/titleStmt/title[@type = 'sub'])[1] ! normalize-space(.)"/>
  </xsl:function>

  <!-- The build date in words: "24 November 2026". -->
  <xsl:function name="ed:date-in-words" as="xs:string">
    <xsl:param name="iso" as="xs:string"/>
    <xsl:sequence select="if ($iso castable as xs:date)
        then format-date(xs:date($iso), '[D] [MNn] [Y]', 'en', (), ())
        else $iso"/>
  </xsl:function>

  <!-- What the PDF's Subject says: the header's abstract, else title, author and date. -->
  <xsl:function name="ed:subject" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="header" select="$tei/teiHeader"/>
    <xsl:variable name="abstract" select="normalize-space(string-join($header/profileDesc/abstract, ' '))"/>
    <xsl:sequence select="if ($abstract) then $abstract else string-join((
        ed:title($tei),
        string-join(ed:authors($tei), ' and ')[.] ! ('by ' || .),
        ($header/profileDesc/creation/date)[1] ! normalize-space(.)), ', ')"/>
  </xsl:function>

  <xsl:function name="ed:keywords" as="xs:string*">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="distinct-values($tei/teiHeader/profileDesc/textClass/keywords/term ! normalize-space(.))"/>
  </xsl:function>

  <!-- The document's metadata (WeasyPrint writes it into the PDF's Info and XMP). -->
  <xsl:template name="ed:book-head">
    <xsl:param name="tei" as="element()"/>
    <head>
      <meta charset="UTF-8"/>
      <title><xsl:value-of select="ed:title($tei)"/></title>
      <xsl:for-each select="ed:authors($tei)">
        <meta name="author" content="{.}"/>
      </xsl:for-each>
      <meta name="description" content="{ed:subject($tei)}"/>
      <xsl:if test="exists(ed:keywords($tei))">
        <meta name="keywords" content="{string-join(ed:keywords($tei), ', ')}"/>
      </xsl:if>
      <meta name="generator" content="edition: TEI P5, XSLT 3.0, WeasyPrint"/>
      <meta name="dcterms.created" content="{$build-date}T00:00:00Z"/>
      <meta name="dcterms.modified" content="{$build-date}T00:00:00Z"/>
    </head>
  </xsl:template>

  <xsl:template match="TEI" mode="ed:half-title">
    <section class="half-title">
      <p class="half-title-title"><xsl:value-of select="ed:title(.)"/></p>
    </section>
  </xsl:template>

  <xsl:template match="TEI" mode="ed:title-page">
    <xsl:variable name="titles" select="teiHeader/fileDesc/titleStmt"/>
    <section class="title-page">
      <xsl:for-each select="ed:authors(.)">
        <p class="title-page-author"><xsl:value-of select="."/></p>
      </xsl:for-each>
      <p class="title-page-title"><xsl:value-of select="ed:title(.)"/></p>
      <xsl:if test="ed:subtitle(.)">
        <p class="title-page-subtitle"><xsl:value-of select="ed:subtitle(.)"/></p>
      </xsl:if>
      <xsl:for-each select="$titles/editor">
        <p class="title-page-resp">Edited by <xsl:value-of select="normalize-space(.)"/></p>
      </xsl:for-each>
      <xsl:for-each select="$titles/respStmt">
        <p class="title-page-resp">
          <xsl:value-of select="ed:capitalise(normalize-space(string-join(resp, '; ')))"/>
          <xsl:text> </xsl:text>
          <xsl:value-of select="(persName | orgName | name) ! normalize-space(.)" separator=", "/>
        </p>
      </xsl:for-each>
      <xsl:variable name="publisher" select="(teiHeader/fileDesc/publicationStmt/(publisher | authority | distributor))[1]"/>
      <xsl:if test="$publisher">
        <p class="title-page-imprint">
          <xsl:value-of select="normalize-space($publisher)"/>
          <xsl:if test="$dated">
            <xsl:text> · </xsl:text>
            <xsl:value-of select="substring($build-date, 1, 4)"/>
          </xsl:if>
        </p>
      </xsl:if>
    </section>
  </xsl:template>

  <xsl:template match="TEI" mode="ed:colophon">
    <xsl:param name="file-name" as="xs:string" select="($source-file, ed:id(.) || '.xml')[1]"/>
    <section class="colophon" role="doc-colophon" aria-label="Colophon">
      <xsl:apply-templates select="teiHeader" mode="ed:provenance"/>
      <div class="making">
        <p class="making-title">How this edition was made</p>
        <xsl:apply-templates select="teiHeader/encodingDesc" mode="ed:encoding"/>
        <p>
          <xsl:choose>
            <xsl:when test="$foreign and empty($source-file) and exists($source-name)">
              <!-- The edition's book of another project's files: its header was made from
                   theirs, and is no file of theirs. -->
              <xsl:text>Typeset from the TEI P5 files of the directory </xsl:text>
              <span class="file-name"><xsl:value-of select="$source-name"/></span>
              <xsl:text>, each checked for what its rendering needs (they follow their own project’s schema, not the edition’s),</xsl:text>
            </xsl:when>
            <xsl:otherwise>
              <xsl:text>Typeset from the TEI P5 file </xsl:text>
              <span class="file-name"><xsl:value-of select="$file-name"/></span>
              <xsl:value-of select="if ($foreign) then ', checked for what its rendering needs (it follows its own project’s schema, not the edition’s),'
                                    else ', validated against the edition’s schema,'"/>
            </xsl:otherwise>
          </xsl:choose>
          transformed to HTML with XSLT 3.0 and set in
          pages with CSS paged media by WeasyPrint; set in Linux Libertine.<xsl:if test="$dated"> Built
          <xsl:value-of select="ed:date-in-words($build-date)"/>.</xsl:if></p>
      </div>
    </section>
  </xsl:template>
</xsl:stylesheet>

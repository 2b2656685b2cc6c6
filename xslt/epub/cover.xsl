<?xml version="1.0" encoding="UTF-8"?>
<!-- The cover image of an EPUB (the manifest item with properties="cover-image" that reading
     systems show in their libraries): an SVG typeset from the header, no picture: title,
     subtitle, authors, and the edition the text belongs to. Text in SVG stays text (a
     reading system can search it); lines are broken here, since SVG 1.1 does not wrap. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns="http://www.w3.org/2000/svg"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- The cover's file name within a text's directory, and its manifest id (a chunk's id
       comes from an xml:id, which cannot begin with a full stop). -->
  <xsl:variable name="ed:cover-file" as="xs:string" select="'cover.svg'"/>
  <xsl:variable name="ed:cover-stem" as="xs:string" select="'.cover'"/>

  <!-- Words into lines of at most $width characters (a longer word has a line of its own). -->
  <xsl:function name="ed:lines" as="xs:string*">
    <xsl:param name="text" as="xs:string?"/>
    <xsl:param name="width" as="xs:integer"/>
    <xsl:sequence select="fold-left(tokenize(normalize-space($text)), (),
        function ($lines as xs:string*, $word as xs:string) as xs:string* {
          if (empty($lines)) then $word
          else if (string-length($lines[last()]) + 1 + string-length($word) le $width)
          then ($lines[position() lt last()], $lines[last()] || ' ' || $word)
          else ($lines, $word)
        })"/>
  </xsl:function>

  <!-- The cover of a header's text: its title and subtitles; the authors above, the series
       (the edition a text belongs to, the edition's publisher) below. -->
  <xsl:template name="ed:write-cover">
    <xsl:param name="href" as="xs:string"/>
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:param name="authors" as="xs:string*" select="()"/>
    <xsl:param name="series" as="xs:string?" select="()"/>
    <xsl:variable name="title" select="ed:title($tei)"/>
    <xsl:variable name="title-lines" select="ed:lines($title, 22)"/>
    <!-- A subtitle that describes rather than names (longer than a cover can hold) stays
         on the title page. -->
    <xsl:variable name="subtitle-lines" select="$tei/teiHeader/fileDesc/titleStmt/title[@type = 'sub']
        ! normalize-space(.)[string-length(.) le 100] ! ed:lines(., 38)"/>
    <xsl:variable name="title-top" select="620"/>
    <xsl:variable name="subtitle-top" select="$title-top + count($title-lines) * 150 + 60"/>
    <xsl:result-document href="{$href}" format="ed:xml">
      <svg version="1.1" viewBox="0 0 1600 2560" width="1600" height="2560"
           font-family="'Linux Libertine O', 'Linux Libertine', 'Libertinus Serif', Georgia, serif">
        <title>
          <xsl:value-of select="string-join(($title, $authors[1]), ' — ')"/>
        </title>
        <rect width="1600" height="2560" fill="#f3eee4"/>
        <rect x="110" y="110" width="1380" height="2340" fill="none" stroke="#7a1f1f" stroke-width="6"/>
        <g text-anchor="middle" fill="#1d1a17">
          <xsl:if test="exists($authors)">
            <text x="800" y="430" font-size="76" letter-spacing="6">
              <xsl:value-of select="upper-case(string-join($authors, ', '))"/>
            </text>
          </xsl:if>
          <line x1="560" y1="500" x2="1040" y2="500" stroke="#7a1f1f" stroke-width="4"/>
          <xsl:for-each select="$title-lines">
            <text x="800" y="{$title-top + position() * 150}" font-size="124"><xsl:value-of select="."/></text>
          </xsl:for-each>
          <xsl:for-each select="$subtitle-lines">
            <text x="800" y="{$subtitle-top + position() * 84}" font-size="64" font-style="italic"><xsl:value-of select="."/></text>
          </xsl:for-each>
          <xsl:for-each select="ed:lines($series, 40)">
            <text x="800" y="{2200 + (position() - 1) * 70}" font-size="52" fill="#7a1f1f"><xsl:value-of select="."/></text>
          </xsl:for-each>
        </g>
      </svg>
    </xsl:result-document>
  </xsl:template>
</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!-- Package metadata from a TEI header: titles, creators and contributors with MARC relator
     roles, publisher, date, languages, sources (with ISBNs), rights, subjects, and the
     accessibility metadata of EPUB Accessibility 1.1, stated from what the text contains. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:ed="urn:x-edition:functions"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:opf="http://www.idpf.org/2007/opf"
    xmlns="http://www.idpf.org/2007/opf"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- Words of a TEI resp or role → MARC relator codes: a relator URI's code, else every
       role named before the first comma, semicolon or parenthesis ("translator and
       annotator of …": trl, ann; "English translation, first published in …": trl), else
       ctb. -->
  <xsl:variable name="ed:relator-words" as="map(xs:string, xs:string)" select="map{
      'translat': 'trl', 'introduc': 'aui', 'annotat': 'ann', '(encod|mark-?up)': 'mrk',
      'transcri': 'trc', 'compil': 'com', 'publish': 'pbl', 'author': 'aut',
      'edit(or|ors|ed|ing|orial)?([^a-z]|$)': 'edt', 'publication': 'pbl'}"/>

  <xsl:function name="ed:relator" as="xs:string+">
    <xsl:param name="words" as="xs:string*"/>
    <xsl:variable name="text" select="lower-case(string-join($words, ' '))"/>
    <xsl:variable name="uris" select="analyze-string($text, '/relators/([a-z]{3})')//*:group ! string(.)"/>
    <xsl:variable name="head" select="string(tokenize($text, '[,;(]')[1])"/>
    <xsl:variable name="named" select="distinct-values(
        for $stem in map:keys($ed:relator-words)
        return (if (matches($head, '(^|[^a-z])' || $stem)) then $ed:relator-words($stem) else ()))"/>
    <xsl:sequence select="if (exists($uris)) then distinct-values($uris)
        else if (exists($named)) then sort($named) else 'ctb'"/>
  </xsl:function>

  <!-- The people and bodies named in a titleStmt: maps with name, role (MARC code) and
       creator (true for authors). -->
  <xsl:function name="ed:agents" as="map(*)*">
    <xsl:param name="tei" as="element()"/>
    <xsl:for-each select="$tei/teiHeader/fileDesc/titleStmt/(author | editor | respStmt)">
      <xsl:choose>
        <xsl:when test="self::author">
          <xsl:sequence select="map{'name': normalize-space(.), 'role': 'aut', 'creator': true()}"/>
        </xsl:when>
        <xsl:when test="self::editor">
          <xsl:sequence select="map{'name': normalize-space(.),
              'role': if (@role) then ed:relator(string(@role)) else 'edt', 'creator': false()}"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="role" select="ed:relator(resp ! (string(@ref), string(.)))"/>
          <xsl:for-each select="persName | orgName | name">
            <xsl:sequence select="map{'name': normalize-space(.), 'role': $role, 'creator': false()}"/>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:function>

  <!-- ISBNs of the print sources, digits only (idno type="ISBN", "isbn-paper", …). -->
  <xsl:function name="ed:isbns" as="xs:string*">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="distinct-values($tei/teiHeader/fileDesc/sourceDesc//idno
        [matches(@type, '^isbn', 'i')] ! upper-case(replace(., '[^0-9Xx]', ''))[. != ''])"/>
  </xsl:function>

  <!-- The header's sources as citations (text). -->
  <xsl:function name="ed:source-citations" as="xs:string*">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="entries" select="$tei/teiHeader/fileDesc/sourceDesc/(bibl | biblFull | p
        | listBibl/(bibl | biblFull | listBibl/(bibl | biblFull)))"/>
    <xsl:for-each select="$entries">
      <xsl:variable name="rendered" as="node()*"><xsl:apply-templates select="." mode="ed:source"/></xsl:variable>
      <xsl:sequence select="normalize-space(string-join($rendered ! string(.)))"/>
    </xsl:for-each>
  </xsl:function>

  <!-- What identifies the print pages (pb) of a text: its first ISBN as a URN, else the
       citation of its first source; () when the text has no page breaks. -->
  <xsl:function name="ed:page-source" as="xs:string?">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="if (empty($tei/text//pb)) then ()
        else (ed:isbns($tei)[1] ! ('urn:isbn:' || .), ed:source-citations($tei)[1], 'unknown')[1]"/>
  </xsl:function>

  <xsl:function name="ed:rights" as="xs:string*">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="$tei/teiHeader/fileDesc/publicationStmt/availability/(licence | p)
        ! (normalize-space(.) || (@target ! (' (' || normalize-space(.) || ')')))[. != '']"/>
  </xsl:function>

  <!-- A W3CDTF date for dc:date: the TEI publication date, else the build date. -->
  <xsl:function name="ed:publication-date" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="when" select="string(($tei/teiHeader/fileDesc/publicationStmt/date/@when)[1])"/>
    <xsl:sequence select="if (matches($when, '^\d{4}(-\d\d(-\d\d)?)?$')) then $when else substring($modified, 1, 10)"/>
  </xsl:function>

  <!-- dc:title, creators, contributors, publisher, date, languages, sources, rights,
       subjects and description of one TEI text. -->
  <xsl:template name="ed:dc-metadata">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:variable name="header" select="$tei/teiHeader"/>
    <dc:identifier id="uid"><xsl:value-of select="$identifier"/></dc:identifier>
    <dc:title id="title"><xsl:value-of select="ed:title($tei)"/></dc:title>
    <meta refines="#title" property="title-type">main</meta>
    <xsl:for-each select="$header/fileDesc/titleStmt/title[@type = 'sub']">
      <dc:title id="subtitle-{position()}"><xsl:value-of select="normalize-space(.)"/></dc:title>
      <meta refines="#subtitle-{position()}" property="title-type">subtitle</meta>
    </xsl:for-each>
    <xsl:call-template name="ed:agents-metadata">
      <xsl:with-param name="agents" select="ed:agents($tei)"/>
    </xsl:call-template>
    <xsl:for-each select="($header/fileDesc/publicationStmt/(publisher | distributor | authority))[1]">
      <dc:publisher><xsl:value-of select="normalize-space(.)"/></dc:publisher>
    </xsl:for-each>
    <dc:date><xsl:value-of select="ed:publication-date($tei)"/></dc:date>
    <xsl:for-each select="distinct-values(($header/profileDesc/langUsage/language/@ident ! string(), ed:lang($tei)))">
      <dc:language><xsl:value-of select="."/></dc:language>
    </xsl:for-each>
    <xsl:call-template name="ed:sources-metadata">
      <xsl:with-param name="citations" select="ed:source-citations($tei)"/>
      <xsl:with-param name="isbns" select="ed:isbns($tei)"/>
    </xsl:call-template>
    <xsl:for-each select="ed:rights($tei)">
      <dc:rights><xsl:value-of select="."/></dc:rights>
    </xsl:for-each>
    <xsl:for-each select="distinct-values($header/profileDesc/textClass/keywords/term ! normalize-space(.))">
      <dc:subject><xsl:value-of select="."/></dc:subject>
    </xsl:for-each>
    <xsl:for-each select="$header/profileDesc/abstract">
      <dc:description><xsl:value-of select="normalize-space(.)"/></dc:description>
    </xsl:for-each>
    <meta property="dcterms:modified"><xsl:value-of select="$modified"/></meta>
  </xsl:template>

  <!-- Creators (authors) and contributors, each with its relator role; a person named in
       several roles is listed once with every role. -->
  <xsl:template name="ed:agents-metadata">
    <xsl:param name="agents" as="map(*)*"/>
    <xsl:for-each-group select="$agents" group-by="?name || '|' || ?creator">
      <xsl:variable name="id" select="(if (current-group()[1]?creator) then 'creator-' else 'contributor-') || position()"/>
      <xsl:element name="{if (current-group()[1]?creator) then 'dc:creator' else 'dc:contributor'}"
                   namespace="http://purl.org/dc/elements/1.1/">
        <xsl:attribute name="id" select="$id"/>
        <xsl:value-of select="current-group()[1]?name"/>
      </xsl:element>
      <xsl:for-each select="distinct-values(current-group() ! ?role)">
        <meta refines="#{$id}" property="role" scheme="marc:relators"><xsl:value-of select="."/></meta>
      </xsl:for-each>
    </xsl:for-each-group>
  </xsl:template>

  <xsl:template name="ed:sources-metadata">
    <xsl:param name="citations" as="xs:string*"/>
    <xsl:param name="isbns" as="xs:string*"/>
    <xsl:for-each select="distinct-values($citations)">
      <dc:source><xsl:value-of select="."/></dc:source>
    </xsl:for-each>
    <xsl:for-each select="distinct-values($isbns)">
      <dc:source><xsl:value-of select="'urn:isbn:' || ."/></dc:source>
    </xsl:for-each>
  </xsl:template>

  <!-- EPUB Accessibility 1.1 metadata. Each feature is stated only where the publication
       has it: page markers and a page list only when the text has printed pages; an index
       only when it has one. -->
  <xsl:template name="ed:accessibility-metadata">
    <xsl:param name="page-sources" as="xs:string*"/>
    <xsl:param name="has-index" as="xs:boolean"/>
    <xsl:param name="has-tables" as="xs:boolean"/>
    <xsl:param name="publisher" as="xs:string?"/>
    <xsl:variable name="pages" select="exists($page-sources)"/>
    <meta property="schema:accessMode">textual</meta>
    <meta property="schema:accessModeSufficient">textual</meta>
    <xsl:for-each select="('structuralNavigation', 'tableOfContents', 'readingOrder',
        'displayTransformability', 'ARIA',
        if ($pages) then ('pageBreakMarkers', 'pageNavigation', 'printPageNumbers') else (),
        if ($has-index) then 'index' else ())">
      <meta property="schema:accessibilityFeature"><xsl:value-of select="."/></meta>
    </xsl:for-each>
    <meta property="schema:accessibilityHazard">none</meta>
    <meta property="schema:accessibilitySummary">
      <xsl:value-of select="string-join((
          'Text only, with no images, audio or video: everything can be read aloud or on a braille display.',
          'A table of contents and headings lead to every part and section; the reading order follows the source.',
          'Note references and notes link to each other in both directions.',
          if ($pages) then 'Page-break markers and a page list give the page numbers of the print edition.' else (),
          if ($has-tables) then 'Tables have header cells.' else (),
          'Text and layout adapt to the reader''s settings (no fixed layout, no embedded fonts).'), ' ')"/>
    </meta>
    <xsl:for-each select="distinct-values($page-sources)">
      <meta property="pageBreakSource"><xsl:value-of select="."/></meta>
    </xsl:for-each>
    <meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>
    <xsl:if test="$publisher">
      <meta property="a11y:certifiedBy"><xsl:value-of select="$publisher"/></meta>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!-- The survey pass: one quick look at each text before any page is written.

  For each text it says what the site needs to know beforehand: its title, authors, date
  and one-line provenance (for the home page); whether it is split into pages, which, and
  which page holds each of its ids (so that links from other texts, such as an essay's
  "challenge-1923-25.xml#p67", land on the right page); which of its parts correspond to
  another text (the parallel view); what the editors did to it (the about page).

  The builder runs this once per text, one text in memory at a time, and gathers the
  results into one site:site document, which the rendering layer receives as $site. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns:site="urn:x-edition:site"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:import href="../html.xsl"/>

  <!-- A text longer than this (characters of its text) is split into pages; so is a
       division that long which is made of divisions. -->
  <xsl:param name="chunk-size" as="xs:integer" select="150000"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:function name="ed:is-long" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="string-length(string($element)) gt $chunk-size"/>
  </xsl:function>

  <!-- The pages of a container, top down: each division, or its divisions if it is long
       and made of them (then the division itself is a page too, for what precedes them). -->
  <xsl:function name="ed:page-divisions" as="element()*">
    <xsl:param name="container" as="element()"/>
    <xsl:for-each select="$container/div">
      <xsl:sequence select="if (ed:is-long(.) and count(div) ge 2)
                            then (., ed:page-divisions(.)) else ."/>
    </xsl:for-each>
  </xsl:function>

  <!-- The printed page a division starts on: a page break before any of its words, else
       the last one before it. -->
  <xsl:function name="ed:start-page" as="xs:string?">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="first-pb" select="($div//pb)[1]"/>
    <xsl:variable name="first-word" select="($div//text()[normalize-space()][not(ancestor::note)])[1]"/>
    <xsl:sequence select="(if ($first-pb and (empty($first-word) or $first-pb &lt;&lt; $first-word))
                           then $first-pb else $div/preceding::pb[1])/@n ! normalize-space(.)"/>
  </xsl:function>

  <!-- A page's title: as the text's own table of contents names the division (a book's
       contents print "First Letter to the Central Committee" where the heading is in
       capitals), else its heading, else its type and number. -->
  <xsl:function name="ed:page-title" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="head" select="(ed:listed-title($div), normalize-space(string-join(
        $div/head[1]//text()[not(ancestor::note or ancestor::sic or ancestor::orig)], '')))[1]"/>
    <xsl:sequence select="if ($head) then $head
        else if ($div/@n) then ed:capitalise(string(($div/@type, 'part')[1])) || ' ' || $div/@n
        else if ($div/@type) then ed:capitalise(replace($div/@type, '-', ' '))
        else 'Part ' || (count($div/preceding::div) + 1)"/>
  </xsl:function>

  <xsl:template match="/">
    <xsl:apply-templates select="TEI" mode="ed:survey"/>
  </xsl:template>

  <xsl:template match="TEI" mode="ed:survey">
    <xsl:variable name="split" select="ed:is-long(text) and exists(text/(front | body | back)/div)"/>
    <xsl:variable name="pages" select="if ($split) then text/(front | body | back) ! ed:page-divisions(.) else ()"/>
    <xsl:variable name="tei" select="."/>
    <site:text file="{ed:id(.)}.xml" id="{ed:id(.)}" href="{ed:text-file(.)}" lang="{ed:lang(.)}"
               split="{$split}" title="{ed:title(.)}" provenance="{ed:provenance-line(.)}"
               citation="{ed:print-citation(.)}">
      <xsl:for-each select="ed:authors(.)">
        <site:author><xsl:value-of select="."/></site:author>
      </xsl:for-each>
      <xsl:for-each select="ed:text-date(.)">
        <site:date when="{@when}"><xsl:value-of select="normalize-space(.)"/></site:date>
      </xsl:for-each>
      <xsl:for-each select="$pages">
        <xsl:variable name="file" select="ed:chunk-file(.)"/>
        <site:page chunk="{ed:id(.)}" href="{$file}" title="{ed:page-title(.)}"
                   depth="{count(ancestor::div[some $p in $pages satisfies $p is .])}">
          <xsl:for-each select="ed:start-page(.)"><xsl:attribute name="first-page" select="."/></xsl:for-each>
          <xsl:if test="count(div) ge 2 and ed:is-long(.)"><xsl:attribute name="part" select="'true'"/></xsl:if>
        </site:page>
      </xsl:for-each>
      <xsl:if test="$split">
        <xsl:for-each select="text//*[@xml:id]">
          <xsl:variable name="chunk" select="ancestor-or-self::div[some $p in $pages satisfies $p is .][1]"/>
          <site:anchor id="{@xml:id}" page="{if ($chunk) then ed:chunk-file($chunk) else ed:text-file($tei)}"/>
        </xsl:for-each>
      </xsl:if>
      <!-- Parts that correspond to another text of the edition (the same document in
           another version): each gets a parallel view. -->
      <xsl:for-each select="(., text//div)[@corresp]">
        <xsl:variable name="holder" select="ed:id(.)"/>
        <xsl:for-each select="tokenize(normalize-space(@corresp), ' ')[matches(., '^[^:/#]+\.xml(#.+)?$')]">
          <site:correspondence holder="{$holder}" target="{.}"/>
        </xsl:for-each>
      </xsl:for-each>
      <!-- Parts dated to the day by their own heading (a writing's dateline): the builder
           matches them with texts written that day by the same author (html.py). -->
      <xsl:for-each select="text//div[not(@corresp)]">
        <xsl:variable name="when" select="(dateline | docDate | opener/dateline | dateline/docDate
                                           | opener/dateline/docDate)/(@when, date/@when)[matches(., '^\d{4}-\d\d-\d\d$')][1]"/>
        <xsl:if test="$when">
          <site:dated part="{ed:id(.)}" when="{$when}"/>
        </xsl:if>
      </xsl:for-each>
      <site:stats pages="{count(text//pb)}"
                  corrections="{count(text//choice[sic and corr] | text//corr[not(parent::choice)])}"
                  regularisations="{count(text//choice[orig and reg])}"
                  supplied="{count(text//supplied[not(tokenize(@reason, ' ') = 'gloss')])}"
                  glosses="{count(text//supplied[tokenize(@reason, ' ') = 'gloss'])}"
                  gaps="{count(text//gap)}" unclear="{count(text//unclear)}"
                  notes="{count(text//note)}"/>
      <!-- The other files its pointers name: its pages need their entries (links that land
           on the right page, or stay text when the file is not built), no other's. -->
      <xsl:for-each select="distinct-values(//@* ! tokenize(normalize-space(.), ' ')
                              ! substring-before(. || '#', '#')[matches(., '^[^:/#]+\.xml$')])">
        <site:cites file="{.}"/>
      </xsl:for-each>
      <xsl:apply-templates select="teiHeader/encodingDesc" mode="ed:without-ids"/>
    </site:text>
  </xsl:template>

  <!-- The texts' declarations side by side in one document: their xml:ids (a rendition
       "red" in two texts) would clash there. -->
  <xsl:template match="node() | @*" mode="ed:without-ids">
    <xsl:copy copy-namespaces="no"><xsl:apply-templates select="@*, node()" mode="ed:without-ids"/></xsl:copy>
  </xsl:template>
  <xsl:template match="@xml:id" mode="ed:without-ids" priority="1"/>
</xsl:stylesheet>

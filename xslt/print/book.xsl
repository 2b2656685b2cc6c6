<?xml version="1.0" encoding="UTF-8"?>
<!-- Books: one text as a book (the initial match), the whole edition as one book
     (ed:edition-book), and the table of contents both share. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns:h="http://www.w3.org/1999/xhtml"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:template match="/">
    <xsl:variable name="tei" select="/TEI"/>
    <xsl:variable name="article" as="element()">
      <xsl:apply-templates select="$tei"/>
    </xsl:variable>
    <html lang="{ed:lang($tei)}" xml:lang="{ed:lang($tei)}">
      <xsl:call-template name="ed:book-head">
        <xsl:with-param name="tei" select="$tei"/>
      </xsl:call-template>
      <body class="book text-book">
        <xsl:apply-templates select="$tei" mode="ed:half-title"/>
        <xsl:apply-templates select="$tei" mode="ed:title-page"/>
        <xsl:apply-templates select="$tei" mode="ed:colophon"/>
        <xsl:call-template name="ed:contents">
          <xsl:with-param name="entries" select="ed:contents-entries($article)"/>
        </xsl:call-template>
        <xsl:sequence select="ed:phrasing-fixed($article)"/>
      </body>
    </html>
  </xsl:template>

  <xsl:function name="ed:has-class" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:param name="class" as="xs:string"/>
    <xsl:sequence select="tokenize($element/@class, '\s+') = $class"/>
  </xsl:function>

  <!-- A text's contents: its chapters, and their sections when there are fewer than three
       chapters (an essay's numbered sections); in a collection, every member and group. -->
  <xsl:function name="ed:contents-entries" as="element()*">
    <xsl:param name="article" as="element()"/>
    <xsl:variable name="headings" select="$article//h:*[@data-depth][not(ed:has-class(., 'endnotes-title'))]"/>
    <xsl:variable name="depth" select="if (count($headings[@data-depth = '1']) lt 3) then 2 else 1"/>
    <xsl:sequence select="$headings[xs:integer(@data-depth) le $depth
                                    or ed:has-class(., 'member-title') or ed:has-class(., 'group-title')]"/>
  </xsl:function>

  <!-- The contents: one line per entry, linked to the entry's section; the page number is
       the style sheet's target-counter(). -->
  <xsl:template name="ed:contents">
    <xsl:param name="entries" as="element()*"/>
    <!-- "contents", unless the text has a division of that id (the book's printed contents). -->
    <xsl:variable name="taken" select="($entries ! root(.))//@id[starts-with(., 'contents')]"/>
    <nav class="toc" role="doc-toc" aria-label="Contents"
         id="{(('contents', (2 to count($taken) + 1) ! ('contents-' || .))[not(. = $taken)])[1]}">
      <h2 class="toc-title" data-title="Contents">Contents</h2>
      <ol class="toc-list">
        <xsl:for-each select="$entries">
          <xsl:variable name="target" select="(ancestor::h:section | ancestor::h:div)[last()]"/>
          <li class="{string-join(('toc-entry', tokenize(@class, '\s+')[. = ('part-title', 'chapter-title')] ! ('toc-' || .),
                                   @data-depth ! ('toc-depth-' || .)), ' ')}">
            <a href="#{$target/@id}">
              <xsl:if test="normalize-space(@data-byline)">
                <span class="toc-byline"><xsl:value-of select="@data-byline"/></span>
              </xsl:if>
              <span class="toc-text"><xsl:value-of select="@data-title"/></span>
            </a>
          </li>
        </xsl:for-each>
      </ol>
    </nav>
  </xsl:template>

  <!-- The whole edition: its own front matter (from tei/edition.xml), the contents, then
       each text as a part: a part title, the text's colophon, its chapters. -->
  <xsl:template name="ed:edition-book">
    <xsl:variable name="header" select="$edition/TEI"/>
    <xsl:variable name="parts" as="element()*">
      <xsl:for-each select="$books">
        <xsl:variable name="article" select="(.//h:article[ed:has-class(., 'text')])[1]"/>
        <section class="part" id="part-{$article/@id}">
          <div class="part-title-page" id="part-title-{$article/@id}">
            <h1 class="part-title" data-title="{.//h:title}"
                data-byline="{string-join(.//h:meta[@name = 'author']/@content, ' and ')}">
              <xsl:value-of select=".//h:title"/>
            </h1>
            <xsl:copy-of select=".//h:section[ed:has-class(., 'title-page')]/h:p[ed:has-class(., 'title-page-author')]"/>
          </div>
          <!-- Ids need no prefix: the schema keeps xml:ids unique across the edition (S020),
               and the ids the stylesheets make begin with the text's id. -->
          <xsl:apply-templates select=".//h:section[ed:has-class(., 'colophon')], $article" mode="ed:edition-links"/>
        </section>
      </xsl:for-each>
    </xsl:variable>
    <html lang="{if ($header) then ed:lang($header) else 'en'}">
      <xsl:choose>
        <xsl:when test="$header">
          <xsl:call-template name="ed:book-head">
            <xsl:with-param name="tei" select="$header"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <head><meta charset="UTF-8"/><title>The edition</title></head>
        </xsl:otherwise>
      </xsl:choose>
      <body class="book edition-book">
        <xsl:if test="$header">
          <xsl:apply-templates select="$header" mode="ed:half-title"/>
          <xsl:apply-templates select="$header" mode="ed:title-page"/>
          <xsl:apply-templates select="$header" mode="ed:colophon"/>
        </xsl:if>
        <xsl:call-template name="ed:contents">
          <xsl:with-param name="entries" select="$parts//h:*[ed:has-class(., 'part-title') or
              (ed:has-class(., 'chapter-title') and not(ed:has-class(., 'text-title')))]"/>
        </xsl:call-template>
        <xsl:sequence select="$parts"/>
      </body>
    </html>
  </xsl:template>

  <!-- In the edition's book every text is at hand: a link to another text's PDF becomes a
       link within the book. -->
  <xsl:template match="@href[matches(., '^[^:/#]+\.pdf(#.*)?$')]" mode="ed:edition-links">
    <xsl:variable name="file" select="substring-before(. || '#', '.pdf')"/>
    <xsl:variable name="fragment" select="substring-after(., '#')"/>
    <xsl:choose>
      <xsl:when test="$books//h:article[@id = $file]">
        <xsl:attribute name="href" select="'#' || (if ($fragment) then $fragment else 'part-' || $file)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:copy/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="node() | @*" mode="ed:edition-links">
    <xsl:copy>
      <xsl:apply-templates select="node() | @*" mode="#current"/>
    </xsl:copy>
  </xsl:template>
</xsl:stylesheet>

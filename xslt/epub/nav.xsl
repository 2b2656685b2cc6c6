<?xml version="1.0" encoding="UTF-8"?>
<!-- The navigation document of one text's EPUB:
  - toc: the title page, then every chunk, with the titled divisions inside it nested as in
    the TEI (a part, its writings, their numbered sections);
  - landmarks: title page, contents, start of the text, notes, index;
  - page-list: one entry per printed page of the source (every pb; the unnumbered ones,
    covers and title pages, by name), in reading order, each pointing at its page marker. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns:epub="http://www.idpf.org/2007/ops"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:template name="ed:write-nav">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:result-document href="OEBPS/nav.xhtml" format="ed:xhtml">
      <xsl:call-template name="ed:xhtml-page">
        <xsl:with-param name="title" select="'Contents — ' || ed:title($tei)"/>
        <xsl:with-param name="lang" select="ed:lang($tei)"/>
        <xsl:with-param name="depth" select="0"/>
        <xsl:with-param name="body-type" select="'frontmatter'"/>
        <xsl:with-param name="content">
          <nav epub:type="toc" id="toc" role="doc-toc" aria-labelledby="toc-title">
            <h1 id="toc-title">Contents</h1>
            <ol>
              <xsl:call-template name="ed:toc-entries"/>
            </ol>
          </nav>
          <xsl:call-template name="ed:landmarks"/>
          <xsl:call-template name="ed:page-list"/>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:result-document>
  </xsl:template>

  <!-- The toc's entries for this text (hrefs relative to the package directory). The title
       page's entry is marked, so that the edition's contents can make it the text's own. -->
  <xsl:template name="ed:toc-entries">
    <xsl:variable name="dir" select="$ed:text-id || '/'"/>
    <li class="toc-titlepage"><a href="{$dir}{$ed:titlepage-file}">Title page</a></li>
    <xsl:call-template name="ed:toc-level">
      <xsl:with-param name="chunks" select="$ed:chunks[empty(?nodes[1]/parent::div)]"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The entries of chunks at one level of a collection: each text of a group (a member)
       and each group with a heading has an entry, the chunks it holds inside it, as deep as
       they go. A chunk that
       would be called by its own text's title (that text's opening) adds no entry of its
       own, only its divisions: the text's entry stands for it. -->
  <xsl:template name="ed:toc-level">
    <xsl:param name="chunks" as="map(*)*"/>
    <xsl:param name="level" as="xs:integer" select="1"/>
    <xsl:for-each-group select="$chunks" group-adjacent="(?members[$level] ! generate-id(.), '')[1]">
      <xsl:choose>
        <xsl:when test="current-grouping-key() = ''">
          <xsl:for-each select="current-group()">
            <xsl:choose>
              <xsl:when test="empty(?div) and exists(?text) and ed:chunk-label(.) = ed:text-title(?text)">
                <xsl:apply-templates select="ed:toc-divisions(.)" mode="ed:toc"/>
              </xsl:when>
              <xsl:otherwise>
                <xsl:call-template name="ed:toc-chunk">
                  <xsl:with-param name="chunk" select="."/>
                </xsl:call-template>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <li>
            <a href="{$ed:text-id}/{current-group()[1]?file}">
              <xsl:value-of select="ed:text-title(current-group()[1]?members[$level])"/>
            </a>
            <xsl:variable name="entries" as="element()*">
              <xsl:call-template name="ed:toc-level">
                <xsl:with-param name="chunks" select="current-group()"/>
                <xsl:with-param name="level" select="$level + 1"/>
              </xsl:call-template>
            </xsl:variable>
            <xsl:if test="exists($entries)">
              <ol><xsl:sequence select="$entries"/></ol>
            </xsl:if>
          </li>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each-group>
  </xsl:template>

  <!-- The titled divisions a chunk without a division of its own holds, outermost. -->
  <xsl:function name="ed:toc-divisions" as="element()*">
    <xsl:param name="chunk" as="map(*)"/>
    <xsl:sequence select="$chunk?nodes/descendant-or-self::div[head][not(ancestor::div[head])]"/>
  </xsl:function>

  <xsl:template name="ed:toc-chunk">
    <xsl:param name="chunk" as="map(*)"/>
    <xsl:variable name="dir" select="$ed:text-id || '/'"/>
    <xsl:choose>
      <xsl:when test="exists($chunk?div)">
        <xsl:apply-templates select="$chunk?div" mode="ed:toc"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="divs" select="ed:toc-divisions($chunk)"/>
        <li>
          <a href="{$dir}{$chunk?file}"><xsl:value-of select="ed:chunk-label($chunk)"/></a>
          <xsl:if test="$divs">
            <ol><xsl:apply-templates select="$divs" mode="ed:toc"/></ol>
          </xsl:if>
        </li>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="div" mode="ed:toc">
    <xsl:variable name="div" select="."/>
    <xsl:variable name="children" select=".//div[head][ancestor::div[head][1] is $div]"/>
    <li>
      <a href="{$ed:text-id}/{ed:file-of(.)}{if (ed:is-chunk(.)) then '' else '#' || ed:id(.)}">
        <xsl:value-of select="ed:head-label(.)"/>
      </a>
      <xsl:if test="$children">
        <ol><xsl:apply-templates select="$children" mode="ed:toc"/></ol>
      </xsl:if>
    </li>
  </xsl:template>

  <xsl:template name="ed:landmarks">
    <xsl:variable name="dir" select="$ed:text-id || '/'"/>
    <xsl:variable name="text" select="$ed:tei/text"/>
    <xsl:variable name="body-chunk" select="$ed:chunks[?matter = 'body'][1]"/>
    <xsl:variable name="notes" select="($text//div[tokenize(@type) = ('notes', 'endnotes')])[1]"/>
    <xsl:variable name="index" select="($text//div[tokenize(@type) = 'index'])[1]"/>
    <xsl:variable name="glossary" select="($text//div[tokenize(@type) = ('glossary', 'abbreviations')])[1]"/>
    <nav epub:type="landmarks" id="landmarks" hidden="hidden" aria-labelledby="landmarks-title">
      <h2 id="landmarks-title">Landmarks</h2>
      <ol>
        <li><a epub:type="titlepage" href="{$dir}{$ed:titlepage-file}">Title page</a></li>
        <li><a epub:type="toc" href="nav.xhtml#toc">Contents</a></li>
        <xsl:if test="exists($body-chunk)">
          <li><a epub:type="bodymatter" href="{$dir}{$body-chunk?file}">Start of text</a></li>
        </xsl:if>
        <xsl:if test="$notes">
          <li><a epub:type="endnotes" href="{$dir}{ed:file-of($notes)}#{ed:id($notes)}">Notes</a></li>
        </xsl:if>
        <xsl:if test="$glossary">
          <li><a epub:type="glossary" href="{$dir}{ed:file-of($glossary)}#{ed:id($glossary)}">Glossary</a></li>
        </xsl:if>
        <xsl:if test="$index">
          <li><a epub:type="index" href="{$dir}{ed:file-of($index)}#{ed:id($index)}">Index</a></li>
        </xsl:if>
      </ol>
    </nav>
  </xsl:template>

  <!-- The printed pages in the order a reader meets their markers: chunk by chunk; within a
       chunk, the running text first, then the footnotes shown at its end. -->
  <xsl:function name="ed:pages-in-reading-order" as="element(pb)*">
    <xsl:param name="text" as="element(text)?"/>
    <xsl:for-each-group select="$text//pb" group-by="ed:chunk-index(.)">
      <xsl:sort select="current-grouping-key()"/>
      <xsl:sequence select="current-group()[empty(ancestor::note[ed:is-footnote(.)])],
                            current-group()[exists(ancestor::note[ed:is-footnote(.)])]"/>
    </xsl:for-each-group>
  </xsl:function>

  <xsl:template name="ed:page-list">
    <xsl:variable name="pages" select="ed:pages-in-reading-order($ed:tei/text)"/>
    <xsl:if test="$pages">
      <nav epub:type="page-list" id="page-list" role="doc-pagelist" hidden="hidden"
           aria-labelledby="page-list-title">
        <h2 id="page-list-title">Pages</h2>
        <ol>
          <xsl:for-each select="$pages">
            <li>
              <a href="{$ed:text-id}/{ed:file-of(.)}#{ed:page-id(.)}"><xsl:value-of select="ed:page-label(.)"/></a>
            </li>
          </xsl:for-each>
        </ol>
      </nav>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>

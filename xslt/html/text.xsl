<?xml version="1.0" encoding="UTF-8"?>
<!-- The pages of a text: the whole text on one page, or, for a split text, its contents
     page and one page per division with previous/next links and the table of contents.
     Tunnel parameters: ed:page (the TEI element or the division whose page is being
     written) and ed:copy (true inside a note copied onto another page). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns:site="urn:x-edition:site"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:function name="ed:site-text" as="element(site:text)?">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="if ($site) then key('ed:site-text', ed:source-file($tei), $site)[1] else ()"/>
  </xsl:function>

  <!-- On a page of a split text, headings count from the page's division (its head is h1). -->
  <xsl:function name="ed:heading-level" as="xs:integer">
    <xsl:param name="head" as="element()"/>
    <xsl:variable name="chunk" select="ed:chunk-of($head)"/>
    <xsl:sequence select="if ($chunk)
        then min((6, count($head/ancestor::div[. &gt;&gt; $chunk or . is $chunk])))
        else min((6, count($head/ancestor::*[matches(local-name(), '^div\d?$')]) + 1))"/>
  </xsl:function>

  <xsl:template match="/">
    <xsl:apply-templates select="TEI" mode="ed:pages"/>
    <xsl:call-template name="ed:parallel-pages"/>
  </xsl:template>

  <!-- A text's pages are built first (site:built elements holding each page's content),
       then written, then harvested for the search (html/harvest.xsl). -->
  <xsl:template match="TEI" mode="ed:pages">
    <xsl:variable name="tei" select="."/>
    <xsl:variable name="chunks" select="ed:chunks(.)"/>
    <xsl:variable name="pages" as="element(site:built)*">
      <site:built file="{ed:text-file(.)}" title="{ed:title(.)}" lang="{ed:lang(.)}"
                  kind="{if ($chunks) then 'contents' else 'text'}"
                  description="{string-join((ed:authors(.), ed:title(.)), ', ')}">
        <article class="text" id="{ed:id(.)}">
          <xsl:call-template name="ed:article-data"/>
          <xsl:call-template name="ed:text-header"/>
          <xsl:apply-templates select="text, sourceDoc, facsimile">
            <xsl:with-param name="ed:page" select="." tunnel="yes"/>
          </xsl:apply-templates>
          <xsl:call-template name="ed:footnote-section">
            <xsl:with-param name="scope" select="."/>
          </xsl:call-template>
          <xsl:call-template name="ed:page-endnotes">
            <xsl:with-param name="scope" select="."/>
          </xsl:call-template>
          <xsl:apply-templates select="teiHeader" mode="ed:provenance"/>
        </article>
      </site:built>
      <xsl:for-each select="$chunks">
        <xsl:call-template name="ed:chunk-page">
          <xsl:with-param name="tei" select="$tei"/>
          <xsl:with-param name="chunks" select="$chunks"/>
        </xsl:call-template>
      </xsl:for-each>
    </xsl:variable>
    <xsl:for-each select="$pages">
      <xsl:call-template name="ed:page">
        <xsl:with-param name="file" select="string(@file)"/>
        <xsl:with-param name="title" select="string(@title)"/>
        <xsl:with-param name="lang" select="string(@lang)"/>
        <xsl:with-param name="kind" select="string(@kind)"/>
        <xsl:with-param name="description" select="string(@description)"/>
        <xsl:with-param name="content" select="node()"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:call-template name="ed:search-data">
      <xsl:with-param name="tei" select="$tei"/>
      <xsl:with-param name="pages" select="$pages"/>
    </xsl:call-template>
  </xsl:template>

  <!-- What scripts need to know about the text on a page: its id, its title, how to cite
       its printed source. -->
  <xsl:template name="ed:article-data">
    <xsl:param name="tei" as="element()" select="."/>
    <xsl:attribute name="data-text" select="ed:id($tei)"/>
    <xsl:attribute name="data-text-title" select="ed:title($tei)"/>
    <xsl:attribute name="data-citation" select="ed:print-citation($tei)"/>
    <xsl:attribute name="data-edition" select="ed:edition-title()"/>
  </xsl:template>

  <!-- The head of a text's page: author, title, date, where it comes from, reading tools. -->
  <xsl:template name="ed:text-header">
    <xsl:param name="tei" as="element()" select="."/>
    <xsl:param name="scope" as="element()" select="$tei"/>
    <xsl:variable name="entry" select="ed:site-text($tei)"/>
    <header class="text-header">
      <xsl:choose>
        <xsl:when test="$scope is $tei">
          <xsl:if test="ed:authors($tei)">
            <p class="text-author"><xsl:value-of select="ed:authors($tei)" separator=", "/></p>
          </xsl:if>
          <h1 class="text-title"><xsl:value-of select="ed:title($tei)"/></h1>
          <xsl:for-each select="ed:text-date($tei)">
            <p class="text-date"><xsl:apply-templates select="."/></p>
          </xsl:for-each>
          <p class="text-provenance">
            <xsl:value-of select="ed:provenance-line($tei)"/>
            <xsl:text> </xsl:text>
            <a href="#provenance" class="more">About this text</a>
          </p>
        </xsl:when>
        <xsl:otherwise>
          <p class="text-context">
            <xsl:if test="ed:authors($tei)">
              <span class="text-author"><xsl:value-of select="ed:authors($tei)" separator=", "/></span>
              <xsl:text>, </xsl:text>
            </xsl:if>
            <a href="{ed:text-file($tei)}"><cite><xsl:value-of select="ed:title($tei)"/></cite></a>
            <xsl:text> </xsl:text>
            <a href="{ed:text-file($tei)}#provenance" class="more">About this text</a>
          </p>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="ed:reading-tools">
        <xsl:with-param name="scope" select="$scope"/>
        <xsl:with-param name="entry" select="$entry"/>
      </xsl:call-template>
    </header>
  </xsl:template>

  <!-- Switches and links for reading: original readings, the parallel view. -->
  <xsl:template name="ed:reading-tools">
    <xsl:param name="scope" as="element()"/>
    <xsl:param name="entry" as="element(site:text)?"/>
    <!-- Every reading kept hidden beside the one shown: corrections, regularisations,
         expansions, other alternatives, an apparatus's variants. -->
    <xsl:variable name="on-page" select="$scope//(choice | sic | orig | app[rdg | rdgGrp])[ed:page-file(.) = ed:page-file($scope)]"/>
    <xsl:variable name="parallels" select="ed:parallels-of($scope)"/>
    <xsl:if test="exists($on-page) or exists($parallels)">
      <div class="reading-tools">
        <xsl:if test="$on-page">
          <p class="toggle">
            <input type="checkbox" id="toggle-original" class="toggle-original"/>
            <label for="toggle-original">Show original readings</label>
            <xsl:text> </xsl:text>
            <span class="toggle-hint">(<xsl:value-of select="count($on-page)"/>
              <xsl:variable name="noun" select="if (every $e in $on-page satisfies $e[self::sic or self::orig or sic or orig])
                                             then 'correction' else 'other reading'"/>
              <xsl:value-of select="' ' || $noun || (if (count($on-page) = 1) then '' else 's')"/> on this page)</span>
          </p>
        </xsl:if>
        <xsl:for-each select="$parallels">
          <p class="parallel-link"><a href="{?file}"><xsl:value-of select="?label"/></a></p>
        </xsl:for-each>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- A page of a split text. -->
  <xsl:template name="ed:chunk-page">
    <xsl:param name="tei" as="element()"/>
    <xsl:param name="chunks" as="element()*"/>
    <xsl:variable name="position" select="index-of($chunks ! generate-id(), generate-id(.))"/>
    <xsl:variable name="title" select="ed:site-text($tei)/site:page[@chunk = ed:id(current())]/@title"/>
    <xsl:variable name="page-title" select="string-join(($title, ed:title($tei)), ' · ')"/>
    <site:built file="{ed:chunk-file(.)}" title="{$page-title}" lang="{ed:lang(.)}" kind="chunk"
                description="{string-join(($title, ed:authors($tei), ed:title($tei)), ', ')}">
        <!-- Not an article: the page's heading is its division's, inside. -->
        <div class="text" id="{ed:id($tei)}">
          <xsl:call-template name="ed:article-data">
            <xsl:with-param name="tei" select="$tei"/>
          </xsl:call-template>
          <xsl:call-template name="ed:text-header">
            <xsl:with-param name="tei" select="$tei"/>
            <xsl:with-param name="scope" select="."/>
          </xsl:call-template>
          <xsl:call-template name="ed:pager">
            <xsl:with-param name="tei" select="$tei"/>
            <xsl:with-param name="previous" select="$chunks[$position - 1]"/>
            <xsl:with-param name="next" select="$chunks[$position + 1]"/>
            <xsl:with-param name="where" select="'top'"/>
          </xsl:call-template>
          <xsl:if test="not(head)">
            <!-- A division without a heading (a cover, an imprint) is named by its title. -->
            <h1 class="page-title"><xsl:value-of select="$title"/></h1>
          </xsl:if>
          <xsl:apply-templates select=".">
            <xsl:with-param name="ed:page" select="." tunnel="yes"/>
          </xsl:apply-templates>
          <xsl:call-template name="ed:footnote-section">
            <xsl:with-param name="scope" select="."/>
          </xsl:call-template>
          <xsl:call-template name="ed:page-endnotes">
            <xsl:with-param name="scope" select="."/>
          </xsl:call-template>
          <xsl:call-template name="ed:pager">
            <xsl:with-param name="tei" select="$tei"/>
            <xsl:with-param name="previous" select="$chunks[$position - 1]"/>
            <xsl:with-param name="next" select="$chunks[$position + 1]"/>
            <xsl:with-param name="where" select="'bottom'"/>
          </xsl:call-template>
          <xsl:call-template name="ed:toc-panel">
            <xsl:with-param name="tei" select="$tei"/>
            <xsl:with-param name="current" select="."/>
          </xsl:call-template>
        </div>
    </site:built>
  </xsl:template>

  <!-- Previous / contents / next. -->
  <xsl:template name="ed:pager">
    <xsl:param name="tei" as="element()"/>
    <xsl:param name="previous" as="element()?"/>
    <xsl:param name="next" as="element()?"/>
    <xsl:param name="where" as="xs:string"/>
    <xsl:variable name="pages" select="ed:site-text($tei)/site:page"/>
    <nav class="pager pager-{$where}" aria-label="{if ($where = 'top') then 'Pages of this text' else 'Pages of this text (end)'}">
      <ul>
        <li class="pager-previous">
          <xsl:choose>
            <xsl:when test="$previous">
              <a href="{ed:chunk-file($previous)}" rel="prev"><span class="pager-arrow" aria-hidden="true">←</span>
                <xsl:text> </xsl:text><xsl:value-of select="$pages[@chunk = ed:id($previous)]/@title"/></a>
            </xsl:when>
            <xsl:otherwise>
              <a href="{ed:text-file($tei)}" rel="prev"><span class="pager-arrow" aria-hidden="true">←</span> Contents</a>
            </xsl:otherwise>
          </xsl:choose>
        </li>
        <li class="pager-contents"><a href="{ed:text-file($tei)}#contents">Contents</a></li>
        <li class="pager-next">
          <xsl:if test="$next">
            <a href="{ed:chunk-file($next)}" rel="next"><xsl:value-of select="$pages[@chunk = ed:id($next)]/@title"/>
              <xsl:text> </xsl:text><span class="pager-arrow" aria-hidden="true">→</span></a>
          </xsl:if>
        </li>
      </ul>
    </nav>
  </xsl:template>

  <!-- The whole table of contents, folded, at the end of each page of a split text. -->
  <xsl:template name="ed:toc-panel">
    <xsl:param name="tei" as="element()"/>
    <xsl:param name="current" as="element()"/>
    <details class="toc-panel">
      <summary>Contents of <cite><xsl:value-of select="ed:title($tei)"/></cite></summary>
      <ol class="toc">
        <xsl:for-each select="ed:site-text($tei)/site:page">
          <xsl:call-template name="ed:toc-entry">
            <xsl:with-param name="current" select="@chunk = ed:id($current)"/>
          </xsl:call-template>
        </xsl:for-each>
      </ol>
    </details>
  </xsl:template>

  <xsl:template name="ed:toc-entry">
    <xsl:param name="current" as="xs:boolean" select="false()"/>
    <li class="toc-depth-{@depth}">
      <a href="{@href}">
        <xsl:if test="$current"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
        <xsl:value-of select="@title"/>
      </a>
      <xsl:if test="@first-page">
        <xsl:text> </xsl:text><span class="toc-page">p. <xsl:value-of select="@first-page"/></span>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- A division of notes without a heading gets one (the web page needs it to be found). -->
  <xsl:template match="div[@type = 'notes'][not(head)]">
    <xsl:variable name="section" as="element()">
      <xsl:next-match/>
    </xsl:variable>
    <section>
      <xsl:copy-of select="$section/@*"/>
      <h2 class="notes-title">Notes</h2>
      <xsl:copy-of select="$section/node()"/>
    </section>
  </xsl:template>

  <!-- A division that has a page of its own, met on another page: it becomes an entry of
       a table of contents there (a run of such divisions, one list). -->
  <xsl:template match="div[ed:is-chunk(.)]" priority="5">
    <xsl:param name="ed:page" as="element()?" tunnel="yes" select="()"/>
    <xsl:choose>
      <xsl:when test=". is $ed:page">
        <xsl:next-match/>
      </xsl:when>
      <xsl:when test="preceding-sibling::*[1][self::div[ed:is-chunk(.)]]"/>
      <xsl:otherwise>
        <xsl:variable name="stop" select="following-sibling::*[not(self::div[ed:is-chunk(.)])][1]"/>
        <xsl:variable name="run" select="(., following-sibling::div[ed:is-chunk(.)][empty($stop) or . &lt;&lt; $stop])"/>
        <xsl:variable name="pages" select="ed:site-text(root(.)/TEI)/site:page"/>
        <ol class="toc">
          <xsl:if test="empty(preceding::div[ed:is-chunk(.)])">
            <xsl:attribute name="id" select="'contents'"/>
          </xsl:if>
          <xsl:for-each select="$run/descendant-or-self::div[ed:is-chunk(.)]">
            <xsl:for-each select="$pages[@chunk = ed:id(current())]">
              <xsl:call-template name="ed:toc-entry"/>
            </xsl:for-each>
          </xsl:for-each>
        </ol>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>

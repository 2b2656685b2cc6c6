<?xml version="1.0" encoding="UTF-8"?>
<!-- Two versions of one document side by side, aligned by their numbered parts.

  A division (or a whole text) whose @corresp points at another text of the edition (or at a
  part of one) is another version of it: the letter of 8 October 1923 in the full 1993
  translation, and the partial 1924 text printed in the Pathfinder volume. The parallel page
  sets the two side by side, one row per numbered part (div/@n), with an empty cell where a
  version lacks that part; what precedes and follows the numbered parts has a row of its own.
  Written when the text holding the @corresp is rendered; the other text comes in as one of
  $companions. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns:site="urn:x-edition:site"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- The other texts a parallel page of this text needs (the builder supplies them). -->
  <xsl:param name="companions" as="document-node()*" select="()"/>

  <xsl:function name="ed:parallel-file" as="xs:string">
    <xsl:param name="holder-id" as="xs:string"/>
    <xsl:sequence select="'parallel-' || $holder-id || '.html'"/>
  </xsl:function>

  <!-- Links to the parallel pages that concern a page (as holder or as target), as maps
       with the page's file and a label naming the other version. -->
  <xsl:function name="ed:parallels-of" as="map(*)*">
    <xsl:param name="scope" as="element()"/>
    <xsl:variable name="file" select="ed:source-file($scope)"/>
    <xsl:variable name="whole" select="exists($scope/self::TEI)"/>
    <xsl:variable name="ids" select="$scope/descendant-or-self::*/@xml:id ! string(.)"/>
    <xsl:for-each select="$site ! key('ed:site-text', $file, .)/site:correspondence[@holder = $ids]">
      <xsl:variable name="target" select="key('ed:site-text', substring-before(@target || '#', '#'), $site)"/>
      <xsl:sequence select="map{'file': ed:parallel-file(@holder),
                                'label': 'Parallel view with ' || ($target/@title, @target)[1]}"/>
    </xsl:for-each>
    <xsl:for-each select="$site//site:correspondence[let $t := string(@target) return
                            $t = $file and $whole or substring-after($t, '#') = $ids and starts-with($t, $file || '#')]">
      <xsl:variable name="holder-text" select="parent::site:text"/>
      <xsl:variable name="page" select="$holder-text/site:page[@chunk = current()/@holder]"/>
      <xsl:sequence select="map{'file': ed:parallel-file(@holder),
                                'label': 'Parallel view with ' || string-join(($page/@title, $holder-text/@title), ', ')}"/>
    </xsl:for-each>
  </xsl:function>

  <!-- The numbered parts of a version, as [number, nodes] arrays in order: its outermost
       divisions with an @n; failing those, its numbered paragraphs ("1. …", numbers rising),
       each with the blocks that follow it up to the next one (a closer ends the last). -->
  <xsl:function name="ed:aligned-units" as="array(*)*">
    <xsl:param name="side" as="element()"/>
    <xsl:variable name="scope" select="ed:aligned-scope($side)"/>
    <xsl:variable name="divs" select="$scope//div[@n][empty(ancestor::div[@n] intersect $scope//div)]"/>
    <xsl:choose>
      <xsl:when test="$divs">
        <xsl:sequence select="$divs ! [normalize-space(@n), .]"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="starts" as="element()*">
          <xsl:iterate select="$scope/(p | ab)[ed:leading-number(.)]">
            <xsl:param name="last" as="xs:integer" select="0"/>
            <xsl:variable name="n" select="xs:integer(ed:leading-number(.))"/>
            <xsl:if test="$n gt $last"><xsl:sequence select="."/></xsl:if>
            <xsl:next-iteration><xsl:with-param name="last" select="max(($n, $last))"/></xsl:next-iteration>
          </xsl:iterate>
        </xsl:variable>
        <xsl:for-each select="$starts">
          <xsl:variable name="start" select="."/>
          <xsl:variable name="end" select="($starts[. &gt;&gt; $start][1],
              $start/following-sibling::*[self::closer or self::signed or self::trailer or self::postscript][1])[1]"/>
          <xsl:sequence select="[ed:leading-number(.), ($start, $start/following-sibling::node()[empty($end) or . &lt;&lt; $end])]"/>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:function name="ed:aligned-scope" as="element()">
    <xsl:param name="side" as="element()"/>
    <xsl:sequence select="if ($side/self::TEI) then $side/text/body else $side"/>
  </xsl:function>

  <!-- "12" for a paragraph that begins "12. ", else (). -->
  <xsl:function name="ed:leading-number" as="xs:string?">
    <xsl:param name="block" as="element()"/>
    <xsl:variable name="start" select="substring(normalize-space($block), 1, 6)"/>
    <xsl:sequence select="if (matches($start, '^\d{1,2}\.\s')) then replace($start, '^(\d+).*$', '$1') else ()"/>
  </xsl:function>

  <!-- What a version has before its first numbered part, and after its last. -->
  <xsl:function name="ed:unaligned" as="node()*">
    <xsl:param name="side" as="element()"/>
    <xsl:param name="where" as="xs:string"/>
    <xsl:variable name="units" select="ed:aligned-units($side)"/>
    <xsl:variable name="scope" select="ed:aligned-scope($side)"/>
    <xsl:sequence select="if (empty($units)) then ()
        else if ($where = 'before') then $scope/node()[. &lt;&lt; $units[1]?2[1]][not(self::head)]
        else $scope/node()[. &gt;&gt; $units[last()]?2[last()]]"/>
  </xsl:function>

  <xsl:template name="ed:parallel-pages">
    <xsl:variable name="here" select="/TEI"/>
    <xsl:for-each select="ed:site-text($here)/site:correspondence">
      <xsl:variable name="target-file" select="substring-before(@target || '#', '#')"/>
      <xsl:variable name="target-id" select="substring-after(@target, '#')"/>
      <xsl:variable name="other" select="$companions[ed:source-file(.) = $target-file][1]"/>
      <xsl:variable name="left" select="if ($target-id) then key('ed:id', $target-id, $other)[1] else $other/TEI"/>
      <xsl:variable name="right" select="key('ed:id', @holder, root($here))[1]"/>
      <xsl:choose>
        <xsl:when test="$left and $right">
          <xsl:call-template name="ed:parallel-page">
            <xsl:with-param name="left" select="$left"/>
            <xsl:with-param name="right" select="$right"/>
            <xsl:with-param name="file" select="ed:parallel-file(@holder)"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:message select="ed:message('H001', 'warning', 'no parallel view for ' || @holder
              || ': ' || @target || ' is not among the texts built')"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- How a version is named in a column heading: its text's title, and for a part of a
       text its heading too; its date; its source. -->
  <xsl:function name="ed:version-label" as="xs:string">
    <xsl:param name="side" as="element()"/>
    <xsl:variable name="tei" select="root($side)/TEI"/>
    <!-- The division's title as its text's contents give it (the survey's page title). -->
    <xsl:variable name="head" select="if ($side/self::div)
        then ($site ! key('ed:site-text', ed:source-file($side), .)/site:page[@chunk = ed:id($side)]/@title,
              $side/head[1] ! normalize-space(.))[1]
        else ()"/>
    <xsl:sequence select="string-join(($head, ed:title($tei)), ', in ')"/>
  </xsl:function>

  <xsl:template name="ed:parallel-page">
    <xsl:param name="left" as="element()"/>
    <xsl:param name="right" as="element()"/>
    <xsl:param name="file" as="xs:string"/>
    <xsl:variable name="left-units" select="ed:aligned-units($left)"/>
    <xsl:variable name="right-units" select="ed:aligned-units($right)"/>
    <xsl:variable name="numbers" select="distinct-values(($left-units, $right-units) ! ?1)"/>
    <xsl:variable name="ordered" select="if (every $n in $numbers satisfies $n castable as xs:integer)
                                         then sort($numbers, (), function($n) { xs:integer($n) }) else $numbers"/>
    <xsl:variable name="sides" select="($left, $right)"/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="file" select="$file"/>
      <xsl:with-param name="title" select="'Parallel view: ' || ed:title(root($left)/TEI)"/>
      <xsl:with-param name="kind" select="'parallel'"/>
      <xsl:with-param name="lang" select="ed:lang($left)"/>
      <xsl:with-param name="content">
        <article class="parallel" data-citation="" data-edition="{ed:edition-title()}">
          <header class="text-header">
            <h1 class="text-title">Two versions, side by side</h1>
            <p class="parallel-intro">Aligned by point number:
              <xsl:value-of select="count($ordered)"/> numbered points,
              <xsl:value-of select="count($numbers[. = $left-units ! ?1][. = $right-units ! ?1])"/> in both.
              An empty cell means that the version does not have that point.</p>
            <xsl:if test="$sides//(choice | sic | orig | app[rdg | rdgGrp])">
              <div class="reading-tools">
                <p class="toggle">
                  <input type="checkbox" id="toggle-original" class="toggle-original"/>
                  <label for="toggle-original">Show original readings</label>
                </p>
              </div>
            </xsl:if>
          </header>
          <div class="parallel-grid">
            <xsl:variable name="labels" select="$sides ! ed:version-label(.)"/>
            <div class="parallel-row parallel-heads">
              <xsl:for-each select="$sides">
                <div class="parallel-cell" lang="{ed:lang(.)}">
                  <h2 class="version-title" id="version-{position()}">
                    <a href="{ed:link(., ed:id(.))}"><xsl:value-of select="ed:version-label(.)"/></a>
                  </h2>
                  <p class="version-source">
                    <xsl:value-of select="ed:provenance-line(root(.)/TEI)"/>
                  </p>
                </div>
              </xsl:for-each>
            </div>
            <xsl:call-template name="ed:parallel-row">
              <xsl:with-param name="labels" select="$labels" tunnel="yes"/>
              <xsl:with-param name="label" select="'Opening'"/>
              <xsl:with-param name="cells" select="$sides ! array{ed:unaligned(., 'before')}"/>
            </xsl:call-template>
            <xsl:for-each select="$ordered">
              <xsl:variable name="n" select="."/>
              <xsl:call-template name="ed:parallel-row">
                <xsl:with-param name="labels" select="$labels" tunnel="yes"/>
                <xsl:with-param name="label" select="'Point ' || $n"/>
                <xsl:with-param name="cells" select="array{$left-units[?1 = $n] ! ?2}, array{$right-units[?1 = $n] ! ?2}"/>
              </xsl:call-template>
            </xsl:for-each>
            <xsl:call-template name="ed:parallel-row">
              <xsl:with-param name="labels" select="$labels" tunnel="yes"/>
              <xsl:with-param name="label" select="'Close'"/>
              <xsl:with-param name="cells" select="$sides ! array{ed:unaligned(., 'after')}"/>
            </xsl:call-template>
          </div>
          <xsl:for-each select="$sides">
            <xsl:variable name="side" select="."/>
            <xsl:variable name="shown" select="(ed:aligned-units(.) ! ?2, ed:unaligned(., 'before'), ed:unaligned(., 'after'))"/>
            <xsl:variable name="calls" select="$shown/descendant-or-self::*[@type = 'noteref'][self::ref or self::ptr]"/>
            <xsl:variable name="notes" as="element()*">
              <xsl:for-each-group select="$calls ! ed:resolve(ed:first-pointer(@target), .)[self::note]" group-by="generate-id()">
                <xsl:sequence select="."/>
              </xsl:for-each-group>
            </xsl:variable>
            <xsl:variable name="footnotes" select="$shown/descendant-or-self::note[ed:is-footnote(.)]"/>
            <xsl:if test="$notes or $footnotes">
              <section class="endnotes page-notes" aria-labelledby="notes-{position()}">
                <h2 id="notes-{position()}" class="notes-title">Notes to <xsl:value-of select="ed:version-label($side)"/></h2>
                <xsl:for-each select="$notes">
                  <xsl:variable name="note" select="."/>
                  <xsl:variable name="label" select="ed:version-label($side)"/>
                  <xsl:call-template name="ed:note-body">
                    <xsl:with-param name="calls" select="$calls[ed:resolve(ed:first-pointer(@target), .) is $note]"/>
                    <xsl:with-param name="backlinks" select="$calls[ed:resolve(ed:first-pointer(@target), .) is $note] ! ('#' || ed:call-id(.))"/>
                    <xsl:with-param name="ed:copy" select="true()" tunnel="yes"/>
                    <xsl:with-param name="ed:notes-of" select="$label" tunnel="yes"/>
                  </xsl:call-template>
                </xsl:for-each>
                <xsl:for-each select="$footnotes">
                  <xsl:call-template name="ed:note-body">
                    <xsl:with-param name="ed:notes-of" select="ed:version-label($side)" tunnel="yes"/>
                  </xsl:call-template>
                </xsl:for-each>
              </section>
            </xsl:if>
          </xsl:for-each>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="ed:parallel-row">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="cells" as="array(node()*)*"/>
    <xsl:param name="labels" as="xs:string*" tunnel="yes"/>
    <xsl:if test="some $c in $cells satisfies exists($c?*[normalize-space() or self::*])">
      <section class="parallel-row" aria-label="{$label}">
        <xsl:for-each select="$cells">
          <xsl:variable name="nodes" select="?*"/>
          <xsl:variable name="i" select="position()"/>
          <div class="parallel-cell">
            <p class="parallel-cell-label"><xsl:value-of select="$labels[$i]"/></p>
            <xsl:choose>
              <xsl:when test="exists($nodes[normalize-space() or self::*])">
                <xsl:apply-templates select="$nodes">
                  <xsl:with-param name="ed:copy" select="true()" tunnel="yes"/>
                </xsl:apply-templates>
              </xsl:when>
              <xsl:otherwise>
                <p class="parallel-missing">Not in this version.</p>
              </xsl:otherwise>
            </xsl:choose>
          </div>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>

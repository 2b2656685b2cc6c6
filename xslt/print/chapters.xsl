<?xml version="1.0" encoding="UTF-8"?>
<!-- A text as the chapters of a book. Each top-level division with a heading is a chapter
     and opens on a recto; what stands before the first of them (a letter's whole body, an
     unheaded introduction) opens the text under its title. Chapter headings carry the short
     title the running heads show (data-running) and the full title the PDF outline shows
     (data-title). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- The text: no footnote section (notes float) and no provenance at the end (it is the
       colophon, front.xsl). The verso's running head is the author, else the title. -->
  <xsl:template match="TEI">
    <xsl:variable name="authors" select="ed:authors(.)"/>
    <article class="tei-text text" id="{ed:id(.)}" lang="{ed:lang(.)}"
             data-verso="{if (exists($authors)) then string-join($authors, ' and ') else ed:running-title(ed:title(.))}">
      <xsl:apply-templates select="text, sourceDoc, facsimile"/>
      <xsl:call-template name="ed:textual-notes">
        <xsl:with-param name="tei" select="."/>
      </xsl:call-template>
    </article>
  </xsl:template>

  <xsl:template match="TEI/text">
    <xsl:call-template name="ed:text-chapters">
      <xsl:with-param name="title" select="ed:title(ancestor::TEI[1])"/>
      <xsl:with-param name="id" select="ed:id(ancestor::TEI[1]) || '-opening'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A text of a group (a collection's member, or an anthology's piece) opens on a recto
       under its own title, even when a chapter comes first; its chapters sit under it in
       the outline (ed:outline-depth). One without a title of its own adds no heading and
       no level. -->
  <xsl:template match="group/text">
    <xsl:call-template name="ed:text-chapters">
      <xsl:with-param name="title" select="ed:own-title(.)"/>
      <xsl:with-param name="id" select="ed:id(.) || '-opening'"/>
      <xsl:with-param name="member" select="true()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The title of a member, where it stands in the member's own text (its title page's
       title, its first heading): the opening's heading says it (ed:text-title). -->
  <xsl:template match="group/text/front/titlePage/docTitle | group/text/front/docTitle
                       | group/text/(front | body)/head" priority="3">
    <xsl:choose>
      <xsl:when test=". is ed:text-title-element(ancestor::text[1])">
        <xsl:if test="@xml:id">
          <span class="anchor" id="{@xml:id}"/>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:next-match/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The chapters of a text (the context): its chapters as they are, what stands between
       them in runs, and what stands before the first under the text's title; a group (a
       collection's texts) in its place. -->
  <xsl:template name="ed:text-chapters">
    <xsl:param name="title" as="xs:string?"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="member" as="xs:boolean" select="false()"/>
    <xsl:variable name="parts" select="(front | body | back)/* | group"/>
    <xsl:variable name="depth" select="1 + ed:group-depth(.)"/>
    <xsl:variable name="heading" as="element()?">
      <xsl:if test="exists($title)">
        <h1 class="chapter-title {if ($member) then 'member-title' else 'text-title'} bm-{$depth}"
            data-title="{$title}" data-depth="{$depth}" data-running="{ed:running-title($title)}">
          <xsl:value-of select="$title"/>
        </h1>
      </xsl:if>
    </xsl:variable>
    <xsl:if test="$member and exists($heading) and (empty($parts) or ed:stands-alone($parts[1]))">
      <section class="chapter text-opening" id="{$id}">
        <xsl:sequence select="$heading"/>
      </section>
    </xsl:if>
    <xsl:for-each-group select="$parts" group-adjacent="if (ed:stands-alone(.)) then generate-id(.) else '~run'">
      <xsl:choose>
        <xsl:when test="ed:stands-alone(.)">
          <xsl:apply-templates select="."/>
        </xsl:when>
        <xsl:when test="position() = 1 and exists($heading)">
          <!-- The text's opening, under the text's own title. -->
          <section class="chapter text-opening" id="{$id}">
            <xsl:sequence select="$heading"/>
            <xsl:apply-templates select="ed:leading-pages(current-group()[1]), current-group()"/>
            <xsl:call-template name="ed:chapter-endnotes">
              <xsl:with-param name="scope" select="current-group()"/>
              <xsl:with-param name="level" select="2"/>
            </xsl:call-template>
          </section>
        </xsl:when>
        <xsl:otherwise>
          <div class="{if (current-group()[1]/parent::front) then 'run front-run' else 'run'}">
            <xsl:apply-templates select="ed:leading-pages(current-group()[1]), current-group()"/>
          </div>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each-group>
  </xsl:template>

  <!-- A part of a text that is not gathered into a run: a chapter, or a group of texts. -->
  <xsl:function name="ed:stands-alone" as="xs:boolean">
    <xsl:param name="part" as="element()"/>
    <xsl:sequence select="exists($part/self::group)
        or (ed:is-chapter($part) and not($part/self::div and ed:is-relocated($part)))"/>
  </xsl:function>

  <!-- A group of texts: the page breaks before it; its heading, on a recto of its own
       with what stands before its first text; its texts. -->
  <xsl:template match="group">
    <xsl:variable name="opening" select="*[. &lt;&lt; current()/(text | group)[1]]"/>
    <div>
      <xsl:call-template name="ed:attributes"/>
      <xsl:choose>
        <xsl:when test="head">
          <xsl:variable name="title" select="ed:plain-text(head[1])"/>
          <xsl:variable name="depth" select="ed:group-depth(head[1])"/>
          <section class="chapter group-opening" id="{ed:id(.)}-opening">
            <xsl:apply-templates select="ed:leading-pages(.)"/>
            <h1 class="chapter-title group-title bm-{$depth}" data-title="{$title}"
                data-depth="{$depth}" data-running="{ed:running-title($title)}">
              <xsl:apply-templates select="head[1]/node()"/>
            </h1>
            <xsl:apply-templates select="$opening except head[1]"/>
          </section>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="ed:leading-pages(.), $opening"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:apply-templates select="node() except $opening"/>
    </div>
  </xsl:template>

  <!-- A pointer into a file that is not a text of the corpus (not yet encoded): its words,
       no link to a PDF that is not there. -->
  <xsl:template match="ref[@target][ed:is-missing-pdf(ed:first-pointer(@target))]
                       | ptr[@target][ed:is-missing-pdf(ed:first-pointer(@target))]" priority="4">
    <span class="unresolved-ref">
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- Page breaks between front, body and back (children of text) belong to what follows
       them: they are set at the start of the first part of the next of those, so that the
       page can be cited (index locators) and is marked in the margin. -->
  <xsl:function name="ed:leading-pages" as="element(pb)*">
    <xsl:param name="part" as="element()"/>
    <xsl:variable name="parent" select="$part/.."/>
    <xsl:variable name="opened" select="if ($part/self::group) then $part
        else if ($part is $parent/*[1] and $parent/parent::text) then $parent else ()"/>
    <xsl:sequence select="$opened/preceding-sibling::pb[not(following-sibling::*[. &lt;&lt; $opened][not(self::pb)])]"/>
  </xsl:function>

  <!-- The document as written (diplomatic.xsl) opens a chapter of its own. -->
  <xsl:template name="ed:diplomatic-title">
    <xsl:variable name="title" select="if (self::facsimile) then 'Facsimile' else 'Diplomatic transcription'"/>
    <xsl:variable name="depth" select="1 + ed:group-depth(.)"/>
    <h1 class="chapter-title bm-{$depth}" data-title="{$title}" data-depth="{$depth}" data-running="{$title}">
      <xsl:value-of select="$title"/>
    </h1>
  </xsl:template>

  <xsl:template match="div[ed:is-chapter(.)]" priority="2">
    <section>
      <xsl:call-template name="ed:attributes">
        <xsl:with-param name="class" select="'chapter'"/>
      </xsl:call-template>
      <xsl:if test="not(@xml:id)">
        <xsl:attribute name="id" select="ed:id(.)"/>
      </xsl:if>
      <xsl:apply-templates select="ed:leading-pages(.)"/>
      <xsl:if test="not(head)">
        <!-- The source's notes section without a heading of its own. -->
        <h2 class="chapter-title bm-1" data-title="Notes" data-depth="1" data-running="Notes">Notes</h2>
      </xsl:if>
      <xsl:apply-templates/>
      <xsl:call-template name="ed:chapter-endnotes">
        <xsl:with-param name="scope" select="."/>
      </xsl:call-template>
    </section>
  </xsl:template>

  <!-- The source's printed contents cites the source's pages: say so under its heading. -->
  <xsl:template match="div[@type = 'contents']/head[1][../list//ref[@type = 'page']]" priority="1">
    <xsl:next-match/>
    <p class="source-pages-remark">[Page numbers of the source, shown in this book’s margins.]</p>
  </xsl:template>

  <!-- A numbered division without a heading whose text already begins with its number (the
       letter's points: "15. Guaranteeing …"): the core's number would say it twice. -->
  <xsl:template match="div[@n][not(head)][starts-with(normalize-space(string-join(*[1]//text()[not(ancestor::note)], '')),
                           normalize-space(@n))]" priority="1">
    <section>
      <xsl:call-template name="ed:attributes"/>
      <xsl:if test="not(@xml:id)">
        <xsl:attribute name="id" select="ed:id(.)"/>
      </xsl:if>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <!-- A paragraph with note calls lets a widow or an orphan stand rather than send a note
       away from its call's page (WeasyPrint moves notes on to save widows and orphans). -->
  <xsl:template match="p[.//note or .//ref[@type = 'noteref']][not(list | table | listBibl | lg | quote[p | lg | list])]">
    <p>
      <xsl:call-template name="ed:attributes">
        <xsl:with-param name="class" select="'has-note'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <!-- A division that held only notes now shown elsewhere (the source's "Notes", pp. 414-29)
     leaves a line saying where they went. It keeps the anchors that point at it: the
     division's own id (the printed contents' entry links to it) and its page breaks outside
     the notes (the index cites "414n"); the page breaks inside notes travel with them. -->
  <xsl:template match="div[ed:is-relocated(.)]" priority="3">
    <xsl:variable name="pages" select=".//pb[normalize-space(@n)]"/>
    <xsl:variable name="range" select="string-join(distinct-values(($pages[1], $pages[last()]) ! normalize-space(@n)), '–')"/>
    <div class="relocated-notes" id="{ed:id(.)}">
      <xsl:for-each select="(.//div[@xml:id] | .//pb[not(ancestor::note)])">
        <span class="anchor" id="{if (self::pb) then ed:page-id(.) else ed:id(.)}"/>
      </xsl:for-each>
      <!-- Said of a paged source, where the notes had pages of their own to find, and of
           a division with a heading (whose words stay in the book). -->
      <xsl:if test="exists($pages) or exists(head)">
        <p class="editorial-remark">
          <xsl:text>[The source’s </xsl:text>
          <xsl:value-of select="if (head) then '“' || normalize-space(string-join(head[1]//text()[not(ancestor::note)], '')) || '”' else 'notes'"/>
          <xsl:if test="exists($pages)">
            <xsl:value-of select="' (' || (if (count($pages) gt 1) then 'pp. ' else 'p. ') || $range || ')'"/>
          </xsl:if>
          <xsl:value-of select="if ($endnotes) then ' are printed at the end of the chapter where each is called.]'
                                else ' are printed at the foot of the page where each is called.]'"/>
        </p>
      </xsl:if>
    </div>
  </xsl:template>

  <!-- Headings: the full title for the outline (data-title) at its depth (bm-N); the headings
       of chapters and of top-level sections also give the recto's running head. -->
  <xsl:template match="head[parent::*[matches(local-name(), '^div\d?$')]]">
    <xsl:variable name="first" select="not(preceding-sibling::head)"/>
    <xsl:variable name="title" select="(ed:listed-title(..)[$first], ed:plain-text(.))[1]"/>
    <xsl:variable name="top" select="$first and parent::div[parent::front or parent::body or parent::back]"/>
    <xsl:element name="h{ed:heading-level(.)}">
      <xsl:call-template name="ed:attributes">
        <xsl:with-param name="class" select="string-join((
            if ($top) then (if (ed:is-chapter(..)) then 'chapter-title' else 'section-title') else (),
            if ($first) then 'bm-' || ed:outline-depth(.) else ()), ' ')"/>
      </xsl:call-template>
      <xsl:attribute name="data-title" select="$title"/>
      <xsl:if test="$first">
        <xsl:attribute name="data-depth" select="ed:outline-depth(.)"/>
      </xsl:if>
      <xsl:if test="$top">
        <xsl:attribute name="data-running" select="ed:running-title($title)"/>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
</xsl:stylesheet>

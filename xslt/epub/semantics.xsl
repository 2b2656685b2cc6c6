<?xml version="1.0" encoding="UTF-8"?>
<!-- EPUB structural semantics: epub:type beside the core's DPUB-ARIA roles, so that reading
     systems show notes as pop-ups, find the page breaks and the book's parts.

  - note calls: epub:type="noteref" (role doc-noteref from the core);
  - notes: epub:type="footnote" for page footnotes, "endnote" for the called notes the
    source prints at the end (role doc-footnote from the core: doc-endnote is deprecated in
    DPUB-ARIA 1.1); editorial headnotes stay in the text and get no note type, so that no
    reading system hides them;
  - page breaks: epub:type="pagebreak", labelled with the printed number (or a name, for the
    unnumbered pages);
  - chunk divisions and the notes section: the epub:type and role their TEI @type names. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:ed="urn:x-edition:functions"
    xmlns:epub="http://www.idpf.org/2007/ops"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:template name="ed:noteref-attributes">
    <xsl:param name="note" as="element()?"/>
    <xsl:attribute name="epub:type" select="'noteref'"/>
  </xsl:template>

  <!-- How a note presents itself to reading systems: footnote, endnote, or () in place. -->
  <xsl:function name="ed:note-type" as="xs:string?">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="
        if (ed:is-footnote($note)) then 'footnote'
        else if (ed:is-called($note)) then
          (if (tokenize($note/@place) = 'foot') then 'footnote' else 'endnote')
        else ()"/>
  </xsl:function>

  <xsl:template name="ed:note-attributes">
    <xsl:param name="note" as="element()"/>
    <xsl:variable name="type" select="ed:note-type($note)"/>
    <xsl:if test="exists($type)">
      <xsl:attribute name="epub:type" select="$type"/>
    </xsl:if>
  </xsl:template>

  <!-- What a printed page is called in the page list and by assistive technology: its
       number; an unnumbered page (a cover, a title page) by its id ("front-cover" → "Front
       cover"), so that every page break is in the page list and none is a bare "page break". -->
  <xsl:function name="ed:page-label" as="xs:string">
    <xsl:param name="pb" as="element()"/>
    <xsl:sequence select="
        if (normalize-space($pb/@n)) then normalize-space($pb/@n)
        else if ($pb/@xml:id) then ed:capitalise(replace($pb/@xml:id, '[-_.]+', ' '))
        else 'Unnumbered page'"/>
  </xsl:function>

  <xsl:template name="ed:pagebreak-attributes">
    <xsl:param name="pb" as="element()"/>
    <xsl:attribute name="epub:type" select="'pagebreak'"/>
    <xsl:attribute name="aria-label" select="ed:page-label($pb)"/>
  </xsl:template>

  <!-- The footnotes shown at the end of a chunk: those of its own text, not those of the
       chunks nested in it. -->
  <xsl:template name="ed:footnote-section">
    <xsl:param name="scope" as="node()*"/>
    <xsl:param name="ed:chunk" as="xs:integer?" tunnel="yes" select="()"/>
    <xsl:variable name="notes" select="$scope/descendant-or-self::note[ed:is-footnote(.)]
                                       [empty($ed:chunk) or ed:chunk-index(.) = $ed:chunk]"/>
    <xsl:if test="$notes">
      <section class="footnotes" epub:type="footnotes" aria-label="Footnotes">
        <xsl:for-each select="$notes">
          <xsl:call-template name="ed:note-body"/>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- TEI division type → EPUB structural semantics (epub:type, DPUB-ARIA role). Only
       pairs that axe and EPUBCheck accept on a section. -->
  <xsl:variable name="ed:div-semantics" as="map(xs:string, xs:string+)" select="map{
      'chapter': ('chapter', 'doc-chapter'), 'writing': ('chapter', 'doc-chapter'),
      'article': ('chapter', 'doc-chapter'), 'letter': ('chapter', 'doc-chapter'),
      'document': ('chapter', 'doc-chapter'), 'essay': ('chapter', 'doc-chapter'),
      'speech': ('chapter', 'doc-chapter'),
      'part': ('part', 'doc-part'), 'book': ('part', 'doc-part'), 'volume': ('part', 'doc-part'),
      'preface': ('preface', 'doc-preface'), 'foreword': ('foreword', 'doc-foreword'),
      'introduction': ('introduction', 'doc-introduction'),
      'appendix': ('appendix', 'doc-appendix'), 'afterword': ('afterword', 'doc-afterword'),
      'epilogue': ('epilogue', 'doc-epilogue'), 'conclusion': ('conclusion', 'doc-conclusion'),
      'acknowledgments': ('acknowledgments', 'doc-acknowledgments'),
      'dedication': ('dedication', 'doc-dedication'), 'colophon': ('colophon', 'doc-colophon'),
      'notes': ('endnotes', 'doc-endnotes'), 'endnotes': ('endnotes', 'doc-endnotes'),
      'index': ('index', 'doc-index'), 'glossary': ('glossary', 'doc-glossary'),
      'abbreviations': ('glossary', 'doc-glossary')}"/>

  <xsl:function name="ed:div-semantics" as="xs:string*">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="type" select="lower-case(tokenize($div/@type)[1])"/>
    <xsl:sequence select="if ($type and map:contains($ed:div-semantics, $type)
                              and (ed:is-chunk($div) or $type = ('notes', 'endnotes')))
                          then $ed:div-semantics($type) else ()"/>
  </xsl:function>

  <!-- The core's section for the division, with its semantics added. -->
  <xsl:template match="div[exists(ed:div-semantics(.))]" priority="5">
    <xsl:variable name="semantics" select="ed:div-semantics(.)"/>
    <xsl:variable name="label" select="ed:type-label(@type)"/>
    <xsl:variable name="rendered" as="element()*"><xsl:next-match/></xsl:variable>
    <xsl:for-each select="$rendered">
      <xsl:copy>
        <xsl:sequence select="@*"/>
        <xsl:attribute name="epub:type" select="$semantics[1]"/>
        <xsl:attribute name="role" select="$semantics[2]"/>
        <xsl:if test="not(*[matches(local-name(), '^h[1-6]$')])">
          <xsl:attribute name="aria-label" select="$label"/>
        </xsl:if>
        <xsl:sequence select="node()"/>
      </xsl:copy>
    </xsl:for-each>
  </xsl:template>

  <!-- Pointers into other files of the edition: no link inside one text's EPUB (its target
       is not in the package); the builder turns them into links in the edition's EPUB. -->
  <xsl:function name="ed:is-cross-file" as="xs:boolean">
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:sequence select="matches(string($pointer), '^[^:/#]+\.xml(#.*)?$')"/>
  </xsl:function>

  <xsl:template match="ref[@target][ed:is-cross-file(ed:first-pointer(@target))]" priority="1">
    <span data-ed-pointer="{ed:first-pointer(@target)}">
      <xsl:call-template name="ed:attributes">
        <xsl:with-param name="class" select="'xref'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- A relative reference to anything else (a page of the project's own site, a file
       beside the TEI) leads out of the package, where a reading system finds nothing: its
       words stay, without a link. -->
  <xsl:function name="ed:leaves-package" as="xs:boolean">
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:variable name="p" select="normalize-space($pointer)"/>
    <xsl:sequence select="$p != '' and not(starts-with($p, '#')) and not(ed:is-cross-file($p))
                          and not(matches($p, '^[A-Za-z][A-Za-z0-9+.\-]*:'))"/>
  </xsl:function>

  <xsl:template match="ref[@target][ed:leaves-package(ed:first-pointer(@target))]" priority="1">
    <span>
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="ptr[@target][ed:leaves-package(ed:first-pointer(@target))]" priority="1">
    <span>
      <xsl:call-template name="ed:attributes"/>
      <xsl:value-of select="ed:first-pointer(@target)"/>
    </span>
  </xsl:template>

  <xsl:template match="ptr[@target][ed:is-cross-file(ed:first-pointer(@target))]" priority="1">
    <span data-ed-pointer="{ed:first-pointer(@target)}">
      <xsl:call-template name="ed:attributes">
        <xsl:with-param name="class" select="'xref'"/>
      </xsl:call-template>
      <xsl:text>→</xsl:text>
    </span>
  </xsl:template>
</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!-- Milestones: the print source's page breaks, columns, other milestones; anchors; forme
     work. A page break becomes a marker with a stable anchor (the pb's xml:id, e.g. "p67"),
     so that a citation can point at a printed page. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:function name="ed:page-id" as="xs:string">
    <xsl:param name="pb" as="element()"/>
    <xsl:sequence select="if ($pb/@xml:id) then string($pb/@xml:id) else ed:path-id($pb)"/>
  </xsl:function>

  <!-- Hook: extra attributes on a page marker (EPUB adds epub:type="pagebreak"). -->
  <xsl:template name="ed:pagebreak-attributes">
    <xsl:param name="pb" as="element()"/>
  </xsl:template>

  <xsl:template match="pb">
    <xsl:param name="ed:in-hidden-reading" as="xs:boolean" select="false()" tunnel="yes"/>
    <!-- Nothing inside a reading not shown: its choice sets the marker (edits.xsl). -->
    <xsl:if test="not($ed:in-hidden-reading)">
      <xsl:variable name="n" select="normalize-space(@n)"/>
      <span id="{ed:page-id(.)}" role="doc-pagebreak">
        <xsl:attribute name="class" select="string-join((ed:classes(.), 'pb',
            if (@break = 'no') then 'pb-inword' else ()), ' ')"/>
        <xsl:attribute name="aria-label" select="if ($n) then $n else 'page break'"/>
        <xsl:if test="$n"><xsl:attribute name="data-page" select="$n"/></xsl:if>
        <xsl:call-template name="ed:pagebreak-attributes">
          <xsl:with-param name="pb" select="."/>
        </xsl:call-template>
        <xsl:if test="$n">
          <span class="pb-label" aria-hidden="true">[p. <xsl:value-of select="$n"/>]</span>
        </xsl:if>
      </span>
    </xsl:if>
  </xsl:template>

  <xsl:template match="cb | milestone | gb">
    <span id="{ed:id(.)}" class="{ed:classes(.)}">
      <xsl:if test="@n"><xsl:attribute name="data-n" select="@n"/></xsl:if>
      <xsl:if test="@unit"><xsl:attribute name="data-unit" select="@unit"/></xsl:if>
    </span>
  </xsl:template>

  <xsl:template match="anchor">
    <span id="{ed:id(.)}" class="tei-anchor"/>
  </xsl:template>

  <!-- Running heads and folios belong to the printed page, not to the text: kept in the
       markup for a diplomatic view, hidden from reading. -->
  <xsl:template match="fw">
    <span hidden="hidden">
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>
</xsl:stylesheet>

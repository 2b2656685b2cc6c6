<?xml version="1.0" encoding="UTF-8"?>
<!-- The print source's pagination as a reader of the new book needs it: a thin bar where the
     old page began and its number in the margin beside that line ("[67]"), so that the 1975
     page can be cited from this book. The anchor keeps the pb's id (#p67), so that
     cross-references and the index can point at it. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:template match="pb">
    <xsl:param name="ed:in-hidden-reading" as="xs:boolean" select="false()" tunnel="yes"/>
    <!-- Nothing inside a reading not shown: its choice sets the marker (edits.xsl). -->
    <xsl:if test="not($ed:in-hidden-reading)">
      <xsl:variable name="n" select="normalize-space(@n)"/>
      <span id="{ed:page-id(.)}" role="doc-pagebreak" aria-label="{if ($n) then 'page ' || $n else 'page break'}">
        <xsl:attribute name="class" select="string-join((ed:classes(.), 'pb',
            if (ed:is-inline(.)) then 'pb-inline' else 'pb-block',
            if (@break = 'no') then 'pb-inword' else ()), ' ')"/>
        <xsl:if test="$n">
          <xsl:attribute name="data-page" select="$n"/>
          <span class="pb-mark">[<xsl:value-of select="$n"/>]</span>
        </xsl:if>
      </span>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>

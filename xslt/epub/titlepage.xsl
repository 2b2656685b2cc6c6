<?xml version="1.0" encoding="UTF-8"?>
<!-- The title page of a text's EPUB, made from its header: title, authors, who translated
     and edited it, the edition it belongs to, then the provenance panel of the core (sources,
     archival original, rights). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns:epub="http://www.idpf.org/2007/ops"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:template name="ed:write-titlepage">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:variable name="titles" select="$tei/teiHeader/fileDesc/titleStmt/title"/>
    <xsl:result-document href="OEBPS/{$ed:text-id}/{$ed:titlepage-file}" format="ed:xhtml">
      <xsl:call-template name="ed:xhtml-page">
        <xsl:with-param name="title" select="ed:title($tei)"/>
        <xsl:with-param name="lang" select="ed:lang($tei)"/>
        <xsl:with-param name="body-type" select="'frontmatter'"/>
        <xsl:with-param name="content">
          <section class="titlepage" epub:type="titlepage" aria-labelledby="{$ed:text-id}-title">
            <h1 class="title" id="{$ed:text-id}-title"><xsl:value-of select="ed:title($tei)"/></h1>
            <xsl:for-each select="$titles[@type = 'sub']">
              <p class="subtitle"><xsl:value-of select="normalize-space(.)"/></p>
            </xsl:for-each>
            <xsl:if test="exists(ed:authors($tei))">
              <p class="authors"><xsl:value-of select="ed:authors($tei)" separator=", "/></p>
            </xsl:if>
            <xsl:for-each select="$tei/teiHeader/fileDesc/titleStmt/(editor | respStmt)">
              <p class="contributor">
                <xsl:value-of select="if (self::editor) then 'Edited by ' || normalize-space(.)
                    else ed:capitalise(normalize-space(string-join(resp, '; '))) || ' '
                         || string-join((persName | orgName | name) ! normalize-space(.), ', ')"/>
              </p>
            </xsl:for-each>
            <xsl:if test="exists($edition)">
              <p class="series">
                <xsl:text>Part of </xsl:text>
                <cite><xsl:value-of select="ed:title($edition/TEI)"/></cite>
              </p>
            </xsl:if>
          </section>
          <xsl:apply-templates select="$tei/teiHeader" mode="ed:provenance"/>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:result-document>
  </xsl:template>
</xsl:stylesheet>

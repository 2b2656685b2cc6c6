<?xml version="1.0" encoding="UTF-8"?>
<!--
  The web edition's layer over the TEI → XHTML core.

  Applied to a text, it writes that text's pages with xsl:result-document (the builder gives
  a staging directory as the base output URI): the text on one page, or a long text as a
  contents page and one page per division; and any parallel view the text holds. Called as
  ed:site-pages, it writes the home, about, persons and search pages.

  Modules (xslt/html/): chunks (which page holds what, links), page (the frame of every
  page), text (text pages, contents, previous/next), notes (notes, page markers, names on
  the web), parallel (two versions side by side), site (the edition-wide pages), harvest
  (search data from the built pages), metadata (a text's date, source and citation in a line). survey.xsl, the pass before rendering,
  imports this file.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:import href="core/core.xsl"/>

  <xsl:include href="html/chunks.xsl"/>
  <xsl:include href="html/metadata.xsl"/>
  <xsl:include href="html/page.xsl"/>
  <xsl:include href="html/text.xsl"/>
  <xsl:include href="html/notes.xsl"/>
  <xsl:include href="html/parallel.xsl"/>
  <xsl:include href="html/site.xsl"/>
  <xsl:include href="html/harvest.xsl"/>

  <!-- The provenance panel is a target of links ("About this text"). -->
  <xsl:template match="teiHeader" mode="ed:provenance">
    <div id="provenance" class="provenance-wrapper">
      <xsl:next-match/>
    </div>
  </xsl:template>
</xsl:stylesheet>

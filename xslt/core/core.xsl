<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI → XHTML core, shared by every output of the edition.

  Layers (html.xsl, epub.xsl, print.xsl) import this file and override what their medium
  needs: page wrapping, where note bodies go, how links between chunks are made. The core
  itself never asks which medium it serves.

  Used on its own, it renders any TEI P5 document as one plain XHTML page: elements it has no
  template for keep their text and structure (fallback.xsl) and are reported once by name.

  Messages: every xsl:message is "CODE|severity|text" (codes T…, see src/edition/messages.py).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- The personography (tei/persons.xml), for names' titles and links; may be absent. -->
  <xsl:param name="persons" as="document-node()?" select="()"/>
  <!-- The edition header (tei/edition.xml); may be absent. -->
  <xsl:param name="edition" as="document-node()?" select="()"/>

  <xsl:include href="functions.xsl"/>
  <xsl:include href="blocks.xsl"/>
  <xsl:include href="inline.xsl"/>
  <xsl:include href="names.xsl"/>
  <xsl:include href="edits.xsl"/>
  <xsl:include href="notes.xsl"/>
  <xsl:include href="pages.xsl"/>
  <xsl:include href="header.xsl"/>
  <xsl:include href="diplomatic.xsl"/>
  <xsl:include href="characters.xsl"/>
  <xsl:include href="embedded.xsl"/>
  <xsl:include href="breaks.xsl"/>
  <xsl:include href="fallback.xsl"/>
  <xsl:include href="phrasing.xsl"/>

  <xsl:output method="xhtml" html-version="5" encoding="UTF-8" indent="no"
              omit-xml-declaration="yes"/>

  <!-- Pure containers: whitespace between their children is layout, not text. -->
  <xsl:strip-space elements="TEI teiHeader text group front body back div div1 div2 div3 div4
      div5 div6 div7 list listBibl listPerson listPlace listOrg table row lg titlePage docTitle
      sp castList app choice subst
      sourceDoc surfaceGrp surface facsimile rdgGrp castGroup"/>

  <!-- On its own: the whole document as one page. -->
  <xsl:template match="/">
    <html lang="{ed:lang(/*)}" xml:lang="{ed:lang(/*)}">
      <head>
        <meta charset="UTF-8"/>
        <title><xsl:value-of select="ed:title(/*)"/></title>
      </head>
      <body>
        <xsl:variable name="text" as="node()*"><xsl:apply-templates select="/*"/></xsl:variable>
        <xsl:sequence select="ed:phrasing-fixed($text)"/>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="TEI">
    <article class="tei-text" id="{ed:id(.)}">
      <xsl:apply-templates select="text | TEI | teiCorpus"/>
      <!-- The document as written, after the text as read (diplomatic.xsl). -->
      <xsl:apply-templates select="sourceDoc | facsimile"/>
      <xsl:call-template name="ed:footnote-section">
        <xsl:with-param name="scope" select="."/>
      </xsl:call-template>
      <xsl:apply-templates select="teiHeader" mode="ed:provenance"/>
    </article>
  </xsl:template>

  <xsl:template match="teiCorpus">
    <xsl:apply-templates select="TEI | teiCorpus"/>
  </xsl:template>

  <!-- The header is metadata, rendered only through mode ed:provenance (header.xsl). -->
  <xsl:template match="teiHeader"/>
</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  EPUB 3 layer over the TEI → XHTML core.

  Applied to one TEI text, it writes (xsl:result-document, relative to the base output URI
  the builder sets to a staging directory) every XML file of that text's EPUB:

    META-INF/container.xml
    OEBPS/package.opf                 metadata from the TEI header, manifest, spine
    OEBPS/nav.xhtml                   contents, landmarks, page-list of the print source
    OEBPS/<text-id>/<chunk>.xhtml     the text, one content document per part/writing
    OEBPS/<text-id>/cover.svg         the cover image, typeset from the header

  The builder adds the mimetype, the stylesheet and zips the whole. Called as the named
  template ed:edition-package (epub/edition.xsl), it writes the package of the whole edition
  from the per-text packages.

  Modules: epub/chunks.xsl (which file shows what, links between files), epub/semantics.xsl
  (epub:type and DPUB-ARIA roles on notes, page breaks, divisions), epub/titlepage.xsl,
  epub/metadata.xsl (header → OPF metadata), epub/package.xsl, epub/nav.xsl, epub/edition.xsl.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns:epub="http://www.idpf.org/2007/ops"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:import href="core/core.xsl"/>

  <!-- The package's unique identifier (urn:uuid:…, made by the builder from the text's id). -->
  <xsl:param name="identifier" as="xs:string" select="'urn:uuid:00000000-0000-0000-0000-000000000000'"/>
  <!-- dcterms:modified, CCYY-MM-DDThh:mm:ssZ (the build date: SOURCE_DATE_EPOCH or the TEI's). -->
  <xsl:param name="modified" as="xs:string" select="'1970-01-01T00:00:00Z'"/>

  <xsl:include href="epub/chunks.xsl"/>
  <xsl:include href="epub/semantics.xsl"/>
  <xsl:include href="epub/titlepage.xsl"/>
  <xsl:include href="epub/cover.xsl"/>
  <xsl:include href="epub/metadata.xsl"/>
  <xsl:include href="epub/package.xsl"/>
  <xsl:include href="epub/nav.xsl"/>
  <xsl:include href="epub/edition.xsl"/>

  <!-- Content documents: XHTML 5 in XML syntax; the meta charset is written by the
       templates, so the serializer must not add a second one. -->
  <xsl:output name="ed:xhtml" method="xhtml" html-version="5" encoding="UTF-8" indent="no"
              omit-xml-declaration="no" include-content-type="no"/>
  <xsl:output name="ed:xml" method="xml" encoding="UTF-8" indent="yes"/>

  <!-- The stylesheet every content document links, relative to the package directory. -->
  <xsl:variable name="ed:css" as="xs:string" select="'css/edition.css'"/>

  <xsl:template match="/">
    <xsl:variable name="tei" select="$ed:tei"/>
    <xsl:call-template name="ed:container"/>
    <xsl:call-template name="ed:write-titlepage">
      <xsl:with-param name="tei" select="$tei"/>
    </xsl:call-template>
    <xsl:call-template name="ed:write-cover">
      <xsl:with-param name="href" select="'OEBPS/' || $ed:text-id || '/' || $ed:cover-file"/>
      <xsl:with-param name="tei" select="$tei"/>
      <xsl:with-param name="authors" select="ed:authors($tei)"/>
      <xsl:with-param name="series" select="$edition/TEI ! ed:title(.)"/>
    </xsl:call-template>
    <xsl:for-each select="$ed:chunks">
      <xsl:call-template name="ed:write-chunk">
        <xsl:with-param name="chunk" select="."/>
        <xsl:with-param name="index" select="position()"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:call-template name="ed:write-nav">
      <xsl:with-param name="tei" select="$tei"/>
    </xsl:call-template>
    <xsl:call-template name="ed:write-package">
      <xsl:with-param name="tei" select="$tei"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="ed:container">
    <xsl:result-document href="META-INF/container.xml" format="ed:xml">
      <container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" version="1.0">
        <rootfiles>
          <rootfile full-path="OEBPS/package.opf" media-type="application/oebps-package+xml"/>
        </rootfiles>
      </container>
    </xsl:result-document>
  </xsl:template>

  <!-- The frame of every content document: language, title, stylesheet. -->
  <xsl:template name="ed:xhtml-page">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:param name="depth" as="xs:integer" select="1"/>
    <xsl:param name="body-type" as="xs:string?" select="()"/>
    <xsl:param name="content" as="node()*"/>
    <html lang="{$lang}" xml:lang="{$lang}">
      <xsl:namespace name="epub" select="'http://www.idpf.org/2007/ops'"/>
      <head>
        <meta charset="UTF-8"/>
        <title><xsl:value-of select="$title"/></title>
        <link rel="stylesheet" type="text/css"
              href="{string-join((for $i in 1 to $depth return '..'), '/')}{if ($depth gt 0) then '/' else ''}{$ed:css}"/>
      </head>
      <body>
        <xsl:if test="exists($body-type)">
          <xsl:attribute name="epub:type" select="$body-type"/>
        </xsl:if>
        <xsl:sequence select="ed:phrasing-fixed($content)"/>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!-- The package document of one text's EPUB: metadata (metadata.xsl), manifest, spine.
     Reading order: title page, contents, then the chunks. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns:m="http://www.w3.org/1998/Math/MathML"
    xmlns:svg="http://www.w3.org/2000/svg"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns="http://www.idpf.org/2007/opf"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:template name="ed:write-package">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:variable name="dir" select="$ed:text-id || '/'"/>
    <xsl:result-document href="OEBPS/package.opf" format="ed:xml">
      <package version="3.0" unique-identifier="uid" xml:lang="{ed:lang($tei)}">
        <metadata>
          <xsl:namespace name="dc" select="'http://purl.org/dc/elements/1.1/'"/>
          <xsl:call-template name="ed:dc-metadata">
            <xsl:with-param name="tei" select="$tei"/>
          </xsl:call-template>
          <xsl:if test="exists($edition)">
            <meta property="belongs-to-collection" id="collection">
              <xsl:value-of select="ed:title($edition/TEI)"/>
            </meta>
            <meta refines="#collection" property="collection-type">set</meta>
          </xsl:if>
          <xsl:call-template name="ed:accessibility-metadata">
            <xsl:with-param name="page-sources" select="ed:page-source($tei)"/>
            <xsl:with-param name="has-index" select="exists($tei/text//div[tokenize(@type) = 'index'])"/>
            <xsl:with-param name="has-tables" select="exists($tei/text//table)"/>
            <xsl:with-param name="publisher" select="normalize-space(($tei/teiHeader/fileDesc/publicationStmt/publisher)[1])[. != '']"/>
          </xsl:call-template>
        </metadata>
        <manifest>
          <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
          <item id="css" href="{$ed:css}" media-type="text/css"/>
          <item id="{ed:item-id($ed:text-id)}" href="{$dir}{$ed:titlepage-file}" media-type="application/xhtml+xml"/>
          <item id="{ed:item-id($ed:cover-stem)}" href="{$dir}{$ed:cover-file}" media-type="image/svg+xml"
                properties="cover-image"/>
          <xsl:for-each select="$ed:chunks">
            <!-- A content document with MathML or SVG must say so (EPUB 3 manifest properties). -->
            <xsl:variable name="properties" select="string-join((
                'mathml'[exists(current()?nodes//m:math)], 'svg'[exists(current()?nodes//svg:svg)]), ' ')"/>
            <item id="{ed:item-id(?stem)}" href="{$dir}{?file}" media-type="application/xhtml+xml">
              <xsl:if test="$properties"><xsl:attribute name="properties" select="$properties"/></xsl:if>
            </item>
          </xsl:for-each>
          <!-- The images beside the TEI that the builder packs (edition.media). -->
          <xsl:for-each select="$media-hrefs">
            <xsl:variable name="i" select="position()"/>
            <item id="{ed:item-id('media.' || $i)}" href="{$dir}{.}" media-type="{$media-types[$i]}"/>
          </xsl:for-each>
        </manifest>
        <spine>
          <itemref idref="{ed:item-id($ed:text-id)}"/>
          <itemref idref="nav"/>
          <xsl:for-each select="$ed:chunks">
            <itemref idref="{ed:item-id(?stem)}"/>
          </xsl:for-each>
        </spine>
      </package>
    </xsl:result-document>
  </xsl:template>

  <!-- Manifest ids: the text's id and the chunk's, so that they stay unique when the texts
       are packaged together. -->
  <xsl:function name="ed:item-id" as="xs:string">
    <xsl:param name="stem" as="xs:string"/>
    <xsl:sequence select="'i.' || $ed:text-id || '.' || replace($stem, '[^\p{L}\p{N}._-]', '_')"/>
  </xsl:function>
</xsl:stylesheet>

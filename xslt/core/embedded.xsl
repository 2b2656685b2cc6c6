<?xml version="1.0" encoding="UTF-8"?>
<!-- MathML and SVG inside TEI: copied into the output in their own namespaces, which HTML
     and EPUB display natively. Copied safely: a page must run no script and make no outside
     request, so scripts, foreignObject (arbitrary HTML), animations that could set a link,
     event handlers (on…) and links other than to a fragment of the page (#…) are left out. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns:m="http://www.w3.org/1998/Math/MathML"
    xmlns:svg="http://www.w3.org/2000/svg"
    xmlns:xlink="http://www.w3.org/1999/xlink"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:template match="m:math | svg:svg">
    <xsl:apply-templates select="." mode="ed:embedded"/>
  </xsl:template>

  <xsl:template match="*" mode="ed:embedded">
    <xsl:element name="{local-name()}" namespace="{namespace-uri()}">
      <xsl:apply-templates select="@* | node()" mode="#current"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="*:script | svg:foreignObject | svg:set | svg:animate | svg:animateMotion
                       | svg:animateTransform | svg:discard | svg:handler | svg:listener
                       | m:annotation-xml" mode="ed:embedded" priority="1"/>

  <!-- A picture or a use of something outside the drawing: it would be fetched (and
       without its link, it is nothing). -->
  <xsl:template match="svg:image[not(@*[local-name() = 'href'][starts-with(normalize-space(.), '#')])]
                       | svg:feImage[not(@*[local-name() = 'href'][starts-with(normalize-space(.), '#')])]
                       | svg:use[not(@*[local-name() = 'href'][starts-with(normalize-space(.), '#')])]"
                mode="ed:embedded" priority="1"/>

  <xsl:template match="@*" mode="ed:embedded">
    <xsl:copy-of select="."/>
  </xsl:template>

  <!-- Event handlers, outside links, a changed base. -->
  <xsl:template match="@*[starts-with(lower-case(local-name()), 'on')]
                       | @*[local-name() = ('href', 'src', 'base')][not(starts-with(normalize-space(.), '#'))]
                       | @xml:base" mode="ed:embedded" priority="1"/>

  <xsl:template match="text()" mode="ed:embedded">
    <xsl:copy-of select="."/>
  </xsl:template>

  <xsl:template match="comment() | processing-instruction()" mode="ed:embedded"/>
</xsl:stylesheet>

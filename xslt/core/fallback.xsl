<?xml version="1.0" encoding="UTF-8"?>
<!-- What the core has no template for: kept, never dropped. An element becomes a generic
     inline or block element with a class naming it, and a warning says so (the build
     reports each element name once). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:template match="*" priority="-1">
    <xsl:message select="ed:message('T001', 'warning',
        'no template for element ' || name() || ' (' || namespace-uri() || '): rendered as a generic '
        || (if (ed:is-inline(.)) then 'inline' else 'block') || ' element')"/>
    <xsl:element name="{if (ed:is-inline(.)) then 'span' else 'div'}">
      <xsl:attribute name="class" select="'tei-unknown ' || ed:classes(.)"/>
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Comments and processing instructions of the source are not reading matter. -->
  <xsl:template match="comment() | processing-instruction()"/>
</xsl:stylesheet>

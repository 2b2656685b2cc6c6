<?xml version="1.0" encoding="UTF-8"?>
<!-- What the core has no template for: kept, never dropped. An element becomes a generic
     inline or block element with a class naming it, and a warning says so, once per element
     name per document, with how many the document has ("T001|warning|no template for
     <mysteryElement> (2 in this text); its text is kept"). The first of the name in the
     document speaks for all: names the core handles in some places and not in others would
     go unreported, and the core has none. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:key name="ed:by-name" match="*[empty(ancestor::teiHeader)]" use="node-name()"/>

  <xsl:template match="*" priority="-1">
    <xsl:variable name="same" select="key('ed:by-name', node-name(.))"/>
    <xsl:if test=". is $same[1]">
      <xsl:message select="ed:message('T001', 'warning', 'no template for &lt;' || name() || '&gt;'
          || (if (namespace-uri() = 'http://www.tei-c.org/ns/1.0') then '' else ' in namespace ' || namespace-uri())
          || ' (' || count($same) || ' in this text); its text is kept')"/>
    </xsl:if>
    <xsl:element name="{if (ed:is-inline(.)) then 'span' else 'div'}">
      <xsl:attribute name="class" select="'tei-unknown ' || ed:classes(.)"/>
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Comments and processing instructions of the source are not reading matter. -->
  <xsl:template match="comment() | processing-instruction()"/>
</xsl:stylesheet>

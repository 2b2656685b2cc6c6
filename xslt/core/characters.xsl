<?xml version="1.0" encoding="UTF-8"?>
<!-- Non-standard characters and glyphs (g), declared in the header's charDecl (char,
     glyph). The g's own text is what the encoder chose to show and is never dropped; an
     empty g shows the declaration's mapping (its standard or normalised form first), else
     the declared name in brackets. The name goes in the title for a pointer. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- The char or glyph a g points at, in this document; () for one declared elsewhere. -->
  <xsl:function name="ed:glyph" as="element()?">
    <xsl:param name="g" as="element()"/>
    <xsl:sequence select="ed:resolve(ed:first-pointer($g/@ref), $g)[self::char or self::glyph]"/>
  </xsl:function>

  <xsl:function name="ed:glyph-name" as="xs:string?">
    <xsl:param name="declaration" as="element()?"/>
    <xsl:sequence select="($declaration/(charName, glyphName, localProp[@name = 'name']/@value,
                           localName, desc) ! normalize-space(.))[. != ''][1]"/>
  </xsl:function>

  <xsl:function name="ed:glyph-mapping" as="xs:string?">
    <xsl:param name="declaration" as="element()?"/>
    <xsl:sequence select="($declaration/mapping[@type = 'standard'], $declaration/mapping[@type = ('normalized', 'normalised')],
                           $declaration/mapping)[normalize-space()][1] ! string(.)"/>
  </xsl:function>

  <xsl:template match="g">
    <xsl:variable name="declaration" select="ed:glyph(.)"/>
    <xsl:variable name="name" select="ed:glyph-name($declaration)"/>
    <xsl:variable name="mapping" select="ed:glyph-mapping($declaration)"/>
    <span>
      <xsl:call-template name="ed:attributes"/>
      <xsl:if test="exists($name) or exists($mapping)">
        <xsl:attribute name="title" select="string-join(($name, $mapping ! ('“' || . || '”')), ': ')"/>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="node()"><xsl:apply-templates/></xsl:when>
        <xsl:when test="exists($mapping)"><xsl:value-of select="$mapping"/></xsl:when>
        <xsl:when test="exists($name)"><xsl:value-of select="'[' || $name || ']'"/></xsl:when>
        <xsl:otherwise>[?]</xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>
</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!-- Words broken across a line, column or page (break="no"): the whitespace around such a
     break is the layout of the TEI file ("proletar&#10;  <lb break='no'/>iat"), not a space
     in the text, and would cut the word in two. Text beside the break loses it. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:function name="ed:is-word-break" as="xs:boolean">
    <xsl:param name="node" as="node()?"/>
    <xsl:sequence select="exists($node[self::lb or self::pb or self::cb][@break = 'no'])"/>
  </xsl:function>

  <xsl:template match="text()[ed:is-word-break(following-sibling::node()[1]) and matches(., '\s$')]
                       | text()[ed:is-word-break(preceding-sibling::node()[1]) and matches(., '^\s')]">
    <xsl:variable name="before" select="ed:is-word-break(following-sibling::node()[1])"/>
    <xsl:variable name="after" select="ed:is-word-break(preceding-sibling::node()[1])"/>
    <xsl:variable name="text" select="if ($before) then replace(., '\s+$', '') else string(.)"/>
    <xsl:value-of select="if ($after) then replace($text, '^\s+', '') else $text"/>
  </xsl:template>
</xsl:stylesheet>

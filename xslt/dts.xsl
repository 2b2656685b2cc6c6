<?xml version="1.0" encoding="UTF-8"?>
<!-- The citable units of a text, as its citation trees declare them (TEI refsDecl /
     citeStructure), for the DTS API (src/edition/dts/).

     Input: the text. Parameter $trees: a document whose root holds the refsDecl elements to
     follow (the text's own, or the default tree made for it); every XPath in them has
     been checked first (src/edition/dts/xpaths.py), and each is evaluated with its
     citeStructure's namespaces in scope and TEI as the default element namespace.

     Output: per tree, its units in document order, a pre-order walk of the tree:
       <d:unit value="3" delim="." level="2" type="chapter" structure="1.1"
               milestone="false" path="1.2.3.5.4" fallback="false">
         <d:data property="http://purl.org/dc/terms/title">CHAPTER 3</d:data>
       </d:unit>
     @value: what the citeStructure's @use gives for the unit (the position() it sees is the
     element's among those its @match found there); a unit's reference is its parent's, the
     @delim and the @value (the TEI's rule: trees.py joins them). @path: the unit's element
     as the position of each ancestor-or-self among its parent's elements, from the root;
     @structure: which citeStructure matched it; @fallback: its @use gave nothing, so its
     position stands in for it. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:d="urn:x-edition:dts"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:param name="trees" as="document-node()"/>
  <xsl:output method="xml" indent="no" encoding="UTF-8"/>

  <!-- Elements that mark a point, not a stretch: such a unit runs to the next of its kind. -->
  <xsl:variable name="d:milestones" select="('pb', 'cb', 'lb', 'gb', 'milestone', 'anchor')"/>

  <xsl:template match="/">
    <xsl:variable name="text" select="."/>
    <d:trees>
      <xsl:for-each select="$trees/*/refsDecl">
        <d:tree>
          <xsl:call-template name="d:units">
            <xsl:with-param name="structures" select="citeStructure"/>
            <xsl:with-param name="context" select="$text"/>
          </xsl:call-template>
        </d:tree>
      </xsl:for-each>
    </d:trees>
  </xsl:template>

  <!-- The units the structures find under one context (the document, or a unit), then
       each one's own units: document order, depth first. -->
  <xsl:template name="d:units">
    <xsl:param name="structures" as="element(citeStructure)*"/>
    <xsl:param name="context" as="node()"/>
    <xsl:param name="level" as="xs:integer" select="1"/>
    <xsl:variable name="found" as="map(*)*">
      <xsl:for-each select="$structures">
        <xsl:variable name="structure" select="."/>
        <xsl:variable name="matched" as="item()*">
          <xsl:evaluate xpath="string(@match)" context-item="$context" namespace-context="."/>
        </xsl:variable>
        <xsl:variable name="nodes" select="$matched[. instance of element()]"/>
        <xsl:variable name="values" as="array(*)*">
          <xsl:evaluate xpath="'$edition-dts-nodes ! array { (' || @use || ') }'"
                        context-item="$context" namespace-context=".">
            <xsl:with-param name="edition-dts-nodes" select="$nodes"/>
          </xsl:evaluate>
        </xsl:variable>
        <xsl:variable name="data" as="map(*)*">
          <xsl:for-each select="citeData">
            <xsl:variable name="items" as="array(*)*">
              <xsl:evaluate xpath="'$edition-dts-nodes ! array { (' || @use || ') }'"
                            context-item="$context" namespace-context=".">
                <xsl:with-param name="edition-dts-nodes" select="$nodes"/>
              </xsl:evaluate>
            </xsl:variable>
            <xsl:sequence select="map { 'property': string(@property), 'items': $items }"/>
          </xsl:for-each>
        </xsl:variable>
        <xsl:for-each select="$nodes">
          <xsl:variable name="i" select="position()"/>
          <xsl:variable name="value" select="string-join($values[$i]?* ! d:plain(.), '')"/>
          <xsl:sequence select="map {
              'node': ., 'structure': $structure,
              'value': if ($value) then $value else string($i),
              'fallback': not($value),
              'data': $data ! map { 'property': ?property, 'values': ?items[$i]?* ! d:plain(.) } }"/>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:variable>
    <!-- A node two structures match is the first one's. -->
    <xsl:variable name="by-node" as="map(*)"
                  select="map:merge($found ! map { generate-id(?node): . },
                                    map { 'duplicates': 'use-first' })"/>
    <xsl:for-each select="($found ! ?node) / .">
      <xsl:variable name="node" select="."/>
      <xsl:variable name="unit" select="$by-node(generate-id($node))"/>
      <xsl:variable name="structure" select="$unit?structure"/>
      <d:unit value="{$unit?value}" delim="{$structure/@delim}" level="{$level}"
              type="{($structure/@unit, local-name($node))[1]}"
              structure="{string-join($structure/ancestor-or-self::citeStructure
                          ! string(count(preceding-sibling::citeStructure) + 1), '.')}"
              milestone="{local-name($node) = $d:milestones and namespace-uri($node) = 'http://www.tei-c.org/ns/1.0'}"
              path="{string-join($node/ancestor-or-self::* ! string(count(preceding-sibling::*) + 1), '.')}"
              fallback="{$unit?fallback}">
        <xsl:for-each select="$unit?data">
          <xsl:variable name="property" select="?property"/>
          <xsl:for-each select="?values[normalize-space()]">
            <d:data property="{$property}"><xsl:value-of select="normalize-space()"/></d:data>
          </xsl:for-each>
        </xsl:for-each>
      </d:unit>
      <xsl:if test="$structure/citeStructure and not(local-name($node) = $d:milestones)">
        <xsl:call-template name="d:units">
          <xsl:with-param name="structures" select="$structure/citeStructure"/>
          <xsl:with-param name="context" select="$node"/>
          <xsl:with-param name="level" select="$level + 1"/>
        </xsl:call-template>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- What a value of @use or citeData says as plain text: an atomic value as itself; an
       element as its words, without its notes and note calls, a line break as a space, a
       correction rather than what it corrects. -->
  <xsl:function name="d:plain" as="xs:string">
    <xsl:param name="item" as="item()"/>
    <xsl:choose>
      <xsl:when test="$item instance of element()">
        <xsl:variable name="left-out" select="$item/descendant::*[self::note
            or self::ref[@type = 'noteref']
            or self::sic[parent::choice] or self::orig[parent::choice]
            or self::abbr[parent::choice]]"/>
        <xsl:sequence select="string-join($item/descendant::node()[self::text() or self::lb]
            [not(ancestor::* intersect $left-out)] ! (if (self::lb) then ' ' else string()), '')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="string($item)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>
</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!-- Blocks inside running text. TEI lets a paragraph hold a figure, a table, a list, a
     floating text or a cast item's role; HTML does not let a <p> (or a <span>, a heading…)
     hold a block, and an HTML parser closes the paragraph there, so the page's structure
     and an EPUB's validity would be lost. Each layer passes what it writes through
     ed:phrasing-fixed: a block element below phrasing content becomes a <span> that keeps
     its classes, id and language and says what it was (class "as-figure", "as-table"…),
     so that the stylesheets display it as that block again. Nothing changes where there is
     nothing to mend (our own texts). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns:h="http://www.w3.org/1999/xhtml"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- Elements whose content is phrasing content only. -->
  <xsl:variable name="ed:phrasing-only" as="xs:string*" select="('p', 'h1', 'h2', 'h3', 'h4',
      'h5', 'h6', 'span', 'a', 'em', 'i', 'b', 'strong', 'small', 'sub', 'sup', 'q', 'cite',
      'abbr', 'label', 'code', 'dfn', 's', 'u', 'mark', 'bdi', 'bdo', 'time', 'var', 'pre',
      'summary', 'legend', 'button', 'output', 'data', 'kbd', 'samp', 'ruby', 'rt', 'rp')"/>

  <!-- Elements that are flow content but not phrasing content. -->
  <xsl:variable name="ed:block-only" as="xs:string*" select="('address', 'article', 'aside',
      'blockquote', 'details', 'dialog', 'div', 'dl', 'dt', 'dd', 'fieldset', 'figcaption',
      'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
      'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'caption', 'colgroup',
      'col', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'ul', 'search')"/>

  <!-- Attributes a span may carry; the others (colspan, start…) belong to the block. -->
  <xsl:function name="ed:span-attribute" as="xs:boolean">
    <xsl:param name="attribute" as="attribute()"/>
    <xsl:variable name="name" select="local-name($attribute)"/>
    <xsl:sequence select="namespace-uri($attribute) != ''
        or $name = ('id', 'class', 'lang', 'title', 'style', 'dir', 'role', 'hidden')
        or starts-with($name, 'aria-') or starts-with($name, 'data-')"/>
  </xsl:function>

  <xsl:function name="ed:misplaced-block" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="namespace-uri($element) = 'http://www.w3.org/1999/xhtml'
        and local-name($element) = $ed:block-only
        and exists($element/ancestor::h:*[local-name() = $ed:phrasing-only])"/>
  </xsl:function>

  <!-- What a layer writes, with its misplaced blocks mended (the nodes themselves when
       none is). -->
  <xsl:function name="ed:phrasing-fixed" as="node()*">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:sequence select="if (exists($nodes/descendant-or-self::h:*[ed:misplaced-block(.)]))
        then ed:mend-phrasing($nodes) else $nodes"/>
  </xsl:function>

  <xsl:function name="ed:mend-phrasing" as="node()*">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:apply-templates select="$nodes" mode="ed:phrasing"/>
  </xsl:function>

  <xsl:template match="*" mode="ed:phrasing">
    <xsl:copy copy-namespaces="no">
      <xsl:apply-templates select="@* | node()" mode="ed:phrasing"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="document-node()" mode="ed:phrasing">
    <xsl:apply-templates mode="ed:phrasing"/>
  </xsl:template>

  <xsl:template match="@* | text() | comment() | processing-instruction()" mode="ed:phrasing">
    <xsl:copy/>
  </xsl:template>

  <xsl:template match="h:*[ed:misplaced-block(.)]" mode="ed:phrasing">
    <xsl:variable name="name" select="local-name()"/>
    <span class="{string-join((tokenize(@class), 'as-' || $name), ' ')}">
      <xsl:apply-templates select="@*[ed:span-attribute(.)][local-name() != 'class']" mode="ed:phrasing"/>
      <xsl:if test="matches($name, '^h[1-6]$') and empty(@role)">
        <xsl:attribute name="role" select="'heading'"/>
        <xsl:attribute name="aria-level" select="substring($name, 2)"/>
      </xsl:if>
      <xsl:apply-templates mode="ed:phrasing"/>
    </span>
  </xsl:template>
</xsl:stylesheet>

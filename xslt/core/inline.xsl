<?xml version="1.0" encoding="UTF-8"?>
<!-- Phrase-level elements: highlighting, titles, foreign words, dates, links. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- rend values with an HTML element of their own; the rest become classes. -->
  <xsl:variable name="ed:rend-elements" as="map(xs:string, xs:string)"
      select="map{'italic': 'i', 'italics': 'i', 'i': 'i', 'bold': 'b', 'b': 'b',
                  'sup': 'sup', 'superscript': 'sup', 'sub': 'sub', 'subscript': 'sub',
                  'underline': 'u', 'u': 'u', 'strikethrough': 's'}"/>

  <xsl:template match="hi">
    <xsl:variable name="rends" select="tokenize(normalize-space(@rend), ' ')"/>
    <xsl:variable name="element" select="($rends ! $ed:rend-elements(.), 'span')[1]"/>
    <xsl:element name="{$element}">
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="emph">
    <em>
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </em>
  </xsl:template>

  <xsl:template match="title">
    <cite>
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </cite>
  </xsl:template>

  <!-- Phrases with no HTML counterpart: a span with a class naming the TEI element. -->
  <xsl:template match="foreign | term | soCalled | mentioned | gloss | distinct | seg | s | w
                       | c | pc | num | measure | idno | rs | time | q | del[ed:is-inline(.)]
                       | email | orig | abbr | expan | am | ex">
    <span>
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="date">
    <xsl:choose>
      <xsl:when test="matches(string(@when), '^\d{4}(-\d\d(-\d\d)?)?$')">
        <time datetime="{@when}">
          <xsl:call-template name="ed:attributes"/>
          <xsl:apply-templates/>
        </time>
      </xsl:when>
      <xsl:otherwise>
        <span>
          <xsl:call-template name="ed:attributes"/>
          <xsl:apply-templates/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A pointer of a scheme that could run or read something (javascript:, data:, file:):
       its words, as text, never a link (functions.xsl, ed:is-safe-url). -->
  <xsl:template match="ref[@target][not(ed:is-safe-url(ed:first-pointer(@target)))]
                       | ptr[@target][not(ed:is-safe-url(ed:first-pointer(@target)))]" priority="5">
    <xsl:message select="ed:unsafe-url-message(ed:first-pointer(@target), .)"/>
    <span class="unsafe-link">
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
      <xsl:if test="self::ptr"><xsl:value-of select="ed:first-pointer(@target)"/></xsl:if>
    </span>
  </xsl:template>

  <!-- Links. External ones open as they are; internal ones go through ed:href. -->
  <xsl:template match="ref[@target]">
    <a href="{ed:href(ed:first-pointer(@target), .)}">
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </a>
  </xsl:template>

  <xsl:template match="ref">
    <span>
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="ptr[@target]">
    <xsl:variable name="pointer" select="ed:first-pointer(@target)"/>
    <a href="{ed:href($pointer, .)}">
      <xsl:call-template name="ed:attributes"/>
      <xsl:value-of select="if (matches($pointer, '^[a-z]+:')) then $pointer else '→'"/>
    </a>
  </xsl:template>

  <xsl:template match="lb">
    <br class="tei-lb"/>
  </xsl:template>
  <!-- A line break inside a word (break="no") shows nothing. -->
  <xsl:template match="lb[@break = 'no']"/>
</xsl:stylesheet>

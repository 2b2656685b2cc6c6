<?xml version="1.0" encoding="UTF-8"?>
<!--
  Compiles an ISO Schematron schema (queryBinding xslt3) into an XSLT 3.0 stylesheet.

  The compiled stylesheet has one named template, "validate", that checks every document in
  its parameter $documents and returns
      <report><failure document=".." location="path()" id=".." role=".." pattern="..">text</failure>…</report>
  Python maps each location back to a line and column in the source file.

  Supported: sch:ns, sch:let (global lets become stylesheet parameters, so the caller can
  supply them instead of their default expressions), sch:pattern, sch:rule (first matching
  rule of a pattern wins), sch:assert, sch:report, sch:value-of and sch:name in messages,
  and top-level xsl:function and xsl:key. Abstract patterns, phases and diagnostics are
  rejected loudly rather than silently ignored.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:sch="http://purl.oclc.org/dsdl/schematron"
    xmlns:gen="http://www.w3.org/1999/XSL/TransformAlias"
    exclude-result-prefixes="xs sch">

  <xsl:namespace-alias stylesheet-prefix="gen" result-prefix="xsl"/>
  <xsl:output method="xml" indent="yes"/>

  <xsl:template match="/sch:schema">
    <xsl:if test="sch:pattern[@abstract = 'true'] | sch:phase | sch:diagnostics">
      <xsl:message terminate="yes">schematron.xsl: abstract patterns, phases and diagnostics are not supported</xsl:message>
    </xsl:if>
    <gen:stylesheet version="3.0" exclude-result-prefixes="#all">
      <xsl:for-each select="sch:ns">
        <xsl:namespace name="{@prefix}" select="string(@uri)"/>
      </xsl:for-each>
      <xsl:namespace name="xs" select="'http://www.w3.org/2001/XMLSchema'"/>
      <gen:param name="documents" as="document-node()*"/>
      <xsl:apply-templates select="sch:let" mode="global"/>
      <xsl:copy-of select="xsl:*"/>

      <gen:template name="validate">
        <report>
          <gen:for-each select="$documents">
            <gen:variable name="document" select="base-uri(.)"/>
            <xsl:for-each select="sch:pattern">
              <gen:apply-templates select="." mode="{ 'p' || position() }">
                <gen:with-param name="document" select="$document" tunnel="yes"/>
              </gen:apply-templates>
            </xsl:for-each>
          </gen:for-each>
        </report>
      </gen:template>

      <xsl:apply-templates select="sch:pattern"/>
    </gen:stylesheet>
  </xsl:template>

  <xsl:template match="sch:let" mode="global">
    <gen:param name="{@name}">
      <xsl:if test="@as"><xsl:attribute name="as" select="@as"/></xsl:if>
      <xsl:attribute name="select" select="(@value, '()')[1]"/>
    </gen:param>
  </xsl:template>

  <xsl:template match="sch:let">
    <gen:variable name="{@name}" select="{@value}"/>
  </xsl:template>

  <xsl:template match="sch:pattern">
    <xsl:variable name="mode" select="'p' || count(preceding-sibling::sch:pattern) + 1"/>
    <xsl:variable name="pattern" select="(@id, $mode)[1]"/>
    <xsl:variable name="pattern-lets" select="sch:let"/>
    <!-- Nodes no rule claims: walk on to attributes and children. -->
    <gen:template match="document-node() | * | @*" mode="{$mode}" priority="-10">
      <gen:apply-templates select="@* | *" mode="{$mode}"/>
    </gen:template>
    <xsl:for-each select="sch:rule">
      <gen:template match="{@context}" mode="{$mode}" priority="{1000 - position()}">
        <gen:param name="document" tunnel="yes"/>
        <xsl:apply-templates select="$pattern-lets, sch:let"/>
        <xsl:apply-templates select="sch:assert | sch:report">
          <xsl:with-param name="pattern" select="$pattern"/>
        </xsl:apply-templates>
        <gen:apply-templates select="@* | *" mode="{$mode}"/>
      </gen:template>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="sch:assert | sch:report">
    <xsl:param name="pattern"/>
    <gen:if test="{if (self::sch:assert) then 'not(' || @test || ')' else @test}">
      <failure document="{{$document}}" location="{{path()}}" id="{@id}"
               role="{(@role, 'error')[1]}" pattern="{$pattern}">
        <xsl:apply-templates mode="message"/>
      </failure>
    </gen:if>
  </xsl:template>

  <xsl:template match="text()" mode="message">
    <gen:text><xsl:value-of select="replace(., '\s+', ' ')"/></gen:text>
  </xsl:template>
  <xsl:template match="sch:value-of" mode="message">
    <gen:value-of select="{@select}" separator=", "/>
  </xsl:template>
  <xsl:template match="sch:name" mode="message">
    <gen:value-of select="name({(@path, '.')[1]})"/>
  </xsl:template>
  <xsl:template match="sch:emph | sch:span | sch:dir" mode="message">
    <xsl:apply-templates mode="message"/>
  </xsl:template>

  <xsl:template match="sch:title | sch:p" mode="#all"/>
</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!-- Diplomatic and genetic transcription: sourceDoc (the document as written, surface by
     surface, line by line) and facsimile. Rendered after the text, as a section of its
     own: surfaces are blocks labelled with their @n, zones blocks within them, lines lines.
     The revision marks of genetic editions (metamark, mod, retrace, …) keep their text in
     spans named after them; add and del render as everywhere (edits.xsl). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:template match="sourceDoc | facsimile">
    <section>
      <xsl:call-template name="ed:attributes">
        <xsl:with-param name="class" select="'diplomatic'"/>
      </xsl:call-template>
      <xsl:if test="not(@xml:id)">
        <xsl:attribute name="id" select="ed:id(.)"/>
      </xsl:if>
      <xsl:call-template name="ed:diplomatic-title"/>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <!-- Hook: the section's heading (the print layer makes it a chapter's). -->
  <xsl:template name="ed:diplomatic-title">
    <h2 class="diplomatic-title">
      <xsl:value-of select="if (self::facsimile) then 'Facsimile' else 'Diplomatic transcription'"/>
    </h2>
  </xsl:template>

  <!-- A zone may stand inside a line (a word written above it): then it runs in the line. -->
  <xsl:function name="ed:in-line" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element/ancestor::line)"/>
  </xsl:function>

  <xsl:template match="surfaceGrp | surface | zone">
    <xsl:element name="{if (ed:in-line(.)) then 'span' else 'div'}">
      <xsl:call-template name="ed:attributes"/>
      <xsl:if test="@n"><xsl:attribute name="data-n" select="@n"/></xsl:if>
      <xsl:if test="@n and not(self::zone)">
        <xsl:element name="{if (ed:in-line(.)) then 'span' else 'p'}">
          <xsl:attribute name="class" select="'surface-label'"/>
          <xsl:value-of select="'[' || normalize-space(@n) || ']'"/>
        </xsl:element>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="line">
    <div>
      <xsl:call-template name="ed:attributes"/>
      <xsl:if test="@n"><xsl:attribute name="data-n" select="@n"/></xsl:if>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- Revision marks of a genetic transcription: their text in the line. -->
  <xsl:template match="metamark | mod | retrace | restore | redo | undo | damage | surplus
                       | secl | handShift | listTranspose | transpose">
    <span>
      <xsl:call-template name="ed:attributes"/>
      <xsl:if test="@function"><xsl:attribute name="data-function" select="@function"/></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>
</xsl:stylesheet>

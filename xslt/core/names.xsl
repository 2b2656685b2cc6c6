<?xml version="1.0" encoding="UTF-8"?>
<!-- Names of persons, places and organisations, and the authority lists they point at. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- "Leon Trotsky (1879–1940)": how an authority entry introduces itself. -->
  <xsl:function name="ed:entry-label" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="name" select="normalize-space(($entry/(persName | placeName | orgName | name))[1])"/>
    <xsl:variable name="born" select="($entry/birth/@when, $entry/birth)[1] ! replace(string(.), '^(\d{4}).*', '$1')"/>
    <xsl:variable name="died" select="($entry/death/@when, $entry/death)[1] ! replace(string(.), '^(\d{4}).*', '$1')"/>
    <xsl:sequence select="$name || (if ($born or $died) then ' (' || ($born, '?')[1] || '–' || ($died, '')[1] || ')' else '')"/>
  </xsl:function>

  <xsl:template match="persName | placeName | orgName | name">
    <xsl:variable name="entry" select="ed:resolve(ed:first-pointer(@ref), .)"/>
    <span>
      <xsl:call-template name="ed:attributes"/>
      <xsl:if test="$entry">
        <xsl:attribute name="data-ref" select="$entry/@xml:id"/>
        <xsl:attribute name="title" select="string-join((ed:entry-label($entry),
            normalize-space(($entry/occupation)[1])[. != '']), ': ')"/>
      </xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="listPerson | listPlace | listOrg | listEvent | listNym">
    <div>
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="person | place | org | personGrp | event">
    <div>
      <xsl:call-template name="ed:attributes"/>
      <p class="entry-name"><xsl:value-of select="ed:entry-label(.)"/></p>
      <xsl:variable name="variants" select="(persName | placeName | orgName)[position() gt 1]"/>
      <xsl:if test="$variants">
        <p class="entry-variants">Also: <xsl:value-of select="$variants ! normalize-space(.)" separator="; "/></p>
      </xsl:if>
      <xsl:apply-templates select="* except (persName | placeName | orgName | birth | death)"/>
    </div>
  </xsl:template>

  <xsl:template match="occupation | affiliation | floruit | birth | death | residence | nationality
                       | education | faith | sex | age | location | desc[not(parent::gap)]">
    <xsl:element name="{if (ed:is-inline(.)) then 'span' else 'p'}">
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="person/note | place/note | org/note" priority="2">
    <p>
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <!-- Header-style elements met in running text or in authority entries. -->
  <xsl:template match="author | editor | publisher | pubPlace | biblScope | edition | extent
                       | respStmt | resp | country | settlement | region | district | geogName
                       | institution | repository | collection | msName | forename | surname
                       | roleName | addName | genName | nameLink">
    <span>
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>
</xsl:stylesheet>

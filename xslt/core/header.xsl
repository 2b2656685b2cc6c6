<?xml version="1.0" encoding="UTF-8"?>
<!-- The header as a reader sees it: who made the text, where it comes from (the chain of
     publication, the archival original), what may be done with it, how it was encoded.
     Mode ed:provenance renders a teiHeader; mode ed:encoding its encoding description. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:template match="teiHeader" mode="ed:provenance">
    <xsl:variable name="file" select="fileDesc"/>
    <section class="provenance" aria-label="About this text">
      <h2 class="provenance-title">About this text</h2>
      <dl>
        <xsl:call-template name="ed:entry">
          <xsl:with-param name="term" select="'Title'"/>
          <xsl:with-param name="values" select="$file/titleStmt/title"/>
        </xsl:call-template>
        <xsl:call-template name="ed:entry">
          <xsl:with-param name="term" select="'Author'"/>
          <xsl:with-param name="values" select="$file/titleStmt/author"/>
        </xsl:call-template>
        <xsl:call-template name="ed:entry">
          <xsl:with-param name="term" select="'Editor'"/>
          <xsl:with-param name="values" select="$file/titleStmt/editor"/>
        </xsl:call-template>
        <xsl:for-each select="$file/titleStmt/respStmt">
          <xsl:call-template name="ed:entry">
            <xsl:with-param name="term" select="ed:capitalise(normalize-space(string-join(resp, '; ')))"/>
            <xsl:with-param name="values" select="persName | orgName | name"/>
          </xsl:call-template>
        </xsl:for-each>
        <xsl:call-template name="ed:entry">
          <xsl:with-param name="term" select="'Sources'"/>
          <xsl:with-param name="values" select="$file/sourceDesc/(bibl | biblFull | listBibl | p)"/>
          <xsl:with-param name="mode-sources" select="true()"/>
        </xsl:call-template>
        <xsl:call-template name="ed:entry">
          <xsl:with-param name="term" select="'Archival original'"/>
          <xsl:with-param name="values" select="$file/sourceDesc/msDesc"/>
          <xsl:with-param name="mode-sources" select="true()"/>
        </xsl:call-template>
        <xsl:call-template name="ed:entry">
          <xsl:with-param name="term" select="'Published'"/>
          <xsl:with-param name="values" select="$file/publicationStmt"/>
          <xsl:with-param name="mode-sources" select="true()"/>
        </xsl:call-template>
        <xsl:call-template name="ed:entry">
          <xsl:with-param name="term" select="'Rights'"/>
          <xsl:with-param name="values" select="$file/publicationStmt/availability/(licence | p)"/>
        </xsl:call-template>
      </dl>
    </section>
  </xsl:template>

  <xsl:function name="ed:capitalise" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="upper-case(substring($s, 1, 1)) || substring($s, 2)"/>
  </xsl:function>

  <xsl:template name="ed:entry">
    <xsl:param name="term" as="xs:string"/>
    <xsl:param name="values" as="element()*"/>
    <xsl:param name="mode-sources" as="xs:boolean" select="false()"/>
    <xsl:if test="$values">
      <div class="entry">
        <dt><xsl:value-of select="$term"/></dt>
        <xsl:for-each select="$values">
          <dd>
            <xsl:choose>
              <xsl:when test="$mode-sources"><xsl:apply-templates select="." mode="ed:source"/></xsl:when>
              <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
            </xsl:choose>
          </dd>
        </xsl:for-each>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- Sources: bibliographic records as running citations. -->
  <xsl:template match="listBibl" mode="ed:source">
    <xsl:apply-templates select="head"/>
    <ol class="source-chain">
      <xsl:for-each select="bibl | biblFull | msDesc | listBibl">
        <li><xsl:apply-templates select="." mode="ed:source"/></li>
      </xsl:for-each>
    </ol>
  </xsl:template>

  <xsl:template match="bibl | p" mode="ed:source">
    <xsl:if test="@type"><span class="source-role"><xsl:value-of select="ed:capitalise(replace(@type, '-', ' '))"/>: </span></xsl:if>
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="biblFull" mode="ed:source">
    <xsl:value-of select="titleStmt/author ! normalize-space(.)" separator=", "/>
    <xsl:if test="titleStmt/author">, </xsl:if>
    <cite><xsl:value-of select="titleStmt/title ! normalize-space(.)" separator=": "/></cite>
    <xsl:for-each select="titleStmt/editor | titleStmt/respStmt">
      <xsl:text>, </xsl:text>
      <xsl:value-of select="normalize-space(if (self::editor) then 'edited by ' || . else string-join((resp, persName | orgName | name), ' '))"/>
    </xsl:for-each>
    <xsl:if test="editionStmt">, <xsl:value-of select="normalize-space(editionStmt)"/></xsl:if>
    <xsl:text>. </xsl:text>
    <xsl:apply-templates select="publicationStmt" mode="ed:source"/>
  </xsl:template>

  <xsl:template match="publicationStmt[p]" mode="ed:source" priority="2">
    <xsl:apply-templates select="p/node()"/>
  </xsl:template>

  <xsl:template match="publicationStmt" mode="ed:source">
    <xsl:value-of select="string-join((pubPlace, publisher | distributor | authority, date) ! normalize-space(.), ', ')"/>
    <xsl:for-each select="idno">
      <xsl:text>; </xsl:text>
      <xsl:value-of select="normalize-space(string-join((@type, .), ' '))"/>
    </xsl:for-each>
    <xsl:text>.</xsl:text>
  </xsl:template>

  <xsl:template match="msDesc" mode="ed:source">
    <xsl:value-of select="string-join(msIdentifier/* ! normalize-space(.), ', ')"/>
    <xsl:for-each select="physDesc | msContents | history">
      <xsl:text>. </xsl:text>
      <xsl:value-of select="normalize-space(.)"/>
    </xsl:for-each>
  </xsl:template>

  <!-- How a text was encoded: the editorial declaration, section by section. -->
  <xsl:template match="encodingDesc" mode="ed:encoding">
    <section class="encoding">
      <xsl:apply-templates select="projectDesc/p, editorialDecl/*" mode="ed:encoding"/>
    </section>
  </xsl:template>

  <xsl:template match="editorialDecl/*[p]" mode="ed:encoding">
    <div class="{'encoding-' || local-name()}">
      <p class="encoding-topic"><xsl:value-of select="ed:capitalise(local-name())"/></p>
      <xsl:apply-templates select="p"/>
    </div>
  </xsl:template>

  <!-- Header paragraphs need no address (and may be shown beside other headers' own). -->
  <xsl:template match="p" mode="ed:encoding">
    <p class="tei-p"><xsl:apply-templates/></p>
  </xsl:template>
</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!-- The EPUB of the whole edition, made from the texts' own EPUBs (named template
     ed:edition-package). The builder copies each text's content documents unchanged (their
     paths, <text-id>/…, are the same in both packages) and passes the texts' package and
     navigation documents here, in reading order; this writes the edition's title page,
     package document and navigation document:
  - metadata: the edition header's title, publisher, date and rights; every text's creators,
    contributors, languages, sources and subjects; accessibility as the texts state it;
  - manifest and spine: the edition's title page and contents, then each text's items; the
    edition's cover image (the texts' own covers are left out);
  - contents: one entry per text (its title page), holding that text's own contents;
    landmarks: the first of each kind; page-list: every text's pages, in reading order. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns:epub="http://www.idpf.org/2007/ops"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:opf="http://www.idpf.org/2007/opf"
    xmlns:h="http://www.w3.org/1999/xhtml"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- The texts' package documents and navigation documents, in reading order. -->
  <xsl:param name="packages" as="document-node()*" select="()"/>
  <xsl:param name="navs" as="document-node()*" select="()"/>

  <xsl:variable name="ed:edition-titlepage" as="xs:string" select="'edition.xhtml'"/>

  <xsl:template name="ed:edition-package">
    <xsl:variable name="tei" select="$edition/TEI"/>
    <xsl:call-template name="ed:container"/>
    <xsl:call-template name="ed:write-edition-titlepage">
      <xsl:with-param name="tei" select="$tei"/>
    </xsl:call-template>
    <xsl:call-template name="ed:write-cover">
      <xsl:with-param name="href" select="'OEBPS/' || $ed:cover-file"/>
      <xsl:with-param name="tei" select="$tei"/>
      <xsl:with-param name="series" select="normalize-space(($tei/teiHeader/fileDesc/publicationStmt/publisher)[1])[. != '']"/>
    </xsl:call-template>
    <xsl:call-template name="ed:write-edition-nav">
      <xsl:with-param name="tei" select="$tei"/>
    </xsl:call-template>
    <xsl:call-template name="ed:write-edition-package">
      <xsl:with-param name="tei" select="$tei"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="ed:write-edition-titlepage">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:result-document href="OEBPS/{$ed:edition-titlepage}" format="ed:xhtml">
      <xsl:call-template name="ed:xhtml-page">
        <xsl:with-param name="title" select="ed:title($tei)"/>
        <xsl:with-param name="lang" select="ed:lang($tei)"/>
        <xsl:with-param name="depth" select="0"/>
        <xsl:with-param name="body-type" select="'frontmatter'"/>
        <xsl:with-param name="content">
          <section class="titlepage" epub:type="titlepage" aria-labelledby="edition-title">
            <h1 class="title" id="edition-title"><xsl:value-of select="ed:title($tei)"/></h1>
            <xsl:for-each select="$tei/teiHeader/fileDesc/titleStmt/(editor | respStmt)">
              <p class="contributor">
                <xsl:value-of select="if (self::editor) then 'Edited by ' || normalize-space(.)
                    else ed:capitalise(normalize-space(string-join(resp, '; '))) || ' '
                         || string-join((persName | orgName | name) ! normalize-space(.), ', ')"/>
              </p>
            </xsl:for-each>
            <ol class="edition-texts">
              <xsl:for-each select="$packages">
                <xsl:variable name="metadata" select="opf:package/opf:metadata"/>
                <li>
                  <cite><xsl:value-of select="$metadata/dc:title[@id = 'title']"/></cite>
                  <xsl:if test="$metadata/dc:creator">
                    <xsl:text> — </xsl:text>
                    <xsl:value-of select="$metadata/dc:creator" separator=", "/>
                  </xsl:if>
                </li>
              </xsl:for-each>
            </ol>
          </section>
          <xsl:apply-templates select="$tei/teiHeader" mode="ed:provenance"/>
          <xsl:if test="$tei/teiHeader/encodingDesc/(projectDesc | editorialDecl)">
            <section class="about-encoding" aria-labelledby="encoding-title">
              <h2 id="encoding-title">How the texts were encoded</h2>
              <xsl:apply-templates select="$tei/teiHeader/encodingDesc" mode="ed:encoding"/>
            </section>
          </xsl:if>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:result-document>
  </xsl:template>

  <xsl:template name="ed:write-edition-nav">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:variable name="landmarks" select="$navs//h:nav[@epub:type = 'landmarks']//h:a
        [not(@epub:type = ('titlepage', 'toc'))]"/>
    <xsl:result-document href="OEBPS/nav.xhtml" format="ed:xhtml">
      <xsl:call-template name="ed:xhtml-page">
        <xsl:with-param name="title" select="'Contents — ' || ed:title($tei)"/>
        <xsl:with-param name="lang" select="ed:lang($tei)"/>
        <xsl:with-param name="depth" select="0"/>
        <xsl:with-param name="body-type" select="'frontmatter'"/>
        <xsl:with-param name="content">
          <nav epub:type="toc" id="toc" role="doc-toc" aria-labelledby="toc-title">
            <h1 id="toc-title">Contents</h1>
            <ol>
              <li><a href="{$ed:edition-titlepage}">Title page</a></li>
              <xsl:for-each select="$navs">
                <xsl:variable name="position" select="position()"/>
                <xsl:variable name="entries" select=".//h:nav[@epub:type = 'toc']/h:ol/h:li"/>
                <xsl:variable name="title" select="$packages[$position]/opf:package/opf:metadata/dc:title[@id = 'title']"/>
                <li>
                  <a href="{$entries[@class = 'toc-titlepage']/h:a/@href}"><xsl:value-of select="normalize-space($title)"/></a>
                  <xsl:if test="$entries[not(@class = 'toc-titlepage')]">
                    <ol><xsl:sequence select="$entries[not(@class = 'toc-titlepage')]"/></ol>
                  </xsl:if>
                </li>
              </xsl:for-each>
            </ol>
          </nav>
          <nav epub:type="landmarks" id="landmarks" hidden="hidden" aria-labelledby="landmarks-title">
            <h2 id="landmarks-title">Landmarks</h2>
            <ol>
              <li><a epub:type="titlepage" href="{$ed:edition-titlepage}">Title page</a></li>
              <li><a epub:type="toc" href="nav.xhtml#toc">Contents</a></li>
              <xsl:for-each-group select="$landmarks" group-by="string(@epub:type)">
                <li><xsl:sequence select="current-group()[1]"/></li>
              </xsl:for-each-group>
            </ol>
          </nav>
          <xsl:variable name="pages" select="$navs//h:nav[@epub:type = 'page-list']/h:ol/h:li"/>
          <xsl:if test="$pages">
            <nav epub:type="page-list" id="page-list" role="doc-pagelist" hidden="hidden"
                 aria-labelledby="page-list-title">
              <h2 id="page-list-title">Pages</h2>
              <ol><xsl:sequence select="$pages"/></ol>
            </nav>
          </xsl:if>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:result-document>
  </xsl:template>

  <xsl:template name="ed:write-edition-package">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:variable name="metadata" select="$packages/opf:package/opf:metadata"/>
    <xsl:variable name="features" select="$metadata/opf:meta[@property = 'schema:accessibilityFeature']"/>
    <xsl:result-document href="OEBPS/package.opf" format="ed:xml">
      <package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid"
               xml:lang="{ed:lang($tei)}">
        <metadata>
          <xsl:namespace name="dc" select="'http://purl.org/dc/elements/1.1/'"/>
          <dc:identifier id="uid"><xsl:value-of select="$identifier"/></dc:identifier>
          <dc:title id="title"><xsl:value-of select="ed:title($tei)"/></dc:title>
          <meta refines="#title" property="title-type">main</meta>
          <xsl:call-template name="ed:agents-metadata">
            <xsl:with-param name="agents" select="(
                $metadata/(dc:creator | dc:contributor) ! ed:opf-agents(.),
                ed:agents($tei) ! map{'name': ?name, 'role': ?role, 'creator': false()})"/>
          </xsl:call-template>
          <xsl:for-each select="($tei/teiHeader/fileDesc/publicationStmt/(publisher | distributor | authority))[1]">
            <dc:publisher><xsl:value-of select="normalize-space(.)"/></dc:publisher>
          </xsl:for-each>
          <dc:date><xsl:value-of select="ed:publication-date($tei)"/></dc:date>
          <xsl:for-each select="distinct-values(($metadata/dc:language, ed:lang($tei)) ! string())">
            <dc:language><xsl:value-of select="."/></dc:language>
          </xsl:for-each>
          <xsl:for-each select="distinct-values($metadata/dc:source ! string())">
            <dc:source><xsl:value-of select="."/></dc:source>
          </xsl:for-each>
          <xsl:for-each select="distinct-values((ed:rights($tei), $metadata/dc:rights ! string()))">
            <dc:rights><xsl:value-of select="."/></dc:rights>
          </xsl:for-each>
          <xsl:for-each select="distinct-values($metadata/dc:subject ! string())">
            <dc:subject><xsl:value-of select="."/></dc:subject>
          </xsl:for-each>
          <meta property="dcterms:modified"><xsl:value-of select="$modified"/></meta>
          <xsl:call-template name="ed:accessibility-metadata">
            <xsl:with-param name="page-sources" select="$metadata/opf:meta[@property = 'pageBreakSource'] ! string()"/>
            <xsl:with-param name="has-index" select="$features = 'index'"/>
            <xsl:with-param name="has-tables" select="$metadata/opf:meta[@property = 'schema:accessibilitySummary'][contains(., 'Tables')] => exists()"/>
            <xsl:with-param name="publisher" select="normalize-space(($tei/teiHeader/fileDesc/publicationStmt/publisher)[1])[. != '']"/>
          </xsl:call-template>
        </metadata>
        <manifest>
          <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
          <item id="css" href="{$ed:css}" media-type="text/css"/>
          <item id="edition-title" href="{$ed:edition-titlepage}" media-type="application/xhtml+xml"/>
          <item id="edition-cover" href="{$ed:cover-file}" media-type="image/svg+xml" properties="cover-image"/>
          <!-- The texts' covers stay out (the builder leaves their files behind). -->
          <xsl:sequence select="$packages/opf:package/opf:manifest/opf:item
                                [not(@id = ('nav', 'css') or tokenize(@properties) = 'cover-image')]"/>
        </manifest>
        <spine>
          <itemref idref="edition-title"/>
          <itemref idref="nav"/>
          <xsl:sequence select="$packages/opf:package/opf:spine/opf:itemref[not(@idref = 'nav')]"/>
        </spine>
      </package>
    </xsl:result-document>
  </xsl:template>

  <!-- A dc:creator or dc:contributor of a text's package, with its roles. -->
  <xsl:function name="ed:opf-agents" as="map(*)*">
    <xsl:param name="agent" as="element()"/>
    <xsl:variable name="roles" select="$agent/../opf:meta[@refines = '#' || $agent/@id][@property = 'role']"/>
    <xsl:sequence select="(if (exists($roles)) then $roles ! string() else 'ctb')
        ! map{'name': normalize-space($agent), 'role': ., 'creator': exists($agent/self::dc:creator)}"/>
  </xsl:function>
</xsl:stylesheet>

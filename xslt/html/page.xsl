<?xml version="1.0" encoding="UTF-8"?>
<!-- The frame of every page of the site: head, the edition's header with its navigation
     and search box, the main content, the footer. Every file it links is local. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- The date the site was built (SOURCE_DATE_EPOCH or the TEI's newest change). -->
  <xsl:param name="build-date" as="xs:string" select="''"/>
  <!-- The site's search: 'offline' (its own, from files beside the pages) or 'pagefind'
       (a large edition's: Pagefind's index, which needs the site served). With Pagefind,
       a text's pages say what of them it indexes (data-pagefind-body): the text, not the
       edition-wide lists. -->
  <xsl:param name="search-engine" as="xs:string" select="'offline'"/>

  <xsl:output name="ed:page" method="html" html-version="5" encoding="UTF-8" indent="no"
              include-content-type="no"/>

  <!-- One page of the site, written to $file. -->
  <xsl:template name="ed:page">
    <xsl:param name="file" as="xs:string"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="lang" as="xs:string" select="'en'"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:param name="description" as="xs:string?" select="()"/>
    <xsl:param name="current" as="xs:string?" select="()"/>
    <xsl:result-document href="{$file}" format="ed:page">
      <html lang="{$lang}">
        <head>
          <meta charset="utf-8"/>
          <meta name="viewport" content="width=device-width, initial-scale=1"/>
          <title><xsl:value-of select="string-join(distinct-values(($title, ed:edition-title())), ' · ')"/></title>
          <xsl:if test="$description">
            <meta name="description" content="{$description}"/>
          </xsl:if>
          <meta name="generator" content="edition (TEI → XSLT 3)"/>
          <link rel="stylesheet" href="assets/edition.css"/>
          <script src="assets/edition.js" defer="defer"></script>
        </head>
        <body class="page-{$kind}">
          <a class="skip-link" href="#main">Skip to content</a>
          <header class="site-header">
            <p class="site-title"><a href="index.html"><xsl:value-of select="ed:edition-title()"/></a></p>
            <nav class="site-nav" aria-label="Edition">
              <ul>
                <xsl:for-each select="(['index.html', 'Texts'], ['persons.html', 'Persons'],
                                       ['about.html', 'About this edition'], ['search.html', 'Search'])">
                  <li>
                    <a href="{?1}">
                      <xsl:if test="?1 = $current"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
                      <xsl:value-of select="?2"/>
                    </a>
                  </li>
                </xsl:for-each>
              </ul>
            </nav>
            <form class="site-search" action="search.html" method="get" role="search" aria-label="Search box of every page">
              <label for="site-search-q" class="visually-hidden">Search the edition</label>
              <input type="search" id="site-search-q" name="q" placeholder="Search the edition"/>
              <button type="submit">Search</button>
            </form>
          </header>
          <main id="main" tabindex="-1">
            <xsl:if test="$search-engine = 'pagefind' and not($kind = ('home', 'about', 'persons', 'search'))">
              <xsl:attribute name="data-pagefind-body" select="''"/>
            </xsl:if>
            <xsl:copy-of select="ed:phrasing-fixed($content)" copy-namespaces="no"/>
          </main>
          <footer class="site-footer">
            <p>
              <xsl:value-of select="ed:edition-title()"/>
              <xsl:for-each select="$edition/TEI/teiHeader/fileDesc/publicationStmt/availability/licence[1]">
                <xsl:text>. </xsl:text>
                <xsl:choose>
                  <xsl:when test="@target[ed:is-safe-url(.)]"><a href="{@target}" rel="license"><xsl:value-of select="replace(normalize-space(.), '\.$', '')"/></a></xsl:when>
                  <xsl:otherwise><xsl:value-of select="replace(normalize-space(.), '\.$', '')"/></xsl:otherwise>
                </xsl:choose>
              </xsl:for-each>
              <xsl:text>. Made from TEI P5 sources</xsl:text>
              <xsl:if test="$build-date"> on <time datetime="{$build-date}"><xsl:value-of select="$build-date"/></time></xsl:if>
              <xsl:text>.</xsl:text>
            </p>
          </footer>
        </body>
      </html>
    </xsl:result-document>
  </xsl:template>
</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  The print layer: TEI → one XHTML book per text, laid out by CSS paged media
  (print/print.css) and WeasyPrint.

  A book is: half-title, title page, colophon (on the title page's verso), contents, then the
  text in chapters, each opening on a recto. Notes are footnotes at the foot of the page where
  they are called, or (with $endnotes) gathered at the end of each chapter; the source's page
  footnotes stay footnotes either way. The print source's page breaks become small marginal
  marks.

  Two entry points:
  - the initial match on a TEI document: that text as a book;
  - the named template ed:edition-book: the whole edition as one book, assembled from the
    books of its texts ($books, the XHTML this stylesheet made for each text), so that only
    one TEI text is ever in memory.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:import href="core/core.xsl"/>

  <!-- Called notes at the end of each chapter (true) or at the foot of the page (false). -->
  <xsl:param name="endnotes" as="xs:boolean" select="false()"/>
  <!-- The build date (YYYY-MM-DD), from SOURCE_DATE_EPOCH or the TEI's revision dates. -->
  <xsl:param name="build-date" as="xs:string" select="'1970-01-01'"/>
  <!-- Whether anything gave that date (else it is the epoch, and no page says it). -->
  <xsl:param name="dated" as="xs:boolean" select="true()"/>
  <!-- Another project's TEI: checked for what rendering needs, not against our schema;
       source-file is its path under the source directory. -->
  <xsl:param name="foreign" as="xs:boolean" select="false()"/>
  <xsl:param name="source-file" as="xs:string?" select="()"/>
  <!-- For the edition's book of another project's files: the directory's name. -->
  <xsl:param name="source-name" as="xs:string?" select="()"/>
  <!-- For ed:edition-book: the books of the edition's texts, in reading order. -->
  <xsl:param name="books" as="document-node()*" select="()"/>

  <xsl:include href="print/functions.xsl"/>
  <xsl:include href="print/chapters.xsl"/>
  <xsl:include href="print/notes.xsl"/>
  <xsl:include href="print/readings.xsl"/>
  <xsl:include href="print/pages.xsl"/>
  <xsl:include href="print/front.xsl"/>
  <xsl:include href="print/book.xsl"/>

  <xsl:output method="xhtml" html-version="5" encoding="UTF-8" indent="no"
              omit-xml-declaration="yes"/>
</xsl:stylesheet>

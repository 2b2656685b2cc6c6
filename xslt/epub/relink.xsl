<?xml version="1.0" encoding="UTF-8"?>
<!-- Links between texts, for the EPUB of the whole edition. In a text's own EPUB a pointer
     into another text of the edition is a span carrying it (data-ed-pointer): its target is
     not in that package. In the edition's EPUB the target is there, so the builder copies
     the content document through this identity transform, which turns each such span whose
     pointer it has a link for into a link. Everything else is copied unchanged. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:h="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- <links><link pointer="challenge-1923-25.xml#p67" href="../challenge-1923-25/…#p67"/></links> -->
  <xsl:param name="links" as="document-node()"/>

  <xsl:output method="xhtml" html-version="5" encoding="UTF-8" indent="no"
              omit-xml-declaration="no" include-content-type="no"/>

  <xsl:key name="link" match="link" use="@pointer"/>

  <xsl:mode on-no-match="shallow-copy"/>

  <xsl:template match="h:span[@data-ed-pointer][key('link', @data-ed-pointer, $links)]">
    <a xmlns="http://www.w3.org/1999/xhtml" href="{key('link', @data-ed-pointer, $links)[1]/@href}">
      <xsl:sequence select="@*"/>
      <xsl:apply-templates/>
    </a>
  </xsl:template>
</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!-- Which page of the site holds what.

  A text is one page (FILE.html) unless it is long (the survey pass decides, html/survey.xsl):
  then FILE.html is its contents page, and each top-level division of its front, body and
  back is a page of its own, FILE.NAME.html (NAME: the division's id without the text's id
  in front). A division that is itself long and made of divisions is split again.

  All pages sit in one directory, so a link is the page's file name and a fragment, the same
  from every page: no path arithmetic, and a note copied onto another page keeps working
  links. Used by the rendering layer and by the survey pass (html/survey.xsl). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:site="urn:x-edition:site"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- The site as the survey pass saw it (html/survey.xsl): per text, its file, its pages
       and, for a split text, which page holds each id. Absent, every text is one page. -->
  <xsl:param name="site" as="document-node()?" select="()"/>

  <xsl:key name="ed:site-text" match="site:text" use="@file"/>
  <xsl:key name="ed:site-anchor" match="site:anchor" use="../@file || '#' || @id"/>
  <xsl:key name="ed:site-chunk" match="site:page[@chunk]" use="../@file || '#' || @chunk"/>

  <!-- Is this division a page of its own? (The survey decided.) -->
  <xsl:function name="ed:is-chunk" as="xs:boolean">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="exists($site) and exists($div/self::div)
        and exists(key('ed:site-chunk', ed:source-file($div) || '#' || ed:id($div), $site))"/>
  </xsl:function>

  <!-- The file name a text's TEI came from: its id and ".xml" (the edition's convention). -->
  <xsl:function name="ed:source-file" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="ed:id(root($node)/TEI) || '.xml'"/>
  </xsl:function>

  <!-- The pages of a split text, in reading order. -->
  <xsl:function name="ed:chunks" as="element()*">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="if ($site) then $tei/text//div[ed:is-chunk(.)] else ()"/>
  </xsl:function>

  <!-- The division whose page holds this node, if its text is split. -->
  <xsl:function name="ed:chunk-of" as="element()?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="if ($site) then $node/ancestor-or-self::div[ed:is-chunk(.)][1] else ()"/>
  </xsl:function>

  <xsl:function name="ed:text-file" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="ed:id($tei) || '.html'"/>
  </xsl:function>

  <xsl:function name="ed:chunk-file" as="xs:string">
    <xsl:param name="chunk" as="element()"/>
    <xsl:variable name="text-id" select="ed:id(root($chunk)/TEI)"/>
    <xsl:variable name="id" select="ed:id($chunk)"/>
    <xsl:variable name="name" select="if (starts-with($id, $text-id || '-')) then substring-after($id, $text-id || '-') else $id"/>
    <xsl:sequence select="$text-id || '.' || replace($name, '[^\p{L}\p{N}._-]', '-') || '.html'"/>
  </xsl:function>

  <!-- The file of the page that holds a node of a text. -->
  <xsl:function name="ed:page-file" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="chunk" select="ed:chunk-of($node)"/>
    <xsl:sequence select="if ($chunk) then ed:chunk-file($chunk) else ed:text-file(root($node)/TEI)"/>
  </xsl:function>

  <!-- A link to an element of the text being rendered, from any page of the site. -->
  <xsl:function name="ed:link" as="xs:string">
    <xsl:param name="target" as="element()"/>
    <xsl:param name="fragment" as="xs:string"/>
    <xsl:sequence select="ed:page-file($target) || '#' || $fragment"/>
  </xsl:function>

  <!-- Does a pointer lead into a text of the edition that this site does not have (not yet
       encoded, or not valid and so not built)? Then there is no page to link to. -->
  <xsl:function name="ed:is-missing-text" as="xs:boolean">
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:variable name="file" select="substring-before(normalize-space($pointer) || '#', '#')"/>
    <xsl:sequence select="exists($site) and matches($file, '^[^:/#]+\.xml$')
        and not($file = ('persons.xml', 'edition.xml')) and empty(key('ed:site-text', $file, $site))"/>
  </xsl:function>

  <!-- Where a TEI pointer leads on the site:
       "#id"                the page of this text that holds it;
       "file.xml#id"        the page of that text that holds it (the survey's anchors);
       "persons.xml#id"     the persons index (its initial's page, when paged);
       "edition.xml#id"     the about page;
       anything else        unchanged (external). -->
  <xsl:function name="ed:href" as="xs:string">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="p" select="normalize-space($pointer)"/>
    <xsl:variable name="file" select="if (contains($p, '#')) then substring-before($p, '#') else $p"/>
    <xsl:variable name="id" select="substring-after($p, '#')"/>
    <xsl:choose>
      <xsl:when test="starts-with($p, '#')">
        <xsl:variable name="target" select="key('ed:id', $id, root($context))[1]"/>
        <xsl:sequence select="if ($target) then ed:link($target, $id) else $p"/>
      </xsl:when>
      <xsl:when test="$file = 'persons.xml'">
        <xsl:sequence select="ed:person-page($id) || ($id[. != ''] ! ('#' || .))"/>
      </xsl:when>
      <xsl:when test="$file = 'edition.xml'">
        <xsl:sequence select="'about.html' || ($id[. != ''] ! ('#' || .))"/>
      </xsl:when>
      <xsl:when test="matches($file, '^[^:/#]+\.xml$')">
        <xsl:variable name="text" select="if ($site) then key('ed:site-text', $file, $site)[1] else ()"/>
        <xsl:variable name="anchor" select="if ($site and $id) then key('ed:site-anchor', $p, $site)[1] else ()"/>
        <xsl:variable name="page" select="($anchor/@page, $text/@href, replace($file, '\.xml$', '.html'))[1]"/>
        <xsl:sequence select="$page || ($id[. != ''] ! ('#' || .))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="ed:checked-url($p, $context)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>
</xsl:stylesheet>

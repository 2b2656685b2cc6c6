<?xml version="1.0" encoding="UTF-8"?>
<!-- Which content document shows what, and links between them.

  A text is split into content documents ("chunks"), in reading order:
  - each titled division (div with a head) directly in front, body or back is a chunk;
  - a titled division that groups writings or chapters (a part: @type part/book/volume/group,
    or one with two or more titled subdivisions typed as writings or chapters) keeps its head
    and introduction in its own chunk, and each of its titled subdivisions becomes a chunk;
  - what stands before the first such division (a title page, a letter's opener, untitled
    points) is a chunk of its own; what follows a chunk division stays with it;
  - page breaks and other milestones just before a chunk division open that chunk, so a page
    begins in the file where its text is.
  Untitled divisions (the letter's numbered points) are never split off.

  Every element is shown by exactly one chunk: the template at the end renders the top
  nodes of a chunk only in that chunk. Links go through ed:href and ed:link, which
  add the file of their target. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:ed="urn:x-edition:functions"
    xmlns:epub="http://www.idpf.org/2007/ops"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- The text being rendered (global: chunks are rendered from inside loops over maps). -->
  <xsl:variable name="ed:tei" as="element(TEI)?">
    <!-- Absent when the edition's package is made (a named template, no source). -->
    <xsl:try select="/TEI"><xsl:catch select="()"/></xsl:try>
  </xsl:variable>
  <!-- The text's id names its directory in the package. -->
  <xsl:variable name="ed:text-id" as="xs:string"
      select="($ed:tei/@xml:id/string(), 'text')[1]"/>
  <xsl:variable name="ed:titlepage-file" as="xs:string" select="$ed:text-id || '.xhtml'"/>

  <!-- Division types of writings and chapters: a titled division with two or more titled
       subdivisions of these types is split into them (a writing into its chapters, a part
       into its writings), and its other titled subdivisions (a preface, a conclusion) become
       chunks too. -->
  <xsl:variable name="ed:writing-types" as="xs:string*"
      select="('chapter', 'writing', 'article', 'letter', 'document', 'essay', 'speech',
               'resolution', 'statement', 'declaration', 'report', 'appendix')"/>
  <xsl:variable name="ed:group-types" as="xs:string*"
      select="('part', 'book', 'volume', 'group')"/>

  <xsl:function name="ed:is-milestone" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/(self::pb | self::fw | self::anchor | self::milestone | self::lb | self::cb))"/>
  </xsl:function>

  <xsl:function name="ed:is-chunk" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/self::div[head])
        and (exists($e/parent::front | $e/parent::body | $e/parent::back)
             or ($e/parent::div and ed:is-split($e/parent::div)))"/>
  </xsl:function>

  <xsl:function name="ed:is-split" as="xs:boolean">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="ed:is-chunk($div) and exists($div/div[head])
        and (tokenize($div/@type) = $ed:group-types
             or count($div/div[head][tokenize(@type) = $ed:writing-types]) ge 2)"/>
  </xsl:function>

  <!-- Does a new chunk start at this child of a container? At a chunk division, or at the
       first of the milestones right before one. -->
  <xsl:function name="ed:starts-chunk" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="previous" select="$e/preceding-sibling::*[1]"/>
    <xsl:variable name="next-block" select="$e/following-sibling::*[not(ed:is-milestone(.))][1]"/>
    <xsl:sequence select="
        if (ed:is-chunk($e)) then not($previous and ed:is-milestone($previous))
        else if (ed:is-milestone($e)) then
          exists($next-block) and ed:is-chunk($next-block)
          and (every $m in $e/following-sibling::*[. &lt;&lt; $next-block] satisfies ed:is-milestone($m))
          and not($previous and ed:is-milestone($previous))
        else false()"/>
  </xsl:function>

  <!-- The chunks of a container (front, body, back, or a split division), as maps:
       stem (file name without .xhtml), file, nodes (the top nodes it shows), div (its
       chunk division, if any), matter (front, body or back), members (the texts of groups and
       the headed groups it belongs to, outermost first), text (the innermost of them) and
       opens (the text of a group whose first chunk it is). -->
  <xsl:function name="ed:chunks-of" as="map(*)*">
    <xsl:param name="container" as="element()"/>
    <xsl:variable name="matter" select="local-name($container/ancestor-or-self::*[self::front or self::body or self::back][1])"/>
    <xsl:for-each-group select="$container/*" group-starting-with="*[ed:starts-chunk(.)]">
      <xsl:variable name="div" select="current-group()[ed:is-chunk(.)][1]"/>
      <xsl:choose>
        <xsl:when test="empty($div)">
          <!-- Leading material: a chunk of its own in front/body/back; in a split division
               it is part of the division's own chunk. -->
          <xsl:if test="not($container/self::div)">
            <xsl:sequence select="ed:chunk(
                if (position() = 1) then ed:matter-stem($container) else ed:path-id(.),
                current-group(), (), $matter)"/>
          </xsl:if>
        </xsl:when>
        <xsl:when test="ed:is-split($div)">
          <xsl:sequence select="ed:chunk(ed:id($div), current-group()[not(. &gt;&gt; $div)], $div, $matter)"/>
          <xsl:sequence select="ed:chunks-of($div)"/>
          <xsl:variable name="rest" select="current-group()[. &gt;&gt; $div]"/>
          <xsl:if test="exists($rest)">
            <xsl:sequence select="ed:chunk(ed:path-id($rest[1]), $rest, (), $matter)"/>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="ed:chunk(ed:id($div), current-group(), $div, $matter)"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each-group>
  </xsl:function>

  <!-- The file of what stands before a text's first titled division: named after the text
       (our texts: "letter-body"), or, in a text of a group (a teiCorpus's member), after
       that member, so that each member's files have names of their own. -->
  <xsl:function name="ed:matter-stem" as="xs:string">
    <xsl:param name="container" as="element()"/>
    <xsl:variable name="text" select="$container/parent::text"/>
    <xsl:sequence select="(if ($text/parent::group) then ed:id($text) else $ed:text-id)
                          || '-' || local-name($container)"/>
  </xsl:function>

  <xsl:function name="ed:chunk" as="map(*)">
    <xsl:param name="stem" as="xs:string"/>
    <xsl:param name="nodes" as="element()*"/>
    <xsl:param name="div" as="element()?"/>
    <xsl:param name="matter" as="xs:string"/>
    <xsl:sequence select="map{'stem': $stem, 'file': $stem || '.xhtml', 'nodes': $nodes,
                              'div': $div, 'matter': $matter, 'members': (), 'text': (), 'opens': ()}"/>
  </xsl:function>

  <!-- The containers of a text's chunks, in reading order: its front, body and back, and
       those of every text of its group (a collection's members, made from a teiCorpus), as
       deep as groups go. -->
  <xsl:function name="ed:containers" as="element()*">
    <xsl:param name="parent" as="element()?"/>
    <xsl:for-each select="$parent/(front | body | back | group | text)">
      <xsl:sequence select="if (self::group or self::text) then ed:containers(.) else ."/>
    </xsl:for-each>
  </xsl:function>

  <!-- All chunks of the text. What stands outside the containers (milestones between front,
       body and back; a group's heading) opens the first chunk of what follows it, or closes
       the last. Each chunk of a group's text knows that text and those it is in: the
       contents nest its chunks under their titles. -->
  <xsl:variable name="ed:chunks" as="map(*)*">
    <xsl:variable name="containers" select="ed:containers($ed:tei/text)"/>
    <xsl:variable name="loose" select="$ed:tei/text/descendant-or-self::*[self::text or self::group]
        [not(ancestor::front or ancestor::body or ancestor::back)]
        /*[not(self::front or self::body or self::back or self::group or self::text)]"/>
    <xsl:for-each select="$containers">
      <xsl:variable name="container" select="."/>
      <xsl:variable name="i" select="position()"/>
      <xsl:variable name="members" select="ancestor::*[self::text[parent::group] or self::group[head]]"/>
      <xsl:variable name="chunks" select="ed:chunks-of(.)"/>
      <xsl:variable name="before" select="$loose[. &lt;&lt; $container]
          [$i = 1 or . &gt;&gt; $containers[$i - 1]]"/>
      <xsl:variable name="after" select="if ($i = last()) then $loose[. &gt;&gt; $container] else ()"/>
      <xsl:for-each select="if (exists($chunks)) then $chunks
          else if (exists(($before, $after))) then ed:chunk(ed:matter-stem(.), (), (), local-name(.))
          else ()">
        <xsl:variable name="nodes" select="(if (position() = 1) then $before else ()), ?nodes,
                                           (if (position() = last()) then $after else ())"/>
        <xsl:sequence select="map:merge((., map{'nodes': $nodes, 'members': $members,
            'text': $members[last()],
            'opens': if (position() = 1)
                     then $container/ancestor::text[parent::group][ed:containers(.)[1] is $container][1]
                     else ()}), map{'duplicates': 'use-last'})"/>
      </xsl:for-each>
    </xsl:for-each>
    <!-- The document as written (diplomatic.xsl), after the text. -->
    <xsl:if test="$ed:tei/(sourceDoc | facsimile)">
      <xsl:sequence select="ed:chunk('diplomatic', $ed:tei/(sourceDoc | facsimile), (), 'back')"/>
    </xsl:if>
  </xsl:variable>

  <!-- generate-id() of each chunk's top nodes → the chunk's position. -->
  <xsl:variable name="ed:owner" as="map(xs:string, xs:integer)"
      select="map:merge(for $i in 1 to count($ed:chunks)
                        return $ed:chunks[$i]?nodes ! map{generate-id(.): $i})"/>

  <!-- The chunk that shows a node: that of its nearest top node; () in the header. -->
  <xsl:function name="ed:chunk-index" as="xs:integer?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="(reverse($node/ancestor-or-self::*) ! $ed:owner(generate-id(.)))[1]"/>
  </xsl:function>

  <!-- The file (name only, within the text's directory) that shows a node; the title page
       for what no chunk shows (the header). -->
  <xsl:function name="ed:file-of" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="index" select="ed:chunk-index($node)"/>
    <xsl:sequence select="if (exists($index)) then $ed:chunks[$index]?file else $ed:titlepage-file"/>
  </xsl:function>

  <!-- Links inside the text: to the file that shows the target. Pointers into other files
       of the edition are rendered without a link (semantics.xsl); the builder links them in
       the edition's EPUB, where their target is part of the package. -->
  <xsl:function name="ed:href" as="xs:string">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="target" select="if (starts-with($pointer, '#') and string-length($pointer) gt 1)
        then key('ed:id', substring($pointer, 2), root($context))[1] else ()"/>
    <!-- A target no chunk shows (in the header) is introduced on the title page, which
         does not carry its id: the link goes to the page. -->
    <xsl:sequence select="if (empty($target)) then ed:checked-url($pointer, $context)
        else if (empty(ed:chunk-index($target))) then $ed:titlepage-file
        else ed:file-of($target) || $pointer"/>
  </xsl:function>

  <!-- A link to an id on the page (content document) that holds the given element. -->
  <xsl:function name="ed:link" as="xs:string">
    <xsl:param name="target" as="element()"/>
    <xsl:param name="fragment" as="xs:string"/>
    <xsl:sequence select="ed:file-of($target) || '#' || $fragment"/>
  </xsl:function>

  <!-- Each chunk's top nodes are rendered in that chunk only. -->
  <xsl:template match="*[map:contains($ed:owner, generate-id())]" priority="20">
    <xsl:param name="ed:chunk" as="xs:integer?" tunnel="yes" select="()"/>
    <xsl:if test="$ed:owner(generate-id()) = $ed:chunk">
      <xsl:next-match/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="ed:write-chunk">
    <xsl:param name="chunk" as="map(*)"/>
    <xsl:param name="index" as="xs:integer"/>
    <xsl:variable name="tei" select="$ed:tei"/>
    <xsl:result-document href="OEBPS/{$ed:text-id}/{$chunk?file}" format="ed:xhtml">
      <xsl:call-template name="ed:xhtml-page">
        <xsl:with-param name="title" select="string-join(distinct-values((ed:chunk-label($chunk), ed:title($tei))), ' — ')"/>
        <xsl:with-param name="lang" select="ed:lang($tei)"/>
        <xsl:with-param name="body-type" select="$chunk?matter || 'matter'"/>
        <xsl:with-param name="content">
          <div class="tei-{$chunk?matter}">
            <xsl:apply-templates select="$chunk?nodes">
              <xsl:with-param name="ed:chunk" select="$index" tunnel="yes"/>
            </xsl:apply-templates>
          </div>
          <xsl:call-template name="ed:footnote-section">
            <xsl:with-param name="scope" select="$chunk?nodes"/>
            <xsl:with-param name="ed:chunk" select="$index" tunnel="yes"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:result-document>
  </xsl:template>

  <!-- What a chunk is called in the contents and its window title. -->
  <xsl:function name="ed:chunk-label" as="xs:string">
    <xsl:param name="chunk" as="map(*)"/>
    <xsl:variable name="div" select="$chunk?div"/>
    <xsl:variable name="typed" select="($chunk?nodes/descendant-or-self::div[@type])[1]"/>
    <xsl:sequence select="
        if ($div) then ed:head-label($div)
        else if (exists($chunk?opens)) then ed:text-title($chunk?opens)
        else if ($chunk?nodes/self::titlePage) then 'Title page of the print edition'
        else if ($chunk?nodes/self::sourceDoc) then 'Diplomatic transcription'
        else if ($chunk?nodes/self::facsimile) then 'Facsimile'
        else if ($chunk?matter = 'body' and exists($chunk?text)) then ed:text-title($chunk?text)
        else if ($chunk?matter = 'body') then ed:title(root($chunk?nodes[1])/TEI)
        else if ($typed) then ed:type-label($typed/@type)
        else if ($chunk?matter = 'front') then 'Front matter'
        else 'Back matter'"/>
  </xsl:function>

  <!-- A division's title: as its text's printed contents gives it, else its head as plain
       text, as rendered (corrections applied), without note
       calls, page markers or hidden readings. -->
  <xsl:function name="ed:head-label" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="rendered" as="element()">
      <span><xsl:apply-templates select="$div/head[1]/node()"/></span>
    </xsl:variable>
    <xsl:variable name="text" select="normalize-space(string-join($rendered//(text()[not(ancestor::*[@hidden
        or @aria-hidden = 'true' or tokenize(@class) = ('noteref', 'pb')])] | *:br) ! ed:text-or-space(.)))"/>
    <xsl:sequence select="(ed:listed-title($div), $text[. != ''], ed:type-label($div/@type))[1]"/>
  </xsl:function>

  <xsl:function name="ed:type-label" as="xs:string">
    <xsl:param name="type" as="xs:string?"/>
    <xsl:variable name="known" select="map{'notes': 'Notes', 'endnotes': 'Notes', 'footnotes': 'Notes',
        'introduction': 'Introduction', 'preface': 'Preface', 'foreword': 'Foreword',
        'index': 'Index', 'bibliography': 'Bibliography', 'appendix': 'Appendix',
        'glossary': 'Glossary', 'abbreviations': 'Abbreviations', 'contents': 'Contents',
        'editorial': 'Editorial note', 'headnote': 'Editorial note'}"/>
    <xsl:variable name="t" select="lower-case(normalize-space($type))"/>
    <xsl:sequence select="if ($t = '') then 'Section'
        else if (map:contains($known, $t)) then $known($t)
        else ed:capitalise(replace($t, '[-_]', ' '))"/>
  </xsl:function>
</xsl:stylesheet>

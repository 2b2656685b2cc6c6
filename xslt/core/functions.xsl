<?xml version="1.0" encoding="UTF-8"?>
<!-- Pure logic shared by the core's templates and the layers. No output markup here. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:key name="ed:id" match="*[@xml:id]" use="string(@xml:id)"/>
  <!-- Note calls, by the id of the note they call. -->
  <xsl:key name="ed:calls" match="ref[@type = 'noteref'] | ptr[@type = 'noteref']"
           use="tokenize(normalize-space(@target), ' ')[starts-with(., '#')] ! substring(., 2)"/>

  <!-- A stable id for an output element: the TEI xml:id, else its path from the nearest
       ancestor that has one ("b-first-letter.div2.p3"; "text" and "body" steps left out),
       which stays the same for the same TEI and is short enough to cite. -->
  <xsl:function name="ed:id" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="if ($node/@xml:id) then string($node/@xml:id) else ed:path-id($node)"/>
  </xsl:function>

  <xsl:function name="ed:path-id" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:variable name="anchor" select="$node/ancestor::*[@xml:id][1]"/>
    <xsl:variable name="steps" select="$node/ancestor-or-self::*[empty($anchor) or . &gt;&gt; $anchor]
        [not(self::tei:text[parent::tei:TEI] or self::tei:body)]"/>
    <xsl:sequence select="string-join((
        $anchor/string(@xml:id),
        $steps ! (let $step := . return local-name($step)
                  || count(preceding-sibling::*[node-name() = node-name($step)]) + 1)),
        '.')"/>
  </xsl:function>

  <!-- Blocks that carry an id even without an xml:id, so that a search result, an index
       of names or a citation can point at them. -->
  <xsl:function name="ed:is-addressable" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element/(self::tei:p | self::tei:ab | self::tei:head
        | self::tei:item | self::tei:l | self::tei:lg | self::tei:sp | self::tei:salute
        | self::tei:signed | self::tei:dateline | self::tei:opener | self::tei:closer
        | self::tei:quote | self::tei:cit | self::tei:bibl | self::tei:label | self::tei:trailer
        | self::tei:postscript | self::tei:table | self::tei:list | self::tei:byline | self::tei:docDate))
        and not(ed:is-inline($element))"/>
  </xsl:function>

  <xsl:function name="ed:lang" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="string((
        ($node/ancestor-or-self::*/@xml:lang)[last()],
        root($node)//teiHeader/profileDesc/langUsage/language[1]/@ident,
        'en')[1])"/>
  </xsl:function>

  <!-- The main title of a TEI document. -->
  <xsl:function name="ed:title" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="titles" select="$tei/teiHeader/fileDesc/titleStmt/title"/>
    <xsl:sequence select="normalize-space(string(($titles[@type = 'main'], $titles)[1]))"/>
  </xsl:function>

  <!-- The title of a text in a group (a collection's member, made from a teiCorpus, or an
       anthology's piece), or of a group: its own (ed:own-title), else its number in its
       group, in brackets (the edition's words, not the text's). -->
  <xsl:function name="ed:text-title" as="xs:string">
    <xsl:param name="text" as="element()"/>
    <xsl:sequence select="(ed:own-title($text),
                           '[Text ' || count($text/preceding-sibling::text) + 1 || ']')[1]"/>
  </xsl:function>

  <!-- The words of ed:text-title-element, if it has any; its parts joined by spaces (its
       whitespace is stripped). -->
  <xsl:function name="ed:own-title" as="xs:string?">
    <xsl:param name="text" as="element()"/>
    <xsl:sequence select="ed:text-title-element($text)
        ! normalize-space(string-join(.//text()[not(ancestor::note
          or ancestor::sic[parent::choice] or ancestor::orig[parent::choice]
          or ancestor::abbr[parent::choice])], ' '))[. != '']"/>
  </xsl:function>

  <!-- Where a text of a group says its title: its title page's title, else the heading of
       its front or body; a group's, its own heading. (A group inside the text keeps its
       heading for itself.) -->
  <xsl:function name="ed:text-title-element" as="element()?">
    <xsl:param name="text" as="element()"/>
    <xsl:sequence select="($text/self::group/head, $text/front/titlePage/docTitle,
                           $text/front/(docTitle | head), $text/body/head)[1]"/>
  </xsl:function>

  <!-- The authors of a TEI document, as written in its titleStmt. -->
  <xsl:function name="ed:authors" as="xs:string*">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="$tei/teiHeader/fileDesc/titleStmt/author ! normalize-space(.)"/>
  </xsl:function>

  <!-- The element a pointer designates: "#id" in this document, "persons.xml#id" in the
       personography, "edition.xml#id" in the edition header; () otherwise. -->
  <xsl:function name="ed:resolve" as="element()?">
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="p" select="normalize-space($pointer)"/>
    <xsl:variable name="file" select="substring-before($p, '#')"/>
    <xsl:variable name="id" select="substring-after($p, '#')"/>
    <xsl:variable name="doc" select="
        if (starts-with($p, '#')) then root($context)
        else if ($file = 'persons.xml') then $persons
        else if ($file = 'edition.xml') then $edition
        else ()"/>
    <xsl:sequence select="if ($doc and $id) then key('ed:id', $id, $doc)[1] else ()"/>
  </xsl:function>

  <!-- Where a pointer leads in the output. Layers that split texts into several files
       override this; the default keeps local ids and maps other TEI files to .html. -->
  <xsl:function name="ed:href" as="xs:string">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="
        if (starts-with($pointer, '#')) then $pointer
        else if (matches($pointer, '^[^:/#]+\.xml(#.*)?$')) then replace($pointer, '\.xml', '.html')
        else ed:checked-url($pointer, $context)"/>
  </xsl:function>

  <!-- Where a link to an element rendered by the core goes, given the id it has in the
       output (a note's call, a note): the same page by default. Layers that split a text
       into several pages override this to name the page that holds the element. -->
  <xsl:function name="ed:link" as="xs:string">
    <xsl:param name="target" as="element()"/>
    <xsl:param name="fragment" as="xs:string"/>
    <xsl:sequence select="'#' || $fragment"/>
  </xsl:function>

  <!-- The text of an element as the reading text gives it: corrections, regularisations and
       expansions rather than the source's forms ("4" for a call the OCR read "‘4"). -->
  <xsl:function name="ed:reading-text" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="normalize-space(string-join($element//(text()[not(ancestor::tei:sic[parent::tei:choice]
        or ancestor::tei:orig[parent::tei:choice] or ancestor::tei:abbr[parent::tei:choice])]
        | tei:lb[not(@break = 'no')]) ! ed:text-or-space(.), ''))"/>
  </xsl:function>

  <!-- A division's title as the text's own printed contents gives it, when it lists the
       division: the book sets its headings in capitals ("FIRST LETTER TO THE CENTRAL
       COMMITTEE"), its contents in upper and lower case. For contents, outlines and
       running heads; the heading itself stays as printed. -->
  <xsl:key name="ed:listed" match="tei:div[@type = 'contents']//tei:ref[starts-with(@target, '#')]"
           use="substring(normalize-space(@target), 2)"/>

  <xsl:function name="ed:listed-title" as="xs:string?">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="if ($div/@xml:id)
        then (key('ed:listed', string($div/@xml:id), root($div))[1] ! ed:reading-text(.))[. != '']
        else ()"/>
  </xsl:function>

  <!-- A text node's string; a line break (TEI lb, XHTML br) as the space it stands for
       when a heading is flattened ("Appendix B<lb/>THE NEW COURSE RESOLUTION"). -->
  <xsl:function name="ed:text-or-space" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="if ($node instance of element()) then ' ' else string($node)"/>
  </xsl:function>

  <!-- The first pointer of a (possibly multi-valued) pointer attribute. -->
  <xsl:function name="ed:first-pointer" as="xs:string?">
    <xsl:param name="attribute" as="attribute()?"/>
    <xsl:sequence select="tokenize(normalize-space($attribute), ' ')[1]"/>
  </xsl:function>

  <!-- Is this element running text (rendered inline) rather than a block? TEI lets many
       elements be either; what stands around them decides. -->
  <xsl:function name="ed:is-inline" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="
        exists($element/parent::*[self::p or self::ab or self::head or self::l or self::hi
          or self::emph or self::title or self::label or self::salute or self::signed
          or self::dateline or self::byline or self::docAuthor or self::docDate or self::titlePart
          or self::ref or self::persName or self::placeName or self::orgName or self::name
          or self::q or self::foreign or self::seg or self::s or self::corr or self::sic
          or self::orig or self::reg or self::supplied or self::bibl or self::speaker or self::trailer])
        or exists($element/../text()[normalize-space()])"/>
  </xsl:function>

  <!-- Heading level of a division's head: h1 is the text's title, so divisions start at h2. -->
  <xsl:function name="ed:heading-level" as="xs:integer">
    <xsl:param name="head" as="element()"/>
    <xsl:sequence select="min((6, count($head/ancestor::*[self::div or starts-with(local-name(), 'div')
                                  and matches(local-name(), '^div\d?$')]) + 1))"/>
  </xsl:function>

  <!-- Class names for an output element: its TEI name, its type, its rend values. -->
  <xsl:function name="ed:classes" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="string-join((
        'tei-' || local-name($element),
        $element/@type ! ('type-' || replace(normalize-space(.), '\s+', '-')),
        tokenize(normalize-space($element/@rend), ' ') ! ('rend-' || .)), ' ')"/>
  </xsl:function>

  <!-- CSS from @style and from @rendition pointing at tagsDecl/rendition (scheme css). -->
  <xsl:function name="ed:style" as="xs:string?">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="rendition" select="
        tokenize(normalize-space($element/@rendition), ' ')[starts-with(., '#')]
        ! key('ed:id', substring(., 2), root($element))[self::rendition][not(@scheme) or @scheme = 'css']"/>
    <xsl:variable name="declarations" select="
        ($rendition ! normalize-space(.), normalize-space($element/@style))
        ! tokenize(., ';') ! normalize-space(.)[. != '']"/>
    <xsl:variable name="kept" select="$declarations[ed:is-inert-css(.)]"/>
    <xsl:if test="count($kept) != count($declarations)">
      <xsl:message select="'T003|warning|CSS that could load something is dropped from &lt;'
          || local-name($element) || '&gt;: ' || string-join($declarations[not(ed:is-inert-css(.))], '; ')"/>
    </xsl:if>
    <xsl:variable name="css" select="string-join($kept, '; ')"/>
    <xsl:sequence select="if ($css != '') then $css else ()"/>
  </xsl:function>

  <!-- A CSS declaration from the TEI may style, never fetch or run: no url(), image-set(),
       @import, expression() or binding, and no escapes or markup that could hide them. -->
  <xsl:function name="ed:is-inert-css" as="xs:boolean">
    <xsl:param name="declaration" as="xs:string"/>
    <xsl:sequence select="not(matches($declaration,
        'url\s*\(|image-set|@import|expression\s*\(|behavio(u)?r\s*:|-moz-binding|javascript:|[\\&lt;&gt;@]|/\*', 'i'))"/>
  </xsl:function>

  <!-- URLs from the TEI go live only when relative or of a scheme in this list (compared
       without case, after dropping the whitespace and control characters browsers drop). -->
  <xsl:param name="safe-schemes" as="xs:string*" select="('http', 'https', 'mailto', 'urn', 'doi')"/>

  <xsl:function name="ed:is-safe-url" as="xs:boolean">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:variable name="u" select="replace(string($url), '[\s\p{Cc}]', '')"/>
    <xsl:sequence select="not(matches($u, '^[A-Za-z][A-Za-z0-9+.\-]*:'))
                          or lower-case(substring-before($u, ':')) = $safe-schemes ! lower-case(.)"/>
  </xsl:function>

  <!-- A URL as a link may carry it: itself when safe; else "#", with a warning (the
       templates that make links of TEI pointers render unsafe ones as text instead; this
       is the net under every other link a pointer makes). -->
  <xsl:function name="ed:checked-url" as="xs:string">
    <xsl:param name="url" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:choose>
      <xsl:when test="ed:is-safe-url($url)"><xsl:sequence select="ed:resolvable-url($url)"/></xsl:when>
      <xsl:otherwise>
        <xsl:message select="ed:unsafe-url-message($url, $context)"/>
        <xsl:sequence select="'#'"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- A DOI (doi:10.1000/182) as the link a reader can follow: its resolver's URL. -->
  <xsl:function name="ed:resolvable-url" as="xs:string">
    <xsl:param name="url" as="xs:string"/>
    <xsl:sequence select="if (matches($url, '^\s*doi:', 'i'))
        then 'https://doi.org/' || replace($url, '^\s*doi:\s*', '', 'i') else $url"/>
  </xsl:function>

  <!-- Images beside the TEI that the builder publishes with the text (edition.media): the
       URL as written → its URL in this output. -->
  <xsl:param name="media-urls" as="xs:string*" select="()"/>
  <xsl:param name="media-hrefs" as="xs:string*" select="()"/>
  <xsl:param name="media-types" as="xs:string*" select="()"/>
  <xsl:variable name="ed:media" as="map(xs:string, xs:string)"
      select="map:merge(for-each-pair($media-urls, $media-hrefs, function ($u, $h) { map{$u: $h} }))"/>

  <xsl:function name="ed:media-href" as="xs:string?">
    <xsl:param name="url" as="attribute()?"/>
    <xsl:sequence select="$ed:media(replace(string($url), '^\s+|\s+$', ''))"/>
  </xsl:function>

  <xsl:function name="ed:unsafe-url-message" as="xs:string">
    <xsl:param name="url" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="'T002|warning|&lt;' || local-name($context) || '&gt; points at '
        || normalize-space($url) || ', whose scheme is not allowed (allowed: relative, '
        || string-join($safe-schemes, ', ') || '): kept as text, not a link'"/>
  </xsl:function>

  <!-- A structured message for the Python side: "CODE|severity|text". -->
  <xsl:function name="ed:message" as="xs:string">
    <xsl:param name="code" as="xs:string"/>
    <xsl:param name="severity" as="xs:string"/>
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="$code || '|' || $severity || '|' || $text"/>
  </xsl:function>

  <!-- Whose note it is, from its @resp: author, translator, editor, project, or unknown.
       The pointer's target, and the header entries that name the same pointer, say the role:
       MARC relator codes (aut, trl, edt) in resp/@ref or words in resp, editor/@role. -->
  <xsl:function name="ed:resp-kind" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:variable name="pointer" select="ed:first-pointer(($note/ancestor-or-self::*/@resp)[last()])"/>
    <xsl:variable name="target" select="if ($pointer) then ed:resolve($pointer, $note) else ()"/>
    <xsl:variable name="mentions" select="root($note)/*/teiHeader/fileDesc/titleStmt/(author | editor | respStmt)
        [(@ref, .//@ref) ! tokenize(normalize-space(.), ' ') = $pointer]"/>
    <xsl:variable name="words" select="tokenize(lower-case(string-join((
        ($target, $mentions)/self::author ! 'aut',
        ($target, $mentions)/self::editor ! ('edt', string(@role)),
        ($target, $mentions)/self::respStmt/resp ! (string(@ref), string(.)),
        $target/self::org ! (string(@type), string(@xml:id))), ' ')), '[^a-z]+')"/>
    <xsl:sequence select="
        if (empty($pointer)) then 'unknown'
        else if ($words = ('aut', 'author', 'authored')) then 'author'
        else if ($words = ('trl', 'translator', 'translated', 'translation', 'translators')) then 'translator'
        else if ($words = ('project', 'encoder', 'encoded', 'encoding')) then 'project'
        else if ($words = ('edt', 'editor', 'editors', 'edited', 'editorial', 'pbd', 'publisher')) then 'editor'
        else 'unknown'"/>
  </xsl:function>

  <xsl:function name="ed:resp-label" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="map{
        'author': 'Author’s note', 'translator': 'Translator’s note', 'editor': 'Editor’s note',
        'project': 'Note of this edition', 'unknown': 'Note'}($kind)"/>
  </xsl:function>
</xsl:stylesheet>

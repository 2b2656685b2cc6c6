<?xml version="1.0" encoding="UTF-8"?>
<!-- Text structure: divisions, heads, paragraphs, letters' openers and closers, title pages,
     quotations, verse, lists, tables, bibliographies, drama. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- Attributes every rendered element carries: id, classes, language, style. -->
  <xsl:template name="ed:attributes">
    <xsl:param name="element" as="element()" select="."/>
    <xsl:param name="class" as="xs:string?" select="()"/>
    <xsl:if test="$element/@xml:id or ed:is-addressable($element)">
      <xsl:attribute name="id" select="ed:id($element)"/>
    </xsl:if>
    <xsl:attribute name="class" select="string-join((ed:classes($element), $class), ' ')"/>
    <xsl:if test="$element/@xml:lang">
      <xsl:attribute name="lang" select="$element/@xml:lang"/>
      <xsl:attribute name="xml:lang" select="$element/@xml:lang"/>
    </xsl:if>
    <xsl:if test="exists(ed:style($element))">
      <xsl:attribute name="style" select="ed:style($element)"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="text">
    <div>
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="group | floatingText">
    <div>
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="front | body | back">
    <div>
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- A division with a heading is a section; without one (a letter's numbered points),
       a plain block (HTML sections ought to have headings). -->
  <xsl:template match="div | div1 | div2 | div3 | div4 | div5 | div6 | div7">
    <xsl:element name="{if (head) then 'section' else 'div'}">
      <xsl:call-template name="ed:attributes"/>
      <xsl:if test="not(@xml:id)">
        <xsl:attribute name="id" select="ed:id(.)"/>
      </xsl:if>
      <xsl:if test="@n and not(head) and not(matches(normalize-space(string((* except (pb | fw | lb | anchor | milestone))[1])),
                                                   '^\(?' || replace(@n, '(\W)', '\\$1') || '[.):]'))">
        <!-- A numbered division without a heading (the letter's points): show its number,
             unless its text already begins with it ("1. One of the proposals"). -->
        <span class="div-number"><xsl:value-of select="@n"/>.</span>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="head">
    <xsl:element name="h{ed:heading-level(.)}">
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Heads of lists, tables, verse groups and lists of persons are captions, not headings. -->
  <xsl:template match="list/head | listBibl/head | listPerson/head | listPlace/head
                       | listOrg/head | lg/head | figure/head | castList/head | castGroup/head">
    <p>
      <xsl:call-template name="ed:attributes">
        <xsl:with-param name="class" select="'caption'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <xsl:template match="p | ab">
    <p>
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <!-- A paragraph that holds blocks (lists, tables, block quotations) cannot be an HTML p. -->
  <xsl:template match="p[list | table | listBibl | lg | quote[p | lg | list]]
                       | ab[list | table | listBibl | lg | quote[p | lg | list]]">
    <div>
      <xsl:call-template name="ed:attributes">
        <xsl:with-param name="class" select="'para'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- Letters and documents: openers, closers and the parts they hold. -->
  <xsl:template match="opener | closer | postscript | argument | epigraph | trailer[not(ed:is-inline(.))]
                       | titlePage | docImprint[not(ed:is-inline(.))] | address[not(ed:is-inline(.))]">
    <div>
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="salute | signed | dateline | byline | docAuthor | docDate | docEdition
                       | titlePart | trailer | docImprint | addrLine | address | speaker | stage">
    <xsl:element name="{if (ed:is-inline(.)) then 'span' else 'p'}">
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="docTitle">
    <div>
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="docTitle/titlePart[not(@type) or @type = 'main'][1]" priority="2">
    <p>
      <xsl:call-template name="ed:attributes">
        <xsl:with-param name="class" select="'main-title'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <!-- Quotations: a block when it holds paragraphs or stands between blocks. -->
  <xsl:template match="quote | cit | said">
    <xsl:choose>
      <xsl:when test="ed:is-inline(.) and not(p | lg | list | table)">
        <span>
          <xsl:call-template name="ed:attributes"/>
          <xsl:apply-templates/>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <blockquote>
          <xsl:call-template name="ed:attributes"/>
          <xsl:apply-templates/>
        </blockquote>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="lg">
    <div>
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="l">
    <xsl:element name="{if (ed:is-inline(.)) then 'span' else 'div'}">
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Lists: label/item pairs are a definition list; "ordered"/"numbered" an ol; else ul.
       Milestones and notes between entries stay where they are, inside the entry around them
       (HTML lists may hold nothing but entries). -->
  <xsl:template match="list">
    <xsl:variable name="kind" select="
        if (label) then 'dl'
        else if (tokenize(@type, ' ') = ('ordered', 'numbered') or @rend = 'numbered') then 'ol'
        else 'ul'"/>
    <xsl:variable name="body">
      <xsl:element name="{$kind}">
        <xsl:call-template name="ed:attributes"/>
        <xsl:choose>
          <xsl:when test="$kind = 'dl'">
            <xsl:for-each-group select="* except head" group-starting-with="label[preceding-sibling::label]">
              <xsl:variable name="label" select="current-group()[self::label][1]"/>
              <xsl:variable name="item" select="current-group()[self::item][1]"/>
              <xsl:variable name="others" select="current-group() except ($label, $item)"/>
              <div class="entry">
                <dt>
                  <xsl:apply-templates select="$label" mode="ed:list-attributes"/>
                  <xsl:apply-templates select="$others[. &lt;&lt; $label], $label/node()"/>
                </dt>
                <dd>
                  <xsl:apply-templates select="$item" mode="ed:list-attributes"/>
                  <xsl:apply-templates select="$others[not(. &lt;&lt; $label)][empty($item) or . &lt;&lt; $item],
                                               $item/node(), $others[exists($item) and . &gt;&gt; $item]"/>
                </dd>
              </div>
            </xsl:for-each-group>
          </xsl:when>
          <xsl:otherwise>
            <xsl:for-each-group select="* except head" group-starting-with="item[preceding-sibling::item]">
              <li>
                <xsl:apply-templates select="current-group()[self::item][1]" mode="ed:list-attributes"/>
                <xsl:for-each select="current-group()">
                  <xsl:apply-templates select="if (self::item) then node() else ."/>
                </xsl:for-each>
              </li>
            </xsl:for-each-group>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:element>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="head">
        <div class="list-with-caption">
          <xsl:apply-templates select="head"/>
          <xsl:sequence select="$body"/>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="$body"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="label | item" mode="ed:list-attributes">
    <xsl:call-template name="ed:attributes"/>
  </xsl:template>

  <!-- Labels and items outside lists (TEI allows label in running text). -->
  <xsl:template match="label">
    <span>
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="item">
    <div>
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- Tables: rows with role="label" form the head; cells with role="label" are headers. -->
  <xsl:template match="table">
    <table>
      <xsl:call-template name="ed:attributes"/>
      <xsl:if test="head">
        <caption><xsl:apply-templates select="head/node()"/></caption>
      </xsl:if>
      <xsl:variable name="rows" select="row"/>
      <xsl:variable name="header" select="$rows[@role = 'label'][not(preceding-sibling::row[not(@role = 'label')])]"/>
      <xsl:if test="$header">
        <thead>
          <xsl:apply-templates select="$header"/>
        </thead>
      </xsl:if>
      <tbody>
        <xsl:apply-templates select="$rows except $header"/>
      </tbody>
      <xsl:if test="* except (head | row)">
        <!-- Page breaks and notes between rows: kept after the table body. -->
        <tfoot class="table-milestones"><tr><td colspan="{max((1, row ! count(cell)))}">
          <xsl:apply-templates select="* except (head | row)"/>
        </td></tr></tfoot>
      </xsl:if>
    </table>
  </xsl:template>

  <xsl:template match="row">
    <tr>
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates select="cell"/>
    </tr>
  </xsl:template>

  <xsl:template match="cell">
    <!-- An empty cell is no header, whatever its row: a header must say something. -->
    <xsl:element name="{if ((@role = 'label' or ../@role = 'label') and (normalize-space() or *)) then 'th' else 'td'}">
      <xsl:call-template name="ed:attributes"/>
      <xsl:if test="@cols and @cols != '1'"><xsl:attribute name="colspan" select="@cols"/></xsl:if>
      <xsl:if test="@rows and @rows != '1'"><xsl:attribute name="rowspan" select="@rows"/></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Bibliographies. -->
  <xsl:template match="listBibl">
    <div>
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates select="head"/>
      <ul class="bibliography">
        <xsl:for-each-group select="* except head" group-ending-with="bibl | biblFull | biblStruct | msDesc | listBibl">
          <li>
            <xsl:apply-templates select="current-group()"/>
          </li>
        </xsl:for-each-group>
      </ul>
    </div>
  </xsl:template>

  <xsl:template match="bibl | biblStruct">
    <xsl:element name="{if (ed:is-inline(.) or parent::listBibl) then 'span' else 'p'}">
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Drama. -->
  <xsl:template match="sp | castList | castGroup | spGrp">
    <div>
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="castItem | role | roleDesc">
    <xsl:element name="{if (ed:is-inline(.)) then 'span' else 'p'}">
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Figures: the image is linked, not embedded, so a page makes no outside request. -->
  <xsl:template match="figure">
    <figure>
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </figure>
  </xsl:template>

  <xsl:template match="figure/head" priority="2">
    <figcaption><xsl:apply-templates/></figcaption>
  </xsl:template>

  <xsl:template match="graphic">
    <xsl:variable name="description" select="normalize-space(string-join((desc, ../figDesc), ' '))"/>
    <xsl:variable name="label">[image<xsl:if test="$description">: <xsl:value-of
        select="$description"/></xsl:if>]</xsl:variable>
    <xsl:choose>
      <xsl:when test="exists(ed:media-href(@url))">
        <!-- The picture, and its description as text beside it (hidden from screen
             readers, which have it as the picture's alternative text). -->
        <span>
          <xsl:call-template name="ed:attributes"/>
          <img src="{ed:media-href(@url)}" alt="{if ($description) then $description else 'picture'}"/>
          <xsl:if test="$description">
            <span class="graphic-description" aria-hidden="true"><xsl:value-of select="$description"/></span>
          </xsl:if>
        </span>
      </xsl:when>
      <xsl:when test="not(matches(@url, '^\s*[A-Za-z][A-Za-z0-9+.\-]*:'))">
        <!-- A file beside the TEI that the builder did not publish (not found, outside
             the source, not an image every reader shows): a link would lead nowhere. -->
        <xsl:message select="ed:message('T004', 'warning', '&lt;graphic&gt; names '
            || normalize-space(@url) || ', which is not a PNG, JPEG, GIF or WebP file in the source directory: its description is kept, the picture is not published')"/>
        <span class="tei-graphic missing-image"><xsl:sequence select="$label"/></span>
      </xsl:when>
      <xsl:when test="ed:is-safe-url(@url)">
        <a class="tei-graphic" href="{ed:resolvable-url(@url)}"><xsl:sequence select="$label"/></a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:message select="ed:unsafe-url-message(@url, .)"/>
        <span class="tei-graphic unsafe-link"><xsl:sequence select="$label"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A figure's description goes with its image (above); a figure without one keeps the
       description as its text. -->
  <xsl:template match="figDesc">
    <xsl:if test="empty(../graphic)">
      <xsl:element name="{if (ed:is-inline(.)) then 'span' else 'p'}">
        <xsl:call-template name="ed:attributes"/>
        <xsl:apply-templates/>
      </xsl:element>
    </xsl:if>
  </xsl:template>

  <!-- A description (of a surface, a zone, a graphic's subject): its words, in place. -->
  <xsl:template match="desc">
    <xsl:element name="{if (ed:is-inline(.)) then 'span' else 'p'}">
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A formula: its TEI text, or the MathML it holds (embedded.xsl). -->
  <xsl:template match="formula">
    <xsl:element name="{if (ed:is-inline(.)) then 'span' else 'div'}">
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

</xsl:stylesheet>

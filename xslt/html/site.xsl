<?xml version="1.0" encoding="UTF-8"?>
<!-- The pages about the whole edition: home, about, persons index, search. Written once,
     after every text (named template ed:site-pages), from the survey ($site), the edition
     header ($edition), the personography ($persons) and the passages naming each person
     ($mentions, gathered by the builder from the pages it wrote). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns:site="urn:x-edition:site"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- site:mentions: one site:mention per name in a passage (person, href, text, label). -->
  <xsl:param name="mentions" as="document-node()?" select="()"/>
  <!-- The search data files (one per text), relative to the site's root. -->
  <xsl:param name="search-data" as="xs:string*" select="()"/>

  <xsl:key name="ed:mentions" match="site:mention" use="@person"/>

  <!-- A large edition's lists are paged: the texts (home and about pages) by this many
       entries a page (0: never), and the persons index by initial, one page per initial
       (the builder writes those pages, each with only its own passages: ed:persons-part). -->
  <xsl:param name="list-page-size" as="xs:integer" select="0"/>
  <xsl:param name="persons-paged" as="xs:boolean" select="false()"/>
  <!-- Pagefind's index, in parts the search page merges (pagefind/part-1/, …). -->
  <xsl:param name="pagefind-parts" as="xs:string*" select="()"/>

  <!-- A large edition's site pages are made a list page at a time (the builder's
       write_list_parts), each call given only that page's entries as $site: then
       $list-offset says how many texts come before them, $text-count how many there are
       in all, $parallels the entries that have a parallel view (for the home page), and
       $list-pages whether this call writes the lists' further pages too. -->
  <xsl:param name="list-offset" as="xs:integer" select="0"/>
  <xsl:param name="text-count" as="xs:integer?" select="()"/>
  <xsl:param name="parallels" as="document-node()?" select="()"/>
  <xsl:param name="list-pages" as="xs:boolean" select="true()"/>
  <xsl:param name="list-part" as="xs:integer" select="0"/>

  <xsl:key name="ed:site-text-id" match="site:text" use="@id"/>

  <xsl:template name="ed:site-pages">
    <xsl:call-template name="ed:home-page"/>
    <xsl:call-template name="ed:about-page"/>
    <xsl:if test="$list-pages">
      <xsl:call-template name="ed:list-pages"/>
    </xsl:if>
    <xsl:call-template name="ed:persons-page"/>
    <xsl:call-template name="ed:search-page"/>
  </xsl:template>

  <!-- One further page of each list ($list-part), from a call given its entries. -->
  <xsl:template name="ed:list-part-pages">
    <xsl:call-template name="ed:list-pages-of">
      <xsl:with-param name="part" select="$list-part"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:function name="ed:text-count" as="xs:integer">
    <xsl:sequence select="($text-count, count($site/site:site/site:text))[1]"/>
  </xsl:function>

  <!-- Who made the edition: "Edited and encoded by the edition project". -->
  <xsl:function name="ed:responsibility" as="xs:string*">
    <xsl:param name="header" as="element()?"/>
    <xsl:sequence select="$header/fileDesc/titleStmt/(editor ! ('Edited by ' || normalize-space(.)),
        respStmt ! (let $resp := normalize-space(string-join(resp, ', '))
                    return ed:capitalise($resp) || (if (ends-with($resp, ' by')) then ' ' else ': ') ||
                    string-join((persName | orgName | name) ! normalize-space(.), ', ')))"/>
  </xsl:function>

  <xsl:template name="ed:home-page">
    <xsl:variable name="header" select="$edition/TEI/teiHeader"/>
    <xsl:variable name="intro" select="($edition/TEI/text/body/div[@type = ('introduction', 'intro', 'preface')],
                                        $header/profileDesc/abstract, $header/encodingDesc/projectDesc)[1]"/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="file" select="'index.html'"/>
      <xsl:with-param name="title" select="ed:edition-title()"/>
      <xsl:with-param name="kind" select="'home'"/>
      <xsl:with-param name="current" select="'index.html'"/>
      <xsl:with-param name="description" select="normalize-space(string-join($intro/p[1], ''))"/>
      <xsl:with-param name="content">
        <header class="home-header">
          <h1><xsl:value-of select="ed:edition-title()"/></h1>
          <xsl:for-each select="ed:responsibility($header)">
            <p class="edition-resp"><xsl:value-of select="."/></p>
          </xsl:for-each>
        </header>
        <xsl:if test="$intro">
          <section class="introduction" aria-label="Introduction">
            <xsl:apply-templates select="$intro/p" mode="ed:plain"/>
            <p class="more"><a href="about.html">How this edition was made</a></p>
          </section>
        </xsl:if>
        <section class="texts" aria-labelledby="texts-heading">
          <h2 id="texts-heading">The texts</h2>
          <xsl:choose>
            <xsl:when test="ed:lists-paged()">
              <xsl:call-template name="ed:text-list-part">
                <xsl:with-param name="part" select="1"/>
              </xsl:call-template>
            </xsl:when>
            <xsl:otherwise>
              <ol class="text-list">
                <xsl:for-each select="$site/site:site/site:text">
                  <xsl:call-template name="ed:text-card"/>
                </xsl:for-each>
              </ol>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:variable name="paired" select="($parallels, $site)[1]"/>
          <xsl:variable name="parallels" select="$paired//site:correspondence"/>
          <xsl:if test="$parallels">
            <ul class="parallel-list">
              <xsl:for-each select="$parallels">
                <xsl:variable name="holder" select="parent::site:text"/>
                <xsl:variable name="target" select="key('ed:site-text', substring-before(@target || '#', '#'), $paired)"/>
                <li><a href="{ed:parallel-file(@holder)}">Parallel view</a>:
                  <xsl:value-of select="string-join((($holder/site:page[@chunk = current()/@holder]/@title, $holder/@title)[1],
                                                     $target/@title), ' and ')"/></li>
              </xsl:for-each>
            </ul>
          </xsl:if>
        </section>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A text on the home page: author, title, date, provenance, its size. -->
  <xsl:template name="ed:text-card">
    <li class="text-card">
      <xsl:if test="site:author">
        <p class="card-author"><xsl:value-of select="site:author" separator=", "/></p>
      </xsl:if>
      <h3 class="card-title"><a href="{@href}"><xsl:value-of select="@title"/></a></h3>
      <xsl:for-each select="site:date">
        <p class="card-date">
          <xsl:choose>
            <xsl:when test="matches(@when, '^\d{4}(-\d\d(-\d\d)?)?$')">
              <time datetime="{@when}"><xsl:value-of select="."/></time>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
          </xsl:choose>
        </p>
      </xsl:for-each>
      <p class="card-source"><xsl:value-of select="@provenance"/></p>
      <p class="card-facts">
        <xsl:value-of select="string-join((
            if (site:page) then count(site:page) || ' parts' else (),
            site:stats[@pages != '0'] ! (@pages || ' printed pages'),
            site:stats[@notes != '0'] ! (@notes || (if (@notes = '1') then ' note' else ' notes'))), ' · ')"/>
      </p>
    </li>
  </xsl:template>

  <!-- Paragraphs of headers and of the edition's introduction: no ids (they may repeat). -->
  <xsl:template match="p" mode="ed:plain">
    <p><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template name="ed:about-page">
    <xsl:variable name="header" select="$edition/TEI/teiHeader"/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="file" select="'about.html'"/>
      <xsl:with-param name="title" select="'About this edition'"/>
      <xsl:with-param name="kind" select="'about'"/>
      <xsl:with-param name="current" select="'about.html'"/>
      <xsl:with-param name="content">
        <article class="about">
          <header class="text-header"><h1 class="text-title">About this edition</h1></header>
          <xsl:for-each select="ed:responsibility($header)">
            <p class="edition-resp"><xsl:value-of select="."/></p>
          </xsl:for-each>
          <xsl:apply-templates select="$header/encodingDesc/projectDesc/p" mode="ed:plain"/>
          <xsl:if test="$header/encodingDesc/editorialDecl">
            <section aria-labelledby="principles">
              <h2 id="principles">How the texts were encoded</h2>
              <xsl:apply-templates select="$header/encodingDesc/editorialDecl/(p, *[p])" mode="ed:about">
                <xsl:with-param name="level" select="3"/>
              </xsl:apply-templates>
            </section>
          </xsl:if>
          <section aria-labelledby="per-text">
            <h2 id="per-text">The texts, one by one</h2>
            <xsl:for-each select="ed:list-part(1)">
              <xsl:call-template name="ed:about-text"/>
            </xsl:for-each>
            <xsl:if test="ed:lists-paged()">
              <xsl:call-template name="ed:list-pager">
                <xsl:with-param name="base" select="'about'"/>
                <xsl:with-param name="part" select="1"/>
              </xsl:call-template>
            </xsl:if>
          </section>
          <section aria-labelledby="reading">
            <h2 id="reading">Reading this edition</h2>
            <dl class="reading-help">
              <div class="entry"><dt>Notes</dt><dd>A note’s number in the text is a link: point at it or focus it to read the note in place; activate it to keep the note open, or follow the link to the note below the text. Each note says whose it is: the author’s, the translator’s, the editors’ of the source, or this edition’s.</dd></div>
              <div class="entry"><dt>Printed pages</dt><dd>Page numbers in the margin, <span class="pb-sample">[p. 67]</span>, mark where a page of the printed source begins. Each is a link that can be cited (…#p67); activating it offers a citation of that page with its address.</dd></div>
              <div class="entry"><dt>Corrections</dt><dd>Corrected readings appear in the text; point at one to see what the source printed, or switch on “Show original readings” at the top of a text. Words supplied by an editor or translator stand in square brackets and say who supplied them; […] marks a gap.</dd></div>
              <div class="entry"><dt>Search</dt><dd>The search works on this computer, without a server: its index is part of the site.</dd></div>
            </dl>
          </section>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- What was done to one text, on the about page. -->
  <xsl:template name="ed:about-text">
    <section class="about-text" aria-labelledby="about-{@id}">
      <h3 id="about-{@id}"><a href="{@href}"><xsl:value-of select="@title"/></a></h3>
      <xsl:for-each select="site:stats">
        <p class="about-stats"><xsl:value-of select="ed:stats-sentence(.)"/></p>
      </xsl:for-each>
      <xsl:apply-templates select="encodingDesc/editorialDecl/(p, *[p])" mode="ed:about">
        <xsl:with-param name="level" select="4"/>
      </xsl:apply-templates>
      <p class="more"><a href="{@href}#provenance">Sources and rights of this text</a></p>
    </section>
  </xsl:template>

  <!-- Paged lists (a large edition): the texts of a part, its file, the pager. -->
  <xsl:function name="ed:lists-paged" as="xs:boolean">
    <xsl:sequence select="$list-page-size gt 0 and ed:text-count() gt $list-page-size"/>
  </xsl:function>

  <xsl:function name="ed:list-parts" as="xs:integer">
    <xsl:sequence select="if (ed:lists-paged())
        then (ed:text-count() + $list-page-size - 1) idiv $list-page-size else 1"/>
  </xsl:function>

  <xsl:function name="ed:list-part" as="element()*">
    <xsl:param name="part" as="xs:integer"/>
    <xsl:variable name="texts" select="$site/site:site/site:text"/>
    <xsl:sequence select="if (ed:lists-paged())
        then subsequence($texts, ($part - 1) * $list-page-size + 1 - $list-offset, $list-page-size)
        else $texts"/>
  </xsl:function>

  <xsl:function name="ed:list-file" as="xs:string">
    <xsl:param name="base" as="xs:string"/>
    <xsl:param name="part" as="xs:integer"/>
    <xsl:sequence select="$base || (if ($part gt 1) then '-' || $part else '') || '.html'"/>
  </xsl:function>

  <!-- "201–400": the numbers of the texts a part lists. -->
  <xsl:function name="ed:part-range" as="xs:string">
    <xsl:param name="part" as="xs:integer"/>
    <xsl:variable name="first" select="($part - 1) * $list-page-size + 1"/>
    <xsl:sequence select="$first || '–' || min(($first + $list-page-size - 1, ed:text-count()))"/>
  </xsl:function>

  <xsl:template name="ed:list-pager">
    <xsl:param name="base" as="xs:string"/>
    <xsl:param name="part" as="xs:integer"/>
    <nav class="pager" aria-label="Pages of the list of texts ({ed:text-count()} texts)">
      <ul>
        <xsl:for-each select="1 to ed:list-parts()">
          <li>
            <a href="{ed:list-file($base, .)}">
              <xsl:if test=". = $part"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
              <xsl:value-of select="ed:part-range(.)"/>
            </a>
          </li>
        </xsl:for-each>
      </ul>
    </nav>
  </xsl:template>

  <xsl:template name="ed:text-list-part">
    <xsl:param name="part" as="xs:integer"/>
    <ol class="text-list" start="{($part - 1) * $list-page-size + 1}">
      <xsl:for-each select="ed:list-part($part)">
        <xsl:call-template name="ed:text-card"/>
      </xsl:for-each>
    </ol>
    <xsl:call-template name="ed:list-pager">
      <xsl:with-param name="base" select="'index'"/>
      <xsl:with-param name="part" select="$part"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The home and about pages' further parts: index-2.html, about-2.html, … -->
  <xsl:template name="ed:list-pages">
    <xsl:for-each select="2 to ed:list-parts()">
      <xsl:call-template name="ed:list-pages-of">
        <xsl:with-param name="part" select="."/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="ed:list-pages-of">
    <xsl:param name="part" as="xs:integer"/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="file" select="ed:list-file('index', $part)"/>
      <xsl:with-param name="title" select="'The texts, ' || ed:part-range($part)"/>
      <xsl:with-param name="kind" select="'home'"/>
      <xsl:with-param name="current" select="'index.html'"/>
      <xsl:with-param name="content">
        <header class="home-header">
          <h1><xsl:value-of select="ed:edition-title()"/></h1>
        </header>
        <section class="texts" aria-labelledby="texts-heading">
          <h2 id="texts-heading">The texts, <xsl:value-of select="ed:part-range($part)"/></h2>
          <xsl:call-template name="ed:text-list-part">
            <xsl:with-param name="part" select="$part"/>
          </xsl:call-template>
        </section>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="file" select="ed:list-file('about', $part)"/>
      <xsl:with-param name="title" select="'About the texts, ' || ed:part-range($part)"/>
      <xsl:with-param name="kind" select="'about'"/>
      <xsl:with-param name="current" select="'about.html'"/>
      <xsl:with-param name="content">
        <article class="about">
          <header class="text-header"><h1 class="text-title">About this edition</h1></header>
          <p class="more"><a href="about.html">How the texts were encoded</a></p>
          <section aria-labelledby="per-text">
            <h2 id="per-text">The texts, one by one: <xsl:value-of select="ed:part-range($part)"/></h2>
            <xsl:for-each select="ed:list-part($part)">
              <xsl:call-template name="ed:about-text"/>
            </xsl:for-each>
            <xsl:call-template name="ed:list-pager">
              <xsl:with-param name="base" select="'about'"/>
              <xsl:with-param name="part" select="$part"/>
            </xsl:call-template>
          </section>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A paragraph of the declaration itself, not one of its topics (editorialDecl/*). -->
  <xsl:template match="editorialDecl/p" mode="ed:about" priority="1">
    <p><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="editorialDecl/*" mode="ed:about">
    <xsl:param name="level" as="xs:integer"/>
    <div class="about-topic">
      <xsl:element name="h{$level}"><xsl:value-of select="ed:capitalise(replace(local-name(), 'ization$', 'isation'))"/></xsl:element>
      <xsl:apply-templates select="p" mode="ed:plain"/>
    </div>
  </xsl:template>

  <xsl:function name="ed:stats-sentence" as="xs:string">
    <xsl:param name="stats" as="element()"/>
    <xsl:variable name="parts" select="
        ('pages', 'printed page', 'printed pages'), ('notes', 'note', 'notes'),
        ('corrections', 'correction marked', 'corrections marked'),
        ('regularisations', 'regularised spelling', 'regularised spellings'),
        ('glosses', 'gloss by the translator or editors', 'glosses by the translator or editors'),
        ('supplied', 'passage supplied', 'passages supplied'),
        ('gaps', 'gap', 'gaps'), ('unclear', 'uncertain reading', 'uncertain readings')"/>
    <xsl:variable name="phrases" select="for $i in 0 to count($parts) idiv 3 - 1
        return let $n := xs:integer(($stats/@*[local-name() = $parts[3 * $i + 1]], 0)[1])
               return if ($n gt 0) then $n || ' ' || $parts[3 * $i + (if ($n = 1) then 2 else 3)] else ()"/>
    <xsl:sequence select="if (exists($phrases)) then ed:capitalise(string-join($phrases, ', ')) || '.'
                          else 'No editorial interventions marked.'"/>
  </xsl:function>

  <!-- The persons index: each person of the personography, with the passages naming them. -->
  <xsl:function name="ed:sort-name" as="xs:string">
    <xsl:param name="person" as="element()"/>
    <xsl:variable name="name" select="$person/persName[1]"/>
    <xsl:sequence select="lower-case(normalize-space(($name/surname, tokenize(normalize-space($name), ' ')[last()])[1]))"/>
  </xsl:function>

  <xsl:template name="ed:persons-page">
    <xsl:choose>
      <xsl:when test="$persons-paged"><xsl:call-template name="ed:persons-index"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="ed:persons-whole"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A person's initial, and the name of the file its part of a paged index takes:
       persons-a.html, persons-u1041.html (a letter outside A-Z, by its code point),
       persons-other.html (no name); a part after the first adds its number. -->
  <xsl:function name="ed:initial" as="xs:string">
    <xsl:param name="person" as="element()"/>
    <xsl:sequence select="upper-case(substring(ed:sort-name($person), 1, 1))"/>
  </xsl:function>

  <xsl:function name="ed:initial-key" as="xs:string">
    <xsl:param name="initial" as="xs:string"/>
    <xsl:sequence select="if (matches($initial, '^[A-Z]$')) then lower-case($initial)
        else if ($initial = '') then 'other' else 'u' || string-to-codepoints($initial)[1]"/>
  </xsl:function>

  <xsl:function name="ed:persons-file" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="part" as="xs:integer"/>
    <xsl:sequence select="'persons-' || $key || (if ($part gt 1) then '-' || $part else '') || '.html'"/>
  </xsl:function>

  <!-- Where a person of the personography is on the site. -->
  <xsl:function name="ed:person-page" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="person" select="if ($persons-paged and $persons and $id)
        then key('ed:id', $id, $persons)[self::person] else ()"/>
    <xsl:sequence select="if ($person) then ed:persons-file(ed:initial-key(ed:initial($person[1])), 1)
                          else 'persons.html'"/>
  </xsl:function>

  <!-- For the builder: the persons in the index's order, a line each: initial key, id. -->
  <xsl:template name="ed:persons-plan">
    <xsl:for-each select="sort($persons//person[@xml:id], (), ed:sort-name#1)">
      <xsl:value-of select="ed:initial-key(ed:initial(.)) || '&#9;' || @xml:id || '&#10;'"/>
    </xsl:for-each>
  </xsl:template>

  <!-- A large edition's persons index: the initials, and under each its persons' names,
       linking to the page of that initial, which the builder writes (ed:persons-part). -->
  <xsl:template name="ed:persons-index">
    <xsl:variable name="people" select="$persons//person[@xml:id]"/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="file" select="'persons.html'"/>
      <xsl:with-param name="title" select="'Persons'"/>
      <xsl:with-param name="kind" select="'persons'"/>
      <xsl:with-param name="current" select="'persons.html'"/>
      <xsl:with-param name="content">
        <article class="persons">
          <header class="text-header">
            <h1 class="text-title">Persons</h1>
            <p class="persons-intro"><xsl:value-of select="count($people)"/> persons of the edition’s
              personography. Each initial has a page of its own, with the passages that name them.</p>
          </header>
          <xsl:variable name="sorted" select="sort($people, (), ed:sort-name#1)"/>
          <nav class="alphabet" aria-label="Initials">
            <ul>
              <xsl:for-each-group select="$sorted" group-by="ed:initial(.)">
                <li><a href="{ed:persons-file(ed:initial-key(current-grouping-key()), 1)}"><xsl:value-of select="current-grouping-key()"/></a></li>
              </xsl:for-each-group>
            </ul>
          </nav>
          <xsl:for-each-group select="$sorted" group-by="ed:initial(.)">
            <xsl:variable name="file" select="ed:persons-file(ed:initial-key(current-grouping-key()), 1)"/>
            <section class="initial" aria-labelledby="initial-{ed:initial-key(current-grouping-key())}">
              <h2 id="initial-{ed:initial-key(current-grouping-key())}" class="initial-letter"><a href="{$file}"><xsl:value-of select="current-grouping-key()"/></a></h2>
              <ul class="person-names">
                <xsl:for-each select="current-group()">
                  <li><a href="{$file}#{@xml:id}"><xsl:value-of select="ed:entry-label(.)"/></a></li>
                </xsl:for-each>
              </ul>
            </section>
          </xsl:for-each-group>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- One page of a paged persons index: the persons $index-people of initial $index-key
       (in order), their passages in $mentions (this page's only). $index-continued: a person
       whose entry began on the part before. On an initial's first part, each person whose
       entry is on a later part ($index-later, on the parts $index-later-parts) is listed,
       with the id links land on. The builder calls it once per page, so these are the
       stylesheet's parameters. -->
  <xsl:param name="index-key" as="xs:string" select="''"/>
  <xsl:param name="index-part" as="xs:integer" select="1"/>
  <xsl:param name="index-parts" as="xs:integer" select="1"/>
  <xsl:param name="index-people" as="xs:string*" select="()"/>
  <xsl:param name="index-continued" as="xs:string" select="''"/>
  <xsl:param name="index-later" as="xs:string*" select="()"/>
  <xsl:param name="index-later-parts" as="xs:integer*" select="()"/>

  <xsl:template name="ed:persons-part">
    <xsl:variable name="entries" select="$index-people ! key('ed:id', ., $persons)[self::person][1]"/>
    <xsl:variable name="initial" select="($entries ! ed:initial(.))[1]"/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="file" select="ed:persons-file($index-key, $index-part)"/>
      <xsl:with-param name="title" select="'Persons: ' || $initial || (if ($index-parts gt 1) then ' (' || $index-part || ' of ' || $index-parts || ')' else '')"/>
      <xsl:with-param name="kind" select="'persons'"/>
      <xsl:with-param name="current" select="'persons.html'"/>
      <xsl:with-param name="content">
        <article class="persons">
          <header class="text-header">
            <h1 class="text-title">Persons: <xsl:value-of select="$initial"/></h1>
            <p class="persons-intro"><a href="persons.html">All persons</a>; the passages that name them.</p>
          </header>
          <xsl:if test="$index-parts gt 1">
            <xsl:call-template name="ed:persons-pager">
              <xsl:with-param name="key" select="$index-key"/>
              <xsl:with-param name="part" select="$index-part"/>
              <xsl:with-param name="parts" select="$index-parts"/>
            </xsl:call-template>
          </xsl:if>
          <xsl:if test="exists($index-later)">
            <ul class="person-names">
              <xsl:for-each select="$index-later">
                <xsl:variable name="i" select="position()"/>
                <li id="{.}"><a href="{ed:persons-file($index-key, $index-later-parts[$i])}#{.}"><xsl:value-of select="key('ed:id', ., $persons)[1] ! ed:entry-label(.)"/></a></li>
              </xsl:for-each>
            </ul>
          </xsl:if>
          <section class="initial" aria-labelledby="initial-{$index-key}">
            <h2 id="initial-{$index-key}" class="initial-letter"><xsl:value-of select="$initial"/></h2>
            <xsl:for-each select="$entries">
              <xsl:call-template name="ed:person-entry">
                <xsl:with-param name="continued" select="string(@xml:id) = $index-continued and position() = 1"/>
              </xsl:call-template>
            </xsl:for-each>
          </section>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="ed:persons-pager">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="part" as="xs:integer"/>
    <xsl:param name="parts" as="xs:integer"/>
    <nav class="pager" aria-label="Pages of this initial">
      <ul>
        <xsl:for-each select="1 to $parts">
          <li>
            <a href="{ed:persons-file($key, .)}">
              <xsl:if test=". = $part"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
              <xsl:value-of select="."/>
            </a>
          </li>
        </xsl:for-each>
      </ul>
    </nav>
  </xsl:template>

  <xsl:template name="ed:persons-whole">
    <xsl:variable name="people" select="$persons//person"/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="file" select="'persons.html'"/>
      <xsl:with-param name="title" select="'Persons'"/>
      <xsl:with-param name="kind" select="'persons'"/>
      <xsl:with-param name="current" select="'persons.html'"/>
      <xsl:with-param name="content">
        <article class="persons">
          <header class="text-header">
            <h1 class="text-title">Persons</h1>
            <p class="persons-intro"><xsl:value-of select="count($people)"/> persons of the edition’s
              personography, with the passages that name them.</p>
          </header>
          <xsl:variable name="sorted" select="sort($people, (), ed:sort-name#1)"/>
          <nav class="alphabet" aria-label="Initials">
            <ul>
              <xsl:for-each-group select="$sorted" group-by="ed:initial(.)">
                <li><a href="#initial-{current-grouping-key()}"><xsl:value-of select="current-grouping-key()"/></a></li>
              </xsl:for-each-group>
            </ul>
          </nav>
          <xsl:for-each-group select="$sorted" group-by="ed:initial(.)">
            <section class="initial" aria-labelledby="initial-{current-grouping-key()}">
              <h2 id="initial-{current-grouping-key()}" class="initial-letter"><xsl:value-of select="current-grouping-key()"/></h2>
              <xsl:for-each select="current-group()">
                <xsl:call-template name="ed:person-entry"/>
              </xsl:for-each>
            </section>
          </xsl:for-each-group>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="ed:person-entry">
    <xsl:param name="continued" as="xs:boolean" select="false()"/>
    <xsl:variable name="named" select="if ($mentions) then key('ed:mentions', string(@xml:id), $mentions) else ()"/>
    <xsl:variable name="id" select="if ($continued) then @xml:id || '-continued' else string(@xml:id)"/>
    <section class="person" id="{$id}" aria-labelledby="{$id}-name">
      <h3 class="person-name" id="{$id}-name"><xsl:value-of select="ed:entry-label(.) || (if ($continued) then ' (continued)' else '')"/></h3>
      <xsl:for-each select="occupation | affiliation">
        <p class="person-role"><xsl:apply-templates/></p>
      </xsl:for-each>
      <xsl:if test="persName[position() gt 1]">
        <p class="person-variants">Also named: <xsl:value-of select="persName[position() gt 1] ! normalize-space(.)" separator="; "/></p>
      </xsl:if>
      <xsl:for-each select="note">
        <p class="person-note"><xsl:apply-templates/></p>
      </xsl:for-each>
      <xsl:choose>
        <xsl:when test="$named">
          <ul class="mentions" aria-label="Passages naming {normalize-space(persName[1])}">
            <xsl:for-each-group select="$named" group-by="@text">
              <xsl:variable name="text" select="key('ed:site-text-id', current-grouping-key(), $site)"/>
              <li>
                <cite><xsl:value-of select="($text/@title, current-grouping-key())[1]"/></cite>
                <xsl:text>: </xsl:text>
                <xsl:call-template name="ed:mention-links">
                  <xsl:with-param name="mentions" select="current-group()"/>
                </xsl:call-template>
              </li>
            </xsl:for-each-group>
          </ul>
        </xsl:when>
        <xsl:otherwise>
          <p class="mentions-none">Not named in the texts of this edition.</p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- The passages of one text naming a person: printed pages as in a book's index
       ("pp. 15, 16, 50"); other places by their section, each section once, with its further
       passages numbered after it ("Notes 2 3"). -->
  <xsl:template name="ed:mention-links">
    <xsl:param name="mentions" as="element()*"/>
    <xsl:variable name="passages" as="element()*">
      <xsl:for-each-group select="$mentions" group-by="@href"><xsl:sequence select="."/></xsl:for-each-group>
    </xsl:variable>
    <xsl:variable name="pages" select="$passages[starts-with(@label, 'p. ')]"/>
    <xsl:if test="$pages">
      <xsl:value-of select="if (count(distinct-values($pages/@label)) gt 1) then 'pp. ' else 'p. '"/>
      <xsl:for-each-group select="$pages" group-by="@label">
        <xsl:if test="position() gt 1">, </xsl:if>
        <a href="{@href}"><xsl:value-of select="substring-after(@label, 'p. ')"/></a>
      </xsl:for-each-group>
    </xsl:if>
    <xsl:for-each-group select="$passages except $pages" group-by="@label">
      <xsl:if test="position() gt 1 or $pages">; </xsl:if>
      <a href="{@href}"><xsl:value-of select="current-grouping-key()"/></a>
      <xsl:for-each select="current-group()[position() gt 1]">
        <xsl:text> </xsl:text>
        <a href="{@href}" class="more-passage" aria-label="{current-grouping-key()}, passage {position() + 1}">
          <xsl:value-of select="position() + 1"/>
        </a>
      </xsl:for-each>
    </xsl:for-each-group>
  </xsl:template>

  <xsl:template name="ed:search-page">
    <xsl:choose>
      <xsl:when test="$search-engine = 'pagefind'"><xsl:call-template name="ed:pagefind-page"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="ed:offline-search-page"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A large edition's search: Pagefind's index (pagefind/, written by the builder after
       the pages) and its interface, which load what a query needs from the server. -->
  <xsl:template name="ed:pagefind-page">
    <xsl:call-template name="ed:page">
      <xsl:with-param name="file" select="'search.html'"/>
      <xsl:with-param name="title" select="'Search'"/>
      <xsl:with-param name="kind" select="'search'"/>
      <xsl:with-param name="current" select="'search.html'"/>
      <xsl:with-param name="content">
        <article class="search">
          <header class="text-header"><h1 class="text-title">Search the edition</h1></header>
          <link rel="stylesheet" href="{$pagefind-parts[1]}pagefind-ui.css"/>
          <div id="pagefind-search" class="pagefind-search" data-parts="{string-join($pagefind-parts, ' ')}"></div>
          <p id="search-status" class="search-status" role="status" aria-live="polite"></p>
          <noscript><p>The search runs in your browser and needs JavaScript. Without it, use the
            <a href="persons.html">persons index</a> and the contents of each text.</p></noscript>
          <script src="{$pagefind-parts[1]}pagefind-ui.js" defer="defer"></script>
          <script src="assets/pagefind-search.js" defer="defer"></script>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="ed:offline-search-page">
    <xsl:call-template name="ed:page">
      <xsl:with-param name="file" select="'search.html'"/>
      <xsl:with-param name="title" select="'Search'"/>
      <xsl:with-param name="kind" select="'search'"/>
      <xsl:with-param name="current" select="'search.html'"/>
      <xsl:with-param name="content">
        <article class="search">
          <header class="text-header"><h1 class="text-title">Search the edition</h1></header>
          <form id="search-form" class="search-form" action="search.html" method="get" role="search" aria-label="Search the edition"
                data-index="{string-join($search-data, ' ')}">
            <label for="search-q">Words to find (all of them, in any order; “quotes” for a phrase)</label>
            <div class="search-row">
              <input type="search" id="search-q" name="q" autocomplete="off"/>
              <button type="submit">Search</button>
            </div>
          </form>
          <p id="search-status" class="search-status" role="status" aria-live="polite"></p>
          <ol id="search-results" class="search-results"></ol>
          <noscript><p>The search runs in your browser and needs JavaScript. Without it, use the
            <a href="persons.html">persons index</a> and the contents of each text.</p></noscript>
          <script src="assets/search.js" defer="defer"></script>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>

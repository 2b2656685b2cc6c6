<?xml version="1.0" encoding="UTF-8"?>
<!-- Editorial interventions, visible on demand: the reading text shows the corrected,
     regularised or expanded form; the source's form travels along, hidden, for a layer
     that lets the reader switch to it. Supplied text and gaps are marked in brackets. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- Who made an intervention, in words: "the translator", "this edition", … -->
  <xsl:function name="ed:by-whom" as="xs:string?">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="kind" select="if (($element/ancestor-or-self::*/@resp)[last()])
                                      then ed:resp-kind($element) else ()"/>
    <xsl:sequence select="if (empty($kind) or $kind = 'unknown') then ()
                          else map{'author': 'the author', 'translator': 'the translator',
                                   'editor': 'the editors', 'project': 'this edition'}($kind)"/>
  </xsl:function>

  <!-- The mark closing a gloss: "Trans." for the translator's, "Ed." for the editors'. -->
  <xsl:function name="ed:gloss-mark" as="xs:string?">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="if (empty(($element/ancestor-or-self::*/@resp)[last()])) then ()
        else map{'translator': 'Trans.', 'editor': 'Ed.', 'project': 'this ed.'}(ed:resp-kind($element))"/>
  </xsl:function>

  <!-- A choice shows the edition's reading (the correction, regularisation, expansion;
       else its first alternative) and keeps every other one beside it, hidden: no word of
       the source is lost, and a layer lets the reader switch to the source's forms. -->
  <xsl:variable name="ed:choice-kinds" as="map(xs:string, xs:string)"
      select="map{'corr': 'Corrected', 'reg': 'Regularised', 'expan': 'Expanded'}"/>

  <xsl:template match="choice">
    <xsl:variable name="shown" select="ed:shown-reading(.)"/>
    <xsl:variable name="kind" select="ed:choice-kind(.)"/>
    <span>
      <xsl:choose>
        <xsl:when test="exists($kind)">
          <xsl:variable name="source" select="(ed:hidden-readings(.)[self::sic | self::orig | self::abbr], ed:hidden-readings(.))[1]"/>
          <xsl:attribute name="class" select="'edit choice-' || $kind"/>
          <xsl:attribute name="title" select="string-join(($ed:choice-kinds($kind),
              ed:by-whom($shown)[$kind = 'corr'] ! ('by ' || .)), ' ')
              || '; the source reads “' || normalize-space($source) || '”'"/>
          <span class="reading-{$kind}"><xsl:apply-templates select="$shown/node()"/></span>
        </xsl:when>
        <xsl:otherwise>
          <xsl:attribute name="class" select="'edit choice'"/>
          <xsl:apply-templates select="$shown"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:for-each select="ed:hidden-readings(.)">
        <xsl:call-template name="ed:hidden-reading"/>
      </xsl:for-each>
      <xsl:call-template name="ed:pages-of-hidden-readings"/>
    </span>
  </xsl:template>

  <!-- "corr", "reg" or "expan" when a choice shows one of them for the source's form. -->
  <xsl:function name="ed:choice-kind" as="xs:string?">
    <xsl:param name="choice" as="element()"/>
    <xsl:sequence select="local-name(ed:shown-reading($choice))[map:contains($ed:choice-kinds, .)]"/>
  </xsl:function>

  <!-- The readings kept hidden beside the one shown: a choice's other alternatives, an
       apparatus's other readings, a gap's description. -->
  <xsl:function name="ed:hidden-readings" as="element()*">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="
        if ($element/self::gap) then $element/desc
        else if ($element/self::app) then $element/(lem | rdg | rdgGrp) except ed:shown-reading($element)
        else $element/* except ed:shown-reading($element)"/>
  </xsl:function>

  <!-- What a hidden reading renders: the words of a source's form, correction or gap
       description; any other reading (a seg, a nested choice, an apparatus's rdg) whole. -->
  <xsl:function name="ed:hidden-content" as="node()*">
    <xsl:param name="reading" as="element()"/>
    <xsl:sequence select="if ($reading/parent::gap or ($reading/parent::choice[exists(ed:choice-kind(.))]
                                 and local-name($reading) = ('sic', 'orig', 'abbr', 'corr', 'reg', 'expan')))
                          then $reading/node() else $reading"/>
  </xsl:function>

  <xsl:function name="ed:hidden-class" as="xs:string">
    <xsl:param name="reading" as="element()"/>
    <xsl:sequence select="if ($reading/parent::gap) then 'gap-desc'
        else if ($reading/parent::app) then 'reading-rdg'
        else if (exists(ed:choice-kind($reading/..))) then 'reading-' || local-name($reading)
        else 'reading-alternative'"/>
  </xsl:function>

  <!-- A reading not shown (the context): in the page, hidden; its page breaks render
       nothing. Hook: the print layer sets hidden readings apart, as textual notes. -->
  <xsl:template name="ed:hidden-reading">
    <span class="{ed:hidden-class(.)}" hidden="hidden">
      <xsl:apply-templates select="ed:hidden-content(.)">
        <xsl:with-param name="ed:in-hidden-reading" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </span>
  </xsl:template>

  <!-- The hidden readings within an element a template renders as a flat string (a note
       call's mark, which is the corrected one): kept beside that string. -->
  <xsl:template name="ed:hidden-readings-within">
    <xsl:for-each select=".//(choice | app | gap) ! ed:hidden-readings(.)">
      <xsl:call-template name="ed:hidden-reading"/>
    </xsl:for-each>
  </xsl:template>

  <!-- A page break inside a reading that is not shown (the source's misprint of a word
       hyphenated across a page turn: <sic>proletar<pb n="224"/>lat</sic>) would take the
       page's marker and anchor out of sight with it. Page markers render nothing inside a
       hidden reading ($ed:in-hidden-reading); the choice sets them after the reading shown,
       unless that reading has a page break of the same number itself. -->
  <xsl:function name="ed:shown-reading" as="element()?">
    <xsl:param name="choice" as="element()"/>
    <xsl:sequence select="if ($choice/self::app) then ($choice/lem, $choice/(rdg | rdgGrp))[1]
        else ($choice/corr[../sic], $choice/reg[../orig], $choice/expan[../abbr], $choice/*)[1]"/>
  </xsl:function>

  <xsl:template name="ed:pages-of-hidden-readings">
    <xsl:variable name="shown" select="ed:shown-reading(.)"/>
    <xsl:apply-templates select="(* except $shown)//pb[not(@n = $shown//pb/@n)]
                                 [(ancestor::choice | ancestor::app)[last()] is current()]"/>
  </xsl:template>

  <xsl:template match="sic">
    <span class="edit tei-sic" title="Thus in the source">
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="corr">
    <span class="edit tei-corr" title="{string-join(('Corrected', ed:by-whom(.) ! ('by ' || .)), ' ')}">
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="reg">
    <span class="edit tei-reg" title="Regularised">
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- Supplied text in square brackets; a translator's gloss says so. -->
  <xsl:template match="supplied">
    <xsl:variable name="gloss" select="tokenize(@reason, ' ') = 'gloss'"/>
    <xsl:variable name="who" select="ed:by-whom(.)"/>
    <span>
      <xsl:call-template name="ed:attributes">
        <xsl:with-param name="class" select="'edit' || (if ($gloss) then ' gloss' else '')
                                             || (ed:resp-kind(.)[$who] ! (' resp-' || .))"/>
      </xsl:call-template>
      <xsl:attribute name="title" select="
          if ($gloss) then string-join(('Gloss', $who ! ('by ' || .)), ' ')
          else string-join(('Supplied', $who ! ('by ' || .), @reason ! ('(' || . || ')')), ' ')"/>
      <span class="bracket">[</span>
      <xsl:apply-templates/>
      <!-- A gloss says whose it is, in the convention of printed editions (—Trans., —Ed.). -->
      <xsl:if test="$gloss and ed:gloss-mark(.)">
        <span class="gloss-by"><xsl:value-of select="' —' || ed:gloss-mark(.)"/></span>
      </xsl:if>
      <span class="bracket">]</span>
    </span>
  </xsl:template>

  <!-- A gap is a bracketed ellipsis; the editor's description of it (desc) travels along,
       hidden like a reading not shown, and in the title for a pointer. -->
  <xsl:template match="gap">
    <xsl:variable name="description" select="string-join((
        (@reason ! replace(., '\s+', ', '), 'omitted')[1],
        (@extent, @quantity ! (. || ' ' || (../@unit, 'units')[1]))[1]), ': ')"/>
    <span class="edit tei-gap" title="Gap in the text: {$description}{desc ! (' — ' || normalize-space(.))}">
      <xsl:text>[…]</xsl:text>
      <xsl:for-each select="ed:hidden-readings(.)">
        <xsl:call-template name="ed:hidden-reading"/>
      </xsl:for-each>
    </span>
  </xsl:template>

  <xsl:template match="unclear">
    <span class="edit tei-unclear" title="Uncertain reading{@reason ! (': ' || .)}">
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="del">
    <del>
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </del>
  </xsl:template>

  <xsl:template match="add">
    <ins>
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
    </ins>
  </xsl:template>

  <xsl:template match="subst">
    <span class="edit tei-subst"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- Critical apparatus: the lemma (else the first reading) reads on; the variants stay
       beside it, hidden like a choice's other readings, each with its witnesses. -->
  <xsl:template match="app">
    <xsl:variable name="shown" select="ed:shown-reading(.)"/>
    <span>
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates select="$shown"/>
      <xsl:for-each select="ed:hidden-readings(.)">
        <xsl:call-template name="ed:hidden-reading"/>
      </xsl:for-each>
      <xsl:apply-templates select="* except (lem | rdg | rdgGrp)"/>
      <xsl:call-template name="ed:pages-of-hidden-readings"/>
    </span>
  </xsl:template>

  <xsl:template match="lem | rdg">
    <span>
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
      <xsl:if test="@wit">
        <span class="witness"><xsl:text> </xsl:text><xsl:value-of select="@wit"/></span>
      </xsl:if>
    </span>
  </xsl:template>

  <!-- A group of readings: its readings in turn (shown or hidden with the group). -->
  <xsl:template match="rdgGrp">
    <span>
      <xsl:call-template name="ed:attributes"/>
      <xsl:for-each select="*">
        <xsl:if test="position() gt 1"><xsl:text>; </xsl:text></xsl:if>
        <xsl:apply-templates select="."/>
      </xsl:for-each>
    </span>
  </xsl:template>

  <!-- Witness details given in the apparatus itself. -->
  <xsl:template match="wit | witDetail">
    <span>
      <xsl:call-template name="ed:attributes"/>
      <xsl:text> (</xsl:text><xsl:apply-templates/><xsl:text>)</xsl:text>
    </span>
  </xsl:template>

</xsl:stylesheet>

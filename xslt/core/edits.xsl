<?xml version="1.0" encoding="UTF-8"?>
<!-- Editorial interventions, visible on demand: the reading text shows the corrected,
     regularised or expanded form; the source's form travels along, hidden, for a layer
     that lets the reader switch to it. Supplied text and gaps are marked in brackets. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
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

  <xsl:template match="choice[sic and corr]">
    <span class="edit choice-corr" title="{string-join(('Corrected', ed:by-whom(corr) ! ('by ' || .)), ' ')}; the source reads “{normalize-space(sic)}”">
      <span class="reading-corr"><xsl:apply-templates select="corr/node()"/></span>
      <span class="reading-sic" hidden="hidden">
        <xsl:apply-templates select="sic/node()">
          <xsl:with-param name="ed:in-hidden-reading" select="true()" tunnel="yes"/>
        </xsl:apply-templates>
      </span>
      <xsl:call-template name="ed:pages-of-hidden-readings"/>
    </span>
  </xsl:template>

  <xsl:template match="choice[orig and reg]">
    <span class="edit choice-reg" title="Regularised; the source reads “{normalize-space(orig)}”">
      <span class="reading-reg"><xsl:apply-templates select="reg/node()"/></span>
      <span class="reading-orig" hidden="hidden">
        <xsl:apply-templates select="orig/node()">
          <xsl:with-param name="ed:in-hidden-reading" select="true()" tunnel="yes"/>
        </xsl:apply-templates>
      </span>
      <xsl:call-template name="ed:pages-of-hidden-readings"/>
    </span>
  </xsl:template>

  <xsl:template match="choice[abbr and expan]">
    <abbr class="edit choice-abbr" title="{normalize-space(expan)}">
      <xsl:apply-templates select="abbr/node()"/>
    </abbr>
    <xsl:call-template name="ed:pages-of-hidden-readings"/>
  </xsl:template>

  <!-- Any other choice: the first alternative, the others hidden beside it. -->
  <xsl:template match="choice">
    <span class="edit choice">
      <xsl:apply-templates select="*[1]"/>
      <xsl:for-each select="*[position() gt 1]">
        <span class="reading-alternative" hidden="hidden">
          <xsl:apply-templates select=".">
            <xsl:with-param name="ed:in-hidden-reading" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </span>
      </xsl:for-each>
      <xsl:call-template name="ed:pages-of-hidden-readings"/>
    </span>
  </xsl:template>

  <!-- A page break inside a reading that is not shown (the source's misprint of a word
       hyphenated across a page turn: <sic>proletar<pb n="224"/>lat</sic>) would take the
       page's marker and anchor out of sight with it. Page markers render nothing inside a
       hidden reading ($ed:in-hidden-reading); the choice sets them after the reading shown,
       unless that reading has a page break of the same number itself. -->
  <xsl:function name="ed:shown-reading" as="element()?">
    <xsl:param name="choice" as="element()"/>
    <xsl:sequence select="if ($choice[sic and corr]) then $choice/corr[1]
        else if ($choice[orig and reg]) then $choice/reg[1]
        else if ($choice[abbr and expan]) then $choice/abbr[1]
        else $choice/*[1]"/>
  </xsl:function>

  <xsl:template name="ed:pages-of-hidden-readings">
    <xsl:variable name="shown" select="ed:shown-reading(.)"/>
    <xsl:apply-templates select="(* except $shown)//pb[not(@n = $shown//pb/@n)]
                                 [ancestor::choice[1] is current()]"/>
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

  <xsl:template match="gap">
    <xsl:variable name="description" select="string-join((
        (@reason ! replace(., '\s+', ', '), 'omitted')[1],
        (@extent, @quantity ! (. || ' ' || (../@unit, 'units')[1]))[1]), ': ')"/>
    <span class="edit tei-gap" title="Gap in the text: {$description}{desc ! (' — ' || normalize-space(.))}">
      <xsl:text>[…]</xsl:text>
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

  <!-- Critical apparatus: the lemma reads on; the variants follow in brackets. -->
  <xsl:template match="app">
    <span>
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates select="lem"/>
      <xsl:if test="rdg">
        <span class="readings">
          <xsl:text> [</xsl:text>
          <xsl:for-each select="rdg">
            <xsl:if test="position() gt 1">; </xsl:if>
            <xsl:apply-templates select="."/>
          </xsl:for-each>
          <xsl:text>]</xsl:text>
        </span>
      </xsl:if>
      <xsl:apply-templates select="* except (lem | rdg)"/>
    </span>
  </xsl:template>

  <xsl:template match="lem | rdg">
    <span>
      <xsl:call-template name="ed:attributes"/>
      <xsl:apply-templates/>
      <xsl:if test="self::rdg and @wit">
        <span class="witness"><xsl:text> </xsl:text><xsl:value-of select="@wit"/></span>
      </xsl:if>
    </span>
  </xsl:template>
</xsl:stylesheet>

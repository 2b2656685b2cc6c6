<?xml version="1.0" encoding="UTF-8"?>
<!-- Hidden readings in print. A page cannot switch between readings, and what the core
     keeps hidden beside the reading shown (the source's misprint, its abbreviation, its
     old spelling, an apparatus's variants, the description of a gap) must still reach the
     reader of the book. As in printed critical and reading editions, they are set apart,
     at the end of the text, as textual notes: page, the reading shown, a bracket, the
     other reading ("p. 12  received] the source reads recieved"). In the running text each
     leaves an empty anchor, whose page the note cites. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- Where a textual note points: an anchor at the reading; inside a note, the note
       itself (WeasyPrint cannot count the page of an anchor inside a footnote: it recurses
       without end); none in a running head or folio (fw), which print does not set. -->
  <xsl:function name="ed:textual-note-id" as="xs:string?">
    <xsl:param name="reading" as="element()"/>
    <xsl:variable name="note" select="$reading/ancestor::note[last()]"/>
    <xsl:sequence select="if ($reading/ancestor::fw) then ()
                          else if ($note) then ed:id($note)
                          else 'tn-' || ed:path-id($reading)"/>
  </xsl:function>

  <!-- In the text: the anchor only (the reading itself is rendered once, in its note). -->
  <xsl:template name="ed:hidden-reading">
    <xsl:if test="not(ancestor::note | ancestor::fw)">
      <span class="tn-anchor" id="{ed:textual-note-id(.)}"/>
    </xsl:if>
  </xsl:template>

  <xsl:function name="ed:textual-note-label" as="xs:string">
    <xsl:param name="reading" as="element()"/>
    <xsl:sequence select="
        if ($reading/parent::gap) then 'gap:'
        else if ($reading/parent::app) then 'variant' || ($reading/@wit ! (' ' || normalize-space(.))) || ':'
        else (map{'sic': 'the source reads', 'orig': 'the source spells', 'abbr': 'the source abbreviates',
                  'corr': 'corrected', 'reg': 'regularised', 'expan': 'expanded'}(local-name($reading)), 'or')[1]"/>
  </xsl:function>

  <!-- The text's textual notes, as a chapter of their own. -->
  <xsl:template name="ed:textual-notes">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="readings" select="$tei/(text | sourceDoc)//(choice | app | gap) ! ed:hidden-readings(.)"/>
    <xsl:if test="exists($readings)">
      <section class="chapter textual-notes" id="{ed:id($tei)}-textual-notes">
        <h1 class="chapter-title bm-1" data-title="Textual notes" data-depth="1" data-running="Textual notes">Textual notes</h1>
        <ol class="textual-notes-list">
          <xsl:for-each select="$readings">
            <xsl:variable name="shown" select="if (parent::gap) then () else ed:shown-reading(..)"/>
            <li class="textual-note">
              <xsl:for-each select="ed:textual-note-id(.)">
                <a class="tn-page" href="#{.}"/>
              </xsl:for-each>
              <xsl:text> </xsl:text>
              <span class="tn-lemma">
                <xsl:value-of select="if (parent::gap) then '[…]' else (ed:plain-text($shown)[. != ''], '(nothing)')[1]"/>
              </span>
              <xsl:text>] </xsl:text>
              <span class="tn-label"><xsl:value-of select="ed:textual-note-label(.)"/></span>
              <xsl:text> </xsl:text>
              <span class="tn-reading">
                <xsl:apply-templates select="ed:hidden-content(.)">
                  <xsl:with-param name="ed:in-hidden-reading" select="true()" tunnel="yes"/>
                </xsl:apply-templates>
              </span>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!-- What the site says about a text in a line: its date, its source, how to cite it.
     Pure functions over a TEI header; no markup. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- The edition's own title (tei/edition.xml), else a plain name. -->
  <xsl:function name="ed:edition-title" as="xs:string">
    <xsl:sequence select="if ($edition) then ed:title($edition/TEI) else 'Digital edition'"/>
  </xsl:function>

  <!-- When the text was written: the header's creation date. -->
  <xsl:function name="ed:text-date" as="element()?">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="($tei/teiHeader/profileDesc/creation/date)[1]"/>
  </xsl:function>

  <!-- One source in a few words: a bibl as its journal's or book's title and its date; a
       full record as "Place: Publisher, Date"; an archival original as "RGASPI, shelfmark". -->
  <xsl:function name="ed:source-line" as="xs:string?">
    <xsl:param name="source" as="element()"/>
    <xsl:variable name="parts" select="
        if ($source/self::bibl) then
          (($source/title[@level = ('j', 'm', 's')], $source/title)[1], $source/date[1])
        else if ($source/self::biblFull) then
          (string-join(($source/publicationStmt/pubPlace[1], $source/publicationStmt/publisher[1])
                       ! normalize-space(.), ': '), $source/publicationStmt/date[1])
        else if ($source/self::msDesc) then
          (($source/msIdentifier/(repository, institution)[1] ! (
              if (matches(., '\(([\p{Lu}]{2,})\)')) then replace(., '^.*\(([\p{Lu}]{2,})\).*$', '$1') else .)),
           $source/msIdentifier/idno)
        else ()"/>
    <xsl:variable name="line" select="string-join($parts ! normalize-space(.)[. != ''], ', ')"/>
    <xsl:sequence select="if ($line) then $line
        else normalize-space($source) ! (if (string-length(.) gt 90) then substring(., 1, 90) || '…' else .)"/>
  </xsl:function>

  <!-- The provenance of a text in one line: the source it was made from (the first the
       header names) and, if there is one, the archival original. -->
  <xsl:function name="ed:provenance-line" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="sources" select="$tei/teiHeader/fileDesc/sourceDesc"/>
    <xsl:variable name="first" select="($sources/(bibl | biblFull | listBibl/(bibl | biblFull)))[1]"/>
    <xsl:sequence select="string-join(($first ! ed:source-line(.),
        $sources/msDesc[1] ! ('original: ' || ed:source-line(.)))[. != ''], '; ')"/>
  </xsl:function>

  <!-- How to cite the printed source a text's page numbers belong to: "Leon Trotsky,
       Title, ed. Naomi Allen (New York: Pathfinder Press, 1975)". -->
  <xsl:function name="ed:print-citation" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="full" select="($tei/teiHeader/fileDesc/sourceDesc//biblFull)[1]"/>
    <xsl:variable name="bibl" select="($tei/teiHeader/fileDesc/sourceDesc//bibl)[1]"/>
    <xsl:sequence select="
        if ($full) then
          string-join((
            string-join($full/titleStmt/author ! normalize-space(.), ' and ')[. != ''],
            string-join($full/titleStmt/title ! normalize-space(.), ': ')
              || string-join($full/titleStmt/editor ! (', ed. ' || normalize-space(.)), '')
              || ' (' || string-join((
                   string-join(($full/publicationStmt/pubPlace[1], $full/publicationStmt/publisher[1])
                               ! normalize-space(.), ': '),
                   $full/publicationStmt/date[1] ! normalize-space(.))[. != ''], ', ') || ')'),
            ', ')
        else if ($bibl) then normalize-space($bibl) ! replace(., '\.$', '')
        else string-join((ed:authors($tei)[1], ed:title($tei)), ', ')"/>
  </xsl:function>
</xsl:stylesheet>

"""Ready citations for cases, principles and background sections, and the page-head meta tags.

For one citable record (or one section of a background page) this computes a stable
permalink, a CSL-JSON item, the APA and Chicago renderings of that item, a BibTeX entry, and
the meta tags reference managers and sharing previews read: Highwire `citation_*`, Dublin
Core, Open Graph and Twitter card.

Dates: a case is "issued" on the day its data was last reviewed; principles and background
pages carry no such date and are cited as undated ("n.d."). The access date is the build date
(SOURCE_DATE_EPOCH when set), so builds stay reproducible. APA and Chicago are written by
citestyles.py (checked against citeproc-py in the tests; citeproc-py itself is too slow to run
for every page of a large site).
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from ..data import dates
from ..resolve import KnowledgeBase, Record
from . import citestyles, i18n
from .plaintext import plain, shorten
from .urls import SiteInfo, title

CITABLE = ("cases", "principles", "background")
_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
                   "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}",
                   "^": r"\textasciicircum{}", "–": "--", "—": "---"}


@dataclass(frozen=True)
class Citation:
    key: str  # the CSL id and BibTeX key: stable, from the record type and id
    url: str  # the permalink
    title: str
    description: str
    issued: tuple[int, ...] | None
    csl: dict
    apa: str
    chicago: str
    bibtex: str

    @property
    def csl_json(self) -> str:
        return json.dumps([self.csl], indent=2, ensure_ascii=False)


def _issued(rec: Record) -> tuple[int, ...] | None:
    if rec.type != "cases":
        return None
    point = dates.parse(rec.data.reviewed).start
    if point.year is None:
        return None
    return tuple(p for p in (point.year, point.month, point.day) if p)


def _description(rec: Record, lang: str) -> str:
    data = rec.data
    summary = getattr(data, "summary", None)
    if summary is None:
        return ""
    return plain(summary.text if hasattr(summary, "text") else summary, lang)


def _bibtex_text(value: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(ch, ch) for ch in " ".join(value.split()))


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def bibtex(key: str, title: str, url: str, site: SiteInfo, issued, accessed: dt.date) -> str:
    """A @misc entry; the organisational author is braced so no tool splits it into names."""
    fields = [("title", "{" + _bibtex_text(title) + "}"),
              ("author", "{" + _bibtex_text(site.name) + "}"),
              ("howpublished", r"\url{" + url.replace("%", r"\%") + "}"),
              ("url", url.replace("%", r"\%")),
              ("urldate", accessed.isoformat())]
    if issued:
        fields.insert(2, ("year", str(issued[0])))
        if len(issued) > 1:
            fields.insert(3, ("month", _MONTHS[issued[1] - 1]))
    fields.append(("note", "Accessed " + accessed.isoformat()))
    body = ",\n".join(f"  {name:<12} = {value if name == 'month' else '{' + value + '}'}"
                      for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}"


def _cite(key: str, title: str, url: str, description: str, issued, site: SiteInfo,
          accessed: dt.date, lang: str = i18n.DEFAULT_LANG) -> Citation:
    csl = {"id": key, "type": "webpage", "title": title,
           "author": [{"literal": site.name}], "URL": url, "language": site.language,
           "accessed": {"date-parts": [[accessed.year, accessed.month, accessed.day]]}}
    if issued:
        csl["issued"] = {"date-parts": [list(issued)]}
    if description:
        csl["abstract"] = description
    return Citation(key, url, title, description, issued, csl,
                    citestyles.apa(csl, lang), citestyles.chicago(csl, lang),
                    bibtex(key, title, url, site, issued, accessed))


def cite_record(kb: KnowledgeBase, rec: Record, site: SiteInfo,
                lang: str = i18n.DEFAULT_LANG) -> Citation:
    key = f"{rec.type}-{rec.id}"
    return _cite(key, title(rec, lang), site.record_url(rec.type, rec.id),
                 _description(rec, lang), _issued(rec), site, kb.as_of, lang)


def cite_sections(kb: KnowledgeBase, rec: Record, site: SiteInfo,
                  lang: str = i18n.DEFAULT_LANG) -> list[tuple[str, str, Citation]]:
    """(section id, heading, citation) for each section of a background page."""
    out = []
    page_title = title(rec, lang)
    for section in getattr(rec.data, "sections", []):
        heading = i18n.text_of(section.heading, lang)
        citation = _cite(f"{rec.type}-{rec.id}-{section.id}", f"{page_title}: {heading}",
                         site.record_url(rec.type, rec.id, section.id),
                         plain(section.paragraphs[0].text, lang), None, site, kb.as_of, lang)
        out.append((section.id, heading, citation))
    return out


def all_citations(kb: KnowledgeBase, site: SiteInfo,
                  lang: str = i18n.DEFAULT_LANG) -> list[Citation]:
    """Every citable record and background section, in a stable order (for the exports)."""
    out = []
    for rtype in CITABLE:
        for rec in kb.all(rtype):
            out.append(cite_record(kb, rec, site, lang))
            out.extend(c for _sid, _h, c in cite_sections(kb, rec, site, lang))
    return out


def meta_values(citation: Citation, site: SiteInfo) -> dict:
    """What the page head's tags say: `tags`, the (name, content) pairs of the Highwire
    citation_* and Dublin Core tags, in order, and the title, URL and description the sharing
    tags (Open Graph, Twitter card) repeat. Kept small: it travels as front matter."""
    description = shorten(citation.description)
    date = ("-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(citation.issued))
            if citation.issued else None)
    tags = [("citation_title", citation.title), ("citation_publisher", site.name),
            ("citation_publication_date", date and date.replace("-", "/")),
            ("citation_abstract_html_url", citation.url),
            ("citation_fulltext_html_url", citation.url),
            ("citation_language", site.language),
            ("DC.title", citation.title), ("DC.publisher", site.name), ("DC.date", date),
            ("DC.identifier", citation.url), ("DC.language", site.language),
            ("DC.type", "Text"), ("DC.format", "text/html"),
            ("DC.description", description)]
    return {"tags": [[name, content] for name, content in tags if content],
            "title": citation.title, "url": citation.url, "description": description}


GENRES = {"urgent-action": "Urgent Action", "urgent-action-update": "Urgent Action Update",
          "press-release": "Press Release", "letter": "Letter", "report": "Report",
          "statement": "Statement", "news-article": "News Article", "un-report": "Report",
          "un-communication": "Communication"}


@dataclass(frozen=True)
class DocumentCitation:
    """How to cite a source document itself (not this site's page about it)."""

    key: str
    csl: dict
    apa: str
    chicago: str
    bibtex: str


def cite_document(kb: KnowledgeBase, rec: Record, lang: str = i18n.DEFAULT_LANG
                  ) -> DocumentCitation:
    """The original document: its publisher as author, its title as printed, its genre, its
    document index and its year (only where the year is certain: "n.d." otherwise)."""
    d = rec.data
    publisher = title(kb.get("organisations", d.publisher), lang)
    date = d.date.parsed
    year = date.start.year if date.year_known and date.kind != "from" and (
        date.end is None or date.end.year == date.start.year) else None
    key = f"source-{rec.id}"
    csl = {"id": key, "type": "report", "title": i18n.text_of(d.title, lang),
           "author": [{"literal": publisher}], "publisher": publisher, "genre": GENRES[d.kind]}
    if d.identifiers:
        csl["number"] = ", ".join(i.value for i in d.identifiers)
    if year:
        csl["issued"] = {"date-parts": [[year]]}
    if d.url:  # a public document: its full date where printed, its address, when it was read
        if year and date.kind == "point" and date.start.month:
            csl["issued"] = {"date-parts": [[year, date.start.month, date.start.day][
                :3 if date.start.day else 2]]}
        csl["URL"] = d.url
        day = dates.parse(d.retrieved).start
        csl["accessed"] = {"date-parts": [[day.year, day.month, day.day]]}
    fields = [("title", "{" + _bibtex_text(csl["title"]) + "}"),
              ("author", "{" + _bibtex_text(publisher) + "}"),
              ("publisher", "{" + _bibtex_text(publisher) + "}"),
              ("type", "{" + csl["genre"] + "}")]
    if year:
        fields.append(("year", str(year)))
    if csl.get("number"):
        fields.append(("number", "{" + _bibtex_text(csl["number"]) + "}"))
    if d.url:
        fields += [("url", "{" + d.url + "}"), ("urldate", "{" + d.retrieved + "}")]
    body = ",\n".join(f"  {name:<12} = {{{value}}}" if not value.startswith("{") else
                       f"  {name:<12} = {value}" for name, value in fields)
    return DocumentCitation(key, csl, citestyles.apa_report(csl, lang),
                            citestyles.chicago_report(csl, lang),
                            f"@techreport{{{key},\n{body}\n}}")

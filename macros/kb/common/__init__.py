"""What pages and exports both say, said once: addresses and record titles (urls.py), the
editions (editions.py), the interface's strings and the data's text in each language (i18n.py,
catalogues.py), text from the data as safe HTML or as plain text (markup.py, plaintext.py),
and ready citations (citation.py, citestyles.py: a page shows its record's, exports'
citations.json and citations.bib hold them all).

Which way imports point, from the bottom up (tests/test_layers.py checks it, and that no
import cycle is left between modules or packages):

    data/  <-  resolve.py  <-  common/  <-  exports/  <-  pages/

common/ imports data/ and resolve.py (citations read the KnowledgeBase), never exports/ or
pages/. exports/ imports common/ and never pages/: a file a reader downloads needs no page.
pages/ may import exports/, not the other way round, because a page shows the export files
(the exports page lists them with their first rows: pages/blocks.py). offline/ and search.py
work on the built site and take editions and addresses from here.

These modules were in pages/ until exports/ needed them too; the interface's strings stay in
pages/locales/ (catalogues.LOCALES).
"""

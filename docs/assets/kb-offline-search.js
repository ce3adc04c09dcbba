/*
 * The offline copy's search engine (macros/kb/offline/): what assets/kb-search.js uses instead
 * of Pagefind in the zip of the site, where pages are read from disk (file://) and browsers
 * refuse Pagefind's ES module and its fetches. Loaded with a plain <script> by kb-search.js, with
 * the edition's index, assets/kb-offline/<lang>.js (window.KB_OFFLINE_INDEX: every indexed
 * page's title, type, filters, weighted texts and text). Not loaded on the published site.
 *
 * It answers as Pagefind's API does (search(query, {filters}) -> {results: [{id, data()}]},
 * data() -> {url, meta: {title, type}, excerpt}), so the dialog, its keyboard use and its
 * safety (excerpts are copied as text and <mark> only) are the same.
 *
 * Matching: every word of the query must be on the page. A word in Latin, Cyrillic or any
 * script written with spaces matches where a word of the page starts with it ("changch" finds
 * Changchun, "105/00" finds "UA 105/00"). A word with Korean or Chinese characters matches
 * anywhere in the text: Chinese is written without spaces, and Korean attaches particles to
 * nouns (창춘에서, 창춘의), so a word-start match would miss most occurrences; the index is small
 * enough (one edition's text) to scan. A query in quotes must appear as written.
 *
 * Ranking, as the online search weighs the same attributes (data-pagefind-weight): each word
 * scores the weight of the best place it is found in (the title 15: its weight 10 plus
 * Pagefind's title boost 5; a document index or name 10; a case's documents 8; an
 * addressee's name 5; the text 1) plus a little for how often the text has it; the whole
 * query found together adds 2, a title that is exactly the query 5. Ties: shorter title first.
 */
(function () {
  "use strict";

  var TITLE = 15, TEXT = 1, TOGETHER = 2, EXACT = 5;
  var CJK = /[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/;
  var WORDCHAR = /[\p{L}\p{N}]/u;

  function norm(s) { return String(s || "").normalize("NFKC").toLowerCase(); }

  function escapeHtml(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  // Every place `term` matches in `text` (both normalized): word starts, or anywhere for CJK.
  function positions(text, term, limit) {
    var out = [], cjk = CJK.test(term), at = text.indexOf(term);
    while (at >= 0 && out.length < limit) {
      if (cjk || at === 0 || !WORDCHAR.test(text.charAt(at - 1))) out.push(at);
      at = text.indexOf(term, at + 1);
    }
    return out;
  }
  function has(text, term) { return positions(text, term, 1).length > 0; }

  function terms(query) {
    return norm(query).split(/\s+/).map(function (w) {
      return w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    }).filter(Boolean);
  }

  function create(index, baseUrl) {
    var pages = index.pages.map(function (p, i) {
      return { id: i, page: p, title: norm(p.t), content: norm(p.c),
               weighted: p.w.map(function (w) { return [w[0], norm(w[1])]; }) };
    });

    function score(entry, words, phrase) {
      var total = 0;
      for (var i = 0; i < words.length; i++) {
        var best = has(entry.title, words[i]) ? TITLE : 0;
        entry.weighted.forEach(function (w) { if (w[0] > best && has(w[1], words[i])) best = w[0]; });
        var count = positions(entry.content, words[i], 50).length;
        if (count && best < TEXT) best = TEXT;
        if (!best) return 0;
        total += best + Math.log(1 + count) / 2;
      }
      if (phrase && words.length > 1) {
        var places = [entry.title, entry.content].concat(entry.weighted.map(function (w) { return w[1]; }));
        if (places.some(function (t) { return has(t, phrase); })) total += TOGETHER;
      }
      if (entry.title === phrase) total += EXACT;
      return total;
    }

    function excerpt(entry, words) {
      var text = entry.page.c, low = entry.content, at = -1;
      for (var i = 0; i < words.length && at < 0; i++) {
        var found = positions(low, words[i], 1);
        if (found.length) at = found[0];
      }
      var start = Math.max(0, at - 70), end = Math.min(text.length, Math.max(at, 0) + 150);
      if (start > 0) start = text.indexOf(" ", start) + 1 || start;
      var piece = text.slice(start, end), lowPiece = low.slice(start, end), marks = [];
      words.forEach(function (w) {
        positions(lowPiece, w, 20).forEach(function (p) { marks.push([p, p + w.length]); });
      });
      marks.sort(function (a, b) { return a[0] - b[0]; });
      var html = "", pos = 0;
      marks.forEach(function (m) {
        if (m[0] < pos) return;
        html += escapeHtml(piece.slice(pos, m[0])) + "<mark>" + escapeHtml(piece.slice(m[0], m[1])) + "</mark>";
        pos = m[1];
      });
      html += escapeHtml(piece.slice(pos));
      return (start > 0 ? "… " : "") + html + (end < text.length ? " …" : "");
    }

    function matchesFilters(page, filters) {
      return Object.keys(filters || {}).every(function (name) {
        return (page.f[name] || []).indexOf(filters[name]) >= 0;
      });
    }

    function search(query, options) {
      var quoted = /^\s*".+"\s*$/.test(query);
      var words = terms(query);
      var phrase = words.join(" ");
      var filters = (options || {}).filters;
      var found = [];
      pages.forEach(function (entry) {
        if (!words.length || !matchesFilters(entry.page, filters)) return;
        if (quoted && !has(entry.content, phrase) && !has(entry.title, phrase)) return;
        var s = score(entry, words, phrase);
        if (s > 0) found.push({ entry: entry, score: s });
      });
      found.sort(function (a, b) {
        return b.score - a.score || a.entry.page.t.length - b.entry.page.t.length ||
          (a.entry.page.u < b.entry.page.u ? -1 : 1);
      });
      return Promise.resolve({ results: found.map(function (f) {
        return { id: f.entry.id, score: f.score, data: function () {
          return Promise.resolve({ url: new URL(f.entry.page.u, baseUrl).href,
                                   meta: { title: f.entry.page.t, type: f.entry.page.y },
                                   excerpt: excerpt(f.entry, words) });
        } };
      }) });
    }

    return { search: search, filterOptions: index.filters };
  }

  window.KB_OFFLINE_SEARCH = create;
})();

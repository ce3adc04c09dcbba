/*
 * Site search over Pagefind's JavaScript API (pagefind/<lang>/pagefind.js, the page's edition's
 * bundle, written after the build by macros/kb/search.py). Self-contained: no dependency, no
 * inline script, no other host. In the offline copy (the dialog has data-kb-offline-search) it
 * searches that copy's own index with assets/kb-offline-search.js instead, which answers as
 * Pagefind's API does.
 *
 * Markup: overrides/partials/kb-search.html (the header button, [data-kb-search-open], and the
 * link to the case list that stands in for it without JavaScript, hidden here) and
 * overrides/partials/kb-search-dialog.html (the <dialog data-kb-search> with the form, the
 * filters, a live status line and the result list). Strings come from that markup, and so does
 * the edition's table of readers' words (data-synonyms; see "the readers' words" below).
 *
 * Where the index is: this file is assets/kb-search.js, so the site root is the folder above
 * it, whatever sub-path the site is served from (a GitHub Pages project site included). Both
 * the bundles (ROOT/pagefind/<lang>/) and the result URLs (Pagefind's are site-relative) use it.
 *
 * Downloads: nothing until the dialog is first opened; then pagefind.js, its WebAssembly and
 * the index's entry and metadata; each search then loads the index chunks of its words and one
 * fragment per result shown (10 at a time). The filter option lists load only when "Filters"
 * is opened (pagefind/kb-filters.json), and a filter's page lists only when it is used. Filters narrow a
 * search for words; there is no search by filters alone (Pagefind would load every chunk).
 *
 * Keyboard: "/" (outside a text field) or the header button opens; typing searches; Down/Up
 * arrows move between the box and the results; Tab works as usual; Enter in the box opens the
 * first result, Enter on a result opens it; Escape closes (the native dialog's cancel) and
 * focus returns to the header button. Screen readers: the dialog is labelled by its heading,
 * the form is a search landmark, and the status line (role=status) announces the count.
 *
 * Safety: titles, types and filter values are set as text. Pagefind's excerpts are HTML (its
 * <mark> around matched words); they are parsed in an inert document and only their text and
 * <mark> elements are copied, so no markup from the index can reach the page.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var dialog = document.querySelector("[data-kb-search]");
  var opener = document.querySelector("[data-kb-search-open]");
  if (!script || !dialog || !opener || typeof dialog.showModal !== "function") return;

  var ROOT = new URL("../", script.src);             // the site root, with its sub-path
  var PAGE_SIZE = 10;
  var DEBOUNCE_MS = 150;
  var RANKING = {
    // Pagefind's BM25-like score. Titles, document indexes and names carry data-pagefind-weight
    // in the templates; here: less penalty for long pages (case pages are long and are what
    // people look for), and the title match boost (metaWeights.title) kept at its default 5.
    pageLength: 0.3,
    termFrequency: 1.0,
    termSaturation: 1.4,
    termSimilarity: 1.0,
    metaWeights: { title: 5.0 }
  };

  var form = dialog.querySelector("[data-kb-search-form]");
  var input = dialog.querySelector("[data-kb-search-input]");
  var status = dialog.querySelector("[data-kb-search-status]");
  var list = dialog.querySelector("[data-kb-search-results]");
  var more = dialog.querySelector("[data-kb-search-more]");
  var closer = dialog.querySelector("[data-kb-search-close]");
  var filterBox = dialog.querySelector("[data-kb-search-filters]");
  var selects = Array.prototype.slice.call(dialog.querySelectorAll("select[data-kb-filter]"));
  var caseOnly = Array.prototype.slice.call(dialog.querySelectorAll("[data-kb-case-only]"));
  var CASE = dialog.getAttribute("data-case-type");    // the type filter's value for cases
  var LANG = document.documentElement.lang;            // the edition: en, ko, zh
  var OFFLINE = dialog.hasAttribute("data-kb-offline-search");  // set in the offline copy only

  var enginePromise = null;    // the Pagefind module, once loaded and configured
  var filtersLoaded = false;
  var current = null;          // {search, shown} of the latest search
  var sequence = 0;            // guards against out-of-order answers
  var timer = 0;

  function text(key, values) {
    var s = dialog.getAttribute("data-" + key) || "";
    Object.keys(values || {}).forEach(function (k) { s = s.split("{" + k + "}").join(values[k]); });
    return s;
  }

  function engine() {
    if (!enginePromise) {
      enginePromise = OFFLINE ? offlineEngine() : pagefind();
      enginePromise.catch(function () { enginePromise = null; });
    }
    return enginePromise;
  }

  function pagefind() {
    return import(new URL("pagefind/" + LANG + "/pagefind.js", ROOT).href).then(function (pf) {
      return pf.options({
        baseUrl: ROOT.pathname,
        excerptLength: 24,
        // Pagefind 1.5 matches words without their diacritics by decomposing them (NFD) and
        // dropping the marks; NFD also splits every Hangul syllable into its letters (강 into
        // ᄀ ᅡ ᆼ), so the particle 가 reads as the start of 강제북송, and a word found nowhere
        // falls back to the longest indexed word it starts with: 강제북송 found "라이선스)가"
        // in the licence text. Korean has no diacritics to fold: match it as written.
        exactDiacritics: LANG === "ko",
        ranking: RANKING
      }).then(function () { return pf.init(); }).then(function () { return pf; });
    });
  }

  // The offline copy (macros/kb/offline/, opened from disk): its own engine and the edition's
  // index, loaded by plain <script> elements, which browsers run from file:// where they
  // refuse modules and fetches.
  function load(href) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = href;
      tag.charset = "utf-8";
      tag.onload = resolve;
      tag.onerror = reject;
      document.head.appendChild(tag);
    });
  }
  function offlineEngine() {
    return Promise.all([load(new URL("assets/kb-offline-search.js", ROOT).href),
                        load(new URL("assets/kb-offline/" + LANG + ".js", ROOT).href)])
      .then(function () { return window.KB_OFFLINE_SEARCH(window.KB_OFFLINE_INDEX, ROOT.href); });
  }

  // --- opening and closing ----------------------------------------------------------------
  function open() {
    if (dialog.open) return;
    dialog.showModal();
    input.focus();
    input.select();
    engine().catch(function () { say(text("failed")); });
  }

  function close() {
    if (!dialog.open) return;
    dialog.close();
    opener.focus();                                    // at once, not when "close" fires
  }

  dialog.addEventListener("close", function () { opener.focus(); });
  opener.addEventListener("click", open);
  closer.addEventListener("click", close);
  dialog.addEventListener("click", function (e) {
    if (e.target === dialog) close();                  // a click on the backdrop
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || dialog.open) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    e.preventDefault();
    open();
  });

  // --- searching ----------------------------------------------------------------------------
  function say(message) { status.textContent = message; }

  function chosenFilters() {
    var out = {};
    selects.forEach(function (s) {
      var hidden = s.closest("[data-kb-case-only]") && out.type !== CASE;
      if (s.value && !hidden) out[s.getAttribute("data-kb-filter")] = s.value;
    });
    // Only cases have a status, year, place or principle: with one of those chosen, the type
    // filter adds nothing but its page list, the largest (every page; 30 KB at 5,000 cases).
    if (Object.keys(out).length > 1) delete out.type;
    return out;
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  }

  function run() {
    var query = input.value.trim();
    var filters = chosenFilters();
    var filtered = Object.keys(filters).length > 0;
    var mine = ++sequence;
    if (!query) {
      // No filter-only search: without words Pagefind (1.5.2) loads every index chunk (1.4 MB
      // at 1,000 cases). Browsing by filters alone is what the case list page is for.
      current = null;
      list.textContent = "";
      more.hidden = true;
      say(filtered ? text("need-query") : "");
      return;
    }
    say(text("searching"));
    engine().then(function (pf) {
      return find(pf, query, filters);
    }).then(function (search) {
      if (mine !== sequence) return;
      current = { search: search, shown: 0, query: query };
      list.textContent = "";
      var n = search.results.length;
      var also = search.also || [];
      say(text(n === 0 ? "count-none" : n === 1 ? "count-one" : "count-other",
               { count: n, query: query }) +
          (also.length ? " " + text("also", { words: also.join(text("also-separator")) }) : ""));
      return showMore();
    }).catch(function () {
      if (mine === sequence) say(text("failed"));
    });
  }

  // A query in quotes is an exact phrase. Pagefind (1.5.2) finds the pages that hold the
  // phrase but gives them all the same score (its search.rs: "TODO" for quoted searches), so
  // they come in page order. Rank them as the same words unquoted would rank, keeping only the
  // pages that hold the phrase. Both searches load the same index chunks.
  var PHRASE = /^\s*".+"\s*$/;
  // Words so common that their index chunks are among the largest (at 5,000 cases "of" alone
  // is tens of KB) while they narrow nothing: left out of an unquoted query that has other
  // words. A quoted phrase keeps them.
  var STOP = { a: 1, an: 1, and: 1, at: 1, by: 1, "for": 1, from: 1, "in": 1, of: 1, on: 1,
               or: 1, the: 1, to: 1, with: 1 };
  function trimmed(query) {
    var words = query.split(/\s+/).filter(Boolean);
    var kept = words.filter(function (w) { return !STOP[w.toLowerCase()]; });
    return kept.length ? kept.join(" ") : query;
  }
  function find(pf, query, filters) {
    var options = { filters: filters };
    if (!PHRASE.test(query)) return readersWords(pf, trimmed(query), filters);
    return Promise.all([pf.search(query, options),
                        pf.search(trimmed(query.replace(/"/g, " ").trim()), options)])
      .then(function (both) {
        var exact = both[0], loose = both[1];
        var wanted = {};
        exact.results.forEach(function (r) { wanted[r.id] = true; });
        var ranked = loose.results.filter(function (r) { return wanted[r.id]; });
        var seen = {};
        ranked.forEach(function (r) { seen[r.id] = true; });
        exact.results.forEach(function (r) { if (!seen[r.id]) ranked.push(r); });
        return { results: ranked };
      });
  }

  // --- the readers' words -------------------------------------------------------------------
  // Readers search with words the records do not use: 북송 and 탈북민 where the Korean text
  // says 강제송환 and 북한 주민, 脱北者 where the Chinese says 朝鲜人, "defector" where the
  // English says "North Koreans". Pagefind (1.5.2) has no synonyms, so the query is expanded
  // here, from the edition's table (data-synonyms on the dialog, from
  // macros/kb/pages/locales/search-words.yml): a query word that starts with a reader's word
  // of the table (탈북민들, defectors) is also searched as each of the site's words for it.
  // Every combination is one Pagefind search in which every word is required; a page found by
  // several keeps its best score. Chosen over hidden words in the pages: the index holds only
  // what a page shows, excerpts show the words actually found, the status line names the words
  // also searched for, and one file per site says which words stand for which.
  var SYNONYMS = JSON.parse(dialog.getAttribute("data-synonyms") || "{}");
  var MAX_QUERIES = 8;        // combinations searched at most (each loads its words' chunks)
  var SEGMENTER = /^(zh|ja|th)/.test(LANG) && typeof Intl.Segmenter === "function" ?
    new Intl.Segmenter(LANG, { granularity: "word" }) : null;

  function fold(word) { return word.normalize("NFKC").toLocaleLowerCase(); }

  function alternatives(word) {
    var w = fold(word), key = "";
    Object.keys(SYNONYMS).forEach(function (k) {
      if (w.indexOf(k) === 0 && k.length > key.length) key = k;
    });
    return [word].concat(key ? SYNONYMS[key] : []);
  }

  function combinations(choices) {
    var out = [[]];
    choices.forEach(function (options) {
      var next = [];
      out.forEach(function (start) {
        options.forEach(function (o) { if (next.length < MAX_QUERIES) next.push(start.concat(o)); });
      });
      out = next;
    });
    return out.map(function (words) { return words.join(" "); });
  }

  function readersWords(pf, query, filters) {
    var choices = query.split(/\s+/).filter(Boolean).map(alternatives);
    return Promise.all(combinations(choices).map(function (q) {
      return everyWord(pf, q, filters);
    })).then(function (answers) {
      var answer = merged(answers);
      // the site's words also searched for, named in the status line
      return { results: answer.results, also: [].concat.apply([], choices.map(function (c) {
        return c.slice(1);
      })) };
    });
  }

  // Pagefind (1.5.2) leaves out of a query every word it finds nowhere and answers for the
  // others ("Changchun xyzzy" found the 16 pages on Changchun). Each word is also searched
  // alone (in the index chunks already loaded for the query): one found nowhere empties the
  // answer. Words as Pagefind splits them: at spaces, and in Chinese by the browser's word
  // segmenter, as its own script does.
  function wordsOf(query) {
    var out = [];
    query.split(/\s+/).forEach(function (w) {
      if (!SEGMENTER) { out.push(w); return; }
      Array.from(SEGMENTER.segment(w)).forEach(function (s) { if (s.isWordLike) out.push(s.segment); });
    });
    return out.filter(function (w) { return /[\p{L}\p{N}]/u.test(w); });
  }

  function everyWord(pf, query, filters) {
    var words = wordsOf(query);
    var whole = pf.search(query, { filters: filters });
    if (words.length < 2) return whole;
    return Promise.all([whole].concat(words.map(function (w) { return pf.search(w); })))
      .then(function (all) {
        var found = all.slice(1).every(function (s) { return s.results.length > 0; });
        return found ? all[0] : { results: [] };
      });
  }

  function merged(answers) {
    if (answers.length === 1) return answers[0];
    var best = {}, total = {}, order = [];
    answers.forEach(function (answer) {
      answer.results.forEach(function (r) {
        if (!best[r.id]) { order.push(r.id); total[r.id] = 0; }
        if (!best[r.id] || (r.score || 0) > (best[r.id].score || 0)) best[r.id] = r;
        total[r.id] += r.score || 0;
      });
    });
    order.sort(function (a, b) { return total[b] - total[a]; });  // stable: ties keep order
    return { results: order.map(function (id) { return best[id]; }) };
  }

  function showMore() {
    if (!current) return Promise.resolve();
    var mine = sequence;
    var batch = current.search.results.slice(current.shown, current.shown + PAGE_SIZE);
    current.shown += batch.length;
    more.hidden = current.shown >= current.search.results.length;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (items) {
      if (mine !== sequence) return;
      items.forEach(function (data) { list.appendChild(resultItem(data)); });
    });
  }

  function resultItem(data) {
    var li = document.createElement("li");
    li.className = "kb-search__result";
    var a = document.createElement("a");
    a.className = "kb-search__link";
    a.href = data.url;                                  // baseUrl already applied by Pagefind
    var meta = data.meta || {};
    if (meta.type) {
      var type = document.createElement("span");
      type.className = "kb-search__type";
      type.textContent = meta.type;
      a.appendChild(type);
      a.appendChild(document.createTextNode(" "));
    }
    var title = document.createElement("span");
    title.className = "kb-search__result-title";
    title.textContent = meta.title || data.url;
    a.appendChild(title);
    li.appendChild(a);
    var excerpt = document.createElement("p");
    excerpt.className = "kb-search__excerpt";
    appendExcerpt(excerpt, data.excerpt || "");
    li.appendChild(excerpt);
    return li;
  }

  // Only text and <mark> from Pagefind's excerpt HTML reach the page.
  var parser = new DOMParser();
  function appendExcerpt(target, html) {
    var doc = parser.parseFromString("<body>" + html + "</body>", "text/html");
    (function copy(node, into) {
      node.childNodes.forEach(function (child) {
        if (child.nodeType === 3) {
          into.appendChild(document.createTextNode(child.nodeValue));
        } else if (child.nodeType === 1 && child.tagName === "MARK") {
          var mark = document.createElement("mark");
          copy(child, mark);
          into.appendChild(mark);
        } else if (child.nodeType === 1) {
          copy(child, into);
        }
      });
    })(doc.body, target);
  }

  input.addEventListener("input", schedule);
  more.addEventListener("click", function () {
    var first = current ? current.shown : 0;
    showMore().then(function () {
      var link = list.querySelectorAll(".kb-search__link")[first];
      if (link) link.focus();
    });
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();                                 // the form never leaves the page
    var first = list.querySelector(".kb-search__link");
    if (first && document.activeElement === input) first.click();
  });

  // --- filters ------------------------------------------------------------------------------
  function showCaseFilters() {
    var isCase = selects[0].value === CASE;
    caseOnly.forEach(function (el) { el.hidden = !isCase; });
  }

  function fillFilters() {
    if (filtersLoaded) return;
    filtersLoaded = true;
    // Values and counts from pagefind/kb-filters.json (written by macros/kb/search.py), not
    // pagefind.filters(), which would download every filter's page lists.
    (OFFLINE ? engine().then(function (pf) {
      var own = {};
      own[LANG] = pf.filterOptions;                     // the offline index's own counts
      return own;
    }) : fetch(new URL("pagefind/kb-filters.json", ROOT).href).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    })).then(function (editions) {
      // one set per edition, as Pagefind keeps one index per page language
      var all = editions[LANG] || {};
      selects.forEach(function (select) {
        var values = all[select.getAttribute("data-kb-filter")] || {};
        var keys = Object.keys(values).sort(function (a, b) {
          var na = /^\d+$/.test(a), nb = /^\d+$/.test(b);   // years in order, then words
          if (na && nb) return Number(a) - Number(b);
          if (na !== nb) return na ? -1 : 1;
          return a.localeCompare(b);
        });
        keys.forEach(function (value) {
          var option = document.createElement("option");
          option.value = value;
          option.textContent = value + " (" + values[value] + ")";
          select.appendChild(option);
        });
      });
    }).catch(function () { filtersLoaded = false; say(text("failed")); });
  }

  showCaseFilters();
  filterBox.addEventListener("toggle", function () { if (filterBox.open) fillFilters(); });
  selects.forEach(function (s) {
    s.addEventListener("change", function () { showCaseFilters(); schedule(); });
  });

  // --- keyboard in the dialog -----------------------------------------------------------------
  dialog.addEventListener("keydown", function (e) {
    // Keep the theme's page-wide shortcuts (n, p, ...) from acting behind the dialog.
    e.stopPropagation();
    if (e.key === "Escape") {
      // Closes at once, also from the search box, where Chromium's own Escape would first
      // only clear the text (input type=search) and swallow the dialog's cancel.
      e.preventDefault();
      close();
      return;
    }
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(list.querySelectorAll(".kb-search__link"));
    if (!links.length) return;
    var at = links.indexOf(document.activeElement);
    if (document.activeElement === input) {
      if (e.key !== "ArrowDown") return;
      links[0].focus();
    } else if (at >= 0) {
      if (e.key === "ArrowDown") (links[at + 1] || (more.hidden ? links[at] : more)).focus();
      else (at === 0 ? input : links[at - 1]).focus();
    } else {
      return;
    }
    e.preventDefault();
  });

  // Search is available: the button replaces the link to the case list that stands in for it
  // without JavaScript (partials/kb-search.html).
  var fallback = document.querySelector("[data-kb-search-fallback]");
  if (fallback) fallback.hidden = true;
  opener.hidden = false;
})();

/* Knowledge base tools: progressive enhancement of pages that work without JavaScript.
 *
 * - Copy buttons after every element marked data-kb-copy (letters, citations).
 * - Filters for a table or list named by data-kb-filters (case index, global timeline): the
 *   controls are in the HTML, hidden until this script shows them; each row carries its
 *   values in data-<filter> attributes (space-separated), computed at build time.
 * - Sortable columns for th[data-kb-sort], using each row's data-sort-<key> attribute.
 * - Letter fields (data-kb-letter-fields): the reader's name and town, typed once, fill the
 *   placeholders of every letter of that appeal (and its mailto: link); the date line gets
 *   today's date. Nothing typed leaves the page.
 * - Appeal states (data-kb-open-until): an appeal open on the build date is checked against
 *   the reader's date; once past its last day the page says it is closed.
 * - For printing: each link in the article gets data-print-url (its absolute address), which
 *   print.css shows after the link text.
 * Every string shown comes from the page's data attributes (locales/en.yml). No inline
 * script or handler is needed, so the page's Content-Security-Policy allows this file only.
 */
(function () {
  "use strict";

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "kb-copy__scratch";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (err) {
      ok = false;
    }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        return fallbackCopy(text);
      });
    }
    return fallbackCopy(text);
  }

  function selectContents(el) {
    var range = document.createRange();
    range.selectNodeContents(el);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  function addCopyButtons(root) {
    each(root.querySelectorAll("[data-kb-copy]"), function (el) {
      if (el.hasAttribute("data-kb-copy-ready")) return;
      el.setAttribute("data-kb-copy-ready", "");
      var box = document.createElement("span");
      box.className = "kb-copy";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kb-copy__button";
      button.textContent = el.getAttribute("data-kb-copy");
      if (el.id) button.setAttribute("aria-controls", el.id);
      var status = document.createElement("span");
      status.className = "kb-copy__status";
      status.setAttribute("role", "status");
      button.addEventListener("click", function () {
        status.textContent = "";
        copyText(el.textContent).then(function () {
          status.textContent = el.getAttribute("data-kb-copied");
        }, function () {
          selectContents(el);
          status.textContent = el.getAttribute("data-kb-copy-failed");
        });
      });
      box.appendChild(button);
      box.appendChild(status);
      el.insertAdjacentElement("afterend", box);
    });
  }

  function itemsOf(target) {
    var list = target.tBodies ? target.tBodies[0].rows : target.children;
    return Array.prototype.slice.call(list);
  }

  function setupFilters(box) {
    if (box.hasAttribute("data-kb-ready")) return;
    var target = document.getElementById(box.getAttribute("data-kb-filters"));
    if (!target) return;
    box.setAttribute("data-kb-ready", "");
    var selects = box.querySelectorAll("select[data-kb-filter]");
    var count = box.querySelector("[data-kb-count]");
    var plural = new Intl.PluralRules(document.documentElement.lang || undefined);
    var empty = box.parentNode.querySelector("[data-kb-empty]");
    var reset = box.querySelector("[data-kb-reset]");

    function apply() {
      var items = itemsOf(target);
      var shown = 0;
      each(items, function (item) {
        var match = true;
        each(selects, function (select) {
          if (!select.value) return;
          var values = (item.getAttribute("data-" + select.getAttribute("data-kb-filter")) ||
                        "").split(" ");
          if (values.indexOf(select.value) < 0) match = false;
        });
        item.hidden = !match;
        if (match) shown += 1;
      });
      if (count) {  // the form that fits the total: "of 1 case", "of 4 cases"
        var template = box.getAttribute("data-kb-count-" + plural.select(items.length)) ||
                       box.getAttribute("data-kb-count-other") || "";
        count.textContent = template.replace("{shown}", String(shown))
          .replace("{total}", String(items.length));
      }
      if (empty) empty.hidden = shown > 0;
    }

    each(selects, function (select) {
      select.addEventListener("change", apply);
    });
    if (reset) {
      reset.addEventListener("click", function () {
        each(selects, function (select) { select.value = ""; });
        apply();
      });
    }
    box.hidden = false;
    apply();
  }

  function setupSort(table) {
    if (table.hasAttribute("data-kb-sort-ready") || !table.tBodies.length) return;
    table.setAttribute("data-kb-sort-ready", "");
    var heads = table.querySelectorAll("th[data-kb-sort]");
    var body = table.tBodies[0];
    each(heads, function (th) {
      var key = th.getAttribute("data-kb-sort");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kb-sort";
      button.textContent = th.textContent;
      button.title = table.getAttribute("data-kb-sort-label") || "";
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        each(heads, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.getAttribute("data-sort-" + key) || "";
          var y = b.getAttribute("data-sort-" + key) || "";
          var order = x < y ? -1 : (x > y ? 1 : 0);
          return ascending ? order : -order;
        });
        each(rows, function (row) { body.appendChild(row); });
      });
    });
  }

  function replaceAll(text, marks) {
    Object.keys(marks).forEach(function (mark) {
      text = text.split(mark).join(marks[mark]);
    });
    return text;
  }

  function setupLetterFields(box) {
    if (box.hasAttribute("data-kb-ready")) return;
    box.setAttribute("data-kb-ready", "");
    var appeal = box.closest(".kb-appeal") || document;
    var letters = appeal.querySelectorAll("pre.kb-letter__text");
    var links = appeal.querySelectorAll('.kb-letter__mailto a[href^="mailto:"]');
    var inputs = box.querySelectorAll("input[data-kb-fill]");
    var pageLang = document.documentElement.lang || undefined;
    each(letters, function (pre) { pre.setAttribute("data-kb-template", pre.textContent); });
    each(links, function (a) { a.setAttribute("data-kb-template", a.getAttribute("href")); });

    // A letter in another language than the page's (the addressee's) carries its own
    // placeholders and gets the date in its own language.
    function marksFor(own, lang) {
      var marks = {};
      // the site writes English dates day first (1 March 2012), as the letter's own date
      marks[own.getAttribute("data-kb-date")] = new Intl.DateTimeFormat(
        lang === "en" ? "en-GB" : lang, {dateStyle: "long"}).format(new Date());
      each(inputs, function (input) {
        var mark = own.getAttribute("data-kb-" + input.getAttribute("data-kb-fill"));
        marks[mark] = input.value.trim() || mark;
      });
      return marks;
    }

    function fill() {
      var marks = marksFor(box, pageLang);
      var encoded = {};
      Object.keys(marks).forEach(function (mark) {
        encoded[encodeURIComponent(mark)] = encodeURIComponent(marks[mark]);
      });
      each(letters, function (pre) {
        var own = pre.hasAttribute("data-kb-date") ? marksFor(pre, pre.lang) : marks;
        pre.textContent = replaceAll(pre.getAttribute("data-kb-template"), own);
      });
      each(links, function (a) {
        a.setAttribute("href", replaceAll(a.getAttribute("data-kb-template"), encoded));
      });
    }

    each(inputs, function (input) { input.addEventListener("input", fill); });
    box.hidden = false;
    fill();
  }

  // An appeal open on the build date may have closed since: where the reader's date is past
  // its last day, say so (the build date's state stays for readers without scripts).
  function recheckAppeals(root) {
    var now = new Date();
    var today = [now.getFullYear(), now.getMonth() + 1, now.getDate()].map(function (n) {
      return (n < 10 ? "0" : "") + n;
    }).join("-");
    var lang = document.documentElement.lang || undefined;
    if (lang === "en") lang = "en-GB";  // the site writes English dates day first
    var words = new Intl.DateTimeFormat(lang, {dateStyle: "long"}).format(now);
    each(root.querySelectorAll("[data-kb-open-until]"), function (p) {
      var time = p.querySelector("time");
      if (time) {
        time.setAttribute("datetime", today);
        time.textContent = p.getAttribute("data-kb-as-of").split("{date}").join(words);
      }
      if (today <= p.getAttribute("data-kb-open-until")) return;
      p.querySelector("strong").textContent = p.getAttribute("data-kb-closed");
      p.classList.remove("kb-appeal__state--open");
      p.classList.add("kb-appeal__state--closed-deadline");
      var appeal = p.closest(".kb-appeal");
      if (appeal) {
        appeal.setAttribute("data-state", "closed-deadline");
        closeLetters(appeal.querySelector("details.kb-letters[data-kb-closed-note]"));
      }
    });
  }

  // A closed appeal keeps what was asked and of whom, folded, with nothing to copy or send:
  // as the build writes it for an appeal already closed on the build date (kb-tools.css hides
  // the letters' text, fields, copy buttons and e-mail links under data-kb-closed).
  function closeLetters(details) {
    if (!details || details.hasAttribute("data-kb-closed")) return;
    details.setAttribute("data-kb-closed", "");
    details.open = false;
    details.querySelector("summary").textContent = details.getAttribute("data-kb-summary-closed");
    var note = document.createElement("p");
    note.className = "kb-letters__closed";
    note.textContent = details.getAttribute("data-kb-closed-note");
    details.querySelector("summary").insertAdjacentElement("afterend", note);
  }

  function markLinksForPrint(root) {
    each(root.querySelectorAll("article a[href]:not(svg a)"), function (a) {
      var href = a.getAttribute("href") || "";
      if (href.charAt(0) === "#" || a.classList.contains("headerlink")) return;
      if (/^(mailto|javascript):/i.test(href)) return;
      a.setAttribute("data-print-url", a.href);
    });
  }

  function init() {
    addCopyButtons(document);
    each(document.querySelectorAll("[data-kb-filters]"), setupFilters);
    each(document.querySelectorAll("table th[data-kb-sort]"), function (th) {
      setupSort(th.closest("table"));
    });
    each(document.querySelectorAll("[data-kb-letter-fields]"), setupLetterFields);
    recheckAppeals(document);
    markLinksForPrint(document);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);  // Material's page-load signal (also with instant loading)
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());

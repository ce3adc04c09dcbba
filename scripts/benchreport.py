"""The benchmark's figures as a Markdown table and as the targets they meet or miss
(scripts/bench.py measures; this words the results)."""
from __future__ import annotations

MB = 1024 * 1024


def table(rows: list[dict]) -> str:
    head = ("| N cases | records | what | seconds (median) | peak MB | pages | output MB "
            "| search on disk MB | case page KB | largest page KB | generator / baseline |")
    lines = [head, "|" + "|".join("---" for _ in range(head.count("|") - 1)) + "|"]
    for r in rows:
        b, p = r.get("build"), r.get("baseline")
        for name in ("validate", "validate_records"):
            v = r[name]
            lines.append(f"| {r['n']:,} | {r['records']:,} | {name.replace('_', ' + ')} "
                         f"| {v['seconds']:.2f} | {v['peak'] / MB:.0f} | | | | | | |")
        if b is None:  # --validate-only
            continue
        ratio = f"{b['seconds'] / p['seconds']:.2f}" if p else ""
        for name, m in (("build", b), ("baseline", p), ("zensical", r.get("zensical"))):
            if not m:
                continue
            lines.append(
                f"| {r['n']:,} | {r['records']:,} | {name} | {m['seconds']:.1f} "
                f"| {m['peak'] / MB:.0f} | {m['pages']:,} | {m['output'] / MB:.0f} "
                f"| {m['search'] / MB:.1f} "
                f"| {m['case_html'] / 1024:.1f} | {m['largest'][0] / 1024:.0f} "
                f"| {ratio if name == 'build' else ''} |")
    return "\n".join(lines)


def targets(rows: list[dict]) -> str:
    by_n = {r["n"]: r for r in rows}
    out = []
    for r in rows:
        b, p = r.get("build"), r.get("baseline")
        if p:
            ratio = b["seconds"] / p["seconds"]
            out.append(f"N={r['n']:,}: build / baseline = {ratio:.2f} "
                       f"({'met' if ratio <= 0.8 else 'NOT met'}: target 0.8, the search "
                       f"step included on both sides)")
        if r.get("zensical"):
            out.append(f"N={r['n']:,}: Zensical build / MkDocs build = "
                       f"{r['zensical']['seconds'] / b['seconds']:.2f} (every edition, exports "
                       f"and search index on both sides)")
        per = r["validate"]["seconds"] / r["records"] * 10000
        out.append(f"N={r['n']:,}: validation of {r['records']:,} records "
                   f"{r['validate']['seconds']:.2f} s ({per:.2f} s per 10,000 records: "
                   f"{'met' if per < 2 else 'NOT met'}, target 2 s); keeping the records for "
                   f"the build {r['validate_records']['seconds']:.2f} s")
        if b is None:  # --validate-only
            continue
        out.append(f"N={r['n']:,}: case page HTML {b['case_html'] / 1024:.1f} KB on average "
                   f"({'met' if b['case_html'] < 40 * 1024 else 'NOT met'}: target 40 KB); "
                   f"largest page {b['largest'][1]} {b['largest'][0] / 1024:.0f} KB "
                   f"({'met' if b['largest'][0] <= 500 * 1024 else 'NOT met'}: target 500 KB)")
        for lang, d in b.get("drawings", {}).items():
            out.append(f"N={r['n']:,} ({lang}): drawings on the average case page: timeline "
                       f"{d['timeline'] / 1024:.1f} KB, map {d['map'] / 1024:.1f} KB; home page "
                       f"{d['home_html'] / 1024:.1f} KB, its map {d['home_map'] / 1024:.1f} KB "
                       f"({'met' if d['home_map'] < 60 * 1024 else 'NOT met'}: target 60 KB)")
        if r.get("no_drawings"):
            nd = r["no_drawings"]
            cost, cpu = b["seconds"] - nd["seconds"], b["cpu"] - nd["cpu"]
            out.append(f"N={r['n']:,}: drawings cost {cost:.1f} s of the build "
                       f"({b['seconds']:.1f} s with them, {nd['seconds']:.1f} s without; "
                       f"{cost / b['seconds']:.0%}), {cpu:.1f} CPU seconds ({b['cpu']:.1f} "
                       f"against {nd['cpu']:.1f})")
        if p:
            out.append(f"N={r['n']:,}: baseline: one search downloads {p['search'] / MB:.1f} MB "
                       f"({p['search_gz'] / MB:.1f} MB gzip: lunr index + worker)")
        for q in r.get("probe", []):
            out.append(f"N={r['n']:,}: search {q['query']!r}: {q['gzip'] / 1024:.0f} KB gzip "
                       f"({q['raw'] / 1024:.0f} KB raw, {q['requests']} requests; "
                       f"{'met' if q['gzip'] <= 300 * 1024 else 'NOT met'}: target 300 KB); "
                       f"first: {', '.join(q['top']) or 'nothing'}")
    if 1000 in by_n and 5000 in by_n and by_n[1000].get("build"):
        t = by_n[5000]["build"]["seconds"] / by_n[1000]["build"]["seconds"]
        m = by_n[5000]["build"]["peak"] / by_n[1000]["build"]["peak"]
        out.append(f"linearity 1,000 -> 5,000: time x{t:.2f}, peak memory x{m:.2f} "
                   f"({'met' if t <= 5.5 and m <= 5.5 else 'NOT met'}: target 5.5)")
        small, large = by_n[1000].get("probe"), by_n[5000].get("probe")
        if small and large:
            grow = [b["gzip"] / a["gzip"] for a, b in zip(small, large)]
            out.append("search download 1,000 -> 5,000: " + ", ".join(
                f"{q['query']} x{g:.2f}" for q, g in zip(small, grow)))
    return "\n".join(out)

#!/usr/bin/env python3
"""Realistic synthetic data for the benchmark: N cases and the records they refer to.

    python scripts/synthetic.py N OUT_DIR [--seed S]

Writes OUT_DIR/<type>/<id>.yml in the shape of macros/kb/data/model.py. Every case has about 8
timeline events, cites about 3 sources and refers to about 5 principles, places and
authorities (through its appeal's addressees), drawn from pools that grow with N. Dates are
EDTF of varied precision (days, months, years, approximate, uncertain, windows, early/mid/late
months, open periods and dates whose year is not stated); every statement is a Claim citing
sources; people at risk appear only as counts. Nothing here is a real case, and no name is a
real person's: office holders are "Official 0042" and the like.

Never write into data/: the benchmark writes into a temporary folder.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import project_python  # noqa: F401  (.venv's Python, if this one lacks the project's)
import yaml

ROOT = Path(__file__).resolve().parents[1]

from macros.kb.data import dates

Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

WORDS = {
    "verb": ["detained", "stopped", "arrested", "held", "questioned", "transferred", "moved",
             "searched", "registered", "separated"],
    "agent": ["border police", "public security officers", "local police", "plain-clothes officers",
              "railway police", "a patrol", "immigration officers", "security agents"],
    "where": ["at a bus station", "in a rented flat", "near the river crossing", "on a train",
              "at a checkpoint", "in a guest house", "near the consulate", "at a market",
              "in a church shelter", "on a rural road"],
    "group": ["women and men", "a family with two children", "young adults", "a mother and her "
              "daughter", "several teenagers", "former factory workers", "people travelling "
              "together", "relatives of earlier defectors"],
    "aim": ["reach South Korea", "cross into a third country", "seek help from an embassy",
            "join relatives abroad", "find work and send money home", "apply for asylum"],
    "risk": ["torture and other ill-treatment", "forced labour", "arbitrary detention",
             "enforced disappearance", "interrogation about contacts abroad", "long prison terms",
             "punishment of relatives", "denial of medical care"],
    "ask": ["Do not return the group to North Korea", "Allow them to travel on to a safe country",
            "Give them access to the UN refugee agency", "Let them see a lawyer",
            "Tell their families where they are held", "Treat the children according to their "
            "best interests", "Stop treating them as economic migrants"],
}
SYLLABLES = ["an", "bai", "chang", "dong", "fu", "gang", "hai", "jin", "kang", "li", "ming",
             "nan", "ping", "qing", "shan", "tai", "wen", "xin", "yan", "zhou"]
STATUSES = ["at-risk", "returned", "fate-unknown", "released", "no-further-action"]
QUALIFIERS = ["exactly", "at-least", "around", "up-to"]


class Gen:
    def __init__(self, n: int, seed: int):
        self.n, self.rnd = n, random.Random(seed)

    def pick(self, key: str) -> str:
        return self.rnd.choice(WORDS[key])

    def sentence(self, *parts: str) -> str:
        s = " ".join(p for p in parts if p)
        return s[0].upper() + s[1:] + "."

    def prose(self, sentences: int) -> str:
        out = []
        for _ in range(sentences):
            out.append(self.rnd.choice([
                lambda: self.sentence(self.pick("agent"), self.pick("verb"), "them",
                                      self.pick("where"), "in", self.name()),
                lambda: self.sentence("they had hoped to", self.pick("aim"), "from",
                                      self.name(), f"within {self.rnd.randint(2, 60)} days"),
                lambda: self.sentence("if returned they would face",
                                      " and ".join(self.rnd.sample(WORDS["risk"], 2))),
                lambda: self.sentence("the group included", self.pick("group"), "from",
                                      self.name(), "county"),
                lambda: self.sentence(f"relatives said on {self.rnd.randint(2, 28)} occasions "
                                      "that the authorities gave no reason and allowed *no visits*"),
                lambda: self.sentence("a lawyer who asked about them", self.rnd.choice(
                    ["was turned away", "received no answer", "was told to wait"]),
                    self.pick("where")),
                lambda: self.sentence(self.rnd.choice(["two", "three", "several", "most"]),
                                      "of them had been", self.pick("verb"), "before"),
            ])())
        return " ".join(out)

    def name(self) -> str:
        return "".join(self.rnd.choice(SYLLABLES) for _ in range(2)).capitalize()

    def claim(self, sources: list[str], sentences: int = 2) -> dict:
        k = min(len(sources), self.rnd.choice([1, 1, 2]))
        return {"text": self.prose(sentences), "sources": self.rnd.sample(sources, k)}

    # dates ---------------------------------------------------------------------------------
    def period(self) -> str:
        y = self.rnd.randint(1998, 2024)
        m = self.rnd.randint(1, 10)
        return self.rnd.choice([
            f"{y}-{m:02d}-{self.rnd.randint(1, 28):02d}/{y}-{m + 2:02d}-{self.rnd.randint(1, 28):02d}",
            f"{y}-{m:02d}/{y + self.rnd.randint(0, 1)}-{m + 2:02d}",
            f"{y}/{y + 1}",
            f"{y}-{m:02d}/..",
        ])

    def event_date(self, period: str):
        """A date inside the period, of varied precision (checked with the project's parser)."""
        lo, hi = dates.parse(period).bounds()
        open_end = period.endswith("..")
        while True:
            y = self.rnd.randint(lo[0], min(hi[0], lo[0] + 1))
            m0 = lo[1] if y == lo[0] and lo[1] else 1
            m, d = self.rnd.randint(m0, min(12, m0 + 2)), self.rnd.randint(1, 28)
            form = self.rnd.choices(range(9), weights=[30, 10, 8, 6, 6, 5, 5, 4, 4])[0]
            value = [f"{y}-{m:02d}-{d:02d}", f"{y}-{m:02d}", f"{y}", f"{y}-{m:02d}-{d:02d}~",
                     f"{y}-{m:02d}?", f"[{y}-{m:02d}-{d:02d}..{y}-{m:02d}-{min(d + 5, 28):02d}]",
                     f"{y}-{m:02d}-{d:02d}/{y}-{m:02d}-{min(d + 3, 28):02d}",
                     {"edtf": f"{y}-{m:02d}", "part": self.rnd.choice(dates.PARTS)},
                     f"XXXX-{m:02d}-{d:02d}" if open_end else f"{y}-{m:02d}-{d:02d}"][form]
            edtf, part = (value["edtf"], value["part"]) if isinstance(value, dict) else (value, None)
            elo, ehi = dates.parse(edtf, part).bounds()
            if lo <= elo and ehi <= hi:
                return value

    # records -------------------------------------------------------------------------------
    def build(self) -> dict[str, dict[str, dict]]:
        n, rnd = self.n, self.rnd
        out: dict[str, dict[str, dict]] = {t: {} for t in (
            "sources", "organisations", "places", "instruments", "principles", "offices",
            "authorities", "cases", "events", "background")}
        # map points: inside each country; cities over 121-127 E, 42.5-46 N (China); no rnd call
        countries = {"china": (103.8, 36.0), "north-korea": (127.0, 40.3),
                     "south-korea": (127.8, 36.5), "mongolia": (103.0, 46.8)}
        for c, (lon, lat) in countries.items():
            out["places"][c] = {"name": c.replace("-", " ").title(), "kind": "country",
                                "coordinates": {"lon": lon, "lat": lat}}
        places = [f"city-{i:04d}" for i in range(max(8, n // 10))]
        orgs = [f"org-{i:03d}" for i in range(max(3, n // 100))]
        shared = [f"report-{i:04d}" for i in range(max(3, n // 5))]
        seed_src = shared[0]
        for k, pid in enumerate(places):
            out["places"][pid] = {"name": self.name(), "kind": "city", "within": "china",
                                  "coordinates": {"lon": round(121 + k * 37 % 60 / 10, 1),
                                                  "lat": round(42.5 + k * 53 % 35 / 10, 1)},
                                  "within_sources": [seed_src],
                                  "about": [self.claim([seed_src], 1)]}
        for i, oid in enumerate(orgs):
            out["organisations"][oid] = {
                "name": f"{self.name()} Rights Network", "abbreviation": f"RN{i}",
                "kind": rnd.choice(["ngo", "ngo", "un-body"]), "country": "south-korea",
                "about": [self.claim([seed_src], 1)]}
        for i, sid in enumerate(shared):
            out["sources"][sid] = self.source(rnd.choice(orgs), i, rnd.choice(
                ["press-release", "report", "letter"]))
        instruments = [f"instrument-{i:02d}" for i in range(max(2, n // 500))]
        for iid in instruments:
            out["instruments"][iid] = {
                "name": f"Convention on {self.name()} Protection", "short_name": self.name(),
                "adopted": f"{rnd.randint(1948, 1990)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
                "about": [{"text": self.prose(2), "instruments": [iid]}],
                "parties": [{"state": "china", "status": self.claim([seed_src], 1)}]}
        principles = [f"principle-{i:03d}" for i in range(max(6, n // 50))]
        for pid in principles:
            out["principles"][pid] = {
                "name": f"Principle of {self.name()}",
                "summary": {"text": self.prose(2), "sources": [seed_src],
                            "instruments": [rnd.choice(instruments)]},
                "instruments": [{"instrument": rnd.choice(instruments),
                                 "article": str(rnd.randint(1, 40))}],
                "about": [self.claim(rnd.sample(shared, 2), 2)]}
        offices = [f"office-{i:03d}" for i in range(max(3, n // 50))]
        for oid in offices:
            out["offices"][oid] = {"name": f"Minister of {self.name()} Affairs", "state": "china"}
        authorities = [f"official-{i:04d}" for i in range(max(6, n // 10))]
        for i, aid in enumerate(authorities):
            out["authorities"][aid] = {
                "office": rnd.choice(offices), "person": f"Official {i:04d}",
                "name_as_published": f"OFFICIAL {i:04d} Buzhang",
                "published_in": rnd.choice(shared),
                "contact": {"address": [f"{rnd.randint(1, 99)} {self.name()} Street",
                                        f"{self.name()} City 1000{i % 10}", "China"],
                            "fax": [f"+86 10 {rnd.randint(1000000, 9999999)}"],
                            "email": [f"office{i}@example.org"]},
                "salutation": "Your Excellency"}
        for i in range(max(3, n // 20)):
            y = rnd.randint(1998, 2024)
            out["events"][f"event-{i:04d}"] = {
                "date": rnd.choice([f"{y}-{rnd.randint(1, 12):02d}", f"{y}-{rnd.randint(1, 12):02d}-"
                                    f"{rnd.randint(1, 28):02d}", f"{y}~"]),
                "title": f"Policy change in {self.name()}",
                "text": self.claim(rnd.sample(shared, 2), 3),
                "places": rnd.sample(places, 2), "organisations": [rnd.choice(orgs)]}
        for i in range(2):
            out["background"][f"background-{i}"] = {
                "title": f"Background {i}", "summary": self.prose(1),
                "sections": [{"id": f"section-{j}", "heading": f"Section {j}",
                              "paragraphs": [self.claim(rnd.sample(shared, 2), 4)
                                             for _ in range(3)]} for j in range(4)]}
        for i in range(n):
            cid = f"case-{i:05d}"
            own = [f"ua-{i:05d}"]
            out["sources"][own[0]] = self.source(rnd.choice(orgs), i, "urgent-action")
            if rnd.random() < 0.3:
                own.append(f"ua-{i:05d}-update")
                out["sources"][own[1]] = self.source(rnd.choice(orgs), i, "urgent-action-update")
            cites = own + [shared[i % len(shared)]] + ([rnd.choice(shared)] if len(own) == 1 else [])
            out["cases"][cid] = self.case(i, cites, places, principles, orgs, authorities)
        return out

    def source(self, org: str, i: int, kind: str) -> dict:
        y = self.rnd.randint(1998, 2024)
        return {"publisher": org, "kind": kind, "title": f"{self.prose(1)[:-1]} ({i})",
                "date": self.rnd.choice([f"{y}-{self.rnd.randint(1, 12):02d}-{self.rnd.randint(1, 28):02d}",
                                         f"{y}-{self.rnd.randint(1, 12):02d}"]),
                "identifiers": [{"scheme": "AI Index", "value": f"ASA {i % 90:02d}/{i:04d}/{y}"}],
                "document": f"{i % 1000:03d}_{self.rnd.getrandbits(64):016x}.txt",
                "about": self.prose(1)}

    def case(self, i, cites, places, principles, orgs, authorities) -> dict:
        rnd = self.rnd
        period = self.period()
        status = rnd.choice(STATUSES)
        events = []
        for j in range(rnd.randint(6, 10)):
            events.append({"id": f"event-{j}", "date": self.event_date(period),
                           "text": self.prose(2), "places": rnd.sample(places, rnd.randint(0, 2)),
                           "sources": rnd.sample(cites, rnd.randint(1, 2))})
        deadline = self.event_date(period)
        appeal = {"id": "ua", "issued_by": rnd.choice(orgs), "source": cites[0],
                  "audience": "Chinese authorities",
                  "asks": [{"text": self.pick("ask") + ".", "sources": [cites[0]]}
                           for _ in range(3)],
                  "addressees": [{"authority": a, "role": r} for a, r in zip(
                      rnd.sample(authorities, 5), ["appeal", "appeal", "appeal", "copy", "copy"])],
                  "other_recipients": [self.claim(cites[:1], 1)],
                  "deadline": deadline, "note": self.claim(cites[:1], 1)}
        updates = []
        if status in ("no-further-action", "released"):
            updates.append({"id": "update-1", "date": self.event_date(period),
                            "text": self.prose(1), "sources": cites[-1:],
                            "closes_appeals": True})
        count = rnd.randint(1, 40)
        case = {
            "title": f"Group of {count} held in {self.name()}, case {i}",
            "summary": self.claim(cites, 4), "status": status,
            "status_note": self.claim(cites, 1),
            "reviewed": f"2026-{rnd.randint(1, 11):02d}-{rnd.randint(1, 28):02d}",
            "period": period,
            "people": [{"count": count, "qualifier": rnd.choice(QUALIFIERS),
                        "label": rnd.choice(["North Koreans", "women", "people"]),
                        "who": self.prose(1), "sources": cites[:2],
                        "vulnerable": [self.claim(cites, 1)] if rnd.random() < 0.3 else []}],
            "places": [{"place": p, "role": self.prose(1), "sources": cites[:1]}
                       for p in rnd.sample(places, 5)],
            "principles": [{"principle": p, "how": self.claim(cites, 1)}
                           for p in rnd.sample(principles, 5)],
            "organisations": [{"organisation": rnd.choice(orgs), "role": self.prose(1),
                               "sources": cites[:1]}],
            "risks": [self.claim(cites, 2) for _ in range(2)],
            "facts": [self.claim(cites, 2) for _ in range(2)],
            "appeals": [appeal], "updates": updates, "timeline": events}
        if i % 3 == 0:  # a route the source reports, through two of the case's places
            case["routes"] = [{"stops": [p["place"] for p in case["places"][:2]],
                               "text": "Moved from the first place to the second, the source "
                                       "reports.", "sources": cites[:1]}]
        return case


def write(n: int, out: Path, seed: int = 0) -> dict[str, int]:
    """Write the synthetic records for n cases under out/; return how many of each type."""
    records = Gen(n, seed).build()
    for rtype, by_id in records.items():
        folder = out / rtype
        folder.mkdir(parents=True, exist_ok=True)
        for rid, data in by_id.items():
            text = yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100)
            (folder / f"{rid}.yml").write_text(text, encoding="utf-8")
    return {t: len(v) for t, v in records.items()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of cases")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.out_dir.resolve() == (ROOT / "data").resolve():
        parser.error("write synthetic data into a temporary folder, never into data/")
    counts = write(args.n, args.out_dir, args.seed)
    print(f"wrote {sum(counts.values())} records to {args.out_dir}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

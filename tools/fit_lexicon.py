#!/usr/bin/env python3
"""Fit the weights of single lexicon terms to labelled texts, and measure the reading.

The lexicons in src/text/ are written by hand: each term implies profile fields with the weight
of its entry. This program learns, from texts labelled `bpo` or `kpo`, how much each term
should count, and writes the result back into the lexicons' `[fitted]` tables, where a
multiplier of 1 is the hand-written weight. Terms the texts never use keep weight 1, so the
lexicons stay as readable, and as general, as they were.

The fit is a coordinate search on the accuracy of the tool's own verdicts: the tool reads
every text once (with the hand-written weights) and reports its hits; the program then sets
the profile fields from the hits exactly as the profiler does (a criterion takes the weighted
mean position of its hits, below 0.9 the BPO pole, above 1.1 the KPO pole; the service line
the value with the most weight, the earliest hit breaking ties) and asks the tool for the
verdict of each distinct profile. Term by term, most used first, it tries the multipliers in
STEPS and keeps the one with the most right verdicts; a multiplier other than 1 must win
MARGIN more texts than 1 does (the regularisation: without clear evidence a term keeps its
hand-written weight). Every figure printed comes from the tool itself, with the lexicons as
they would be written.

Cross-validation is by group (the occupation): groups are dealt into folds, no group is in
both the fitting and the measuring fold, and every text is predicted by weights fitted
without its group.

Usage (standard library only; the tool is built first):
    cargo build --release --features cli
    python3 tools/fit_lexicon.py LABELLED.tsv [--write] [--folds 5]

LABELLED.tsv: tab-separated with a header and the columns id, lang, side (bpo or kpo),
text, and optionally source and occupation (the group; a text without one is a group of
its own, and translations of one text share the id stem before `:LANG`). Reproducible: no
randomness; folds follow the sorted groups. OUTSOURCING_BIN names another build of the tool.
"""

import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LEXICONS = [os.path.join(ROOT, "src", "text", name) for name in ("en.toml", "pl.toml")]
BINARY = os.environ.get("OUTSOURCING_BIN") or os.path.join(ROOT, "target", "release", "outsourcing")

STEPS = (0.1, 0.3, 0.6, 1.0, 1.6, 2.5)
MARGIN = 2
PASSES = 2
FITTED_HEADER = (
    "# --- fitted weights -------------------------------------------------------------------\n"
    "# Written by tools/fit_lexicon.py from labelled texts: each multiplies the weight of every\n"
    "# entry the term stands in. Terms not listed keep their entries' weights.\n"
    "[fitted]\n"
)


def read_texts(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            cells = dict(zip(header, line.rstrip("\n").split("\t")))
            if cells.get("side") not in ("bpo", "kpo"):
                continue
            # Translations of one text share an id stem (`esco:…:en`, `esco:…:pl`) and a
            # group; otherwise the occupation is the group.
            stem, _, suffix = cells["id"].rpartition(":")
            if suffix == cells.get("lang"):
                cells["group"] = stem
            else:
                cells["group"] = cells.get("occupation") or cells["id"]
            rows.append(cells)
    return rows


def strip_fitted(toml):
    """The lexicon without its [fitted] table (it is the last table of the file)."""
    at = toml.find("# --- fitted weights")
    if at < 0:
        at = toml.find("\n[fitted]")
    return toml if at < 0 else toml[:at].rstrip("\n") + "\n"


def with_fitted(toml, weights):
    """The lexicon with a [fitted] table of `weights` (term -> multiplier)."""
    body = strip_fitted(toml)
    if not weights:
        return body
    lines = [f"{json.dumps(term, ensure_ascii=False)} = {weight:g}"
             for term, weight in sorted(weights.items())]
    return body + "\n" + FITTED_HEADER + "\n".join(lines) + "\n"


def run_tool(rows, lexicon_texts, explain):
    """Classifies the rows (name = id, description = text) with the given lexicons."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, text in enumerate(lexicon_texts):
            path = os.path.join(tmp, f"lexicon{i}.toml")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            paths.append(path)
        records = "".join(json.dumps({"id": r["id"], "description": r["text"], "name": r["id"]},
                                     ensure_ascii=False) + "\n" for r in rows)
        args = [BINARY, "classify", "--format", "jsonl"]
        if explain:
            args.append("--explain")
        for path in paths:
            args += ["--lexicon", path]
        out = subprocess.run(args, input=records.encode(), capture_output=True, check=False)
        if out.returncode not in (0, 1):
            sys.exit(out.stderr.decode())
        return {line["id"]: line for line in map(json.loads, out.stdout.decode().splitlines())}


def positions():
    """Each field's values in order: a criterion's index is its position (0 BPO pole, 1
    middle, 2 KPO pole)."""
    out = subprocess.run([BINARY, "criteria"], capture_output=True, check=True).stdout.decode()
    values, field = collections.defaultdict(list), None
    for line in out.splitlines():
        if re.match(r"^\w+ \(", line):
            field = line.split()[0]
        elif line == "service lines:":
            field = "service_line"
        elif field and re.match(r"^  \w+\s+(BPO pole|KPO pole|middle|BPO|KPO|both)\b", line):
            values[field].append(line.split()[0])
    return {f: {v: i for i, v in enumerate(vs)} for f, vs in values.items()}


class Verdicts:
    """The tool's verdict for a profile, asked once per distinct profile."""

    def __init__(self):
        self.known = {}

    def ask(self, profiles):
        todo = sorted({p for p in profiles if p not in self.known})
        if todo:
            records = "".join(json.dumps(dict(p, id=str(i), name="task")) + "\n"
                              for i, p in enumerate(map(dict, todo)))
            out = subprocess.run([BINARY, "classify", "--no-text", "--format", "jsonl"],
                                 input=records.encode(), capture_output=True, check=True)
            for p, line in zip(todo, out.stdout.decode().splitlines()):
                self.known[p] = json.loads(line)["verdict"]
        return [self.known[p] for p in profiles]


def hits_of(lines, order):
    """For each text, its hits as (term, field, position or value index, weight)."""
    out = {}
    for key, line in lines.items():
        out[key] = [((h["language"], h["term"]), h["field"], order[h["field"]][h["value"]],
                     h["weight"])
                    for h in line.get("hits", [])
                    if h["value"] is not None and h["field"] in order]
    return out


def profile(hits, m):
    """The profile fields the hits set, as the profiler sets them, with multipliers m."""
    total, score, first = collections.Counter(), {}, {}
    for n, (term, field, value, weight) in enumerate(hits):
        w = weight * m.get(term, 1.0)
        if field == "service_line":
            score[(field, value)] = score.get((field, value), 0.0) + w
            first.setdefault((field, value), n)
        else:
            total[field] += w
            score[field] = score.get(field, 0.0) + w * value
    fields = {}
    for field, t in total.items():
        mean = score[field] / t
        fields[field] = 0 if mean < 0.9 else 2 if mean > 1.1 else 1
    lines = [(k[1], w, first[k]) for k, w in score.items() if isinstance(k, tuple)]
    if lines:
        fields["service_line"] = max(lines, key=lambda x: (x[1], -x[2]))[0]
    return fields


def fit(rows, hits, order, verdicts):
    """Multipliers per term by coordinate search on the number of right verdicts."""
    names = {f: {i: v for v, i in vs.items()} for f, vs in order.items()}

    def as_key(fields):
        return tuple(sorted((f, names[f][v]) for f, v in fields.items()))

    def right(m, subset):
        keys = [as_key(profile(hits[r["id"]], m)) for r in subset]
        return sum(v == r["side"] for v, r in zip(verdicts.ask(keys), subset))

    uses = collections.Counter(t for r in rows for t in {h[0] for h in hits[r["id"]]})
    m = {}
    for _ in range(PASSES):
        for term, _count in uses.most_common():
            subset = [r for r in rows if any(h[0] == term for h in hits[r["id"]])]
            base = right(m, subset)
            best, best_right = m.get(term, 1.0), base
            for step in STEPS:
                trial = dict(m)
                trial[term] = step
                got = right(trial, subset)
                if got > best_right + (MARGIN if best == 1.0 else 0):
                    best, best_right = step, got
            m[term] = best
    return m


def as_tables(m, lexicon_texts):
    """Multipliers that differ from 1, rounded, per lexicon language."""
    languages = [re.search(r'^language = "(\w+)"', t, re.M).group(1) for t in lexicon_texts]
    tables = [{} for _ in languages]
    for (language, term), weight in m.items():
        weight = round(weight, 2)
        if abs(weight - 1.0) >= 0.05 and language in languages:
            tables[languages.index(language)][term] = weight
    return tables


def score(rows, verdicts):
    table = collections.defaultdict(lambda: [0, 0])
    for r in rows:
        right = verdicts[r["id"]] == r["side"]
        for key in (("lang", r["lang"]), ("source", r.get("source", ""), r["lang"])):
            table[key][0] += right
            table[key][1] += 1
    return table


def agreement(rows, verdicts):
    """Pairs of texts of one ESCO occupation in English and Polish with the same verdict."""
    by_stem = collections.defaultdict(dict)
    for r in rows:
        if r.get("source") == "esco-occupation":
            by_stem[r["group"]][r["lang"]] = verdicts[r["id"]]
    pairs = [v for v in by_stem.values() if "en" in v and "pl" in v]
    return sum(v["en"] == v["pl"] for v in pairs), len(pairs)


def report(title, rows, verdicts):
    table = score(rows, verdicts)
    print(title)
    for key in sorted(table):
        right, total = table[key]
        print(f"  {' '.join(key[1:]):<24} {right:>4}/{total:<4} {100 * right / total:5.1f}%")
    same, pairs = agreement(rows, verdicts)
    if pairs:
        print(f"  {'esco en/pl agree':<24} {same:>4}/{pairs:<4} {100 * same / pairs:5.1f}%")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("labelled")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--write", action="store_true",
                        help="write the weights fitted on all texts into src/text/*.toml")
    args = parser.parse_args()
    rows = read_texts(args.labelled)
    originals = [open(p, encoding="utf-8").read() for p in LEXICONS]
    bare = [strip_fitted(t) for t in originals]
    order = positions()
    verdicts = Verdicts()

    lines = run_tool(rows, bare, explain=True)
    hits = hits_of(lines, order)
    report("hand-written weights (no fitting):", rows, {k: v["verdict"] for k, v in lines.items()})
    # The profiles set here are the profiler's own: the verdicts agree text for text.
    names = {f: {i: v for v, i in vs.items()} for f, vs in order.items()}
    keys = [tuple(sorted((f, names[f][v]) for f, v in profile(hits[r["id"]], {}).items()))
            for r in rows]
    differ = sum(v != lines[r["id"]]["verdict"] for v, r in zip(verdicts.ask(keys), rows))
    if differ:
        sys.exit(f"{differ} texts get another verdict from the profiles set here")

    groups = sorted({r["group"] for r in rows})
    fold_of = {g: i % args.folds for i, g in enumerate(groups)}
    predicted = {}
    for fold in range(args.folds):
        train = [r for r in rows if fold_of[r["group"]] != fold]
        test = [r for r in rows if fold_of[r["group"]] == fold]
        tables = as_tables(fit(train, hits, order, verdicts), bare)
        lexicons = [with_fitted(t, w) for t, w in zip(bare, tables)]
        predicted.update({k: v["verdict"] for k, v in run_tool(test, lexicons, False).items()})
    report(f"fitted, cross-validated by group ({args.folds} folds):", rows, predicted)

    tables = as_tables(fit(rows, hits, order, verdicts), bare)
    lexicons = [with_fitted(t, w) for t, w in zip(bare, tables)]
    report("fitted on all texts (in sample):", rows,
           {k: v["verdict"] for k, v in run_tool(rows, lexicons, False).items()})
    if args.write:
        for path, text in zip(LEXICONS, lexicons):
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        print("written:", ", ".join(os.path.relpath(p, ROOT) for p in LEXICONS))


if __name__ == "__main__":
    main()

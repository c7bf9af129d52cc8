#!/usr/bin/env python3
"""Fit the weights of single lexicon terms to labelled texts, and measure the reading.

The lexicons in src/text/ are written by hand: each term implies profile fields with the weight
of its entry. This program learns, from texts labelled `bpo` or `kpo`, how much each term
should count, and writes the result back into the lexicons' `[fitted]` tables, where a
multiplier of 1 is the hand-written weight. Terms the texts never use keep weight 1, so the
lexicons stay as readable, and as general, as they were.

The model is a regularised logistic regression on the hits the profiler makes, one
coefficient per term, pulled towards 1 (the hand-written weight) and kept within
[MIN_MULTIPLIER, MAX_MULTIPLIER]: a hit's feature is its weight times the direction of the
value it implies (-1 for the BPO pole or a BPO service line, +1 for the KPO pole or a KPO
service line, 0 for the middle). Every figure this program prints comes from the command-line
tool itself, with the lexicons as they would be written.

Cross-validation is by group (the occupation): groups are dealt into folds, no group is in
both the fitting and the measuring fold, and every text is predicted by weights fitted
without its group.

Usage (standard library only; the tool is built first):
    cargo build --release --features cli
    python3 tools/fit_lexicon.py LABELLED.tsv [--write] [--folds 5]

LABELLED.tsv: tab-separated with a header and the columns id, lang, side (bpo or kpo),
text, and optionally source and occupation (the group; a text without one is a group of
its own, and translations of one text share the id stem before `:LANG`). Reproducible: no randomness; folds follow the sorted groups.
"""

import argparse
import collections
import json
import math
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LEXICONS = [os.path.join(ROOT, "src", "text", name) for name in ("en.toml", "pl.toml")]
BINARY = os.environ.get("OUTSOURCING_BIN") or os.path.join(ROOT, "target", "release", "outsourcing")

PRIOR = 1.0  # the strength of the pull towards the hand-written weight
MIN_MULTIPLIER, MAX_MULTIPLIER = 0.1, 3.0
STEPS, RATE = 600, 0.5
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


def directions():
    """The direction of each field value: -1 BPO, +1 KPO, 0 neither."""
    out = subprocess.run([BINARY, "criteria"], capture_output=True, check=True).stdout.decode()
    signs = {}
    for line in out.splitlines():
        m = re.match(r"^  (\w+)\s+(BPO pole|KPO pole|middle|BPO|KPO|both)\b", line)
        if m:
            signs[m.group(1)] = {"BPO pole": -1, "BPO": -1, "KPO pole": 1, "KPO": 1}.get(
                m.group(2), 0)
    return signs


def features(lines, signs):
    """For each text: term -> summed signed weight of its hits."""
    out = {}
    for key, line in lines.items():
        x = collections.Counter()
        for hit in line.get("hits", []):
            if hit["value"] is None or hit["field"] in ("location", "office"):
                continue
            x[(hit["language"], hit["term"])] += hit["weight"] * signs.get(hit["value"], 0)
        out[key] = x
    return out


def fit(rows, x):
    """Multipliers per term by projected gradient descent on the penalised log-loss."""
    terms = sorted({t for r in rows for t in x[r["id"]]})
    m = {t: 1.0 for t in terms}
    bias = 0.0
    n = len(rows)
    for _ in range(STEPS):
        grad = collections.Counter()
        grad_bias = 0.0
        for r in rows:
            score = bias + sum(m[t] * v for t, v in x[r["id"]].items())
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, score))))
            err = p - (1.0 if r["side"] == "kpo" else 0.0)
            grad_bias += err
            for t, v in x[r["id"]].items():
                grad[t] += err * v
        bias -= RATE * grad_bias / n
        for t in terms:
            g = grad[t] / n + PRIOR * (m[t] - 1.0) / n
            m[t] = min(MAX_MULTIPLIER, max(MIN_MULTIPLIER, m[t] - RATE * g))
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
    signs = directions()

    lines = run_tool(rows, bare, explain=True)
    x = features(lines, signs)
    report("hand-written weights (no fitting):", rows, {k: v["verdict"] for k, v in lines.items()})

    groups = sorted({r["group"] for r in rows})
    fold_of = {g: i % args.folds for i, g in enumerate(groups)}
    predicted = {}
    for fold in range(args.folds):
        train = [r for r in rows if fold_of[r["group"]] != fold]
        test = [r for r in rows if fold_of[r["group"]] == fold]
        tables = as_tables(fit(train, x), bare)
        lexicons = [with_fitted(t, w) for t, w in zip(bare, tables)]
        predicted.update({k: v["verdict"] for k, v in run_tool(test, lexicons, False).items()})
    report(f"fitted, cross-validated by group ({args.folds} folds):", rows, predicted)

    tables = as_tables(fit(rows, x), bare)
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

#!/usr/bin/env python3
"""Plain statistical classifiers on labelled texts, for scale next to the tool's reading.

Fits, for every fold, a logistic regression on TF-IDF features of the texts (character 3-5
grams within words, and whole words) and reports the right verdicts per language and source,
on the same folds as tools/fit_lexicon.py (by occupation; translations of one text stay in
one fold). These classifiers always answer `bpo` or `kpo` and cannot say why; the tool's
figures count its `hybrid` and `undetermined` verdicts as wrong.

Usage (needs scikit-learn, which the project does not otherwise use):
    pip install scikit-learn
    python3 tools/baseline.py LABELLED.tsv [--folds 5]

LABELLED.tsv: as for tools/fit_lexicon.py.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from fit_lexicon import read_texts, report  # noqa: E402

try:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
except ImportError:
    sys.exit("tools/baseline.py needs scikit-learn: pip install scikit-learn")

MODELS = {
    "character 3-5 grams": lambda: TfidfVectorizer(
        analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True
    ),
    "words": lambda: TfidfVectorizer(sublinear_tf=True),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("labelled")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    rows = read_texts(args.labelled)
    groups = sorted({r["group"] for r in rows})
    fold_of = {g: i % args.folds for i, g in enumerate(groups)}
    for name, vectorizer in MODELS.items():
        predicted = {}
        for fold in range(args.folds):
            train = [r for r in rows if fold_of[r["group"]] != fold]
            test = [r for r in rows if fold_of[r["group"]] == fold]
            features = vectorizer()
            x = features.fit_transform([r["text"] for r in train])
            model = LogisticRegression(C=10.0, max_iter=2000)
            model.fit(x, [r["side"] for r in train])
            guesses = model.predict(features.transform([r["text"] for r in test]))
            predicted.update({r["id"]: g for r, g in zip(test, guesses)})
        report(f"logistic regression on TF-IDF of {name}, {args.folds} folds:", rows, predicted)


if __name__ == "__main__":
    main()

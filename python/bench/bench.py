"""Throughput of the Python package next to the command-line tool, on the same records in the
same run: ``classify_many`` on a list of dicts, ``classify_frame`` on a pandas and a Polars
DataFrame, and ``outsourcing classify`` on the same records as JSON Lines.

    python python/bench/bench.py --cli target/release/outsourcing [--records 1000000]

The records are those of ``cargo bench --features cli --bench throughput``: an id, a name
(``Task N``) and the eight criteria drawn at random, no description; the text profiler reads
the names. Times exclude building the inputs (the dicts, the frames, the JSON Lines file) and
include building the outputs (the results, the result frames). Prints one line per path
with records per second and its ratio to the command-line tool's.
"""

import argparse
import gc
import os
import random
import subprocess
import sys
import tempfile
import time

import outsourcing

CRITERIA = [(c["name"], c["options"]) for c in outsourcing.criteria()]


def records(n, seed=7):
    rng = random.Random(seed)
    out = []
    for i in range(n):
        record = {"id": f"t{i}", "name": f"Task {i}"}
        for name, options in CRITERIA:
            record[name] = options[rng.randrange(3)]
        out.append(record)
    return out


def timed(label, n, function, best_of):
    times = []
    for _ in range(best_of):
        gc.collect()
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
        del result
    best = min(times)
    return label, n, best, n / best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--cli", help="the outsourcing binary (release build)")
    parser.add_argument("--best-of", type=int, default=2, help="runs per path; the best counts")
    args = parser.parse_args()
    n = args.records

    data = records(n)
    rows = []
    if args.cli:
        import json

        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
            for record in data:
                f.write(json.dumps(record, separators=(",", ":")))
                f.write("\n")
            path = f.name
        try:

            def cli():
                with open(os.devnull, "wb") as sink:
                    subprocess.run(
                        [args.cli, "classify", path, "--format", "jsonl"], stdout=sink, check=True
                    )

            rows.append(timed("outsourcing classify (CLI, JSON Lines)", n, cli, args.best_of))
        finally:
            os.unlink(path)

    classifier = outsourcing.Classifier()
    rows.append(timed("classify_many (list of dicts)", n, lambda: classifier.classify_many(data), args.best_of))

    try:
        import pandas as pd

        frame = pd.DataFrame(data)
        rows.append(
            timed("classify_frame (pandas)", n, lambda: outsourcing.classify_frame(frame), args.best_of)
        )
        del frame
    except ImportError:
        print("pandas is not installed: skipping its frame", file=sys.stderr)
    try:
        import polars as pl

        frame = pl.DataFrame(data)
        rows.append(
            timed("classify_frame (Polars)", n, lambda: outsourcing.classify_frame(frame), args.best_of)
        )
        del frame
    except ImportError:
        print("polars is not installed: skipping its frame", file=sys.stderr)

    cli_rate = rows[0][3] if args.cli else None
    cores = os.cpu_count()
    print(f"{n:,} records, {cores} cores, Python {sys.version.split()[0]}")
    for label, count, seconds, rate in rows:
        ratio = f"  {rate / cli_rate:.2f}x the CLI" if cli_rate else ""
        print(f"{label:<42} {seconds:7.2f} s  {rate:>10,.0f} records/s{ratio}")


if __name__ == "__main__":
    main()

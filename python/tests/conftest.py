"""Shared fixtures: the repository's sample data and, when given, the command-line tool."""

import json
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "examples" / "data"


@pytest.fixture(scope="session")
def portfolio_records():
    """The sample portfolio's JSON Lines records, as dicts."""
    with open(DATA / "portfolio.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture(scope="session")
def portfolio_csv():
    return DATA / "portfolio.csv"


@pytest.fixture(scope="session")
def regulated_rules():
    return ROOT / "examples" / "rules" / "regulated.toml"


@pytest.fixture(scope="session")
def cli():
    """Runs the command-line tool (the binary named by OUTSOURCING_CLI): returns (exit status,
    standard output, standard error). Skips when no binary is given, unless
    OUTSOURCING_REQUIRE_CLI is set (as `.ci/run` does)."""
    binary = os.environ.get("OUTSOURCING_CLI")
    if not binary:
        if os.environ.get("OUTSOURCING_REQUIRE_CLI"):
            pytest.fail("OUTSOURCING_REQUIRE_CLI is set but OUTSOURCING_CLI names no binary")
        pytest.skip("set OUTSOURCING_CLI to the outsourcing binary to compare with it")

    def run(*args, stdin=None):
        done = subprocess.run(
            [binary, *map(str, args)], input=stdin, capture_output=True, text=True, check=False
        )
        return done.returncode, done.stdout, done.stderr

    return run

"""classify_frame on pandas, Polars and pyarrow, and the Polars map_batches recipe."""

import csv
import io
import math

import pytest

import outsourcing

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")


def rows(frame):
    """A frame's rows as dicts with NaN turned into None."""
    if isinstance(frame, pd.DataFrame):
        records = frame.to_dict("records")
    elif isinstance(frame, pl.DataFrame):
        records = frame.to_dicts()
    else:
        records = frame.to_pylist()
    return [
        {k: None if isinstance(v, float) and math.isnan(v) else v for k, v in r.items()}
        for r in records
    ]


def expected_rows(records, classifier=None):
    """The frame rows classify_many's results imply."""
    classifier = classifier or outsourcing.Classifier()
    out = []
    for result in classifier.classify_many(records):
        out.append(
            {
                "id": result.id,
                "name": result.name,
                "verdict": result.verdict,
                "kpo_share": result.kpo_share,
                "confidence": result.confidence,
                "coverage": result.coverage,
                "rule_set": result.rule_set,
                "missing": " ".join(result.missing) if result.ok else None,
                "inferred": " ".join(result.inferred) if result.ok else None,
                "error": result.error,
            }
        )
    return out


@pytest.fixture(scope="module")
def pandas_portfolio(portfolio_csv):
    return pd.read_csv(portfolio_csv, dtype=str, keep_default_na=False)


def csv_records(frame):
    """A CSV-shaped pandas frame as JSON-shaped records (blank cells unknown)."""
    records = []
    for row in frame.to_dict("records"):
        record = {"attributes": {}}
        for key, value in row.items():
            if key.startswith("attr."):
                if value.strip():
                    record["attributes"][key[5:]] = value.strip()
            elif key == "id":
                record["id"] = value.strip() or None
            else:
                record[key] = value
        records.append(record)
    return records


@pytest.mark.parametrize("kind", ["pandas", "polars", "arrow"])
def test_frames_give_the_results_of_classify_many(kind, pandas_portfolio):
    frame = {
        "pandas": lambda: pandas_portfolio,
        "polars": lambda: pl.from_pandas(pandas_portfolio),
        "arrow": lambda: pa.Table.from_pandas(pandas_portfolio, preserve_index=False),
    }[kind]()
    out = outsourcing.classify_frame(frame)
    assert type(out) is type(frame)
    assert list(out.columns if kind != "arrow" else out.column_names) == list(
        outsourcing.RESULT_COLUMNS
    )
    got = rows(out)
    want = expected_rows(csv_records(pandas_portfolio))
    assert len(got) == len(want) == len(pandas_portfolio)
    for g, w in zip(got, want):
        assert {k: g[k] for k in w} == w


def test_frames_match_the_command_line_tools_csv(pandas_portfolio, portfolio_csv, cli):
    status, out, err = cli("classify", portfolio_csv, "--format", "csv")
    assert status == 0, err
    want = list(csv.DictReader(io.StringIO(out)))
    got = rows(outsourcing.classify_frame(pandas_portfolio))
    for g, w in zip(got, want):
        for column in outsourcing.RESULT_COLUMNS:
            value = g[column]
            if isinstance(value, float):
                value = f"{value:.3f}"
            assert (value or "") == w[column], column


def test_pandas_keeps_the_index_and_reads_missing_cells_as_unknown():
    frame = pd.DataFrame(
        {
            "id": [" a ", "b", None, 4],
            "name": ["Payroll", " Market research ", "X", "Y"],
            "complexity": ["low", None, "hgh", float("nan")],
            "attr.region": ["eu", None, None, ""],
        },
        index=[10, 20, 30, 40],
    )
    out = outsourcing.classify_frame(frame)
    assert list(out.index) == [10, 20, 30, 40]
    assert out["id"].tolist()[:2] == ["a", "b"] and out["id"].tolist()[3] == "4"
    assert out["name"].tolist()[1] == "Market research"
    assert out.loc[30, "error"] == (
        'complexity: unknown value "hgh", did you mean "high"? (expected one of: low, medium, high)'
    )
    assert pd.isna(out.loc[30, "verdict"]) and math.isnan(out.loc[30, "kpo_share"])
    assert out.loc[20, "verdict"] == "kpo" and pd.isna(out.loc[20, "error"])
    assert out["kpo_share"].dtype == "float64"


def test_polars_nulls_are_unknown_and_errors_are_rows():
    frame = pl.DataFrame({"name": ["Payroll", None], "complexity": [None, "low"]})
    out = outsourcing.classify_frame(frame)
    assert out["error"].to_list() == [None, "name is empty"]  # a blank name cell, as in CSV
    assert out["kpo_share"].to_list()[1] is None
    assert out.schema["kpo_share"] == pl.Float64


@pytest.mark.parametrize(
    "columns, message",
    [
        (["name", "complexty"], (
            'unknown column "complexty", did you mean "complexity"? (expected one of: name, '
            "description, service_line, decision_basis, complexity, expertise, arbitrage, "
            "driver, coordination, talent, focus, location, office, id, attr.NAME)"
        )),
        (["id", "complexity"], 'there is no "name" column'),
        (["name", "attr."], 'column "attr." has no attribute name'),
        (["name", " name"], 'duplicate column "name"'),
    ],
)
def test_header_errors(columns, message):
    frame = pd.DataFrame([["x"] * len(columns)], columns=columns)
    with pytest.raises(outsourcing.Error) as caught:
        outsourcing.classify_frame(frame)
    assert str(caught.value) == message


def test_header_errors_match_the_command_line_tool(tmp_path, cli):
    path = tmp_path / "bad.csv"
    path.write_text("name,complexty\nx,low\n", encoding="utf-8")
    # The command-line tool carries unknown columns through unless told to be strict.
    _, _, err = cli("classify", "--strict", path)
    with pytest.raises(outsourcing.Error) as caught:
        outsourcing.classify_frame(pd.read_csv(path, dtype=str))
    assert err.strip().endswith(str(caught.value))


def test_not_a_frame():
    with pytest.raises(TypeError, match="takes a pandas or Polars DataFrame"):
        outsourcing.classify_frame([{"name": "x"}])


def test_polars_map_batches_recipe(pandas_portfolio):
    lazy = pl.from_pandas(pandas_portfolio).lazy()
    out = lazy.map_batches(
        outsourcing.classify_frame, schema=outsourcing.polars_schema(), streamable=True
    ).collect()
    assert out.equals(outsourcing.classify_frame(pandas_portfolio.pipe(pl.from_pandas)))


def test_classify_batches_and_custom_rules(pandas_portfolio, regulated_rules):
    parts = [pandas_portfolio.iloc[:10], pandas_portfolio.iloc[10:]]
    out = pd.concat(outsourcing.classify_batches(iter(parts), rules=regulated_rules))
    assert (out["rule_set"] == "acme-sourcing@0.3.0").all()
    whole = outsourcing.classify_frame(pandas_portfolio, rules=regulated_rules)
    assert rows(out) == rows(whole)
    assert outsourcing.cached_classifier(regulated_rules) is outsourcing.cached_classifier(
        regulated_rules
    )

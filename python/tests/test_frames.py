"""classify_frame on pandas, Polars and pyarrow, and the Polars map_batches recipe."""

import csv
import io
import math
import warnings

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


@pytest.mark.parametrize("kind", ["pandas", "polars"])
def test_frames_without_pyarrow_give_the_same_frame(kind, pandas_portfolio, monkeypatch):
    frame = pd.concat(
        [pandas_portfolio, pd.DataFrame([{"name": None, "complexity": "hgh"}, {"name": "x"}])],
        ignore_index=True,
    )
    if kind == "polars":
        frame = pl.from_pandas(frame)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with_arrow = outsourcing.classify_frame(frame)
        monkeypatch.setattr(outsourcing._frames, "_pyarrow", lambda: None)
        without = outsourcing.classify_frame(frame)
    assert list(without.dtypes) == list(with_arrow.dtypes)
    assert rows(without) == rows(with_arrow)
    assert rows(without)[-2]["error"].startswith('complexity: unknown value "hgh"')


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


UNKNOWN_COMPLEXTY = (
    'unknown column "complexty", did you mean "complexity"? (expected one of: name, '
    "description, service_line, decision_basis, complexity, expertise, arbitrage, "
    "driver, coordination, talent, focus, location, office, id, attr.NAME)"
)


@pytest.mark.parametrize(
    "columns, strict, message",
    [
        (["name", "complexty"], True, UNKNOWN_COMPLEXTY),
        (["id", "complexity"], False, 'there is no "name" column (or "nazwa", "task")'),
        (["name", "attr."], False, 'column "attr." has no attribute name'),
        (["name", " name"], False, 'duplicate column "name"'),
        (["Name", "nazwa"], False, 'columns "Name" and "nazwa" name the same field'),
        (["Task", "Złożoność", " complexity"], False,
         'columns "Złożoność" and "complexity" name the same field'),
        # Cell by cell: with strict, an unknown column before a duplicate is the error.
        (["name", "owner", "name"], False, 'duplicate column "name"'),
    ],
)
def test_header_errors(columns, strict, message):
    frame = pd.DataFrame([["x"] * len(columns)], columns=columns)
    with pytest.raises(outsourcing.Error) as caught:
        outsourcing.classify_frame(frame, strict=strict)
    assert str(caught.value) == message


def test_strict_refuses_an_unknown_column_before_a_duplicate():
    frame = pd.DataFrame([["x", "y", "z"]], columns=["name", "owner", "name"])
    with pytest.raises(outsourcing.Error, match='^unknown column "owner" '):
        outsourcing.classify_frame(frame, strict=True)
    with pytest.raises(outsourcing.Error, match="^unknown column"):
        outsourcing.classify_frame(pl.DataFrame({"name": ["x"], "complexty": ["low"]}), strict=True)


@pytest.mark.parametrize(
    "header",
    [
        "name,complexty",
        "Name,Nazwa",
        "id,complexity",
        "name,Attr.",
        "Zadanie,owner,Task",
    ],
)
@pytest.mark.parametrize("strict", [False, True])
def test_header_errors_match_the_command_line_tool(header, strict, tmp_path, cli):
    path = tmp_path / "bad.csv"
    path.write_text(header + "\n" + ",".join("x" * len(header.split(","))) + "\n", "utf-8")
    status, _, err = cli("classify", *(["--strict"] if strict else []), path)
    frame = pd.read_csv(path, dtype=str)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            outsourcing.classify_frame(frame, strict=strict)
    except outsourcing.Error as e:
        assert err == f"error: {path}: line 1: {e}\n"
    else:
        assert status == 0, err


# Headers and values as people write them in spreadsheets, in English and Polish.
SPREADSHEET = {
    "Task ID": ["t1", "t2", "t3"],
    " Name ": ["Payroll run", "Equity research", "Help desk"],
    "Opis": ["Monthly payroll by the rules", "", None],
    "Service line": ["Payroll", "investment research", "Customer support"],
    "Decision-basis": ["Rules", "JUDGEMENT", "rules"],
    "Złożoność": ["LOW", "High", "Low"],
    "wiedza": ["process", "Knowledge", None],
    "Driver": ["volume", "insight", "Volume"],
    "ATTR.region": [" eu ", "", "us"],
}

# The same records in the JSON form.
CANONICAL = [
    {"id": "t1", "name": "Payroll run", "description": "Monthly payroll by the rules",
     "service_line": "payroll", "decision_basis": "rules", "complexity": "low",
     "expertise": "process", "driver": "volume", "attributes": {"region": "eu"}},
    {"id": "t2", "name": "Equity research", "service_line": "investment_research",
     "decision_basis": "judgement", "complexity": "high", "expertise": "knowledge",
     "driver": "insight"},
    {"id": "t3", "name": "Help desk", "service_line": "customer_support",
     "decision_basis": "rules", "complexity": "low", "driver": "volume",
     "attributes": {"region": "us"}},
]


@pytest.mark.parametrize("kind", ["pandas", "polars", "arrow"])
def test_headers_and_values_are_read_as_the_command_line_tool_reads_them(kind):
    frame = {
        "pandas": lambda: pd.DataFrame(SPREADSHEET),
        "polars": lambda: pl.DataFrame(SPREADSHEET),
        "arrow": lambda: pa.table(SPREADSHEET),
    }[kind]()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # every column is read: no warning
        out = outsourcing.classify_frame(frame)
    got = rows(out)
    assert [r["verdict"] for r in got] == ["bpo", "kpo", "bpo"]
    want = expected_rows(CANONICAL)
    for g, w in zip(got, want):
        assert {k: g[k] for k in w} == w
    classifier = outsourcing.Classifier()
    assert classifier.classify(CANONICAL[0]).profile["attributes"] == {"region": "eu"}


def test_spreadsheet_frames_match_the_command_line_tools_csv(tmp_path, cli):
    frame = pd.DataFrame(SPREADSHEET)
    path = tmp_path / "sheet.csv"
    frame.assign(Owner=["ann", "bo", ""]).to_csv(path, index=False)
    status, out, err = cli("classify", path, "--format", "csv")
    assert status == 0, err
    want = list(csv.DictReader(io.StringIO(out)))
    with pytest.warns(UserWarning):
        got = rows(outsourcing.classify_frame(pd.read_csv(path, dtype=str)))
    assert len(got) == len(want) == 3
    for g, w in zip(got, want):
        for column in [*outsourcing.RESULT_COLUMNS, "Owner"]:
            value = g[column]
            if isinstance(value, float):
                value = f"{value:.3f}"
            assert (value or "") == w[column], column


def test_bad_values_give_the_lenient_readers_message():
    frame = pl.DataFrame({"Nazwa": ["X"], "Złożoność": ["Hgh"], "Biuro": ["Front office"]})
    out = outsourcing.classify_frame(frame)
    assert out["error"].to_list() == [
        'complexity: unknown value "Hgh", did you mean "high"? (expected one of: low, medium, high)'
    ]
    ok = outsourcing.classify_frame(frame.with_columns(pl.lit("wysoka").alias("Złożoność")))
    assert ok["error"].to_list() == [None]


CARRIED_NOTE = (
    'columns "Owner", "complexty" (did you mean "complexity"?), "verdict", "Owner" not read, '
    "carried to the output"
)


def carried_pandas():
    return pd.DataFrame(
        [["Payroll", "ann", "low", "x", 1.5, 3], ["Equity research", None, "high", "y", None, 4]],
        columns=["name", "Owner", "complexty", "verdict", "Owner", "FTE"],
        index=["a", "b"],
    ).astype({"FTE": "int64"})


def test_unknown_columns_are_carried_through_with_one_warning():
    frame = carried_pandas().drop(columns="FTE")
    with pytest.warns(UserWarning) as caught:
        out = outsourcing.classify_frame(frame, text=False)
    assert [str(w.message) for w in caught] == [
        CARRIED_NOTE + " (strict=True makes this an error)"
    ]
    assert list(out.columns) == [
        *outsourcing.RESULT_COLUMNS, "Owner", "complexty", "verdict (2)", "Owner (2)"
    ]
    assert list(out.index) == ["a", "b"]
    assert out["Owner"].tolist()[0] == "ann" and pd.isna(out["Owner"].tolist()[1])
    assert out["Owner"].dtype == frame.iloc[:, 1].dtype
    assert out["complexty"].tolist() == ["low", "high"]
    assert out["verdict"].tolist() == ["undetermined", "undetermined"]
    assert out["verdict (2)"].tolist() == ["x", "y"]
    assert out["Owner (2)"].tolist()[0] == 1.5 and math.isnan(out["Owner (2)"].tolist()[1])
    assert out["Owner (2)"].dtype == "float64"


def test_carried_columns_keep_their_values_and_types_in_every_kind():
    data = {"Nazwa": ["Payroll", "Audit"], "FTE": [3, 4], "Team": ["ops", None]}
    for frame in (pd.DataFrame(data), pl.DataFrame(data), pa.table(data)):
        with pytest.warns(UserWarning, match='^columns "FTE", "Team" not read, carried to the '
                          r"output \(strict=True makes this an error\)$"):
            out = outsourcing.classify_frame(frame)
        got = rows(out)
        assert [r["FTE"] for r in got] == [3, 4]
        assert [r["Team"] for r in got] == ["ops", None]
    assert out.schema.field("FTE").type == pa.int64()
    with pytest.warns(UserWarning):
        polars_out = outsourcing.classify_frame(pl.DataFrame(data), strict=False)
    assert polars_out.schema["FTE"] == pl.Int64
    assert polars_out.columns[-2:] == ["FTE", "Team"]


def test_strict_makes_an_unknown_column_an_error():
    with pytest.raises(outsourcing.Error) as caught:
        outsourcing.classify_frame(carried_pandas(), strict=True)
    assert str(caught.value) == (
        'unknown column "Owner" (expected one of: name, description, service_line, '
        "decision_basis, complexity, expertise, arbitrage, driver, coordination, talent, "
        "focus, location, office, id, attr.NAME)"
    )


def test_the_warning_names_the_columns_the_command_line_tools_note_names(tmp_path, cli):
    path = tmp_path / "carried.csv"
    carried_pandas().drop(columns="FTE").to_csv(path, index=False)
    status, _, err = cli("classify", path, "--format", "csv")
    assert status == 0, err
    assert err == f"note: {CARRIED_NOTE} (--strict makes this an error)\n"
    status, _, err = cli("classify", "--strict", path)
    with pytest.raises(outsourcing.Error) as caught:
        outsourcing.classify_frame(pd.read_csv(path, dtype=str), strict=True)
    assert err == f"error: {path}: line 1: {caught.value}\n"


def test_ids_name_the_tasks_without_a_name_column(tmp_path, cli):
    frame = pd.DataFrame({"ID": ["t1", None], "Text": ["Answer billing calls by the script",
                                                       "Review contracts"]})
    out = rows(outsourcing.classify_frame(frame))
    assert out[0]["name"] == "t1"
    assert [r["error"] for r in out] == [
        None, "no id to name the task by (the table has no name column)"
    ]
    path = tmp_path / "by-id.csv"
    frame.to_csv(path, index=False)
    status, csv_out, err = cli("classify", path, "--format", "csv")
    want = list(csv.DictReader(io.StringIO(csv_out)))
    assert status == 1, err
    assert [w["error"] for w in want] == [r["error"] or "" for r in out]
    assert [w["name"] for w in want][0] == "t1"


@pytest.mark.parametrize("kind", ["pandas", "polars", "arrow"])
def test_rows_of_blank_cells_are_skipped(kind):
    data = {
        "id": ["a", None, " ", "d"],
        "name": ["Payroll", None, "", "Audit"],
        "complexity": ["low", float("nan") if kind == "pandas" else None, " ", "high"],
        "Owner": ["x", None, "", "y"],
    }
    frame = {
        "pandas": lambda: pd.DataFrame(data, index=[10, 20, 30, 40]),
        "polars": lambda: pl.DataFrame(data),
        "arrow": lambda: pa.table(data),
    }[kind]()
    with pytest.warns(UserWarning):
        out = outsourcing.classify_frame(frame)
    got = rows(out)
    assert [r["id"] for r in got] == ["a", "d"]
    assert [r["Owner"] for r in got] == ["x", "y"]
    if kind == "pandas":
        assert list(out.index) == [10, 40]
    # A row with one cell not blank is read (a blank name cell is an empty name, as in CSV).
    data["Owner"][1] = "z"
    frame = pd.DataFrame(data) if kind == "pandas" else pl.DataFrame(data)
    with pytest.warns(UserWarning):
        got = rows(outsourcing.classify_frame(frame))
    assert [r["error"] for r in got] == [None, "name is empty", None]


def test_blank_rows_match_the_command_line_tool(tmp_path, cli):
    path = tmp_path / "blank.csv"
    path.write_text("id,name,complexity\na,Payroll,low\n,,\n , ,\nd,Audit,high\n", "utf-8")
    status, out, err = cli("classify", path, "--format", "csv")
    assert status == 0, err
    want = [r["id"] for r in csv.DictReader(io.StringIO(out))]
    got = outsourcing.classify_frame(pd.read_csv(path, dtype=str, keep_default_na=False))
    assert got["id"].tolist() == want == ["a", "d"]


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

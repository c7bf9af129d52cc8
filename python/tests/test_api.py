"""The classifier, its results, errors, the text profiler and the form helpers."""

import gc
import json
import pickle

import pytest

import outsourcing

INVOICES = {
    "id": "p1",
    "name": "Invoice processing",
    "service_line": "finance_accounting",
    "decision_basis": "rules",
    "complexity": "low",
    "driver": "volume",
}

UNKNOWN_FIELD = (
    'unknown field "complexty", did you mean "complexity"? (expected one of: name, '
    "description, service_line, decision_basis, complexity, expertise, arbitrage, driver, "
    "coordination, talent, focus, location, office, attributes)"
)
UNKNOWN_VALUE = (
    'complexity: unknown value "hgh", did you mean "high"? (expected one of: low, medium, high)'
)


@pytest.fixture(scope="module")
def classifier():
    return outsourcing.Classifier()


def test_classify_gives_a_typed_result(classifier):
    result = classifier.classify(INVOICES)
    assert result.ok and result.error is None and result.index is None
    assert result.id == "p1"
    assert result.name == "Invoice processing"
    assert result.verdict == "bpo"
    assert result.kpo_share == 0.0
    assert 0.0 < result.confidence <= result.coverage <= 1.0
    assert result.rule_set == "default@1.0.0"
    assert result.evidence[0] == {
        "rule": "rules-based",
        "lean": "bpo",
        "weight": 3.0,
        "because": "each case is settled by set rules and procedures (chart: based on)",
    }
    assert result.missing == ["arbitrage", "coordination", "talent"]
    assert result.inferred == ["expertise", "focus"]
    assert result.profile["decision_basis"] == "rules"
    assert [hit["term"] for hit in result.hits][:1] == ["invoice*"]
    assert result.next_question is None
    assert result.settled is True  # no answer to arbitrage, coordination or talent changes it
    assert list(result.flips) == ["kpo"]
    assert result.flips["kpo"][0] == {"field": "decision_basis", "from": "rules", "to": "judgement"}
    assert result.explain().startswith("Invoice processing fits BPO")
    assert repr(result).startswith('Result(id="p1", name="Invoice processing", verdict="bpo"')


def test_to_dict_is_the_result_line(classifier):
    result = classifier.classify(INVOICES)
    line = result.to_dict()
    assert list(line) == [
        "id", "name", "verdict", "kpo_share", "confidence", "coverage", "rule_set", "profile",
        "inferred", "evidence", "missing",
    ]
    assert json.dumps(line, separators=(",", ":"), ensure_ascii=False) == result.to_json()
    explained = outsourcing.Classifier(explain=True).classify(INVOICES).to_dict()
    assert list(explained)[-6:] == [
        "hits", "evidence", "missing", "settled", "next_question", "flip",
    ]
    assert "hits" not in line and "flip" not in line
    assert explained["flip"] == result.flips


def test_text_off_reads_nothing():
    result = outsourcing.Classifier(text=False).classify({"name": "Invoice processing"})
    assert result.inferred == [] and result.hits is None
    assert result.verdict == "undetermined"


def test_results_match_the_command_line_tool(portfolio_records, portfolio_csv, cli):
    for args, classifier in [
        ((), outsourcing.Classifier()),
        (("--explain",), outsourcing.Classifier(explain=True)),
        (("--no-text",), outsourcing.Classifier(text=False)),
    ]:
        status, out, err = cli(
            "classify", portfolio_csv.with_suffix(".jsonl"), "--format", "jsonl", *args
        )
        assert status == 0, err
        lines = out.splitlines()
        results = classifier.classify_many(portfolio_records)
        assert len(lines) == len(results) == len(portfolio_records)
        for line, result in zip(lines, results):
            assert result.to_json() == line
            assert result.to_dict() == json.loads(line)


def test_bad_records_give_error_results_in_place(classifier):
    records = [
        {"name": "Payroll", "complexty": "low"},
        INVOICES,
        {"id": 7, "name": "x", "complexity": "hgh"},
        {"name": "Payroll", "talent": 5},
        {"name": "   "},
        {"description": "no name"},
        "not a record",
        {"name": "Market research", "service_line": "market_research"},
    ]
    results = classifier.classify_many(records)
    assert [r.ok for r in results] == [False, True, False, False, False, False, False, True]
    assert [r.index for r in results] == [0, None, 2, 3, 4, 5, 6, None]
    assert results[0].error == UNKNOWN_FIELD
    assert results[2].error == UNKNOWN_VALUE and results[2].id == "7"
    assert results[3].error == "talent must be a string, found number 5"
    assert results[4].error == "name is empty"
    assert results[5].error == "name is missing"
    assert results[6].error.startswith("invalid type: string")
    assert results[7].verdict == "kpo"
    assert results[2].to_dict() == {"id": "7", "index": 2, "error": UNKNOWN_VALUE}
    assert results[2].verdict is None and results[2].evidence == [] and results[2].flips == {}


def test_dict_errors_match_the_json_reader(classifier, cli):
    records = [
        {"name": "Payroll", "complexty": "low"},
        {"id": 7, "name": "x", "complexity": "hgh"},
        {"name": "Payroll", "talent": 5},
        {"name": "Payroll", "attributes": {"region": 3}},
        {"name": "Payroll", "attributes": "eu"},
        {"id": True, "name": "Payroll"},
        {"name": "x" * 201},
    ]
    stdin = "".join(json.dumps(r) + "\n" for r in records)
    status, out, _ = cli("classify", "-", "--format", "jsonl", stdin=stdin)
    assert status == 1
    expected = [json.loads(line)["error"] for line in out.splitlines()]
    assert [r.error for r in classifier.classify_many(records)] == expected


def test_classify_raises_the_exact_message(classifier):
    with pytest.raises(outsourcing.Error) as caught:
        classifier.classify({"name": "x", "complexity": "hgh"})
    assert str(caught.value) == UNKNOWN_VALUE
    assert isinstance(caught.value, ValueError)
    with pytest.raises(outsourcing.Error, match="^name is missing$"):
        classifier.classify({})


def test_missing_values_are_unknown(classifier):
    result = classifier.classify(
        {"name": "Payroll run", "complexity": None, "driver": float("nan"), "attributes": None}
    )
    assert "complexity" in result.missing and "driver" in result.missing


def test_attributes_and_custom_rules(regulated_rules):
    classifier = outsourcing.Classifier(regulated_rules)
    assert classifier.rule_set == "acme-sourcing@0.3.0"
    same = outsourcing.Classifier(str(regulated_rules))
    text = outsourcing.Classifier(regulated_rules.read_text(encoding="utf-8"))
    record = {"name": "KYC checks", "decision_basis": "rules", "attributes": {"regulated": "yes"}}
    assert classifier.classify(record) == same.classify(record) == text.classify(record)


def test_rule_set_errors_match_the_command_line_tool(tmp_path, cli):
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\nversion = "1"\n', encoding="utf-8")
    missing = tmp_path / "missing.toml"
    for path in (bad, missing):
        status, _, err = cli("classify", "--rules", path, "--format", "jsonl", stdin="")
        assert status == 2
        with pytest.raises(outsourcing.Error) as caught:
            outsourcing.Classifier(path)
        assert "error: " + str(caught.value) == err.strip()


def test_rule_set_messages():
    with pytest.raises(outsourcing.Error) as caught:
        outsourcing.Classifier("/no/such/rules.toml")
    assert str(caught.value) == "/no/such/rules.toml: cannot read the rule set: no such file or directory"
    rules = outsourcing.Classifier().rules_toml().replace('decision_basis = "rules"', 'decision_basis = "rule"', 1)
    with pytest.raises(outsourcing.Error) as caught:
        outsourcing.Classifier(rules)
    assert 'decision_basis: unknown value "rule", did you mean "rules"? (expected one of: rules, guided, judgement)' in str(caught.value)


def test_round_trip_through_json(classifier, portfolio_records):
    results = classifier.classify_many(portfolio_records + [{"name": ""}])
    for result in results:
        back = outsourcing.Result.from_json(result.to_json())
        assert back == result
        assert back.to_dict() == result.to_dict()
        assert outsourcing.Result.from_dict(result.to_dict()) == result
        assert pickle.loads(pickle.dumps(result)) == result
        assert (back.verdict, back.kpo_share, back.missing, back.inferred, back.error) == (
            result.verdict, result.kpo_share, result.missing, result.inferred, result.error
        )
    explained = outsourcing.Classifier(explain=True).classify(portfolio_records[0])
    back = outsourcing.Result.from_json(explained.to_json())
    assert back == explained and back.hits == explained.hits and back.flips == explained.flips
    with pytest.raises(outsourcing.Error, match="^cannot read the result line: "):
        outsourcing.Result.from_json('{"verdict":"bpo"}')


def test_classify_many_matches_one_at_a_time(classifier):
    records = [
        {"id": str(i), "name": f"Task {i}", "complexity": ["low", "medium", "high"][i % 3],
         "driver": ["volume", "insight"][i % 2]}
        for i in range(5000)
    ]
    many = classifier.classify_many(iter(records))
    assert [r.to_json() for r in many] == [classifier.classify(r).to_json() for r in records]


def test_classify_many_in_many_chunks(classifier, portfolio_records):
    # Enough records for several chunks read while others are classified; bad records
    # scattered through them; values that are the same objects in every dict, and values
    # made anew for each one (as json.loads makes them).
    bad = [
        {"name": "Payroll", "complexty": "low"},
        {"id": 7, "name": "x", "complexity": "hgh"},
        {"name": "Payroll", "talent": 5},
        {"name": "  "},
        {"description": "no name"},
        "not a dict",
    ]
    records = []
    for i in range(40_000):
        if i % 997 == 3:
            records.append(bad[i % len(bad)])
        elif i % 2:
            records.append(json.loads(json.dumps(portfolio_records[i % len(portfolio_records)])))
        else:
            records.append(
                {"id": f"t{i}", "name": f"Task {i}", "complexity": ("low", "high")[i % 4 // 2]}
            )
    many = classifier.classify_many(records)
    assert [r.index for r in many] == [i if i % 997 == 3 else None for i in range(len(records))]
    by_one = {}
    for i, record in enumerate(records):
        key = json.dumps(record)
        if key not in by_one:
            try:
                by_one[key] = classifier.classify(record).to_json()
            except outsourcing.Error as e:
                by_one[key] = e.args[0]
        result = many[i]
        assert (result.to_json() if result.ok else result.error) == by_one[key], i
    # The results hold no Python object, so the cycle collector need not track them.
    assert not any(gc.is_tracked(r) for r in many[:100])


def test_classify_many_passes_on_the_iterables_error(classifier):
    def records():
        for i in range(20_000):
            yield {"name": f"Task {i}"}
        raise RuntimeError("no more records")

    with pytest.raises(RuntimeError, match="^no more records$"):
        classifier.classify_many(records())
    assert len(classifier.classify_many(r for r in [{"name": "x"}] * 9000)) == 9000


def test_text_profiler():
    reading = outsourcing.profile(
        "Odbieranie połączeń zgodnie ze skryptem, bez analizy", name="Obsługa klienta"
    )
    assert reading.profile["service_line"] == "customer_support"
    assert reading.profile["decision_basis"] == "rules"
    assert "decision_basis" in reading.inferred
    hit = reading.hits[0]
    assert set(hit) == {"source", "span", "term", "language", "field", "value", "negated", "weight"}
    assert any(h["negated"] for h in reading.hits)
    assert reading.to_dict()["inferred"] == reading.inferred
    assert outsourcing.Classifier().classify(reading.profile).verdict == "bpo"
    hits = outsourcing.TextProfiler().scan("equity research and market analysis")
    assert [h["term"] for h in hits][0] == "equity research"
    with pytest.raises(outsourcing.Error, match="^name is empty$"):
        outsourcing.profile("text", name=" ")


def test_form_helpers():
    criteria = outsourcing.criteria()
    assert [c["name"] for c in criteria][:2] == ["decision_basis", "complexity"]
    assert criteria[0]["options"] == ["rules", "guided", "judgement"]
    assert len(criteria) == 8 and all(len(c["option_labels"]) == 3 for c in criteria)
    lines = outsourcing.service_lines()
    assert {"name": "payroll", "label": "Payroll processing", "lean": "bpo"} in lines
    for which in ("profile", "rules", "result"):
        assert "$schema" in outsourcing.schema(which)
    with pytest.raises(outsourcing.Error) as caught:
        outsourcing.schema("results")
    assert str(caught.value) == 'unknown schema "results" (expected one of: profile, rules, result)'

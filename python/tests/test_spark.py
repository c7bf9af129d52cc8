"""The PySpark recipe: mapInPandas (and mapInArrow) over a DataFrame of tasks, in a local-mode
Spark session, the classifier built once per worker process."""

import os
import shutil
import sys

import pytest

import outsourcing

pd = pytest.importorskip("pandas")


def _require(reason):
    if os.environ.get("OUTSOURCING_REQUIRE_SPARK"):
        pytest.fail(reason + " (OUTSOURCING_REQUIRE_SPARK is set)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def spark():
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        _require("pyspark is not installed")
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        _require("no Java runtime for Spark")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("outsourcing-tests")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "1g")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture(scope="module")
def tasks(portfolio_csv):
    # Spark resolves a dot in a column name as a field of a struct, so attr.NAME columns are
    # left out here (the README shows how to rename them inside the function).
    frame = pd.read_csv(portfolio_csv, dtype=str, keep_default_na=False)
    return frame[[c for c in frame.columns if not c.startswith("attr.")]]


def sorted_rows(frame):
    frame = frame.sort_values("id").reset_index(drop=True).astype(object)
    return frame.where(frame.notna(), None)


def test_map_in_pandas(spark, tasks):
    frame = spark.createDataFrame(tasks).repartition(2)
    out = frame.mapInPandas(outsourcing.classify_batches, schema=outsourcing.SPARK_SCHEMA)
    got = out.toPandas()
    want = outsourcing.classify_frame(tasks)
    assert len(got) == len(tasks)
    assert list(got.columns) == list(outsourcing.RESULT_COLUMNS)
    assert sorted_rows(got).to_dict("records") == sorted_rows(want).to_dict("records")


def test_map_in_arrow_with_custom_rules(spark, tasks, regulated_rules):
    rules = str(regulated_rules)

    def classify(batches):
        return outsourcing.classify_batches(batches, rules=rules)

    frame = spark.createDataFrame(tasks).repartition(2)
    got = frame.mapInArrow(classify, schema=outsourcing.SPARK_SCHEMA).toPandas()
    want = outsourcing.classify_frame(tasks, rules=rules)
    assert sorted_rows(got).to_dict("records") == sorted_rows(want).to_dict("records")
    assert set(got["rule_set"]) == {outsourcing.Classifier(rules).rule_set}


def test_map_in_pandas_carries_the_columns_the_schema_names(spark, tasks):
    owned = tasks.assign(Owner=[f"owner {i}" for i in range(len(tasks))])
    frame = spark.createDataFrame(owned).repartition(2)
    schema = outsourcing.SPARK_SCHEMA + ", Owner string"
    got = frame.mapInPandas(outsourcing.classify_batches, schema=schema).toPandas()
    with pytest.warns(UserWarning, match='^column "Owner" not read'):
        want = outsourcing.classify_frame(owned)
    assert list(got.columns) == [*outsourcing.RESULT_COLUMNS, "Owner"]
    assert sorted_rows(got).to_dict("records") == sorted_rows(want).to_dict("records")
    # Spark leaves out a carried column its schema does not name.
    plain = frame.mapInPandas(outsourcing.classify_batches, schema=outsourcing.SPARK_SCHEMA)
    assert list(plain.toPandas().columns) == list(outsourcing.RESULT_COLUMNS)

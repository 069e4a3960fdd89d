"""The PySpark integration in local mode, compared span for span with ``extract()``.

Skips cleanly when PySpark (the ``spark`` extra) or a Java runtime is missing.  One local
session with two cores serves the whole module (JVM start-up dominates the run time).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyspark", reason="the spark extra (pyspark) is not installed")
pytest.importorskip("pyarrow", reason="pandas UDFs need pyarrow")
if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
    pytest.skip("no Java runtime for Spark local mode", allow_module_level=True)

from _fakes import extractor_with_fake

from eduextract import Extractor, extract
from eduextract.integrations.spark import SPANS_DDL, span_schema, spans_udf, with_spans

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas")


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    with pytest.MonkeyPatch.context() as mp:
        # Executors' Python workers must run this interpreter and import this checkout.
        mp.setenv("PYSPARK_PYTHON", sys.executable)
        mp.setenv("PYSPARK_DRIVER_PYTHON", sys.executable)
        mp.setenv("PYTHONPATH", str(ROOT), prepend=os.pathsep)
        session = (
            SparkSession.builder.master("local[2]")
            .appName("eduextract-test")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.driver.memory", "1g")
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        yield session
        session.stop()


@pytest.fixture(scope="module")
def texts(gold_docs) -> list[str | None]:
    return [
        *(d["text"] for d in gold_docs),
        "组织召开2023届毕业生就业会议，提供120余万个岗位，占比53%。",
        "辽教发〔2021〕23号：投入7.64亿元，第三批。",
        "",
        "😀𠀀 astral \ud800 and a lone surrogate",
        None,
    ]


def _expected(text: str | None, **kwargs) -> list[dict] | None:
    if text is None:
        return None
    return [
        {**s.to_dict(), "value": json.dumps(s.value, ensure_ascii=False)}
        for s in extract(text, **kwargs)
    ]


def _rows_to_records(rows) -> list[list[dict] | None]:
    return [None if r is None else [s.asDict() for s in r] for r in rows]


def _frame(spark, texts):
    return spark.createDataFrame(
        [(i, t) for i, t in enumerate(texts)], "id long, text string"
    ).repartition(2)


def test_schema_ddl_matches_struct_type(spark):
    from pyspark.sql.types import _parse_datatype_string

    assert _parse_datatype_string(SPANS_DDL).simpleString() == span_schema().simpleString()


def test_pandas_udf_gives_the_spans_of_extract(spark, texts):
    df = _frame(spark, texts).withColumn("spans", spans_udf()("text"))
    rows = sorted(df.collect(), key=lambda r: r["id"])
    # Spark stores UTF-8: a lone surrogate arrives as U+FFFD; every other text is unchanged.
    held = [r["text"] for r in rows]
    assert held == [None if t is None else re.sub("[\ud800-\udfff]", "\ufffd", t) for t in texts]
    assert _rows_to_records([r["spans"] for r in rows]) == [_expected(t) for t in held]


def test_map_in_pandas_transform_with_a_label_filter(spark, texts):
    df = with_spans(_frame(spark, texts), "text", "found", labels=["NUMBER", "MONEY"])
    assert df.columns == ["id", "text", "found"]
    rows = sorted(df.collect(), key=lambda r: r["id"])
    expected = [_expected(r["text"], labels=["NUMBER", "MONEY"]) for r in rows]
    assert _rows_to_records([r["found"] for r in rows]) == expected


def test_offsets_are_the_code_points_spark_substring_counts(spark):
    """Exploded spans cut back out of the text with Spark's 1-based ``substring``.

    The fake layer gives real spans (astral character first) even before every layer has
    landed; the real extractor's spans are cut out inside Spark as well.
    """
    from pyspark.sql import functions as F

    text = "𠀀教育部投入7.64亿元，占比53%，2023年5月，教发〔2021〕23号，第三批。"
    fake_spans = extractor_with_fake().extract(text)
    assert len(fake_spans) >= 4
    cuts = spark.createDataFrame(
        [(text, s.start, s.end) for s in fake_spans], "text string, start int, end int"
    ).select(F.expr("substring(text, start + 1, end - start)").alias("cut"))
    assert [r["cut"] for r in cuts.collect()] == [s.text for s in fake_spans]

    flat = (
        with_spans(_frame(spark, [text]), extractor=Extractor())
        .select("text", F.explode("spans").alias("s"))
        .select("s.*", F.expr("substring(text, s.start + 1, s.end - s.start)").alias("cut"))
    )
    rows = flat.collect()
    assert [(r["start"], r["end"], r["label"]) for r in rows] == [
        (s.start, s.end, s.label) for s in extract(text)
    ]
    assert all(r["cut"] == r["text"] == text[r["start"] : r["end"]] for r in rows)


def test_bad_arguments_fail_on_the_driver(spark):
    with pytest.raises(ValueError, match="unknown label"):
        spans_udf(labels=["MONY"])
    with pytest.raises(TypeError, match="Extractor"):
        spans_udf(extractor="default")
    with pytest.raises(ValueError, match="no column"):
        with_spans(_frame(spark, ["一"]), "body")

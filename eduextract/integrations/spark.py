"""eduextract on a Spark cluster: a pandas UDF from a text column to an array of span structs.

::

    from eduextract.integrations.spark import spans_udf
    spans = spans_udf()                                   # or spans_udf(labels=["MONEY"])
    out = df.withColumn("spans", spans("text"))
    flat = out.select("id", F.explode("spans").alias("s")).select("id", "s.*")

Each struct is ``start, end, label, text, value, source`` with ``value`` as a JSON string
(Spark columns need one type; ``from_json`` or ``json.loads`` gives it back).  Offsets are code
points, as in :func:`eduextract.extract`, which is also what Spark's ``substring`` counts
(1-based: ``substring(text, start + 1, end - start)``).  A null text gives a null array.

eduextract must be installed on the executors (``pip install eduextract[spark]`` in the
cluster's Python environment); the UDF carries only the extractor's configuration and each
Python worker builds the extractor once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..extractor import Extractor
from ._worker import extractor_state, require, span_record, worker_extractor

require("eduextract.integrations.spark", "spark", "pyspark", "pandas", "pyarrow")

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from pyspark.sql import DataFrame
    from pyspark.sql.types import ArrayType

#: The Spark SQL type of the output column, in DDL form.
SPANS_DDL = (
    "array<struct<start:int,end:int,label:string,text:string,value:string,source:string>>"
)


def span_schema() -> ArrayType:
    """The output column's type as a ``pyspark.sql.types.ArrayType``."""
    from pyspark.sql.types import (
        ArrayType,
        IntegerType,
        StringType,
        StructField,
        StructType,
    )

    fields = [
        StructField("start", IntegerType(), False),
        StructField("end", IntegerType(), False),
        StructField("label", StringType(), False),
        StructField("text", StringType(), False),
        StructField("value", StringType(), True),
        StructField("source", StringType(), True),
    ]
    return ArrayType(StructType(fields), containsNull=False)


def _records(state: bytes, texts: Iterable[Any]) -> list[list[dict[str, Any]] | None]:
    extractor = worker_extractor(state)
    return [
        None if not isinstance(t, str) else [span_record(s) for s in extractor.extract(t)]
        for t in texts
    ]


def spans_udf(
    extractor: Extractor | None = None, *, labels: Iterable[str] | str | None = None
) -> Any:
    """A pandas UDF mapping a string column to an array of span structs (see module doc)."""
    import pandas as pd
    from pyspark.sql.functions import pandas_udf

    state = extractor_state(extractor, labels)

    def eduextract_spans(texts: pd.Series) -> pd.Series:
        return pd.Series(_records(state, texts), index=texts.index, dtype=object)

    # Spark reads the UDF kind from real type hints; this module's annotations are strings.
    eduextract_spans.__annotations__ = {"texts": pd.Series, "return": pd.Series}
    return pandas_udf(span_schema())(eduextract_spans)


def with_spans(
    df: DataFrame,
    text_col: str = "text",
    output_col: str = "spans",
    *,
    extractor: Extractor | None = None,
    labels: Iterable[str] | str | None = None,
) -> DataFrame:
    """``df`` plus ``output_col`` holding the spans of ``text_col``, via ``mapInPandas``.

    The same result as ``df.withColumn(output_col, spans_udf(...)(text_col))``, for pipelines
    that compose ``mapInPandas`` stages (it also passes every other column through untouched).
    """
    from pyspark.sql.types import StructField, StructType

    if text_col not in df.columns:
        raise ValueError(f"no column {text_col!r} in the DataFrame; columns: {df.columns}")
    state = extractor_state(extractor, labels)
    schema = StructType([*df.schema.fields, StructField(output_col, span_schema(), True)])

    def transform(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for frame in frames:
            frame[output_col] = _records(state, frame[text_col])
            yield frame

    return df.mapInPandas(transform, schema)

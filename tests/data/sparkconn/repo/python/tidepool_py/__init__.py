"""Thin PySpark wrapper around the tidepool JVM data source."""
from .options import to_java_options


def read_table(spark, table, **opts):
    reader = spark.read.format("tidepool").option("table", table)
    for k, v in to_java_options(opts).items():
        reader = reader.option(k, v)
    return reader.load()


def write_table(df, table, mode="append", **opts):
    writer = df.write.format("tidepool").option("table", table).mode(mode)
    for k, v in to_java_options(opts).items():
        writer = writer.option(k, v)
    writer.save()

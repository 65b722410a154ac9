package tidepool.types

import org.apache.spark.sql.types._

object TypeMapper {
  val MaxPrecision = 38

  def decimal(precision: Int, scale: Int): DecimalType =
    if (precision == 0) DecimalType(MaxPrecision, 18)
    else if (precision > MaxPrecision) DecimalType(MaxPrecision, math.max(0, scale - (precision - MaxPrecision)))
    else DecimalType(precision, scale)

  def toCatalyst(typeName: String, precision: Int, scale: Int): DataType = typeName match {
    case "int2" | "int4" => IntegerType
    case "int8" => LongType
    case "float4" => FloatType
    case "float8" => DoubleType
    case "bool" => BooleanType
    case "numeric" => decimal(precision, scale)
    case "text" | "varchar" | "bpchar" | "json" | "jsonb" | "uuid" => StringType
    case "hstore" => MapType(StringType, StringType)
    case "date" => DateType
    case "timestamp" | "timestamptz" => TimestampType
    case t if t.startsWith("_") => arrayOf(t.drop(1))
    case other => throw new IllegalArgumentException(s"Unsupported PostgreSQL type: $other")
  }

  def arrayOf(element: String): DataType = element match {
    case "text" | "varchar" => ArrayType(StringType)
    case "int4" => ArrayType(IntegerType)
    case "int8" => ArrayType(LongType)
    case "float8" => ArrayType(DoubleType)
    case "bool" => ArrayType(BooleanType)
    case "numeric" => ArrayType(DecimalType(MaxPrecision, 18))
    case "date" => ArrayType(DateType)
    case "timestamp" => ArrayType(TimestampType)
    case other => throw new IllegalArgumentException(s"Unsupported PostgreSQL type: _$other")
  }
}

package tidepool

import org.apache.spark.sql.types._
import org.scalatest.funsuite.AnyFunSuite
import tidepool.types.TypeMapper

class TypeMapperSuite extends AnyFunSuite {
  test("numeric with precision") {
    assert(TypeMapper.toCatalyst("numeric", 20, 4) == DecimalType(20, 4))
  }
  test("text arrays") {
    assert(TypeMapper.toCatalyst("_text", 0, 0) == ArrayType(StringType))
  }
}

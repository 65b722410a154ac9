package tidepool

import org.apache.spark.sql.sources._
import org.scalatest.funsuite.AnyFunSuite
import tidepool.read.FilterPushdown

class FilterPushdownSuite extends AnyFunSuite {
  test("boolean literals") {
    assert(FilterPushdown.compile(EqualTo("active", true)) == Some("\"active\" = TRUE"))
  }
  test("in list") {
    assert(FilterPushdown.compile(In("r", Array("a", "b"))) == Some("\"r\" IN ('a', 'b')"))
  }
}

package tidepool

import org.scalatest.funsuite.AnyFunSuite
import tidepool.write.UpsertWriter

class UpsertWriterSuite extends AnyFunSuite {
  test("updates non-key columns") {
    val sql = UpsertWriter.buildStatement("orders", Seq("id", "total"), Seq("id"))
    assert(sql.endsWith("ON CONFLICT (id) DO UPDATE SET \"total\" = EXCLUDED.\"total\""))
  }
  test("all columns are keys") {
    val sql = UpsertWriter.buildStatement("links", Seq("a_id", "b_id"), Seq("a_id", "b_id"))
    assert(sql.endsWith("DO NOTHING"))
  }
}

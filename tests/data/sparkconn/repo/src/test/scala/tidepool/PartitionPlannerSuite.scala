package tidepool

import org.scalatest.funsuite.AnyFunSuite
import tidepool.read.PartitionPlanner

class PartitionPlannerSuite extends AnyFunSuite {
  test("numeric stride") {
    val p = PartitionPlanner.planPartitions("id", "long", "0", "100", 4)
    assert(p.size == 4)
    assert(p.head == "\"id\" >= 0 AND \"id\" < 25")
  }
}

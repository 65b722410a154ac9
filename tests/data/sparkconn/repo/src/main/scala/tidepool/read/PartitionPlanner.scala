package tidepool.read

import java.time.LocalDate
import tidepool.util.Identifiers

object PartitionPlanner {
  /** WHERE clauses, one per input partition. Bounds only shape the stride. */
  def planPartitions(column: String, kind: String, lower: String, upper: String, numPartitions: Int): Seq[String] = {
    val col = Identifiers.quote(column)
    val (lo, hi, render) = kind match {
      case "long" => (lower.toLong, upper.toLong, (x: Long) => x.toString)
      case "date" => (LocalDate.parse(lower).toEpochDay, LocalDate.parse(upper).toEpochDay,
        (x: Long) => s"DATE '${LocalDate.ofEpochDay(x)}'")
      case other => throw new IllegalArgumentException(s"partitionColumn $column must be numeric, date or timestamp, got $other")
    }
    val stride = (hi - lo) / numPartitions
    (0 until numPartitions).map { i =>
      val start = lo + i * stride
      val end = if (i == numPartitions - 1) hi else start + stride
      s"$col >= ${render(start)} AND $col < ${render(end)}"
    }
  }
}

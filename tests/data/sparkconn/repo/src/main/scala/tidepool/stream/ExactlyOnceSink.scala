package tidepool.stream

import tidepool.util.Identifiers

object ExactlyOnceSink {
  def markerInsert(commitTable: String): String =
    s"INSERT INTO ${Identifiers.quoteQualified(commitTable)} (query_id, batch_id) VALUES (?, ?)"

  def alreadyCommitted(committed: Set[Long], batchId: Long): Boolean = committed.contains(batchId)
}

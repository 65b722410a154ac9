package tidepool.write

import tidepool.util.Identifiers

object UpsertWriter {
  def buildStatement(table: String, columns: Seq[String], conflictColumns: Seq[String]): String = {
    val cols = columns.map(Identifiers.quote).mkString(", ")
    val params = columns.map(_ => "?").mkString(", ")
    val updates = columns.filterNot(conflictColumns.contains)
      .map(c => s"${Identifiers.quote(c)} = EXCLUDED.${Identifiers.quote(c)}").mkString(", ")
    val action = if (updates.isEmpty) "DO NOTHING" else s"DO UPDATE SET $updates"
    s"INSERT INTO ${Identifiers.quoteQualified(table)} ($cols) VALUES ($params) " +
      s"ON CONFLICT (${conflictColumns.mkString(", ")}) $action"
  }
}

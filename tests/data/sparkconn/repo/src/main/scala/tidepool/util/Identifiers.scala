package tidepool.util

object Identifiers {
  def quote(name: String): String = "\"" + name.replace("\"", "\"\"") + "\""
  /** Quote a possibly schema-qualified name such as ops.tidepool_commits. */
  def quoteQualified(name: String): String = quote(name)
}

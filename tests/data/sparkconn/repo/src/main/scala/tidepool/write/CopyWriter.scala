package tidepool.write

object CopyWriter {
  val NullMarker = "\\N"

  def escapeText(s: String): String = s.replace("\\", "\\\\")

  def renderValue(v: Any): String = v match {
    case null => NullMarker
    case d: Double if d.isNaN => "NaN"
    case d: Double if d.isInfinite => if (d > 0) "Infinity" else "-Infinity"
    case s: String => escapeText(s)
    case other => other.toString
  }

  def renderRow(values: Seq[Any]): String = values.map(renderValue).mkString("\t") + "\n"
}

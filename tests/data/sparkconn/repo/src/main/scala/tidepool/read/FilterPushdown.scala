package tidepool.read

import org.apache.spark.sql.sources._
import tidepool.util.Identifiers

object FilterPushdown {
  def literal(v: Any): String = v match {
    case null => "NULL"
    case s: String => "'" + s.replace("'", "''") + "'"
    case b: Boolean => if (b) "TRUE" else "FALSE"
    case d: java.sql.Date => s"DATE '$d'"
    case t: java.sql.Timestamp => s"TIMESTAMP '$t'"
    case other => other.toString
  }

  def compile(f: Filter): Option[String] = f match {
    case EqualTo(a, v) => Some(s"${Identifiers.quote(a)} = ${literal(v)}")
    case GreaterThan(a, v) => Some(s"${Identifiers.quote(a)} > ${literal(v)}")
    case LessThan(a, v) => Some(s"${Identifiers.quote(a)} < ${literal(v)}")
    case IsNull(a) => Some(s"${Identifiers.quote(a)} IS NULL")
    case IsNotNull(a) => Some(s"${Identifiers.quote(a)} IS NOT NULL")
    case In(a, vs) => Some(s"${Identifiers.quote(a)} IN (${vs.map(literal).mkString(", ")})")
    case Not(In(a, vs)) => compile(In(a, vs)).map(s => s"NOT ($s)")
    case StringStartsWith(a, v) => Some(s"${Identifiers.quote(a)} LIKE ${literal(v + "%")}")
    case StringEndsWith(a, v) => Some(s"${Identifiers.quote(a)} LIKE ${literal("%" + v)}")
    case StringContains(a, v) => Some(s"${Identifiers.quote(a)} LIKE ${literal("%" + v + "%")}")
    case And(l, r) => for (x <- compile(l); y <- compile(r)) yield s"($x AND $y)"
    case Or(l, r) => for (x <- compile(l); y <- compile(r)) yield s"($x OR $y)"
    case _ => None
  }
}

package tidepool

case class TidepoolOptions(
    url: String,
    table: String,
    user: String,
    writeMode: String,
    conflictColumns: Seq[String],
    batchSize: Int,
    poolSize: Int,
    poolBorrowTimeoutMs: Long,
    maxRetries: Int,
    pushdownPredicate: Boolean,
    commitTable: String)

object TidepoolOptions {
  def parse(raw: Map[String, String]): TidepoolOptions = {
    val opts = raw.map { case (k, v) => k.toLowerCase -> v }
    def req(k: String) = opts.getOrElse(k.toLowerCase, throw new IllegalArgumentException(s"tidepool: option '$k' is required"))
    if (opts.contains("dbtable")) System.err.println("tidepool: option 'dbtable' is deprecated, use 'table'")
    TidepoolOptions(
      url = req("url"),
      table = opts.getOrElse("table", req("dbtable")),
      user = opts.getOrElse("user", ""),
      writeMode = opts.getOrElse("writemode", "insert"),
      conflictColumns = opts.get("conflictcolumns").toSeq.flatMap(_.split(",")).map(_.trim).filter(_.nonEmpty),
      batchSize = opts.getOrElse("batchsize", "1000").toInt,
      poolSize = opts.getOrElse("poolsize", "4").toInt,
      poolBorrowTimeoutMs = opts.getOrElse("poolborrowtimeoutms", "60000").toLong,
      maxRetries = opts.getOrElse("maxretries", "5").toInt,
      pushdownPredicate = opts.getOrElse("pushdownpredicate", "true").toBoolean,
      commitTable = opts.getOrElse("committable", "tidepool_commits"))
  }
}

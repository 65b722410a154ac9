package tidepool.secrets

import java.nio.charset.StandardCharsets
import java.nio.file.{Files, Paths}

object SecretResolver {
  def readFile(path: String): String =
    new String(Files.readAllBytes(Paths.get(path)), StandardCharsets.UTF_8)

  def resolve(options: Map[String, String]): Option[String] =
    options.get("passwordFile").map(readFile).orElse(options.get("password").map { p =>
      if (p.startsWith("env:")) sys.env.getOrElse(p.drop(4), throw new IllegalArgumentException(s"environment variable ${p.drop(4)} is not set"))
      else p
    })
}

package tidepool

import java.nio.file.Files
import org.scalatest.funsuite.AnyFunSuite
import tidepool.secrets.SecretResolver

class SecretResolverSuite extends AnyFunSuite {
  test("plain password") {
    assert(SecretResolver.resolve(Map("password" -> "s3cret")) == Some("s3cret"))
  }
  test("password file") {
    val f = Files.createTempFile("pg", ".txt")
    Files.write(f, "s3cret".getBytes("UTF-8"))
    assert(SecretResolver.resolve(Map("passwordFile" -> f.toString)) == Some("s3cret"))
  }
}

ThisBuild / organization := "io.lakeside"
ThisBuild / scalaVersion := "2.12.18"
ThisBuild / crossScalaVersions := Seq("2.12.18", "2.13.16")
val sparkVersion = settingKey[String]("spark version")
lazy val root = (project in file(".")).settings(
  name := "tidepool",
  sparkVersion := sys.props.getOrElse("spark.version", "3.5.1"),
  libraryDependencies ++= Seq(
    "org.apache.spark" %% "spark-sql" % sparkVersion.value % Provided,
    "org.postgresql" % "postgresql" % "42.7.5",
    "org.scalatest" %% "scalatest" % "3.2.18" % Test
  )
)

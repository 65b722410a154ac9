plugins {
    kotlin("jvm") version "2.2.0" apply false
    kotlin("plugin.serialization") version "2.2.0" apply false
}

allprojects {
    group = "io.tidewater.skein"
    version = "2.5.0-SNAPSHOT"
    repositories { mavenCentral() }
}

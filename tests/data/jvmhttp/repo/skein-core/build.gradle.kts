plugins { kotlin("jvm") }

kotlin { jvmToolchain(11) }

dependencies {
    api("com.squareup.okio:okio:3.16.2")
    testImplementation(kotlin("test"))
    testImplementation(project(":skein-mockserver"))
}

tasks.test { useJUnitPlatform() }

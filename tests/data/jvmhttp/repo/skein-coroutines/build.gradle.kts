plugins { kotlin("jvm") }

dependencies {
    api(project(":skein-core"))
    compileOnly("org.jetbrains.kotlinx:kotlinx-coroutines-core:1.10.2")
    testImplementation("org.jetbrains.kotlinx:kotlinx-coroutines-test:1.10.2")
    testImplementation(project(":skein-mockserver"))
    testImplementation(kotlin("test"))
}

plugins { kotlin("jvm") }

dependencies {
    api(project(":skein-core"))
}

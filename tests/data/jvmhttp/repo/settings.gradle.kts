rootProject.name = "skein"

include(":skein-core", ":skein-coroutines", ":skein-json", ":skein-mockserver")

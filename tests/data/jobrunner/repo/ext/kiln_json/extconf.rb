require "mkmf"

$CFLAGS << " -O2 -Wall"
create_makefile("kiln/kiln_json")

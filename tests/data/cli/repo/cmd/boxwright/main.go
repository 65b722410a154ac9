// Command boxwright builds, signs and ships container images and release
// packages.
package main

import (
	"os"

	"github.com/boxwright/boxwright/internal/cli"
	"github.com/boxwright/boxwright/internal/log"
)

func main() {
	root := cli.NewRootCommand()
	if err := root.Execute(); err != nil {
		log.Fatal(err)
	}
	os.Exit(0)
}

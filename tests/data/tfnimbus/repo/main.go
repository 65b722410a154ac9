package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/nimbusdns/terraform-provider-nimbus/internal/provider"
)

var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers")
	flag.Parse()

	ctx := context.Background()
	muxServer, err := provider.NewMuxServer(ctx, version)
	if err != nil {
		log.Fatal(err)
	}

	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	if err := tf6server.Serve("registry.terraform.io/nimbusdns/nimbus", func() tfprotov6.ProviderServer { return muxServer }, opts...); err != nil {
		log.Fatal(err)
	}
}

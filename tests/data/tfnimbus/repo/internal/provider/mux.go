package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-mux/tf5to6server"
	"github.com/hashicorp/terraform-plugin-mux/tf6muxserver"
	"github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema"
)

// sdkProvider serves the resources that are still on the SDKv2.
func sdkProvider() *schema.Provider {
	return &schema.Provider{
		ResourcesMap: map[string]*schema.Resource{
			"nimbus_firewall_rule": resourceFirewallRule(),
		},
	}
}

func NewMuxServer(ctx context.Context, version string) (tfprotov6.ProviderServer, error) {
	upgraded, err := tf5to6server.UpgradeServer(ctx, sdkProvider().GRPCProvider)
	if err != nil {
		return nil, err
	}
	servers := []func() tfprotov6.ProviderServer{
		providerserver.NewProtocol6(New(version)()),
		func() tfprotov6.ProviderServer { return upgraded },
	}
	mux, err := tf6muxserver.NewMuxServer(ctx, servers...)
	if err != nil {
		return nil, err
	}
	return mux.ProviderServer(), nil
}

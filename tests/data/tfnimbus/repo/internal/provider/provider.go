package provider

import (
	"context"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/nimbusdns/terraform-provider-nimbus/internal/client"
)

type nimbusProvider struct {
	version string
}

type providerModel struct {
	Endpoint  types.String `tfsdk:"endpoint"`
	Token     types.String `tfsdk:"token"`
	RateLimit types.Int64  `tfsdk:"rate_limit"`
}

func New(version string) func() provider.Provider {
	return func() provider.Provider { return &nimbusProvider{version: version} }
}

func (p *nimbusProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "nimbus"
	resp.Version = p.version
}

func (p *nimbusProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		Attributes: map[string]schema.Attribute{
			"endpoint":   schema.StringAttribute{Optional: true, Description: "API endpoint. Defaults to NIMBUS_API_URL, then https://api.nimbus.example."},
			"token":      schema.StringAttribute{Optional: true, Sensitive: true, Description: "API token. Defaults to NIMBUS_TOKEN."},
			"rate_limit": schema.Int64Attribute{Optional: true, Description: "Client-side requests per second (default 10, 0 disables)."},
		},
	}
}

// configureEndpoint resolves the API endpoint: provider block first, then
// the environment, then the public default.
func configureEndpoint(m providerModel) string {
	if !m.Endpoint.IsNull() && m.Endpoint.ValueString() != "" {
		return m.Endpoint.ValueString()
	}
	if v := os.Getenv("NIMBUS_API_ENDPOINT"); v != "" {
		return v
	}
	return client.DefaultEndpoint
}

func (p *nimbusProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var m providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	token := m.Token.ValueString()
	if token == "" {
		token = os.Getenv("NIMBUS_TOKEN")
	}
	if token == "" {
		resp.Diagnostics.AddError("Missing API token", "Set token in the provider block or NIMBUS_TOKEN.")
		return
	}
	rps := 10
	if !m.RateLimit.IsNull() {
		rps = int(m.RateLimit.ValueInt64())
	}
	c := client.New(client.Config{
		Endpoint:  configureEndpoint(m),
		Token:     token,
		UserAgent: "terraform-provider-nimbus/" + p.version,
		RateLimit: rps,
	})
	resp.ResourceData = c
	resp.DataSourceData = c
}

func (p *nimbusProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewZoneResource,
		NewRecordResource,
		NewCDNOriginResource,
		NewCertificateResource,
	}
}

func (p *nimbusProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewZoneDataSource,
		NewRecordsDataSource,
	}
}

package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/nimbusdns/terraform-provider-nimbus/internal/client"
)

type zoneDataSource struct{ client *client.Client }

type zoneDataModel struct {
	ID          types.String `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	NameServers types.List   `tfsdk:"name_servers"`
}

func NewZoneDataSource() datasource.DataSource { return &zoneDataSource{} }

func (d *zoneDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_zone"
}

func (d *zoneDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id":           schema.StringAttribute{Computed: true},
		"name":         schema.StringAttribute{Required: true},
		"name_servers": schema.ListAttribute{Computed: true, ElementType: types.StringType},
	}}
}

func (d *zoneDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, _ *datasource.ConfigureResponse) {
	if req.ProviderData != nil {
		d.client = req.ProviderData.(*client.Client)
	}
}

// findZoneByName lists the account's zones and returns the one called name.
func findZoneByName(ctx context.Context, c *client.Client, name string) (*client.Zone, error) {
	zones, err := c.ListZones(ctx)
	if err != nil {
		return nil, err
	}
	for i := range zones {
		if zones[i].Name == name {
			return &zones[i], nil
		}
	}
	return nil, fmt.Errorf("zone %q not found", name)
}

func (d *zoneDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m zoneDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	z, err := findZoneByName(ctx, d.client, m.Name.ValueString())
	if err != nil {
		resp.Diagnostics.AddError(err.Error(), "")
		return
	}
	m.ID = types.StringValue(z.ID)
	ns, diags := types.ListValueFrom(ctx, types.StringType, z.NameServers)
	resp.Diagnostics.Append(diags...)
	m.NameServers = ns
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

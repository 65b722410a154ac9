package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/nimbusdns/terraform-provider-nimbus/internal/client"
)

type cdnOriginResource struct{ client *client.Client }

type originModel struct {
	ID            types.String `tfsdk:"id"`
	ZoneID        types.String `tfsdk:"zone_id"`
	Hostname      types.String `tfsdk:"hostname"`
	OriginAddress types.String `tfsdk:"origin_address"`
	OriginPort    types.Int64  `tfsdk:"origin_port"`
	HostHeader    types.String `tfsdk:"host_header"`
	TLSVerify     types.Bool   `tfsdk:"tls_verify"`
	ShieldRegion  types.String `tfsdk:"shield_region"`
}

func NewCDNOriginResource() resource.Resource { return &cdnOriginResource{} }

func (r *cdnOriginResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cdn_origin"
}

func (r *cdnOriginResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Version: 1,
		Attributes: map[string]schema.Attribute{
			"id":             schema.StringAttribute{Computed: true},
			"zone_id":        schema.StringAttribute{Required: true},
			"hostname":       schema.StringAttribute{Required: true},
			"origin_address": schema.StringAttribute{Required: true},
			"origin_port":    schema.Int64Attribute{Optional: true, Computed: true},
			"host_header":    schema.StringAttribute{Optional: true},
			"tls_verify":     schema.BoolAttribute{Optional: true, Computed: true},
			"shield_region":  schema.StringAttribute{Optional: true, Validators: shieldRegionValidators()},
		},
	}
}

func (r *cdnOriginResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m originModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	o, err := r.client.GetOrigin(ctx, m.ZoneID.ValueString(), m.ID.ValueString())
	if client.IsNotFound(err) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("error reading origin", err.Error())
		return
	}
	m.Hostname = types.StringValue(o.Hostname)
	m.OriginAddress = types.StringValue(o.OriginAddress)
	m.OriginPort = types.Int64Value(o.OriginPort)
	if o.HostHeader != "" {
		m.HostHeader = types.StringValue(o.HostHeader)
	}
	m.TLSVerify = types.BoolValue(o.TLSVerify)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

var shieldRegions = []string{"eu-central", "eu-west", "us-east", "us-west", "ap-south", "ap-northeast"}

func shieldRegionValidators() []validator.String {
	return []validator.String{stringvalidator.OneOf(shieldRegions...)}
}

// Create, Update, Delete and ImportState are in resource_cdn_origin_crud.go (omitted from this excerpt).

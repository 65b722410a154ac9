package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// originModelV0 is the SDKv2-era state of nimbus_cdn_origin (schema version 0).
type originModelV0 struct {
	ID                 types.String `tfsdk:"id"`
	ZoneID             types.String `tfsdk:"zone_id"`
	Hostname           types.String `tfsdk:"hostname"`
	OriginAddress      types.String `tfsdk:"origin_address"`
	HostHeaderOverride types.String `tfsdk:"host_header_override"`
	TLSVerify          types.Bool   `tfsdk:"tls_verify"`
}

func originSchemaV0() *schema.Schema {
	return &schema.Schema{Attributes: map[string]schema.Attribute{
		"id":                   schema.StringAttribute{Computed: true},
		"zone_id":              schema.StringAttribute{Required: true},
		"hostname":             schema.StringAttribute{Required: true},
		"origin_address":       schema.StringAttribute{Required: true},
		"host_header_override": schema.StringAttribute{Optional: true},
		"tls_verify":           schema.BoolAttribute{Optional: true},
	}}
}

func (r *cdnOriginResource) UpgradeState(_ context.Context) map[int64]resource.StateUpgrader {
	return map[int64]resource.StateUpgrader{
		0: {PriorSchema: originSchemaV0(), StateUpgrader: upgradeOriginStateV0},
	}
}

// upgradeOriginStateV0 maps schema v0 to v1: host_header_override was renamed
// to host_header, origin_port and shield_region were added.
func upgradeOriginStateV0(ctx context.Context, req resource.UpgradeStateRequest, resp *resource.UpgradeStateResponse) {
	var old originModelV0
	resp.Diagnostics.Append(req.State.Get(ctx, &old)...)
	if resp.Diagnostics.HasError() {
		return
	}
	tlsVerify := old.TLSVerify
	if tlsVerify.IsNull() {
		tlsVerify = types.BoolValue(true)
	}
	upgraded := originModel{
		ID:            old.ID,
		ZoneID:        old.ZoneID,
		Hostname:      old.Hostname,
		OriginAddress: old.OriginAddress,
		OriginPort:    types.Int64Value(443),
		HostHeader:    types.StringNull(),
		TLSVerify:     tlsVerify,
		ShieldRegion:  types.StringNull(),
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, upgraded)...)
}

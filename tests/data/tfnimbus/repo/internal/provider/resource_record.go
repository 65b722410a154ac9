package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/nimbusdns/terraform-provider-nimbus/internal/client"
)

type recordResource struct{ client *client.Client }

type recordModel struct {
	ID       types.String `tfsdk:"id"`
	ZoneID   types.String `tfsdk:"zone_id"`
	Name     types.String `tfsdk:"name"`
	Type     types.String `tfsdk:"type"`
	Value    types.String `tfsdk:"value"`
	TTL      types.Int64  `tfsdk:"ttl"`
	Priority types.Int64  `tfsdk:"priority"`
	Proxied  types.Bool   `tfsdk:"proxied"`
}

func NewRecordResource() resource.Resource { return &recordResource{} }

func (r *recordResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id":       schema.StringAttribute{Computed: true},
		"zone_id":  schema.StringAttribute{Required: true},
		"name":     schema.StringAttribute{Required: true},
		"type":     schema.StringAttribute{Required: true},
		"value":    schema.StringAttribute{Required: true, PlanModifiers: []planmodifier.String{recordValueModifier{}}},
		"ttl":      schema.Int64Attribute{Optional: true, Computed: true},
		"priority": schema.Int64Attribute{Optional: true},
		"proxied":  schema.BoolAttribute{Optional: true, Computed: true},
	}}
}

// recordValueModifier keeps the prior state value when the configured value
// only differs in the way the API formats TXT and CAA values.
type recordValueModifier struct{}

func (m recordValueModifier) Description(context.Context) string { return "suppress cosmetic TXT/CAA differences" }
func (m recordValueModifier) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (m recordValueModifier) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.StateValue.IsNull() || req.PlanValue.IsUnknown() {
		return
	}
	var rtype types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, req.Path.ParentPath().AtName("type"), &rtype)...)
	switch rtype.ValueString() {
	case "TXT":
		if txtEqual(req.StateValue.ValueString(), req.PlanValue.ValueString()) {
			resp.PlanValue = req.StateValue
		}
	case "CAA":
		if caaEqual(req.StateValue.ValueString(), req.PlanValue.ValueString()) {
			resp.PlanValue = req.StateValue
		}
	}
}

// flattenRecord reads back what the API returned (ttl is forced to 1 for
// proxied records; apex CNAMEs come back flattened).
func flattenRecord(rec *client.Record, m *recordModel) {
	m.ID = types.StringValue(rec.ZoneID + "/" + rec.ID)
	m.Name = types.StringValue(rec.Name)
	m.Type = types.StringValue(rec.Type)
	m.TTL = types.Int64Value(rec.TTL)
	m.Proxied = types.BoolValue(rec.Proxied)
	if rec.Priority != nil {
		m.Priority = types.Int64Value(*rec.Priority)
	}
}

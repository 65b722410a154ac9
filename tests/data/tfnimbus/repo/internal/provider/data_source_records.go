package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/nimbusdns/terraform-provider-nimbus/internal/client"
)

type recordsDataSource struct{ client *client.Client }

type recordsDataModel struct {
	ZoneID  types.String      `tfsdk:"zone_id"`
	Type    types.String      `tfsdk:"type"`
	Records []recordDataModel `tfsdk:"records"`
}

type recordDataModel struct {
	ID    types.String `tfsdk:"id"`
	Name  types.String `tfsdk:"name"`
	Type  types.String `tfsdk:"type"`
	Value types.String `tfsdk:"value"`
	TTL   types.Int64  `tfsdk:"ttl"`
}

func NewRecordsDataSource() datasource.DataSource { return &recordsDataSource{} }

func (d *recordsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m recordsDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	recs, err := d.client.ListRecords(ctx, m.ZoneID.ValueString(), strings.ToUpper(m.Type.ValueString()))
	if err != nil {
		resp.Diagnostics.AddError("error listing records", err.Error())
		return
	}
	m.Records = make([]recordDataModel, 0, len(recs))
	for _, r := range recs {
		m.Records = append(m.Records, recordDataModel{
			ID: types.StringValue(r.ID), Name: types.StringValue(r.Name), Type: types.StringValue(r.Type),
			Value: types.StringValue(r.Value), TTL: types.Int64Value(r.TTL),
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

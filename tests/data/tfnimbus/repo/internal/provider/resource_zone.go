package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/nimbusdns/terraform-provider-nimbus/internal/client"
)

type zoneResource struct{ client *client.Client }

func NewZoneResource() resource.Resource { return &zoneResource{} }

// ImportState accepts a zone id or a zone name, see parseZoneImportID.
func (r *zoneResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, err := parseZoneImportID(ctx, r.client, req.ID)
	if err != nil {
		resp.Diagnostics.AddError(err.Error(), "")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
}

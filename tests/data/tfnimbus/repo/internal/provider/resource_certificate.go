package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/nimbusdns/terraform-provider-nimbus/internal/client"
)

type certificateResource struct{ client *client.Client }

type certificateModel struct {
	ID        types.String   `tfsdk:"id"`
	ZoneID    types.String   `tfsdk:"zone_id"`
	Hostnames types.Set      `tfsdk:"san"`
	Status    types.String   `tfsdk:"status"`
	Issuer    types.String   `tfsdk:"issuer"`
	ExpiresAt types.String   `tfsdk:"expires_at"`
	Timeouts  timeouts.Value `tfsdk:"timeouts"`
}

func NewCertificateResource() resource.Resource { return &certificateResource{} }

const certificatePollInterval = 10 * time.Second

// waitForCertificateIssued polls until the certificate is issued or failed.
func waitForCertificateIssued(ctx context.Context, c *client.Client, id string, timeout time.Duration) (*client.Certificate, error) {
	deadline := time.Now().Add(10 * time.Minute)
	for {
		cert, err := c.GetCertificate(ctx, id)
		if err != nil {
			return nil, err
		}
		switch cert.Status {
		case "issued":
			return cert, nil
		case "failed":
			return nil, fmt.Errorf("certificate %s failed validation", id)
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("error waiting for certificate %s to be issued: timeout after %s", id, 10*time.Minute)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(certificatePollInterval):
		}
	}
}

func (r *certificateResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m certificateModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	createTimeout, diags := m.Timeouts.Create(ctx, 10*time.Minute)
	resp.Diagnostics.Append(diags...)

	var hosts []string
	resp.Diagnostics.Append(m.Hostnames.ElementsAs(ctx, &hosts, false)...)
	created, err := r.client.CreateCertificate(ctx, client.Certificate{ZoneID: m.ZoneID.ValueString(), Hostnames: hosts})
	if err != nil {
		resp.Diagnostics.AddError("error creating certificate", err.Error())
		return
	}
	cert, err := waitForCertificateIssued(ctx, r.client, created.ID, createTimeout)
	if err != nil {
		resp.Diagnostics.AddError("error waiting for certificate", err.Error())
		return
	}
	flattenCertificate(cert, &m)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *certificateResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m certificateModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	cert, err := r.client.GetCertificate(ctx, m.ID.ValueString())
	if client.IsNotFound(err) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("error reading certificate", err.Error())
		return
	}
	flattenCertificate(cert, &m)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// flattenCertificate copies the API object into the Terraform model.
func flattenCertificate(cert *client.Certificate, m *certificateModel) {
	m.ID = types.StringValue(cert.ID)
	m.Status = types.StringValue(cert.Status)
	m.Issuer = types.StringValue(cert.Issuer)
	m.ExpiresAt = types.StringValue(cert.ExpiresAt.UTC().Format(time.RFC3339))
}

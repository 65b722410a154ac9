package client

import (
	"context"
	"net/url"
	"time"
)

type Certificate struct {
	ID        string     `json:"id"`
	ZoneID    string     `json:"zone_id"`
	Hostnames []string   `json:"hostnames"`
	Status    string     `json:"status"` // pending_validation, issued, failed
	Issuer    string     `json:"issuer"`
	ExpiresAt *time.Time `json:"expires_at"` // null until issued
}

func (c *Client) GetCertificate(ctx context.Context, id string) (*Certificate, error) {
	var out Certificate
	if err := c.do(ctx, "GET", "/v1/certificates/"+url.PathEscape(id), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

func (c *Client) CreateCertificate(ctx context.Context, in Certificate) (*Certificate, error) {
	var out Certificate
	if err := c.do(ctx, "POST", "/v1/certificates", in, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

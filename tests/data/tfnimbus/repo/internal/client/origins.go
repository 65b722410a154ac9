package client

import (
	"context"
	"net/url"
)

type Origin struct {
	ID            string `json:"id"`
	ZoneID        string `json:"zone_id"`
	Hostname      string `json:"hostname"`
	OriginAddress string `json:"origin_address"`
	OriginPort    int64  `json:"origin_port"`
	HostHeader    string `json:"host_header"`
	TLSVerify     bool   `json:"tls_verify"`
	ShieldRegion  string `json:"shield_region,omitempty"`
}

func (c *Client) GetOrigin(ctx context.Context, zoneID, id string) (*Origin, error) {
	var o Origin
	if err := c.do(ctx, "GET", "/v1/zones/"+url.PathEscape(zoneID)+"/origins/"+url.PathEscape(id), nil, &o); err != nil {
		return nil, err
	}
	return &o, nil
}

func (c *Client) UpdateOrigin(ctx context.Context, o Origin) (*Origin, error) {
	var out Origin
	if err := c.do(ctx, "PUT", "/v1/zones/"+url.PathEscape(o.ZoneID)+"/origins/"+url.PathEscape(o.ID), o, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

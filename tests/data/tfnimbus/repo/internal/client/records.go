package client

import (
	"context"
	"net/url"
)

type Record struct {
	ID       string `json:"id"`
	ZoneID   string `json:"zone_id"`
	Name     string `json:"name"`
	Type     string `json:"type"`
	Value    string `json:"value"`
	TTL      int64  `json:"ttl"`
	Priority *int64 `json:"priority,omitempty"`
	Proxied  bool   `json:"proxied"`
}

type recordList struct {
	Records    []Record `json:"records"`
	NextCursor string   `json:"next_cursor"`
}

// ListRecords returns the records of a zone, optionally filtered by type.
// The API pages list results (100 per page) and sets next_cursor when there
// are more.
func (c *Client) ListRecords(ctx context.Context, zoneID, recordType string) ([]Record, error) {
	path := "/v1/zones/" + url.PathEscape(zoneID) + "/records?per_page=100"
	if recordType != "" {
		path += "&type=" + url.QueryEscape(recordType)
	}
	var page recordList
	if err := c.do(ctx, "GET", path, nil, &page); err != nil {
		return nil, err
	}
	return page.Records, nil
}

func (c *Client) GetRecord(ctx context.Context, zoneID, id string) (*Record, error) {
	var r Record
	if err := c.do(ctx, "GET", "/v1/zones/"+url.PathEscape(zoneID)+"/records/"+url.PathEscape(id), nil, &r); err != nil {
		return nil, err
	}
	return &r, nil
}

func (c *Client) CreateRecord(ctx context.Context, r Record) (*Record, error) {
	var out Record
	if err := c.do(ctx, "POST", "/v1/zones/"+url.PathEscape(r.ZoneID)+"/records", r, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

func (c *Client) DeleteRecord(ctx context.Context, zoneID, id string) error {
	return c.do(ctx, "DELETE", "/v1/zones/"+url.PathEscape(zoneID)+"/records/"+url.PathEscape(id), nil, nil)
}

package client

import (
	"context"
	"net/url"
)

type Zone struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	NameServers []string `json:"name_servers"`
	DNSSEC      bool     `json:"dnssec"`
	Plan        string   `json:"plan"`
}

type zoneList struct {
	Zones      []Zone `json:"zones"`
	NextCursor string `json:"next_cursor"`
}

func (c *Client) GetZone(ctx context.Context, id string) (*Zone, error) {
	var z Zone
	if err := c.do(ctx, "GET", "/v1/zones/"+url.PathEscape(id), nil, &z); err != nil {
		return nil, err
	}
	return &z, nil
}

// ListZones returns every zone of the account, following next_cursor.
func (c *Client) ListZones(ctx context.Context) ([]Zone, error) {
	var all []Zone
	cursor := ""
	for {
		path := "/v1/zones?per_page=100"
		if cursor != "" {
			path += "&cursor=" + url.QueryEscape(cursor)
		}
		var page zoneList
		if err := c.do(ctx, "GET", path, nil, &page); err != nil {
			return nil, err
		}
		all = append(all, page.Zones...)
		if page.NextCursor == "" {
			return all, nil
		}
		cursor = page.NextCursor
	}
}

func (c *Client) CreateZone(ctx context.Context, z Zone) (*Zone, error) {
	var out Zone
	if err := c.do(ctx, "POST", "/v1/zones", z, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

func (c *Client) DeleteZone(ctx context.Context, id string) error {
	return c.do(ctx, "DELETE", "/v1/zones/"+url.PathEscape(id), nil, nil)
}

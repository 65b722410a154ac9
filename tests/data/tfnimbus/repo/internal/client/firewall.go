package client

import (
	"context"
	"net/url"
)

type FirewallRule struct {
	ID             string `json:"id,omitempty"`
	ZoneID         string `json:"zone_id"`
	Expression     string `json:"expression"`
	Action         string `json:"action"`
	Priority       *int   `json:"priority,omitempty"` // nil means "API default" (100)
	Description    string `json:"description,omitempty"`
	ManagedRuleset string `json:"managed_ruleset,omitempty"`
}

func rulesPath(zoneID string) string {
	return "/v1/zones/" + url.PathEscape(zoneID) + "/firewall/rules"
}

func (c *Client) CreateFirewallRule(ctx context.Context, r FirewallRule) (*FirewallRule, error) {
	var out FirewallRule
	if err := c.do(ctx, "POST", rulesPath(r.ZoneID), r, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

func (c *Client) GetFirewallRule(ctx context.Context, zoneID, id string) (*FirewallRule, error) {
	var out FirewallRule
	if err := c.do(ctx, "GET", rulesPath(zoneID)+"/"+url.PathEscape(id), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

func (c *Client) DeleteFirewallRule(ctx context.Context, zoneID, id string) error {
	return c.do(ctx, "DELETE", rulesPath(zoneID)+"/"+url.PathEscape(id), nil, nil)
}

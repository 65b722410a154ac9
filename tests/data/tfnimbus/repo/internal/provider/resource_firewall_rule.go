package provider

// nimbus_firewall_rule is the last resource still on the SDKv2; it is served
// next to the framework provider through tf6muxserver (see mux.go).

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-sdk/v2/diag"
	"github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema"
	"github.com/hashicorp/terraform-plugin-sdk/v2/helper/validation"

	"github.com/nimbusdns/terraform-provider-nimbus/internal/client"
)

func resourceFirewallRule() *schema.Resource {
	return &schema.Resource{
		CreateContext: resourceFirewallRuleCreate,
		ReadContext:   resourceFirewallRuleRead,
		DeleteContext: resourceFirewallRuleDelete,
		Importer:      &schema.ResourceImporter{StateContext: schema.ImportStatePassthroughContext},
		Schema: map[string]*schema.Schema{
			"zone_id":    {Type: schema.TypeString, Required: true, ForceNew: true},
			"expression": {Type: schema.TypeString, Required: true, ForceNew: true, DiffSuppressFunc: suppressExpressionParens},
			"action": {Type: schema.TypeString, Required: true, ForceNew: true,
				ValidateFunc: validation.StringInSlice([]string{"allow", "deny", "block", "challenge", "log"}, false)},
			"priority":        {Type: schema.TypeInt, Optional: true, Computed: true, ForceNew: true, ValidateFunc: validation.IntBetween(0, 10000)},
			"description":     {Type: schema.TypeString, Optional: true, ForceNew: true},
			"managed_ruleset": {Type: schema.TypeString, Optional: true, ForceNew: true},
		},
	}
}

// suppressExpressionParens ignores the outer parentheses the API adds.
func suppressExpressionParens(_, old, new string, _ *schema.ResourceData) bool {
	strip := func(s string) string {
		s = strings.TrimSpace(s)
		if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
			return s[1 : len(s)-1]
		}
		return s
	}
	return strip(old) == strip(new)
}

// expandFirewallRule builds the API object from the resource data.
func expandFirewallRule(d *schema.ResourceData) client.FirewallRule {
	r := client.FirewallRule{
		ZoneID:         d.Get("zone_id").(string),
		Expression:     d.Get("expression").(string),
		Action:         d.Get("action").(string),
		Description:    strings.TrimSpace(d.Get("description").(string)),
		ManagedRuleset: d.Get("managed_ruleset").(string),
	}
	if v := d.Get("priority").(int); v != 0 {
		r.Priority = &v
	}
	return r
}

func flattenFirewallRule(r *client.FirewallRule, d *schema.ResourceData) {
	d.Set("zone_id", r.ZoneID)
	d.Set("expression", r.Expression)
	d.Set("action", r.Action)
	if r.Priority != nil {
		d.Set("priority", *r.Priority)
	}
	d.Set("description", strings.TrimSpace(r.Description))
	d.Set("managed_ruleset", r.ManagedRuleset)
}

func resourceFirewallRuleCreate(ctx context.Context, d *schema.ResourceData, meta interface{}) diag.Diagnostics {
	c := meta.(*client.Client)
	out, err := c.CreateFirewallRule(ctx, expandFirewallRule(d))
	if err != nil {
		return diag.FromErr(err)
	}
	d.SetId(out.ID)
	return resourceFirewallRuleRead(ctx, d, meta)
}

func resourceFirewallRuleRead(ctx context.Context, d *schema.ResourceData, meta interface{}) diag.Diagnostics {
	c := meta.(*client.Client)
	r, err := c.GetFirewallRule(ctx, d.Get("zone_id").(string), d.Id())
	if client.IsNotFound(err) {
		d.SetId("")
		return nil
	}
	if err != nil {
		return diag.FromErr(err)
	}
	flattenFirewallRule(r, d)
	return nil
}

func resourceFirewallRuleDelete(ctx context.Context, d *schema.ResourceData, meta interface{}) diag.Diagnostics {
	c := meta.(*client.Client)
	return diag.FromErr(c.DeleteFirewallRule(ctx, d.Get("zone_id").(string), d.Id()))
}

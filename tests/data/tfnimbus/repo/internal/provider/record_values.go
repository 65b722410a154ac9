package provider

import (
	"strings"
)

// normalizeTXT brings a TXT value into the form used for comparing the
// configured value with what the API returns. The API wraps TXT values in
// double quotes and escapes quotes inside them.
func normalizeTXT(v string) string {
	v = strings.TrimSpace(v)
	if len(v) >= 2 && strings.HasPrefix(v, `"`) && strings.HasSuffix(v, `"`) {
		v = v[1 : len(v)-1]
	}
	return v
}

// txtEqual is used by the TXT plan modifier to suppress cosmetic diffs.
func txtEqual(a, b string) bool {
	return normalizeTXT(a) == normalizeTXT(b)
}

// caaValue is a parsed CAA record value: flags tag "value".
type caaValue struct {
	Flags string
	Tag   string
	Value string
}

// parseCAAValue parses `0 issue "ca.example.net; validationmethods=dns-01"`.
// The tag is lowercased (the API does that too) and the value unquoted.
func parseCAAValue(v string) (caaValue, bool) {
	parts := strings.Fields(v)
	if len(parts) < 3 {
		return caaValue{}, false
	}
	return caaValue{
		Flags: parts[0],
		Tag:   strings.ToLower(parts[1]),
		Value: strings.Trim(parts[2], `"`),
	}, true
}

func caaEqual(a, b string) bool {
	pa, okA := parseCAAValue(a)
	pb, okB := parseCAAValue(b)
	if !okA || !okB {
		return a == b
	}
	return pa == pb
}

package provider

import "testing"

func TestNormalizeTXT(t *testing.T) {
	cases := []struct{ in, want string }{
		{`v=spf1 include:_spf.mailhost.example ~all`, `v=spf1 include:_spf.mailhost.example ~all`},
		{`"v=spf1 include:_spf.mailhost.example ~all"`, `v=spf1 include:_spf.mailhost.example ~all`},
		{`  "google-site-verification=abc"  `, `google-site-verification=abc`},
		{`"`, `"`},
	}
	for _, c := range cases {
		if got := normalizeTXT(c.in); got != c.want {
			t.Errorf("normalizeTXT(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestCAAEqual(t *testing.T) {
	if !caaEqual(`0 ISSUE "ca.example.net"`, `0 issue "ca.example.net"`) {
		t.Error("tag case must not matter")
	}
	if caaEqual(`0 issue "ca.example.net"`, `128 issue "ca.example.net"`) {
		t.Error("flags must matter")
	}
}

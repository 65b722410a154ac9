package version

import "testing"

func TestCompare(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"2.3.0", "2.2.9", 1},
		{"v2.3.0", "2.3.0", 0},
		{"2.3.0-rc.1", "2.3.0-rc.2", -1},
		{"1.9.4", "2.0.0", -1},
	}
	for _, c := range cases {
		if got := Compare(c.a, c.b); got != c.want {
			t.Errorf("Compare(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

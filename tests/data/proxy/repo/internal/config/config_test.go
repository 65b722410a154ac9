package config

import (
	"os"
	"path/filepath"
	"testing"
)

func write(t *testing.T, s string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "portcullis.yaml")
	if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadDefaults(t *testing.T) {
	c, err := Load(write(t, "backends:\n  - url: http://127.0.0.1:9000\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Listen != ":8080" || c.Metrics.Listen != "127.0.0.1:9180" {
		t.Fatalf("defaults not applied: %+v", c)
	}
}

func TestRejectEmptyBackends(t *testing.T) {
	if _, err := Load(write(t, "backends: []\n")); err == nil {
		t.Fatal("expected an error")
	}
}

func TestHealthPath(t *testing.T) {
	c, err := Load(write(t, "backends:\n  - url: http://a:1\nhealth:\n  path: /ready\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Health.Path != "/ready" {
		t.Fatalf("path = %q", c.Health.Path)
	}
}

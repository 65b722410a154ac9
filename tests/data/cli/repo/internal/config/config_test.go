package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestUnknownKeyLine(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "boxwright.yaml")
	os.WriteFile(p, []byte("version: 2\nbuild:\n  contxt: .\n"), 0o644)
	cfg := Default()
	data, _ := os.ReadFile(p)
	err := mergeFile(cfg, p, data)
	var uk *UnknownKeyError
	if !errors.As(err, &uk) {
		t.Fatalf("want UnknownKeyError, got %v", err)
	}
	if uk.Key != "build.contxt" || uk.Line != 3 {
		t.Fatalf("got %q line %d", uk.Key, uk.Line)
	}
}

func TestTOMLLine(t *testing.T) {
	src := []byte("version = 2\n\n[sign]\nkeyles = true\n")
	cfg := Default()
	err := mergeTOML(cfg, "boxwright.toml", src)
	if err == nil || !strings.Contains(err.Error(), "at line 4") {
		t.Fatalf("got %v", err)
	}
}

func TestV1WithoutVersionIsUpgraded(t *testing.T) {
	cfg := Default()
	err := mergeFile(cfg, "boxwright.yaml", []byte("signing:\n  key: cosign.key\n"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Sign.Key != "cosign.key" {
		t.Fatalf("sign.key = %q", cfg.Sign.Key)
	}
}

func TestEnvMirrors(t *testing.T) {
	cfg := Default()
	applyEnv(cfg, []string{"BOXWRIGHT_REGISTRY_MIRRORS=https://a.example,https://b.example"})
	if len(cfg.Registry.Mirrors) != 2 {
		t.Fatalf("mirrors = %v", cfg.Registry.Mirrors)
	}
}

package sbom

import (
	"os"
	"path/filepath"
	"testing"
)

func TestGoSumReplace(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module x\n\nreplace example.com/a => example.com/fork/a v1.2.4\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "go.sum"), []byte("example.com/a v1.2.3 h1:abc=\n"), 0o644)
	pkgs, err := goModCataloger{}.Catalog(filepath.Join(dir, "go.sum"))
	if err != nil || len(pkgs) != 1 || pkgs[0].Name != "example.com/fork/a" {
		t.Fatalf("got %+v, %v", pkgs, err)
	}
}

func TestLockfileV3(t *testing.T) {
	dir := t.TempDir()
	lock := `{"lockfileVersion":3,"packages":{"":{"name":"app"},"node_modules/left-pad":{"version":"1.3.0","license":"WTFPL"},"node_modules/@scope/x":{"version":"2.0.0"}}}`
	p := filepath.Join(dir, "package-lock.json")
	os.WriteFile(p, []byte(lock), 0o644)
	pkgs, err := npmCataloger{}.Catalog(p)
	if err != nil || len(pkgs) != 2 {
		t.Fatalf("got %+v, %v", pkgs, err)
	}
}

func TestUnsupportedLockfile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "package-lock.json")
	os.WriteFile(p, []byte(`{"lockfileVersion":9}`), 0o644)
	if _, err := (npmCataloger{}).Catalog(p); err == nil {
		t.Fatal("expected error")
	}
}

package build

import (
	"os"
	"path/filepath"
	"testing"
)

func TestGlobDoubleStar(t *testing.T) {
	cases := []struct {
		glob, name string
		want       bool
	}{
		{"**/node_modules", "node_modules", true},
		{"**/node_modules", "web/node_modules", true},
		{"**/*.log", "a/b/c.log", true},
		{"dist/*.map", "dist/x/y.map", false},
	}
	for _, c := range cases {
		if got := globMatch(c.glob, c.name); got != c.want {
			t.Errorf("globMatch(%q, %q) = %v", c.glob, c.name, got)
		}
	}
}

func TestNegation(t *testing.T) {
	ig := &Ignorer{patterns: []pattern{{glob: "dist"}, {glob: "dist/keep.txt", negate: true}}}
	if ig.Match("dist/keep.txt", false) {
		t.Fatal("dist/keep.txt should be re-included")
	}
	if !ig.Match("dist/other.txt", false) {
		t.Fatal("dist/other.txt should be excluded")
	}
}

func TestParsePlatform(t *testing.T) {
	for in, want := range map[string]string{
		"linux/arm64/v8": "linux/arm64",
		"linux/aarch64":  "linux/arm64",
		"linux/arm":      "linux/arm/v7",
		"linux/x86_64":   "linux/amd64",
	} {
		p, err := ParsePlatform(in)
		if err != nil || p.String() != want {
			t.Errorf("ParsePlatform(%q) = %v, %v", in, p, err)
		}
	}
}

func TestWalkContextIgnore(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "node_modules", "x"), 0o755)
	os.WriteFile(filepath.Join(dir, "node_modules", "x", "i.js"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "main.go"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, IgnoreFile), []byte("**/node_modules\n"), 0o644)
	files, err := WalkContext(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 { // main.go and .boxignore
		t.Fatalf("got %d files", len(files))
	}
}

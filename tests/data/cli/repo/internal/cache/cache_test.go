package cache

import (
	"os"
	"path/filepath"
	"testing"
)

func TestParseSize(t *testing.T) {
	cases := map[string]int64{
		"1024":   1024,
		"1KiB":   1024,
		"8MiB":   8 << 20,
		"1.5GiB": 3 << 29,
	}
	for in, want := range cases {
		got, err := ParseSize(in)
		if err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
}

func TestStaleLockIsRemoved(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "blobs.lock"), []byte("999999\n"), 0o644)
	l, err := Acquire(dir)
	if err != nil {
		t.Fatal(err)
	}
	l.Release()
}

func TestPruneKeepsNewest(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "blobs", "sha256"), 0o755)
	for _, n := range []string{"a", "b", "c"} {
		os.WriteFile(filepath.Join(dir, "blobs", "sha256", n), make([]byte, 100), 0o644)
	}
	freed, err := Prune(dir, 150, false)
	if err != nil || freed != 200 {
		t.Fatalf("freed %d, %v", freed, err)
	}
}

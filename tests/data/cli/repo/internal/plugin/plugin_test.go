package plugin

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDiscoverFirstWins(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(a, "boxwright-hello"), []byte("#!/bin/sh\n"), 0o755)
	os.WriteFile(filepath.Join(b, "boxwright-hello"), []byte("#!/bin/sh\n"), 0o755)
	os.WriteFile(filepath.Join(b, "boxwright-notexec"), []byte(""), 0o644)
	got := Discover(a + string(os.PathListSeparator) + b)
	if len(got) != 1 || filepath.Dir(got[0].Path) != a {
		t.Fatalf("got %+v", got)
	}
}

func TestDiscoverSkipsMissingDir(t *testing.T) {
	if got := Discover("/does/not/exist"); len(got) != 0 {
		t.Fatalf("got %+v", got)
	}
}

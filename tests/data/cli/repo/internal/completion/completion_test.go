package completion

import (
	"bytes"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

func TestFishEscapesQuotes(t *testing.T) {
	root := &cobra.Command{Use: "boxwright"}
	root.AddCommand(&cobra.Command{Use: "push", Short: "Push an image to a registry's repo", Run: func(*cobra.Command, []string) {}})
	var buf bytes.Buffer
	if err := Write(&buf, root, "fish"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `registry\'s`) {
		t.Fatalf("quote not escaped:\n%s", buf.String())
	}
}

func TestUnsupportedShell(t *testing.T) {
	if err := Write(&bytes.Buffer{}, &cobra.Command{Use: "boxwright"}, "nu"); err == nil {
		t.Fatal("expected error")
	}
}

// Package completion generates shell completion scripts.
package completion

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

// Shells lists the supported shells.
var Shells = []string{"bash", "zsh", "fish", "powershell"}

// Write writes the completion script for shell.
func Write(w io.Writer, root *cobra.Command, shell string) error {
	switch shell {
	case "bash":
		return root.GenBashCompletionV2(w, true)
	case "zsh":
		return root.GenZshCompletion(w)
	case "fish":
		return writeFish(w, root)
	case "powershell":
		return root.GenPowerShellCompletionWithDesc(w)
	}
	return fmt.Errorf("completion: unsupported shell %q (want one of %s)", shell, strings.Join(Shells, ", "))
}

// writeFish emits static completions for subcommands and flags; dynamic
// values go through "boxwright __complete".
func writeFish(w io.Writer, root *cobra.Command) error {
	fmt.Fprintf(w, "# fish completion for %s\n", root.Name())
	fmt.Fprintf(w, "complete -c %s -f\n", root.Name())
	for _, c := range root.Commands() {
		if c.Hidden {
			continue
		}
		fmt.Fprintf(w, "complete -c %s -n '__fish_use_subcommand' -a %s -d '%s'\n",
			root.Name(), c.Name(), fishEscape(c.Short))
		c.Flags().VisitAll(func(f *pflagFlag) {
			fmt.Fprintf(w, "complete -c %s -n '__fish_seen_subcommand_from %s' -l %s -d '%s'\n",
				root.Name(), c.Name(), f.Name, fishEscape(f.Usage))
		})
	}
	fmt.Fprintf(w, "complete -c %s -n '__fish_use_subcommand' -a '(%s __complete plugins)'\n", root.Name(), root.Name())
	return nil
}

func fishEscape(s string) string {
	s = strings.ReplaceAll(s, "\\", "\\\\")
	s = strings.ReplaceAll(s, "'", "\\'")
	return strings.ReplaceAll(s, "\t", " ")
}

package cli

import (
	"os"

	"github.com/spf13/cobra"

	"github.com/boxwright/boxwright/internal/completion"
)

func newCompletionCommand(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:       "completion SHELL",
		Short:     "Print a shell completion script (bash, zsh, fish, powershell)",
		Args:      cobra.ExactArgs(1),
		ValidArgs: completion.Shells,
		RunE: func(cmd *cobra.Command, args []string) error {
			return completion.Write(os.Stdout, root, args[0])
		},
	}
}

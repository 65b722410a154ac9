package cli

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/boxwright/boxwright/internal/version"
)

func newVersionCommand() *cobra.Command {
	var check bool
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print version information",
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Printf("boxwright %s (commit %s, built %s, %s/%s, %s)\n",
				version.Version, version.Commit, version.Date, runtime.GOOS, runtime.GOARCH, runtime.Version())
			if !check {
				return nil
			}
			latest, err := version.Latest(cmd.Context())
			if err != nil {
				return fmt.Errorf("version: checking for updates: %w", err)
			}
			if version.Compare(latest, version.Version) > 0 {
				fmt.Printf("a newer version is available: %s\n", latest)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&check, "check", false, "check for a newer release")
	return cmd
}

package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/boxwright/boxwright/internal/plugin"
)

func newPluginCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "plugin", Short: "Manage plugins"}
	list := &cobra.Command{
		Use:   "list",
		Short: "List plugins found on PATH",
		RunE: func(cmd *cobra.Command, args []string) error {
			for _, p := range plugin.Discover(os.Getenv("PATH")) {
				md, err := plugin.ReadMetadata(cmd.Context(), p)
				if err != nil {
					fmt.Printf("%-20s %s (error: %v)\n", p.Name, p.Path, err)
					continue
				}
				fmt.Printf("%-20s %-8s v%d  %s\n", p.Name, md.Version, md.Protocol, md.Description)
			}
			return nil
		},
	}
	cmd.AddCommand(list)
	return cmd
}

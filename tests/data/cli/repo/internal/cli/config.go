package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/boxwright/boxwright/internal/config"
)

func newConfigCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "config", Short: "Show, locate and migrate config files"}
	var write bool
	migrate := &cobra.Command{
		Use:   "migrate [FILE]",
		Short: "Convert a v1 config file to the v2 schema",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := "boxwright.yaml"
			if len(args) == 1 {
				path = args[0]
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			out, err := config.Migrate(data)
			if err != nil {
				return fmt.Errorf("config migrate: %s: %w", path, err)
			}
			if write {
				return os.WriteFile(path, out, 0o644)
			}
			_, err = os.Stdout.Write(out)
			return err
		},
	}
	migrate.Flags().BoolVarP(&write, "write", "w", false, "rewrite the file in place")
	path := &cobra.Command{
		Use:   "path",
		Short: "Print the config files that would be read",
		RunE: func(cmd *cobra.Command, args []string) error {
			ud, err := config.UserDir()
			if err != nil {
				return err
			}
			fmt.Println(ud)
			wd, _ := os.Getwd()
			if p, err := config.Find(wd); err == nil {
				fmt.Println(p)
			}
			return nil
		},
	}
	cmd.AddCommand(migrate, path)
	return cmd
}

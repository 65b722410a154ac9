package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/boxwright/boxwright/internal/log"
	"github.com/boxwright/boxwright/internal/release"
)

func newReleaseCommand() *cobra.Command {
	var dist, ver string
	cmd := &cobra.Command{
		Use:   "release",
		Short: "Package binaries as archives, deb/rpm, Homebrew formula and Scoop manifest",
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig()
			if err != nil {
				return err
			}
			if ver == "" {
				return fmt.Errorf("release: --version is required")
			}
			if err := os.MkdirAll(dist, 0o755); err != nil {
				return err
			}
			for _, kind := range cfg.Release.Packages {
				log.Infof("release: %s packages for %s", kind, ver)
			}
			if cfg.Release.Scoop != "" {
				f, err := os.Create(filepath.Join(dist, "scoop.json"))
				if err != nil {
					return err
				}
				defer f.Close()
				m := release.NewScoopManifest("boxwright", ver, "", "", "", "", "", nil)
				return release.WriteScoop(f, m)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&dist, "dist", "dist", "output directory")
	cmd.Flags().StringVar(&ver, "version", "", "version being released")
	return cmd
}

package cli

import (
	"encoding/json"
	"os"

	"github.com/spf13/cobra"

	"github.com/boxwright/boxwright/internal/build"
	"github.com/boxwright/boxwright/internal/cache"
	"github.com/boxwright/boxwright/internal/log"
)

func newBuildCommand() *cobra.Command {
	var platforms, tags string
	var push bool
	cmd := &cobra.Command{
		Use:   "build [CONTEXT]",
		Short: "Build an image from a base image and local files",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig()
			if err != nil {
				return err
			}
			if len(args) == 1 {
				cfg.Build.Context = args[0]
			}
			if platforms != "" {
				cfg.Build.Platforms = splitCSV(platforms)
			}
			var ps []build.Platform
			for _, s := range cfg.Build.Platforms {
				p, err := build.ParsePlatform(s)
				if err != nil {
					return err
				}
				ps = append(ps, p)
			}
			dir, err := cache.Dir(cfg.Cache.Dir)
			if err != nil {
				return err
			}
			lock, err := cache.Acquire(dir)
			if err != nil {
				return err
			}
			defer lock.Release()
			res, err := build.Build(cmd.Context(), build.Options{
				Config: cfg, Platforms: ps, Tags: splitCSV(tags), CacheDir: dir, Push: push,
			})
			if err != nil {
				return err
			}
			if flags.output == "json" {
				return json.NewEncoder(os.Stdout).Encode(res)
			}
			log.Infof("built %s", res.Digest)
			return nil
		},
	}
	cmd.Flags().StringVar(&platforms, "platform", "", "comma separated platforms, e.g. linux/amd64,linux/arm64")
	cmd.Flags().StringVarP(&tags, "tag", "t", "", "comma separated tags")
	cmd.Flags().BoolVar(&push, "push", false, "push after building")
	return cmd
}

package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/boxwright/boxwright/internal/cache"
	"github.com/boxwright/boxwright/internal/log"
)

func newCacheCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "cache", Short: "Inspect and prune the local cache"}
	var keep string
	var dry bool
	prune := &cobra.Command{
		Use:   "prune",
		Short: "Remove least recently used blobs",
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig()
			if err != nil {
				return err
			}
			if keep == "" {
				keep = cfg.Cache.KeepStorage
			}
			n, err := cache.ParseSize(keep)
			if err != nil {
				return fmt.Errorf("cache prune: --keep-storage: %w", err)
			}
			dir, err := cache.Dir(cfg.Cache.Dir)
			if err != nil {
				return err
			}
			freed, err := cache.Prune(dir, n, dry)
			if err != nil {
				return err
			}
			log.Infof("freed %s", cache.FormatSize(freed))
			if legacy := cache.LegacyDir(); legacy != "" {
				log.Warnf("a pre-2.0 cache exists at %s; it is no longer used and can be deleted", legacy)
			}
			return nil
		},
	}
	prune.Flags().StringVar(&keep, "keep-storage", "", "keep this much, e.g. 10GB")
	prune.Flags().BoolVar(&dry, "dry-run", false, "only print what would be removed")
	dirCmd := &cobra.Command{
		Use:   "dir",
		Short: "Print the cache directory",
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig()
			if err != nil {
				return err
			}
			d, err := cache.Dir(cfg.Cache.Dir)
			if err != nil {
				return err
			}
			fmt.Println(d)
			return nil
		},
	}
	cmd.AddCommand(prune, dirCmd)
	return cmd
}

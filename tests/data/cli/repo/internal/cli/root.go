// Package cli wires the boxwright commands.
package cli

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/boxwright/boxwright/internal/config"
	"github.com/boxwright/boxwright/internal/log"
	"github.com/boxwright/boxwright/internal/plugin"
)

type globalFlags struct {
	configPath string
	debug      bool
	noColor    bool
	output     string
	progress   string
	quiet      bool
}

var flags globalFlags

// NewRootCommand builds the command tree, including plugin commands.
func NewRootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:           "boxwright",
		Short:         "Build, sign and ship container images and release packages",
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			log.Debug = flags.debug
			log.NoColor = flags.noColor
			log.Format = flags.output
			if flags.configPath != "" {
				os.Setenv("BOXWRIGHT_CONFIG", flags.configPath)
			}
			return nil
		},
	}
	pf := root.PersistentFlags()
	pf.StringVarP(&flags.configPath, "config", "c", "", "config file (default: search boxwright.yaml upwards)")
	pf.BoolVar(&flags.debug, "debug", false, "print debug output")
	pf.BoolVar(&flags.noColor, "no-color", false, "disable colored output")
	pf.StringVarP(&flags.output, "output", "o", "text", "output format: text or json")
	pf.StringVar(&flags.progress, "progress", "auto", "progress output: auto, tty or plain")
	pf.BoolVarP(&flags.quiet, "quiet", "q", false, "only print errors")

	root.AddCommand(
		newBuildCommand(), newPushCommand(), newSignCommand(), newVerifyCommand(),
		newSBOMCommand(), newCacheCommand(), newConfigCommand(), newPluginCommand(),
		newCompletionCommand(root), newReleaseCommand(), newVersionCommand(), newLoginCommand(),
	)
	addPluginCommands(root)
	return root
}

// addPluginCommands registers one passthrough command per plugin found on
// PATH, unless a built-in command has the same name.
func addPluginCommands(root *cobra.Command) {
	builtin := map[string]bool{}
	for _, c := range root.Commands() {
		builtin[c.Name()] = true
	}
	for _, p := range plugin.Discover(os.Getenv("PATH")) {
		if builtin[p.Name] {
			continue
		}
		p := p
		root.AddCommand(&cobra.Command{
			Use:                p.Name,
			Short:              fmt.Sprintf("plugin: %s", p.Path),
			DisableFlagParsing: true,
			GroupID:            "",
			RunE: func(cmd *cobra.Command, args []string) error {
				return plugin.Run(cmd.Context(), p, args)
			},
		})
	}
}

func loadConfig() (*config.Config, error) {
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	cfg, err := config.Load(wd)
	if err != nil {
		return nil, err
	}
	log.Debugf("config: loaded %s", cfg.Source())
	return cfg, nil
}

func splitCSV(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

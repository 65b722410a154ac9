package plugin

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
)

// ProtocolVersion is the plugin protocol spoken by this boxwright.
const ProtocolVersion = 2

// Metadata is printed by "boxwright-<name> __metadata".
type Metadata struct {
	Protocol    int    `json:"protocol"`
	Description string `json:"description"`
	Version     string `json:"version"`
}

// ReadMetadata runs the plugin's metadata subcommand.
func ReadMetadata(ctx context.Context, p Plugin) (*Metadata, error) {
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, p.Path, "__metadata")
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("plugin: %s: metadata: %w", p.Name, err)
	}
	var md Metadata
	if err := json.Unmarshal(out.Bytes(), &md); err != nil {
		return nil, fmt.Errorf("plugin: %s: invalid metadata: %w", p.Name, err)
	}
	return &md, nil
}

// Run executes the plugin with args, connected to the terminal.
func Run(ctx context.Context, p Plugin, args []string) error {
	md, err := ReadMetadata(ctx, p)
	if err != nil {
		return err
	}
	if md.Protocol != ProtocolVersion {
		return fmt.Errorf("plugin: %s speaks protocol v%d, boxwright expects v%d", p.Name, md.Protocol, ProtocolVersion)
	}
	cmd := exec.CommandContext(ctx, p.Path, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(),
		"BOXWRIGHT_PLUGIN=1",
		fmt.Sprintf("BOXWRIGHT_PLUGIN_PROTOCOL=%d", ProtocolVersion),
	)
	return cmd.Run()
}

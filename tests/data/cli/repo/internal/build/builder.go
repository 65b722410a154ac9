// Package build assembles OCI images from a base image and local files.
package build

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/boxwright/boxwright/internal/config"
	"github.com/boxwright/boxwright/internal/log"
)

// Options are the inputs of one build.
type Options struct {
	Config    *config.Config
	Platforms []Platform
	Tags      []string
	Hooks     []string
	CacheDir  string
	Push      bool
}

// Result describes the built image or index.
type Result struct {
	Digest    string
	Manifests map[string]string // platform -> manifest digest
	Layers    []*Layer
}

// Build runs pre-build hooks, walks the context and writes one layer per
// platform on top of the base image.
func Build(ctx context.Context, opts Options) (*Result, error) {
	for _, h := range opts.Hooks {
		if err := runHook(ctx, h); err != nil {
			return nil, fmt.Errorf("build: hook %q failed: %w", h, err)
		}
	}
	root := opts.Config.Build.Context
	files, err := WalkContext(root)
	if err != nil {
		return nil, err
	}
	log.Infof("context: %d files from %s", len(files), root)
	res := &Result{Manifests: map[string]string{}}
	for _, p := range opts.Platforms {
		tmp, err := os.CreateTemp(opts.CacheDir, "layer-*.tar.gz")
		if err != nil {
			return nil, err
		}
		layer, err := WriteLayer(files, "app/", tmp)
		tmp.Close()
		if err != nil {
			return nil, fmt.Errorf("build: %s: %w", p, err)
		}
		res.Layers = append(res.Layers, layer)
		res.Manifests[p.String()] = layer.Digest
		log.Infof("built %s layer %s (%d bytes)", p, layer.Digest[:19], layer.Size)
	}
	return res, nil
}

func runHook(ctx context.Context, hook string) error {
	shell, flag := "/bin/sh", "-c"
	if filepath.Separator == '\\' {
		shell, flag = "cmd.exe", "/C"
	}
	cmd := exec.CommandContext(ctx, shell, flag, hook)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	cmd.Env = append(os.Environ(), "BOXWRIGHT_HOOK=1")
	log.Debugf("hook: %s", strings.TrimSpace(hook))
	return cmd.Run()
}

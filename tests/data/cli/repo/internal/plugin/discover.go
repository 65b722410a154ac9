// Package plugin finds and runs boxwright-<name> executables on PATH.
package plugin

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Prefix is the executable name prefix of plugins.
const Prefix = "boxwright-"

// Plugin is a discovered plugin executable.
type Plugin struct {
	Name string
	Path string
}

// Discover returns the plugins on PATH; the first match of a name wins.
func Discover(pathEnv string) []Plugin {
	seen := map[string]bool{}
	var out []Plugin
	for _, dir := range filepath.SplitList(pathEnv) {
		if dir == "" {
			continue
		}
		for _, p := range discoverDir(dir) {
			if seen[p.Name] {
				continue
			}
			seen[p.Name] = true
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func discoverDir(dir string) []Plugin {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []Plugin
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, Prefix) {
			continue
		}
		full := filepath.Join(dir, name)
		info, _ := os.Stat(full) // follow symlinks
		if info.IsDir() || info.Mode()&0o111 == 0 {
			continue
		}
		out = append(out, Plugin{Name: strings.TrimPrefix(name, Prefix), Path: full})
	}
	return out
}

// Find returns the plugin called name, if any.
func Find(name string) (Plugin, bool) {
	for _, p := range Discover(os.Getenv("PATH")) {
		if p.Name == name {
			return p, true
		}
	}
	return Plugin{}, false
}

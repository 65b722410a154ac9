package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/boxwright/boxwright/internal/log"
)

// searchNames are tried in each directory from the working directory up to
// the filesystem root.
var searchNames = []string{"boxwright.yaml", ".boxwright.yaml", "boxwright.yml", "boxwright.toml"}

// ErrNotFound is returned by Find when no config file exists.
var ErrNotFound = errors.New("config: no boxwright.yaml or boxwright.toml found")

// UnknownKeyError reports a key that is not part of the schema.
type UnknownKeyError struct {
	Key  string
	Line int
	File string
}

func (e *UnknownKeyError) Error() string {
	return fmt.Sprintf("config: unknown key %q at line %d in %s", e.Key, e.Line, e.File)
}

// UserDir returns the per-user config directory.
func UserDir() (string, error) {
	if runtime.GOOS == "darwin" {
		// XDG_CONFIG_HOME is intentionally not consulted on macOS.
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(home, "Library", "Application Support", "boxwright"), nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "boxwright"), nil
}

// Find locates the project config file, starting at dir.
func Find(dir string) (string, error) {
	if p := os.Getenv("BOXWRIGHT_CONFIG"); p != "" {
		return p, nil
	}
	for {
		for _, name := range searchNames {
			p := filepath.Join(dir, name)
			if _, err := os.Stat(p); err == nil {
				return p, nil
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", ErrNotFound
		}
		dir = parent
	}
}

// Load reads the system, user and project config files and merges them,
// then applies BOXWRIGHT_* environment overrides.
func Load(dir string) (*Config, error) {
	cfg := Default()
	var files []string
	if runtime.GOOS != "windows" {
		files = append(files, "/etc/boxwright/config.yaml")
	}
	if ud, err := UserDir(); err == nil {
		files = append(files, filepath.Join(ud, "config.yaml"))
	}
	if p, err := Find(dir); err == nil {
		files = append(files, p)
	} else if !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if errors.Is(err, os.ErrNotExist) {
			continue
		} else if err != nil {
			return nil, fmt.Errorf("config: reading %s: %w", f, err)
		}
		if err := mergeFile(cfg, f, data); err != nil {
			return nil, err
		}
		cfg.source = f
	}
	if err := applyEnv(cfg, os.Environ()); err != nil {
		return nil, err
	}
	return cfg, nil
}

func mergeFile(cfg *Config, path string, data []byte) error {
	if strings.HasSuffix(path, ".toml") {
		return mergeTOML(cfg, path, data)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return fmt.Errorf("config: %s: %w", path, err)
	}
	if v := schemaVersion(&root); v < SchemaVersion {
		log.Warnf("%s uses config schema v%d; run 'boxwright config migrate' (v%d files stop loading in 3.0)", path, v, v)
		if err := upgradeNode(&root); err != nil {
			return err
		}
	}
	if err := checkKeys(&root, path, strings.HasPrefix(path, "/etc/")); err != nil {
		return err
	}
	return root.Decode(cfg)
}

func schemaVersion(root *yaml.Node) int {
	if len(root.Content) == 0 {
		return SchemaVersion
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "version" {
			var v int
			fmt.Sscanf(m.Content[i+1].Value, "%d", &v)
			return v
		}
	}
	return 1
}

// checkKeys walks the document and rejects keys that are not in knownKeys.
// The plugins section is only allowed in user and project files.
func checkKeys(root *yaml.Node, path string, system bool) error {
	if len(root.Content) == 0 {
		return nil
	}
	return walkKeys(root.Content[0], "", path, system)
}

func walkKeys(n *yaml.Node, prefix, path string, system bool) error {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		if prefix != "" {
			key = prefix + "." + k.Value
		}
		if prefix == "" && key == "plugins" && system {
			return &UnknownKeyError{Key: key, Line: k.Line, File: path}
		}
		if strings.HasPrefix(key, "plugins.") {
			continue
		}
		if !knownKeys[key] {
			return &UnknownKeyError{Key: key, Line: k.Line, File: path}
		}
		if err := walkKeys(v, key, path, system); err != nil {
			return err
		}
	}
	return nil
}

var knownKeys = map[string]bool{
	"version": true, "build": true, "build.context": true, "build.base": true,
	"build.platforms": true, "build.tags": true, "build.cache-from": true,
	"build.cache-to": true, "build.files": true,
	"registry": true, "registry.mirrors": true, "registry.insecure": true,
	"registry.tls": true, "registry.tls.ca_file": true, "registry.tls.cert": true,
	"registry.tls.key": true, "registry.proxy": true, "registry.proxy.http": true,
	"registry.proxy.https": true, "registry.proxy.no_proxy": true,
	"registry.chunk_size": true, "registry.timeout": true, "registry.retries": true,
	"sign": true, "sign.key": true, "sign.keyless": true, "sign.recorder": true,
	"sbom": true, "sbom.format": true, "sbom.attach": true,
	"cache": true, "cache.dir": true, "cache.keep_storage": true,
	"plugins": true, "release": true, "release.archives": true,
	"release.packages": true, "release.homebrew_tap": true, "release.scoop_bucket": true,
}

// Package config loads boxwright.yaml / boxwright.toml files.
package config

import "time"

// SchemaVersion is the config schema written by this release.
const SchemaVersion = 2

// Config is the merged configuration of one invocation.
type Config struct {
	Version  int            `yaml:"version" toml:"version"`
	Build    BuildConfig    `yaml:"build" toml:"build"`
	Registry RegistryConfig `yaml:"registry" toml:"registry"`
	Sign     SignConfig     `yaml:"sign" toml:"sign"`
	SBOM     SBOMConfig     `yaml:"sbom" toml:"sbom"`
	Cache    CacheConfig    `yaml:"cache" toml:"cache"`
	Plugins  map[string]any `yaml:"plugins" toml:"plugins"`
	Release  ReleaseConfig  `yaml:"release" toml:"release"`

	// path of the file the values were read from, for messages.
	source string
}

type BuildConfig struct {
	Context   string   `yaml:"context" toml:"context"`
	Base      string   `yaml:"base" toml:"base"`
	Platforms []string `yaml:"platforms" toml:"platforms"`
	Tags      []string `yaml:"tags" toml:"tags"`
	CacheFrom []string `yaml:"cache-from" toml:"cache-from"`
	CacheTo   string   `yaml:"cache-to" toml:"cache-to"`
	Files     []File   `yaml:"files" toml:"files"`
}

type File struct {
	Src  string `yaml:"src" toml:"src"`
	Dst  string `yaml:"dst" toml:"dst"`
	Mode string `yaml:"mode" toml:"mode"`
}

type RegistryConfig struct {
	Mirrors   []Mirror      `yaml:"mirrors" toml:"mirrors"`
	Insecure  []string      `yaml:"insecure" toml:"insecure"`
	TLS       TLSConfig     `yaml:"tls" toml:"tls"`
	Proxy     ProxyConfig   `yaml:"proxy" toml:"proxy"`
	ChunkSize string        `yaml:"chunk_size" toml:"chunk_size"`
	Timeout   time.Duration `yaml:"timeout" toml:"timeout"`
	Retries   int           `yaml:"retries" toml:"retries"`
}

type Mirror struct {
	Host     string `yaml:"host" toml:"host"`
	Endpoint string `yaml:"endpoint" toml:"endpoint"`
	Insecure bool   `yaml:"insecure" toml:"insecure"`
}

type TLSConfig struct {
	CAFile string `yaml:"ca_file" toml:"ca_file"`
	Cert   string `yaml:"cert" toml:"cert"`
	Key    string `yaml:"key" toml:"key"`
}

type ProxyConfig struct {
	HTTP    string `yaml:"http" toml:"http"`
	HTTPS   string `yaml:"https" toml:"https"`
	NoProxy string `yaml:"no_proxy" toml:"no_proxy"`
}

type SignConfig struct {
	Key      string `yaml:"key" toml:"key"`
	Keyless  bool   `yaml:"keyless" toml:"keyless"`
	Recorder string `yaml:"recorder" toml:"recorder"`
}

type SBOMConfig struct {
	Format string `yaml:"format" toml:"format"`
	Attach bool   `yaml:"attach" toml:"attach"`
}

type CacheConfig struct {
	Dir         string `yaml:"dir" toml:"dir"`
	KeepStorage string `yaml:"keep_storage" toml:"keep_storage"`
}

type ReleaseConfig struct {
	Archives []string `yaml:"archives" toml:"archives"`
	Packages []string `yaml:"packages" toml:"packages"`
	Homebrew string   `yaml:"homebrew_tap" toml:"homebrew_tap"`
	Scoop    string   `yaml:"scoop_bucket" toml:"scoop_bucket"`
}

// Source returns the file the config was loaded from ("" for defaults).
func (c *Config) Source() string { return c.source }

// Default returns the built-in defaults.
func Default() *Config {
	return &Config{
		Version:  SchemaVersion,
		Build:    BuildConfig{Context: ".", Platforms: []string{"linux/amd64"}},
		Registry: RegistryConfig{ChunkSize: "8MiB", Timeout: 60 * time.Second, Retries: 5},
		SBOM:     SBOMConfig{Format: "spdx-json"},
		Cache:    CacheConfig{KeepStorage: "20GB"},
	}
}

// Package config loads and validates the YAML configuration.
package config

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"time"

	"gopkg.in/yaml.v3"
)

// Config is the root of portcullis.yaml (schema version 1).
type Config struct {
	Version         int           `yaml:"version"`
	Listen          string        `yaml:"listen"`
	ListenHTTP3     bool          `yaml:"listen_http3"`
	ProxyProtocol   bool          `yaml:"listen_proxy_protocol"`
	ShutdownTimeout time.Duration `yaml:"shutdown_timeout"`
	Routes          []Route       `yaml:"routes"`
	Backends        []Backend     `yaml:"backends"`
	Balancer        string        `yaml:"balancer"`
	HashKey         string        `yaml:"hash_key"`
	Health          HealthCheck   `yaml:"health"`
	RateLimit       *RateLimit    `yaml:"rate_limit"`
	TLS             TLS           `yaml:"tls"`
	HTTP3           HTTP3         `yaml:"http3"`
	Metrics         Metrics       `yaml:"metrics"`
	AccessLog       AccessLog     `yaml:"access_log"`
	Timeouts        Timeouts      `yaml:"timeouts"`
}

type Backend struct {
	URL        string `yaml:"url"`
	Weight     int    `yaml:"weight"`
	Protocol   string `yaml:"protocol"` // "", "http", "https", "h2c"
	HealthHost string `yaml:"health_host"`
}

type Route struct {
	Path          string        `yaml:"path"`
	Middleware    []string      `yaml:"middleware"`
	FlushInterval time.Duration `yaml:"flush_interval"`
	Retry         *Retry        `yaml:"retry"`
	PreserveHost  bool          `yaml:"preserve_host"`
}

type Retry struct {
	On      []string `yaml:"on"`
	Methods []string `yaml:"methods"`
}

// HealthCheck configures active health checks. ExpectedStatus restricts the
// status codes that count as healthy; empty means 200-399.
type HealthCheck struct {
	Path               string        `yaml:"path"`
	Host               string        `yaml:"host"`
	Interval           time.Duration `yaml:"interval"`
	Timeout            time.Duration `yaml:"timeout"`
	ExpectedStatus     []int         `yaml:"expect_status"`
	HealthyThreshold   int           `yaml:"healthy_threshold"`
	UnhealthyThreshold int           `yaml:"unhealthy_threshold"`
}

type RateLimit struct {
	Key   string        `yaml:"key"` // client_ip or header:Name
	Rate  int           `yaml:"rate"`
	Per   time.Duration `yaml:"per"`
	Burst int           `yaml:"burst"`
}

type TLS struct {
	Certificates []Certificate `yaml:"certificates"`
	ACME         *ACME         `yaml:"acme"`
	KeyProvider  string        `yaml:"key_provider"`
}

type Certificate struct {
	Cert  string   `yaml:"cert"`
	Key   string   `yaml:"key"`
	Hosts []string `yaml:"hosts"`
}

type ACME struct {
	Email                 string        `yaml:"email"`
	Domains               []string      `yaml:"domains"`
	CacheDir              string        `yaml:"cache_dir"`
	DirectoryURL          string        `yaml:"directory_url"`
	DNSProvider           string        `yaml:"dns_provider"`
	DNSPropagationTimeout time.Duration `yaml:"dns_propagation_timeout"`
}

type HTTP3 struct {
	Enable0RTT bool `yaml:"enable_0rtt"`
}

type Metrics struct {
	Enabled bool      `yaml:"enabled"`
	Listen  string    `yaml:"listen"`
	Buckets []float64 `yaml:"buckets"`
}

type AccessLog struct {
	Path   string `yaml:"path"`
	Format string `yaml:"format"`
	Rotate string `yaml:"rotate"`
}

type Timeouts struct {
	Dial           time.Duration `yaml:"dial"`
	ResponseHeader time.Duration `yaml:"response_header"`
	Idle           time.Duration `yaml:"idle"`
}

// Load reads, defaults and validates the file at path.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var c Config
	if err := yaml.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("config: %s: %w", path, err)
	}
	c.setDefaults()
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

func (c *Config) setDefaults() {
	if c.Listen == "" {
		c.Listen = ":8080"
	}
	if c.ShutdownTimeout == 0 {
		c.ShutdownTimeout = 10 * time.Second
	}
	if c.Metrics.Listen == "" {
		c.Metrics.Listen = "127.0.0.1:9180"
	}
	if c.Health.Interval == 0 {
		c.Health.Interval = 5 * time.Second
	}
	if c.Health.Timeout == 0 {
		c.Health.Timeout = time.Second
	}
	for i := range c.Backends {
		if c.Backends[i].Weight == 0 && c.Balancer != "weighted" {
			c.Backends[i].Weight = 1
		}
	}
	if c.TLS.ACME != nil && c.TLS.ACME.CacheDir == "" {
		c.TLS.ACME.CacheDir = "/var/lib/portcullis/acme"
	}
}

// Validate rejects configurations that cannot work.
func (c *Config) Validate() error {
	if len(c.Backends) == 0 {
		return errors.New("config: at least one backend is required")
	}
	for i, b := range c.Backends {
		u, err := url.Parse(b.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			return fmt.Errorf("config: backends[%d]: invalid url %q", i, b.URL)
		}
		if b.Weight < 0 {
			return fmt.Errorf("config: backends[%d]: negative weight", i)
		}
	}
	if c.RateLimit != nil && (c.RateLimit.Rate <= 0 || c.RateLimit.Per <= 0) {
		return errors.New("config: rate_limit.rate and rate_limit.per must be positive")
	}
	return nil
}

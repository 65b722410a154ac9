package config

import (
	"fmt"
	"strconv"
	"strings"
)

const envPrefix = "BOXWRIGHT_"

// applyEnv applies BOXWRIGHT_SECTION_KEY=value overrides. A double
// underscore separates nested sections (BOXWRIGHT_REGISTRY__TLS__CA_FILE).
func applyEnv(cfg *Config, environ []string) error {
	for _, kv := range environ {
		name, value, ok := strings.Cut(kv, "=")
		if !ok || !strings.HasPrefix(name, envPrefix) {
			continue
		}
		key := strings.ToLower(strings.TrimPrefix(name, envPrefix))
		switch key {
		case "registry_mirrors":
			cfg.Registry.Mirrors = nil
			for _, h := range splitList(value) {
				cfg.Registry.Mirrors = append(cfg.Registry.Mirrors, Mirror{Host: "docker.io", Endpoint: h})
			}
		case "registry__tls__ca_file", "ca_file":
			cfg.Registry.TLS.CAFile = value
		case "registry_insecure":
			cfg.Registry.Insecure = splitList(value)
		case "registry_retries":
			n, err := strconv.Atoi(value)
			if err != nil {
				return fmt.Errorf("config: %s: %w", name, err)
			}
			cfg.Registry.Retries = n
		case "cache_dir":
			cfg.Cache.Dir = value
		case "build_platforms":
			cfg.Build.Platforms = splitList(value)
		case "sign_key":
			cfg.Sign.Key = value
		case "sbom_format":
			cfg.SBOM.Format = value
		}
	}
	return nil
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		out = append(out, strings.TrimSpace(f))
	}
	return out
}

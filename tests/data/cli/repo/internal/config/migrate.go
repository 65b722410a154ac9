package config

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

// v1Renames maps v1 section names to their v2 names.
var v1Renames = map[string]string{
	"signing":   "sign",
	"sbom-opts": "sbom",
	"cachedir":  "cache.dir",
	"proxy":     "registry.proxy",
	"ca_file":   "registry.tls.ca_file",
}

// upgradeNode rewrites a v1 document in place so it can be decoded as v2.
func upgradeNode(root *yaml.Node) error {
	if len(root.Content) == 0 {
		return nil
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		return fmt.Errorf("config: top level must be a mapping, got %v", m.Tag)
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if to, ok := v1Renames[m.Content[i].Value]; ok {
			m.Content[i].Value = to
		}
	}
	return nil
}

// Migrate converts a v1 file to v2 and returns the new contents.
// Comments are not preserved: the document is re-encoded from the decoded
// Config value.
func Migrate(data []byte) ([]byte, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, err
	}
	if err := upgradeNode(&root); err != nil {
		return nil, err
	}
	var cfg Config
	if err := root.Decode(&cfg); err != nil {
		return nil, err
	}
	cfg.Version = SchemaVersion
	return yaml.Marshal(&cfg)
}

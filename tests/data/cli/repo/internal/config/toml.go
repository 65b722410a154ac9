package config

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"
)

func mergeTOML(cfg *Config, path string, data []byte) error {
	md, err := toml.Decode(string(data), cfg)
	if err != nil {
		return fmt.Errorf("config: %s: %w", path, err)
	}
	for _, k := range md.Keys() {
		key := k.String()
		if strings.HasPrefix(key, "plugins.") {
			continue
		}
		if !knownKeys[key] {
			return &UnknownKeyError{Key: key, Line: lineOf(data, k), File: path}
		}
	}
	return nil
}

// lineOf finds the line a TOML key was defined on. BurntSushi/toml does not
// expose positions for keys, so this scans the source for the last path
// element, after the table header that contains it.
func lineOf(data []byte, k toml.Key) int {
	if len(k) == 0 {
		return 0
	}
	table := strings.Join(k[:len(k)-1], ".")
	last := k[len(k)-1]
	inTable := table == ""
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") {
			h := strings.Trim(line, "[] ")
			inTable = h == table
			if inTable && len(k) == 1 {
				return n
			}
			continue
		}
		if inTable && strings.HasPrefix(line, last) {
			rest := strings.TrimSpace(strings.TrimPrefix(line, last))
			if strings.HasPrefix(rest, "=") {
				return n
			}
		}
	}
	return 0
}

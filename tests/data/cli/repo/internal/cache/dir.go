// Package cache manages boxwright's blob and layer cache.
package cache

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"github.com/boxwright/boxwright/internal/log"
)

// layoutVersion is the on-disk layout; 2.0 moved everything under v2/.
const layoutVersion = "v2"

// Dir returns the cache root. Order: --cache-dir / cache.dir,
// BOXWRIGHT_CACHE_DIR, then the platform default.
func Dir(configured string) (string, error) {
	if configured != "" {
		return ensureWritable(configured)
	}
	if d := os.Getenv("BOXWRIGHT_CACHE_DIR"); d != "" {
		return ensureWritable(d)
	}
	return ensureWritable(defaultDir())
}

func defaultDir() string {
	switch runtime.GOOS {
	case "windows":
		if d := os.Getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, "boxwright", "cache", layoutVersion)
		}
	case "darwin":
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, "Library", "Caches", "boxwright", layoutVersion)
		}
	}
	if d := os.Getenv("XDG_CACHE_HOME"); d != "" {
		return filepath.Join(d, "boxwright", layoutVersion)
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".cache", "boxwright", layoutVersion)
	}
	return filepath.Join(os.TempDir(), "boxwright-cache", layoutVersion)
}

func ensureWritable(dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err == nil {
		probe := filepath.Join(dir, ".probe")
		if f, err := os.Create(probe); err == nil {
			f.Close()
			os.Remove(probe)
			return dir, nil
		}
	}
	fallback := filepath.Join(os.TempDir(), "boxwright-cache", layoutVersion)
	log.Warnf("cache: directory %s is not writable, falling back to %s", dir, fallback)
	if err := os.MkdirAll(fallback, 0o700); err != nil {
		return "", fmt.Errorf("cache: cannot create %s: %w", fallback, err)
	}
	return fallback, nil
}

// LegacyDir returns the pre-2.0 cache location, if it exists.
func LegacyDir() string {
	d := filepath.Dir(defaultDir())
	if _, err := os.Stat(filepath.Join(d, "blobs")); err == nil {
		return d
	}
	return ""
}

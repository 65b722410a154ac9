package cache

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/boxwright/boxwright/internal/log"
)

type entry struct {
	path  string
	size  int64
	atime time.Time
}

// Prune removes least recently used blobs until the cache is below keep
// bytes. It takes the cache lock for the whole run.
func Prune(dir string, keep int64, dryRun bool) (freed int64, err error) {
	lock, err := Acquire(dir)
	if err != nil {
		return 0, err
	}
	defer lock.Release()

	var entries []entry
	var total int64
	err = filepath.WalkDir(filepath.Join(dir, "blobs"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		entries = append(entries, entry{path: p, size: info.Size(), atime: info.ModTime()})
		total += info.Size()
		return nil
	})
	if err != nil {
		return 0, err
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].atime.Before(entries[j].atime) })
	for _, e := range entries {
		if total <= keep {
			break
		}
		log.Debugf("cache: prune %s (%s)", e.path, FormatSize(e.size))
		if !dryRun {
			if err := os.Remove(e.path); err != nil {
				return freed, err
			}
		}
		total -= e.size
		freed += e.size
	}
	return freed, nil
}

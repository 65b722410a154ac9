package cache

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/boxwright/boxwright/internal/log"
)

// ErrLocked is returned when another process holds the cache lock.
var ErrLocked = errors.New("cache is locked")

// Lock is an exclusive lock on the cache directory, implemented as a file
// containing the owner's pid.
type Lock struct {
	path string
	f    *os.File
}

// lockWait is how long Acquire retries before giving up.
var lockWait = 30 * time.Second

// Acquire takes the lock for dir, waiting up to lockWait.
func Acquire(dir string) (*Lock, error) {
	path := filepath.Join(dir, "blobs.lock")
	deadline := time.Now().Add(lockWait)
	for {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err == nil {
			fmt.Fprintf(f, "%d\n", os.Getpid())
			return &Lock{path: path, f: f}, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return nil, fmt.Errorf("cache: could not acquire lock on %s: %w", path, err)
		}
		pid := readPid(path)
		if pid > 0 && isStale(pid) {
			log.Debugf("cache: removing stale lock %s (pid %d is gone)", path, pid)
			os.Remove(path)
			continue
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("cache: could not acquire lock on %s (held by pid %d): %w", path, pid, ErrLocked)
		}
		time.Sleep(250 * time.Millisecond)
	}
}

func readPid(path string) int {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	return pid
}

// isStale reports whether the process that wrote the lock no longer exists.
// The pid is only meaningful in the pid namespace that wrote it.
func isStale(pid int) bool {
	if pid == os.Getpid() {
		return false
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return true
	}
	return p.Signal(syscall.Signal(0)) != nil
}

// Release removes the lock file.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	l.f.Close()
	l.f = nil
	return os.Remove(l.path)
}

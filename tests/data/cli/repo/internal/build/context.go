package build

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ContextFile is one file that will be added to a layer.
type ContextFile struct {
	Rel  string // slash separated, relative to the context root
	Abs  string
	Info fs.FileInfo
}

// WalkContext lists the files of the build context rooted at root,
// honouring .boxignore. Excluded directories are skipped as a whole.
func WalkContext(root string) ([]ContextFile, error) {
	ig, err := LoadIgnore(root)
	if err != nil {
		return nil, fmt.Errorf("build: reading %s: %w", IgnoreFile, err)
	}
	real, err := filepath.EvalSymlinks(root)
	if err != nil {
		return nil, fmt.Errorf("build: context %s: %w", root, err)
	}
	var files []ContextFile
	err = filepath.WalkDir(real, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == "." {
			return nil
		}
		if ig.Match(rel, d.IsDir()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.Mode()&os.ModeSymlink != 0 {
			if err := checkSymlink(real, p); err != nil {
				return err
			}
		}
		files = append(files, ContextFile{Rel: rel, Abs: p, Info: info})
		return nil
	})
	return files, err
}

func checkSymlink(root, p string) error {
	target, err := filepath.EvalSymlinks(p)
	if err != nil {
		return fmt.Errorf("build: symlink %s: %w", p, err)
	}
	if !strings.HasPrefix(target, root+string(filepath.Separator)) {
		return fmt.Errorf("build: symlink %s points outside the build context", p)
	}
	return nil
}

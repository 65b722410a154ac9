package build

import (
	"bufio"
	"os"
	"path"
	"strings"
)

// IgnoreFile is the name of the per-context ignore file.
const IgnoreFile = ".boxignore"

type pattern struct {
	glob    string
	negate  bool
	dirOnly bool
}

// Ignorer matches context-relative, slash-separated paths against the
// patterns of a .boxignore file. Later patterns override earlier ones.
type Ignorer struct {
	patterns []pattern
}

// LoadIgnore reads dir/.boxignore; a missing file yields an empty Ignorer.
func LoadIgnore(dir string) (*Ignorer, error) {
	f, err := os.Open(path.Join(dir, IgnoreFile))
	if os.IsNotExist(err) {
		return &Ignorer{}, nil
	} else if err != nil {
		return nil, err
	}
	defer f.Close()
	ig := &Ignorer{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p := pattern{}
		if strings.HasPrefix(line, "!") {
			p.negate = true
			line = line[1:]
		}
		if strings.HasSuffix(line, "/") {
			p.dirOnly = true
			line = strings.TrimSuffix(line, "/")
		}
		p.glob = strings.TrimPrefix(path.Clean(line), "/")
		ig.patterns = append(ig.patterns, p)
	}
	return ig, sc.Err()
}

// Match reports whether rel is excluded.
func (ig *Ignorer) Match(rel string, isDir bool) bool {
	excluded := false
	for _, p := range ig.patterns {
		if p.dirOnly && !isDir {
			continue
		}
		if globMatch(p.glob, rel) || parentMatches(p.glob, rel) {
			excluded = !p.negate
		}
	}
	return excluded
}

// MayReinclude reports whether some negated pattern could match a path
// below the directory dir, in which case the walker must descend into it.
func (ig *Ignorer) MayReinclude(dir string) bool {
	for _, p := range ig.patterns {
		if p.negate && (strings.HasPrefix(p.glob, dir+"/") || strings.HasPrefix(p.glob, "**")) {
			return true
		}
	}
	return false
}

func parentMatches(glob, rel string) bool {
	for d := path.Dir(rel); d != "." && d != "/"; d = path.Dir(d) {
		if globMatch(glob, d) {
			return true
		}
	}
	return false
}

// globMatch is path.Match plus "**", which matches zero or more segments.
func globMatch(glob, name string) bool {
	if !strings.Contains(glob, "**") {
		ok, _ := path.Match(glob, name)
		return ok
	}
	gs := strings.Split(glob, "/")
	ns := strings.Split(name, "/")
	return matchSegments(gs, ns)
}

func matchSegments(gs, ns []string) bool {
	for len(gs) > 0 {
		if gs[0] == "**" {
			for i := 0; i <= len(ns); i++ {
				if matchSegments(gs[1:], ns[i:]) {
					return true
				}
			}
			return false
		}
		if len(ns) == 0 {
			return false
		}
		if ok, _ := path.Match(gs[0], ns[0]); !ok {
			return false
		}
		gs, ns = gs[1:], ns[1:]
	}
	return len(ns) == 0
}

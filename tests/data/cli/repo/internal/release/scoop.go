package release

import (
	"encoding/json"
	"io"
	"strings"
)

// ScoopManifest is a Scoop app manifest.
type ScoopManifest struct {
	Version      string                   `json:"version"`
	Description  string                   `json:"description"`
	Homepage     string                   `json:"homepage"`
	License      string                   `json:"license"`
	Architecture map[string]ScoopArchItem `json:"architecture"`
	Bin          []string                 `json:"bin"`
	Checkver     map[string]string        `json:"checkver,omitempty"`
}

// ScoopArchItem is the per-architecture part of a manifest.
type ScoopArchItem struct {
	URL        string `json:"url"`
	Hash       string `json:"hash"`
	ExtractDir string `json:"extract_dir,omitempty"`
}

// NewScoopManifest builds the manifest for the windows zip archives.
// topDir is the directory the archives put their files in ("" for none).
func NewScoopManifest(name, version, desc, homepage, license, baseURL, topDir string, arts []Artifact) ScoopManifest {
	m := ScoopManifest{
		Version:      strings.TrimPrefix(version, "v"),
		Description:  desc,
		Homepage:     homepage,
		License:      license,
		Architecture: map[string]ScoopArchItem{},
		Bin:          []string{name + ".exe"},
	}
	for _, a := range arts {
		if a.OS != "windows" {
			continue
		}
		key := map[string]string{"amd64": "64bit", "386": "32bit", "arm64": "arm64"}[a.Arch]
		m.Architecture[key] = ScoopArchItem{URL: baseURL + "/" + a.Name, Hash: a.SHA256}
	}
	return m
}

// WriteScoop encodes the manifest.
func WriteScoop(w io.Writer, m ScoopManifest) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "    ")
	return enc.Encode(m)
}

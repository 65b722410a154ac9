// Package version holds build information and the update check.
package version

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Set by -ldflags at release time.
var (
	Version = "2.4.1"
	Commit  = "none"
	Date    = "unknown"
)

// latestURL returns the newest release, including pre-releases.
const latestURL = "https://api.github.com/repos/boxwright/boxwright/releases?per_page=5"

// Latest returns the newest published release tag.
func Latest(ctx context.Context) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, latestURL, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var releases []struct {
		TagName string `json:"tag_name"`
		Draft   bool   `json:"draft"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&releases); err != nil {
		return "", err
	}
	best := ""
	for _, r := range releases {
		if r.Draft {
			continue
		}
		if best == "" || Compare(r.TagName, best) > 0 {
			best = r.TagName
		}
	}
	return best, nil
}

// Compare compares two versions such as "v2.3.0" and "2.3.0-rc.1".
// Pre-release suffixes are compared after the numeric parts.
func Compare(a, b string) int {
	an, apre := split(a)
	bn, bpre := split(b)
	for i := 0; i < 3; i++ {
		if an[i] != bn[i] {
			if an[i] < bn[i] {
				return -1
			}
			return 1
		}
	}
	return strings.Compare(apre, bpre)
}

func split(v string) ([3]int, string) {
	v = strings.TrimPrefix(v, "v")
	core, pre, _ := strings.Cut(v, "-")
	var n [3]int
	for i, p := range strings.SplitN(core, ".", 3) {
		n[i], _ = strconv.Atoi(p)
	}
	return n, pre
}

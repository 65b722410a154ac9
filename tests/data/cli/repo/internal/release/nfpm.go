package release

import (
	"fmt"
	"io"
	"strings"
)

// debArch maps GOARCH to Debian architecture names.
var debArch = map[string]string{
	"amd64":   "amd64",
	"arm64":   "arm64",
	"arm":     "armhf",
	"386":     "i386",
	"ppc64le": "ppc64el",
	"s390x":   "s390x",
}

// rpmArch maps GOARCH to RPM architecture names.
var rpmArch = map[string]string{
	"amd64":   "x86_64",
	"arm":     "armv7hl",
	"386":     "i386",
	"ppc64le": "ppc64le",
	"s390x":   "s390x",
}

// PackageInfo is the metadata of a deb or rpm.
type PackageInfo struct {
	Name        string
	Version     string
	Arch        string // GOARCH
	Maintainer  string
	Description string
	Homepage    string
	Size        int64 // bytes of the installed files
}

// WriteDebControl writes the DEBIAN/control file.
func WriteDebControl(w io.Writer, p PackageInfo) error {
	arch, ok := debArch[p.Arch]
	if !ok {
		return fmt.Errorf("release: no Debian architecture for %q", p.Arch)
	}
	_, err := fmt.Fprintf(w, "Package: %s\nVersion: %s\nSection: devel\nPriority: optional\nArchitecture: %s\nMaintainer: %s\nInstalled-Size: %d\nHomepage: %s\nDescription: %s\n",
		p.Name, strings.TrimPrefix(p.Version, "v"), arch, p.Maintainer, (p.Size+1023)/1024, p.Homepage, p.Description)
	return err
}

// RPMArch returns the RPM architecture for a GOARCH, falling back to the
// GOARCH itself.
func RPMArch(goarch string) string {
	if a, ok := rpmArch[goarch]; ok {
		return a
	}
	return goarch
}

// RPMFileName is the conventional file name of an rpm.
func RPMFileName(p PackageInfo) string {
	return fmt.Sprintf("%s-%s-1.%s.rpm", p.Name, strings.TrimPrefix(p.Version, "v"), RPMArch(p.Arch))
}

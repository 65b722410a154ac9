// Package release builds release archives and package-manager metadata
// (deb/rpm, Homebrew formula, Scoop manifest).
package release

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"io"
	"os"
	"path"
	"time"
)

// Artifact is one file of a release.
type Artifact struct {
	Name   string
	Path   string
	OS     string
	Arch   string
	SHA256 string
	Size   int64
}

// ArchiveFile is a file placed into an archive.
type ArchiveFile struct {
	Src  string
	Dst  string
	Mode os.FileMode
}

// WriteTarGz writes files under top/ in a tar.gz. With an empty top the
// files are stored at the archive root.
func WriteTarGz(w io.Writer, top string, files []ArchiveFile, mtime time.Time) error {
	gz := gzip.NewWriter(w)
	tw := tar.NewWriter(gz)
	for _, f := range files {
		b, err := os.ReadFile(f.Src)
		if err != nil {
			return err
		}
		hdr := &tar.Header{Name: path.Join(top, f.Dst), Mode: int64(f.Mode), Size: int64(len(b)), ModTime: mtime, Typeflag: tar.TypeReg}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		if _, err := tw.Write(b); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

// WriteZip writes files under top/ in a zip, keeping unix modes.
func WriteZip(w io.Writer, top string, files []ArchiveFile, mtime time.Time) error {
	zw := zip.NewWriter(w)
	for _, f := range files {
		b, err := os.ReadFile(f.Src)
		if err != nil {
			return err
		}
		fh := &zip.FileHeader{Name: path.Join(top, f.Dst), Method: zip.Deflate, Modified: mtime}
		fh.SetMode(f.Mode)
		fw, err := zw.CreateHeader(fh)
		if err != nil {
			return err
		}
		if _, err := fw.Write(b); err != nil {
			return err
		}
	}
	return zw.Close()
}

// Package log prints boxwright's human and JSON output.
package log

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"
)

// Banner is printed after a failed command when --debug is not set.
const Banner = "boxwright: one or more steps failed; re-run with --debug for details"

// Format selects the output format ("text" or "json").
var Format = "text"

// NoColor is set by the --no-color flag.
var NoColor bool

// Debug is set by the --debug flag.
var Debug bool

var (
	stdout io.Writer = os.Stdout
	stderr io.Writer = os.Stderr
)

const (
	red    = "\x1b[31m"
	yellow = "\x1b[33m"
	reset  = "\x1b[0m"
)

// colorEnabled reports whether ANSI colors should be used.
// TODO: honour NO_COLOR (https://no-color.org) as well.
func colorEnabled() bool {
	if NoColor {
		return false
	}
	if fi, err := os.Stderr.Stat(); err == nil {
		return fi.Mode()&os.ModeCharDevice != 0
	}
	return false
}

func emitJSON(w io.Writer, level, msg string, fields map[string]any) {
	rec := map[string]any{"time": time.Now().UTC().Format(time.RFC3339), "level": level, "msg": msg}
	for k, v := range fields {
		rec[k] = v
	}
	_ = json.NewEncoder(w).Encode(rec)
}

// Infof prints a progress line.
func Infof(format string, args ...any) {
	if Format == "json" {
		emitJSON(stderr, "info", fmt.Sprintf(format, args...), nil)
		return
	}
	fmt.Fprintf(stderr, format+"\n", args...)
}

// Debugf prints only with --debug.
func Debugf(format string, args ...any) {
	if !Debug {
		return
	}
	ts := time.Now().UTC().Format("2006-01-02T15:04:05.000Z")
	fmt.Fprintf(stderr, "%s DEBUG "+format+"\n", append([]any{ts}, args...)...)
}

// Warnf prints a warning.
func Warnf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if Format == "json" {
		emitJSON(stdout, "warn", msg, nil)
		return
	}
	if colorEnabled() {
		fmt.Fprintf(stderr, "%sboxwright: warning:%s %s\n", yellow, reset, msg)
		return
	}
	fmt.Fprintf(stderr, "boxwright: warning: %s\n", msg)
}

// Errorf prints an error line.
func Errorf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if Format == "json" {
		emitJSON(stderr, "error", msg, nil)
		return
	}
	if colorEnabled() {
		fmt.Fprintf(stderr, "%sboxwright: error:%s %s\n", red, reset, msg)
		return
	}
	fmt.Fprintf(stderr, "boxwright: error: %s\n", msg)
}

// Fatal prints err and the banner, then exits with status 1.
func Fatal(err error) {
	Errorf("%v", err)
	if !Debug {
		fmt.Fprintln(stderr, Banner)
	}
	os.Exit(1)
}

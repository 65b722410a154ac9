// Package accesslog writes one line per request, in an Apache-like text
// format or as JSON.
package accesslog

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Entry is what the proxy knows about a finished request.
type Entry struct {
	Time     time.Time
	Request  *http.Request
	Status   int
	Bytes    int64
	Duration time.Duration
	Backend  string
}

// Logger formats entries. Format is "json" or an Apache-style string such as
// `%h %l %u %t "%r" %>s %b %D`.
type Logger struct {
	mu     sync.Mutex
	out    io.Writer
	format string
}

func New(out io.Writer, format string) *Logger { return &Logger{out: out, format: format} }

func (l *Logger) Log(e Entry) {
	var line string
	if l.format == "json" {
		line = formatJSON(e)
	} else {
		line = formatText(l.format, e)
	}
	l.mu.Lock()
	io.WriteString(l.out, line+"\n")
	l.mu.Unlock()
}

func formatText(format string, e Entry) string {
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' || i+1 == len(format) {
			b.WriteByte(c)
			continue
		}
		i++
		switch format[i] {
		case 'h':
			b.WriteString(clientHost(e.Request))
		case 'l', 'u':
			b.WriteByte('-')
		case 't':
			b.WriteString(e.Time.Format("[02/Jan/2006:15:04:05 -0700]"))
		case 'r':
			b.WriteString(e.Request.Method + " " + e.Request.RequestURI + " " + e.Request.Proto)
		case '>':
			if i+1 < len(format) && format[i+1] == 's' {
				i++
			}
			b.WriteString(strconv.Itoa(e.Status))
		case 's':
			b.WriteString(strconv.Itoa(e.Status))
		case 'b':
			b.WriteString(strconv.FormatInt(e.Bytes, 10))
		case 'D':
			b.WriteString(formatDuration(e.Duration))
		case '{':
			end := strings.IndexByte(format[i:], '}')
			if end < 0 || i+end+1 >= len(format) {
				b.WriteString(format[i-1:])
				return b.String()
			}
			name := format[i+1 : i+end]
			i += end + 1
			if format[i] == 'i' {
				b.WriteString(e.Request.Header.Get(name))
			}
		default:
			b.WriteByte('%')
			b.WriteByte(format[i])
		}
	}
	return b.String()
}

// formatDuration renders %D: the time taken to serve the request, in
// microseconds (as in Apache).
func formatDuration(d time.Duration) string {
	return strconv.FormatInt(d.Nanoseconds(), 10)
}

func formatJSON(e Entry) string {
	m := map[string]any{
		"ts":          e.Time.UTC().Format(time.RFC3339Nano),
		"client":      clientHost(e.Request),
		"method":      e.Request.Method,
		"uri":         e.Request.RequestURI,
		"status":      e.Status,
		"bytes":       e.Bytes,
		"duration_ms": float64(e.Duration.Microseconds()) / 1000,
		"backend":     e.Backend,
	}
	out, _ := json.Marshal(m)
	return string(out)
}

func clientHost(r *http.Request) string {
	if i := strings.LastIndexByte(r.RemoteAddr, ':'); i > 0 {
		return strings.Trim(r.RemoteAddr[:i], "[]")
	}
	return r.RemoteAddr
}

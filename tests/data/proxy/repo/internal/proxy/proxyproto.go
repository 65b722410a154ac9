package proxy

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"net"
	"strconv"
	"strings"
)

var v2sig = []byte("\r\n\r\n\x00\r\nQUIT\n")

var (
	errInvalidV1       = errors.New("proxyproto: invalid v1 header")
	errInvalidV2Length = errors.New("proxyproto: invalid v2 header length")
	errUnsupported     = errors.New("proxyproto: unsupported family")
)

// readHeader reads a PROXY protocol v1 or v2 header from br and returns the
// original source address (nil for LOCAL connections).
func readHeader(br *bufio.Reader) (net.Addr, error) {
	peek, err := br.Peek(12)
	if err != nil {
		return nil, err
	}
	if bytes.Equal(peek, v2sig) {
		return parseV2(br)
	}
	return parseV1(br)
}

func parseV1(br *bufio.Reader) (net.Addr, error) {
	line, err := br.ReadString('\n')
	if err != nil || len(line) > 107 || !strings.HasPrefix(line, "PROXY ") {
		return nil, errInvalidV1
	}
	f := strings.Fields(strings.TrimSpace(line))
	if len(f) == 2 && f[1] == "UNKNOWN" {
		return nil, nil
	}
	if len(f) != 6 {
		return nil, errInvalidV1
	}
	port, err := strconv.Atoi(f[4])
	if err != nil {
		return nil, errInvalidV1
	}
	return &net.TCPAddr{IP: net.ParseIP(f[2]), Port: port}, nil
}

// parseV2 parses the binary header: 12-byte signature, ver/cmd, family,
// 2-byte length of the rest, addresses, then optional TLVs.
func parseV2(br *bufio.Reader) (net.Addr, error) {
	hdr := make([]byte, 16)
	if _, err := br.Read(hdr); err != nil {
		return nil, err
	}
	cmd := hdr[12] & 0x0f
	family := hdr[13]
	length := int(binary.BigEndian.Uint16(hdr[14:16]))
	body := make([]byte, length)
	if _, err := io_ReadFull(br, body); err != nil {
		return nil, err
	}
	if cmd == 0x0 { // LOCAL
		return nil, nil
	}
	switch family {
	case 0x11: // TCP over IPv4
		if length != 12 {
			return nil, errInvalidV2Length
		}
		return &net.TCPAddr{IP: net.IP(body[0:4]), Port: int(binary.BigEndian.Uint16(body[8:10]))}, nil
	case 0x21: // TCP over IPv6
		if length != 36 {
			return nil, errInvalidV2Length
		}
		return &net.TCPAddr{IP: net.IP(body[0:16]), Port: int(binary.BigEndian.Uint16(body[32:34]))}, nil
	}
	return nil, errUnsupported
}

func io_ReadFull(br *bufio.Reader, b []byte) (int, error) {
	n := 0
	for n < len(b) {
		m, err := br.Read(b[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

//go:build linux

// Package service integrates with the platform service manager.
package service

import (
	"net"
	"os"
	"strconv"
)

// Notify sends a state string (READY=1, RELOADING=1, STOPPING=1) to systemd
// when NOTIFY_SOCKET is set.
func Notify(state string) error {
	addr := os.Getenv("NOTIFY_SOCKET")
	if addr == "" {
		return nil
	}
	if addr[0] == '@' {
		addr = "\x00" + addr[1:]
	}
	conn, err := net.DialUnix("unixgram", nil, &net.UnixAddr{Name: addr, Net: "unixgram"})
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = conn.Write([]byte(state))
	return err
}

// Listeners returns the sockets passed by systemd socket activation.
func Listeners() ([]net.Listener, error) {
	if os.Getenv("LISTEN_PID") != strconv.Itoa(os.Getpid()) {
		return nil, nil
	}
	n, err := strconv.Atoi(os.Getenv("LISTEN_FDS"))
	if err != nil || n == 0 {
		return nil, err
	}
	var ls []net.Listener
	for fd := 3; fd < 3+n; fd++ {
		l, err := net.FileListener(os.NewFile(uintptr(fd), "LISTEN_FD_"+strconv.Itoa(fd)))
		if err != nil {
			return nil, err
		}
		ls = append(ls, l)
	}
	return ls, nil
}

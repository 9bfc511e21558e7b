package main

import (
	"bufio"
	"strings"
	"testing"
)

func TestReadAnswerReadsExactlyOneAnswer(t *testing.T) {
	for _, c := range []struct {
		name, wire string
		status     int
		keep       bool
	}{
		{"content length", "HTTP/1.1 201 Created\r\nContent-Length: 5\r\n\r\nhello", 201, true},
		{"chunked", "HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\nRetry-After: 1\r\n\r\n" +
			"3;x=y\r\nabc\r\n2\r\nde\r\n0\r\nTrailer: t\r\n\r\n", 503, true},
		{"connection close", "HTTP/1.1 201 Created\r\nconnection: close\r\ncontent-length: 2\r\n\r\nok", 201, false},
		{"HTTP/1.0", "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", 200, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := bufio.NewReader(strings.NewReader(c.wire + "NEXT"))
			status, keep, err := readAnswer(r)
			if err != nil || status != c.status || keep != c.keep {
				t.Fatalf("status %d keep %v err %v; want %d %v", status, keep, err, c.status, c.keep)
			}
			if rest, _ := r.ReadString(0); rest != "NEXT" {
				t.Errorf("left %q unread, want only the next answer's bytes", rest)
			}
		})
	}
}

func TestReadAnswerRefusesGarbage(t *testing.T) {
	for _, wire := range []string{"SSH-2.0-OpenSSH\r\n\r\n", "HTTP/1.1 20x OK\r\n\r\n", "HTTP/1.1 200 OK\r\nno colon\r\n\r\n",
		"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"} {
		if _, _, err := readAnswer(bufio.NewReader(strings.NewReader(wire))); err == nil {
			t.Errorf("%q read without an error", wire)
		}
	}
}

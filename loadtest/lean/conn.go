package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Pool sends creates over kept-alive HTTP/1.1 connections it writes and reads itself: one write and one or two
// reads per request, no goroutines but the caller's. net/http's client costs several goroutine hand-offs per
// request (a reader and a writer per connection), which on 2 shared cores cost as much CPU as Gatling does.
type Pool struct {
	addr    string
	head    []byte // the request line and headers up to the Idempotency-Key's value
	idle    chan *conn
	slots   chan struct{} // one per connection that may be open: at most Connections
	timeout time.Duration
	opened  atomic.Int64
}

type conn struct {
	c   net.Conn
	r   *bufio.Reader
	buf []byte
}

// NewPool prepares creates to base's /v1/plans with token, over at most max connections.
func NewPool(base, token string, max int, timeout time.Duration) (*Pool, error) {
	u, err := url.Parse(base)
	if err != nil || u.Scheme != "http" || u.Host == "" {
		return nil, fmt.Errorf("the engine's URL must be http://HOST:PORT, was %q", base)
	}
	host := u.Host
	if u.Port() == "" {
		host = net.JoinHostPort(u.Hostname(), "80")
	}
	var h strings.Builder
	h.WriteString("POST " + strings.TrimSuffix(u.Path, "/") + "/v1/plans HTTP/1.1\r\nHost: " + u.Host +
		"\r\nUser-Agent: ossaat-loadtest/lean\r\nContent-Type: application/json\r\nAccept: application/json\r\n")
	if token != "" {
		h.WriteString("Authorization: Bearer " + token + "\r\n")
	}
	h.WriteString("Idempotency-Key: ")
	p := &Pool{addr: host, head: []byte(h.String()), idle: make(chan *conn, max), slots: make(chan struct{}, max), timeout: timeout}
	return p, nil
}

// Opened is how many connections the pool has opened.
func (p *Pool) Opened() int64 { return p.opened.Load() }

// Create sends one create with key and reads its whole answer: the status code, or an error when there was no
// (whole) answer. It waits for a connection when all of them are busy.
func (p *Pool) Create(ctx context.Context, key string) (int, error) {
	c, err := p.get(ctx)
	if err != nil {
		return 0, err
	}
	status, keep, err := c.roundTrip(p, key)
	if err != nil || !keep {
		c.c.Close()
		<-p.slots
		return status, err
	}
	p.idle <- c
	return status, nil
}

func (p *Pool) get(ctx context.Context) (*conn, error) {
	select {
	case c := <-p.idle:
		return c, nil
	default:
	}
	select {
	case c := <-p.idle:
		return c, nil
	case p.slots <- struct{}{}:
		c, err := net.DialTimeout("tcp", p.addr, 10*time.Second)
		if err != nil {
			<-p.slots
			return nil, err
		}
		p.opened.Add(1)
		return &conn{c: c, r: bufio.NewReaderSize(c, 16<<10)}, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Close closes the idle connections.
func (p *Pool) Close() {
	for {
		select {
		case c := <-p.idle:
			c.c.Close()
		default:
			return
		}
	}
}

var errMalformed = errors.New("malformed answer")

// roundTrip writes the create and reads the answer; keep says whether the connection may carry another.
func (c *conn) roundTrip(p *Pool, key string) (status int, keep bool, err error) {
	body := planBody(key)
	b := append(c.buf[:0], p.head...)
	b = append(b, key...)
	b = append(b, "\r\nContent-Length: "...)
	b = strconv.AppendInt(b, int64(len(body)), 10)
	b = append(b, "\r\n\r\n"...)
	b = append(b, body...)
	c.buf = b
	if err := c.c.SetDeadline(time.Now().Add(p.timeout)); err != nil {
		return 0, false, err
	}
	if _, err := c.c.Write(b); err != nil {
		return 0, false, err
	}
	return readAnswer(c.r)
}

// readAnswer reads an HTTP/1.1 answer's status, headers and body (by Content-Length or chunked).
func readAnswer(r *bufio.Reader) (status int, keep bool, err error) {
	line, err := r.ReadSlice('\n')
	if err != nil {
		return 0, false, err
	}
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.")) {
		return 0, false, errMalformed
	}
	status, err = strconv.Atoi(string(line[9:12]))
	if err != nil {
		return 0, false, errMalformed
	}
	length, chunked, keep := int64(-1), false, line[7] == '1'
	for {
		line, err = r.ReadSlice('\n')
		if err != nil {
			return status, false, err
		}
		h := bytes.TrimRight(line, "\r\n")
		if len(h) == 0 {
			break
		}
		name, value, ok := bytes.Cut(h, []byte(":"))
		if !ok {
			return status, false, errMalformed
		}
		value = bytes.TrimSpace(value)
		switch {
		case bytes.EqualFold(name, []byte("Content-Length")):
			if length, err = strconv.ParseInt(string(value), 10, 64); err != nil || length < 0 {
				return status, false, errMalformed
			}
		case bytes.EqualFold(name, []byte("Transfer-Encoding")):
			chunked = bytes.EqualFold(value, []byte("chunked"))
		case bytes.EqualFold(name, []byte("Connection")):
			keep = !bytes.EqualFold(value, []byte("close"))
		}
	}
	switch {
	case chunked:
		err = discardChunks(r)
	case length >= 0:
		_, err = r.Discard(int(length))
	default: // no length: the body runs to the connection's end
		_, err = io.Copy(io.Discard, r)
		keep = false
	}
	if err != nil {
		return status, false, err
	}
	return status, keep, nil
}

func discardChunks(r *bufio.Reader) error {
	for {
		line, err := r.ReadSlice('\n')
		if err != nil {
			return err
		}
		size, _, _ := bytes.Cut(bytes.TrimRight(line, "\r\n"), []byte(";"))
		n, err := strconv.ParseInt(string(size), 16, 64)
		if err != nil || n < 0 {
			return errMalformed
		}
		if n == 0 { // the trailer, up to an empty line
			for {
				line, err = r.ReadSlice('\n')
				if err != nil {
					return err
				}
				if len(bytes.TrimRight(line, "\r\n")) == 0 {
					return nil
				}
			}
		}
		if _, err := r.Discard(int(n) + 2); err != nil {
			return err
		}
	}
}

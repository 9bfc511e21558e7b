package ossaat

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

const (
	// defaultStreamRetry is the wait before reconnecting when the server sent no retry: field.
	defaultStreamRetry = time.Second
	// maxStreamRetry caps the doubling wait between reconnection attempts that fail in a row.
	maxStreamRetry = 30 * time.Second
	// defaultStreamIdle: the engine sends a keep-alive comment every 15 s; three missed ones mean the
	// connection is dead even if no FIN arrived.
	defaultStreamIdle = 45 * time.Second
	// maxSSELine bounds one line of a stream.
	maxSSELine = 4 << 20
)

// errNotEventStream: a 200 answer that is not an event stream (a wrong URL, a proxy's page) ends the stream
// instead of being retried for ever.
var errNotEventStream = errors.New("the answer is not text/event-stream")

// sseEvent is one dispatched server-sent event.
type sseEvent struct {
	id    string // the last event id when it was dispatched
	ownID bool   // its block carried an id: field
	typ   string // "message" when the server named none
	data  string
}

// sseDecoder reads events from a text/event-stream body, as the HTML Living Standard's parsing rules say.
type sseDecoder struct {
	lines  *bufio.Scanner
	lastID string
	retry  time.Duration // the last retry: field, 0 when none came
	onLine func()        // called for every line read, comments included
}

func newSSEDecoder(r io.Reader, lastID string, onLine func()) *sseDecoder {
	s := bufio.NewScanner(r)
	s.Buffer(make([]byte, 0, 4096), maxSSELine)
	return &sseDecoder{lines: s, lastID: lastID, onLine: onLine}
}

// next returns the next event; io.EOF (or the read error) when the stream ends. An event cut off by the end of
// the stream is dropped: it comes again after a resume.
func (d *sseDecoder) next() (sseEvent, error) {
	var typ string
	var data strings.Builder
	hasData, ownID := false, false
	for d.lines.Scan() {
		d.onLine()
		line := d.lines.Text()
		if line == "" {
			if !hasData {
				typ, ownID = "", false
				continue
			}
			if typ == "" {
				typ = "message"
			}
			return sseEvent{id: d.lastID, ownID: ownID, typ: typ, data: data.String()}, nil
		}
		if line[0] == ':' {
			continue
		}
		field, value, _ := strings.Cut(line, ":")
		value = strings.TrimPrefix(value, " ")
		switch field {
		case "event":
			typ = value
		case "data":
			if hasData {
				data.WriteByte('\n')
			}
			data.WriteString(value)
			hasData = true
		case "id":
			if !strings.ContainsRune(value, 0) {
				d.lastID, ownID = value, true
			}
		case "retry":
			if ms, err := strconv.Atoi(value); err == nil && ms >= 0 {
				d.retry = time.Duration(ms) * time.Millisecond
			}
		}
	}
	if err := d.lines.Err(); err != nil {
		return sseEvent{}, err
	}
	return sseEvent{}, io.EOF
}

// streamState is what a stream keeps across its connections.
type streamState struct {
	lastID  string        // the id of the last event yielded (or the caller's After): sent as Last-Event-ID
	seen    bool          // lastID names an event the consumer has: the caller's After, or one yielded
	retry   time.Duration // the server's retry:, 0 until it sends one
	stopped bool          // the consumer broke out of the loop
}

// stream yields the events of the SSE route path. After a dropped connection, or an answer that says "later"
// (429, 502, 503, 504), it connects again, waiting the server's retry: (default 1 s, doubling while attempts
// fail in a row, never less than Retry-After; a Retry-After over a minute ends it). With resume it sends Last-Event-ID, so the server continues
// after the last event yielded. It gives up after more failed attempts in a row than the client's max retries.
func (c *Client) stream(ctx context.Context, path string, query url.Values, resume bool, after string) iter.Seq2[sseEvent, error] {
	return func(yield func(sseEvent, error) bool) {
		st := &streamState{lastID: after, seen: after != ""}
		failures := 0
		for {
			progress, err := c.streamOnce(ctx, path, query, resume, st, yield)
			if st.stopped {
				return
			}
			if ctx.Err() != nil {
				yield(sseEvent{}, fmt.Errorf("ossaat: stream %s: %w", path, ctx.Err()))
				return
			}
			var apiErr *APIError
			isAPI := errors.As(err, &apiErr)
			if isAPI && (!retryableStatus(apiErr.StatusCode) || apiErr.RetryAfter > c.retry.maxRetryAfter) ||
				errors.Is(err, errNotEventStream) {
				yield(sseEvent{}, err)
				return
			}
			if progress {
				failures = 0
			} else if failures++; failures > c.maxRetries {
				yield(sseEvent{}, fmt.Errorf("ossaat: stream %s: gave up after %d attempts in a row: %w", path, failures, err))
				return
			}
			wait := st.retry
			if wait == 0 {
				wait = defaultStreamRetry
			}
			if failures > 0 {
				wait = min(wait<<min(failures, 10), maxStreamRetry)
			}
			wait += time.Duration(c.retry.jitter() * float64(wait/4))
			if isAPI {
				wait = max(wait, apiErr.RetryAfter)
			}
			if err := c.retry.sleep(ctx, wait); err != nil {
				yield(sseEvent{}, fmt.Errorf("ossaat: stream %s: %w", path, err))
				return
			}
		}
	}
}

// streamOnce reads one connection of a stream until it ends or the consumer stops. progress reports whether
// the server sent anything on it.
func (c *Client) streamOnce(ctx context.Context, path string, query url.Values, resume bool, st *streamState,
	yield func(sseEvent, error) bool) (progress bool, err error) {
	connCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	req, err := c.newRequest(connCtx, http.MethodGet, path, query, nil)
	if err != nil {
		return false, err
	}
	req.Header.Set("Accept", "text/event-stream")
	req.Header.Set("Cache-Control", "no-cache")
	if resume && st.lastID != "" {
		req.Header.Set("Last-Event-ID", st.lastID)
	}
	resp, err := c.streamHTTP.Do(req)
	if err != nil {
		return false, fmt.Errorf("ossaat: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return false, newAPIError(resp)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		return false, fmt.Errorf("ossaat: stream %s: %w, got %q", path, errNotEventStream, ct)
	}
	// idle runs only while waiting for the server, so a consumer that takes its time drops nothing.
	idle := time.AfterFunc(c.streamIdle, cancel)
	defer idle.Stop()
	dec := newSSEDecoder(resp.Body, st.lastID, func() {
		idle.Reset(c.streamIdle)
		progress = true
	})
	for {
		ev, err := dec.next()
		if dec.retry > 0 {
			st.retry = dec.retry
		}
		if err != nil {
			return progress, fmt.Errorf("ossaat: stream %s: connection lost: %w", path, err)
		}
		if resume && ev.ownID && st.seen && ev.id == st.lastID {
			continue // the server repeated the event we resumed after
		}
		st.lastID = ev.id
		st.seen = st.seen || ev.ownID
		idle.Stop()
		if !yield(ev, nil) {
			st.stopped = true
			return progress, nil
		}
		idle.Reset(c.streamIdle)
	}
}

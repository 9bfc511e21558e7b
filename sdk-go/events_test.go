package ossaat

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// sseEventText is event n of plan p as the engine writes it, with an opaque id.
func sseEventText(n int) string {
	return fmt.Sprintf("id:ev-%d\nevent:plan.step\ndata:{\"seq\":%d,\"planId\":\"p\",\"stepId\":\"s%d\",\"state\":\"running\",\"attempt\":1,\"occurredAt\":\"2026-12-01T14:00:0%dZ\"}\n\n", n, n, n, n)
}

// collect ranges over a stream, stopping after n events or the first error.
func collect(t *testing.T, seq func(func(Event, error) bool), n int) ([]Event, error) {
	t.Helper()
	var got []Event
	for ev, err := range seq {
		if err != nil {
			return got, err
		}
		if got = append(got, ev); len(got) == n {
			break
		}
	}
	return got, nil
}

func ids(events []Event) string {
	var b []string
	for _, ev := range events {
		b = append(b, ev.ID)
	}
	return strings.Join(b, " ")
}

func TestEventsService_Stream_decodesTheEngineFormat(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.mux.HandleFunc("GET /v1/plans/{id}/events", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") != "pl 1" || r.Header.Get("Accept") != "text/event-stream" {
			t.Errorf("plan %q, Accept %q", r.PathValue("id"), r.Header.Get("Accept"))
		}
		if r.Header.Get("Last-Event-ID") != "" {
			t.Error("sent Last-Event-ID on a stream from the start")
		}
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, ": keep-alive\n\n")
		io.WriteString(w, "id:17\nevent:plan.step\ndata:{\"seq\":17,\"planId\":\"pl 1\",\"state\":\"waiting_approval\",\"attempt\":0,"+
			"\"summary\":\"plan created: try\",\"occurredAt\":\"2026-12-01T14:06:14.268972Z\"}\n\n")
		// a space after the colon, CRLF line ends and data split over two lines are SSE too
		io.WriteString(w, "id: 18\r\nevent: plan.step\r\ndata: {\"planId\":\"pl 1\",\"stepId\":\"index_repo\",\r\ndata: \"state\":\"queued\",\"attempt\":2}\r\n\r\n")
	})
	got, err := collect(t, f.client.Events.Stream(context.Background(), StreamOptions{PlanID: "pl 1"}), 2)
	if err != nil {
		t.Fatal(err)
	}
	want0 := Event{ID: "17", Type: "plan.step", PlanID: "pl 1", State: "waiting_approval", Summary: "plan created: try",
		OccurredAt: time.Date(2026, 12, 1, 14, 6, 14, 268972000, time.UTC)}
	if got[0] != want0 {
		t.Errorf("event 0 = %+v, want %+v", got[0], want0)
	}
	if want1 := (Event{ID: "18", Type: "plan.step", PlanID: "pl 1", StepID: "index_repo", State: "queued", Attempt: 2}); got[1] != want1 {
		t.Errorf("event 1 = %+v, want %+v", got[1], want1)
	}
}

func TestEventsService_Stream_allPlansAndAfter(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.mux.HandleFunc("GET /v1/events", func(w http.ResponseWriter, r *http.Request) {
		if got := r.Header.Get("Last-Event-ID"); got != "ev-2" {
			t.Errorf("Last-Event-ID = %q, want the caller's After", got)
		}
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, sseEventText(3))
	})
	got, err := collect(t, f.client.Events.Stream(context.Background(), StreamOptions{After: "ev-2"}), 1)
	if err != nil || ids(got) != "ev-3" {
		t.Errorf("Stream yielded %q, %v", ids(got), err)
	}
}

// TestEventsService_Stream_resumesAfterADrop is the stream's promise: the server drops the connection in the
// middle of an event; the client comes back with Last-Event-ID and yields every event exactly once.
func TestEventsService_Stream_resumesAfterADrop(t *testing.T) {
	t.Parallel()
	f := setup(t)
	var mu sync.Mutex
	var lastIDs []string
	var conns atomic.Int32
	f.mux.HandleFunc("GET /v1/plans/p/events", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		lastIDs = append(lastIDs, r.Header.Get("Last-Event-ID"))
		mu.Unlock()
		w.Header().Set("Content-Type", "text/event-stream")
		switch conns.Add(1) {
		case 1:
			io.WriteString(w, sseEventText(1)+sseEventText(2))
			io.WriteString(w, sseEventText(3)[:30]) // cut inside event 3
			w.(http.Flusher).Flush()
			dropConnection(t, w)
		case 2:
			// a server that repeats the event it was asked to continue after, then goes on
			io.WriteString(w, sseEventText(2)+sseEventText(3)+sseEventText(4))
			w.(http.Flusher).Flush()
			dropConnection(t, w)
		default:
			io.WriteString(w, sseEventText(5))
		}
	})
	got, err := collect(t, f.client.Events.Stream(context.Background(), StreamOptions{PlanID: "p"}), 5)
	if err != nil {
		t.Fatal(err)
	}
	if ids(got) != "ev-1 ev-2 ev-3 ev-4 ev-5" {
		t.Errorf("yielded %q, want each of ev-1..ev-5 once", ids(got))
	}
	mu.Lock()
	defer mu.Unlock()
	if fmt.Sprint(lastIDs) != "[ ev-2 ev-4]" {
		t.Errorf("Last-Event-ID per connection %q, want [\"\" ev-2 ev-4]", lastIDs)
	}
	if waits := f.recordedWaits(); len(waits) != 2 || waits[0] != time.Second {
		t.Errorf("waited %v before reconnecting, want 1s (no retry: from the server) twice", waits)
	}
}

func TestEventsService_Stream_honoursTheServersRetry(t *testing.T) {
	t.Parallel()
	f := setup(t)
	var conns atomic.Int32
	f.mux.HandleFunc("GET /v1/events", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		if conns.Add(1) == 1 {
			io.WriteString(w, "retry: 5000\n\n"+sseEventText(1))
			return
		}
		io.WriteString(w, sseEventText(2))
	})
	got, err := collect(t, f.client.Events.Stream(context.Background(), StreamOptions{}), 2)
	if err != nil || ids(got) != "ev-1 ev-2" {
		t.Fatalf("yielded %q, %v", ids(got), err)
	}
	if waits := f.recordedWaits(); len(waits) != 1 || waits[0] != 5*time.Second {
		t.Errorf("waited %v, want [5s] as retry: said", waits)
	}
}

func TestEventsService_Stream_reconnectsThroughUnavailableAndHonoursRetryAfter(t *testing.T) {
	t.Parallel()
	f := setup(t)
	var conns atomic.Int32
	f.mux.HandleFunc("GET /v1/events", func(w http.ResponseWriter, r *http.Request) {
		switch conns.Add(1) {
		case 1:
			w.Header().Set("Content-Type", "text/event-stream")
			io.WriteString(w, sseEventText(1))
		case 2:
			writeProblem(w, 502, "proxy: upstream restarting")
		case 3:
			w.Header().Set("Retry-After", "9")
			writeProblem(w, 503, "database down")
		default:
			if r.Header.Get("Last-Event-ID") != "ev-1" {
				t.Errorf("Last-Event-ID = %q after failed attempts, want ev-1", r.Header.Get("Last-Event-ID"))
			}
			w.Header().Set("Content-Type", "text/event-stream")
			io.WriteString(w, sseEventText(2))
		}
	})
	got, err := collect(t, f.client.Events.Stream(context.Background(), StreamOptions{}), 2)
	if err != nil || ids(got) != "ev-1 ev-2" {
		t.Fatalf("yielded %q, %v", ids(got), err)
	}
	// 1 s after the drop, 2 s after the first failed attempt, then Retry-After's 9 s over the 4 s backoff
	if waits := f.recordedWaits(); fmt.Sprint(waits) != "[1s 2s 9s]" {
		t.Errorf("waited %v, want [1s 2s 9s]", waits)
	}
}

func TestEventsService_Stream_givesUpAfterMaxRetriesFailedAttempts(t *testing.T) {
	t.Parallel()
	f := setup(t, WithMaxRetries(2))
	var conns atomic.Int32
	f.mux.HandleFunc("GET /v1/events", func(w http.ResponseWriter, r *http.Request) {
		conns.Add(1)
		dropConnection(t, w)
	})
	got, err := collect(t, f.client.Events.Stream(context.Background(), StreamOptions{}), 1)
	if err == nil || len(got) != 0 || !strings.Contains(err.Error(), "gave up after 3 attempts") {
		t.Fatalf("yielded %v, %v; want an error after 3 attempts", got, err)
	}
	if conns.Load() != 3 {
		t.Errorf("%d connections, want 1 + 2 retries", conns.Load())
	}
}

func TestEventsService_Stream_errorAnswerEndsIt(t *testing.T) {
	t.Parallel()
	f := setup(t)
	var conns atomic.Int32
	f.mux.HandleFunc("GET /v1/plans/{id}/events", func(w http.ResponseWriter, r *http.Request) {
		conns.Add(1)
		writeProblem(w, 404, "plan 'nope' does not exist")
	})
	var errs []error
	for _, err := range f.client.Events.Stream(context.Background(), StreamOptions{PlanID: "nope"}) {
		errs = append(errs, err) // keeps ranging: the stream itself must stop
	}
	if len(errs) != 1 || !IsNotFound(errs[0]) || conns.Load() != 1 {
		t.Errorf("errors %v after %d connections, want one 404 and no reconnection", errs, conns.Load())
	}
}

func TestEventsService_Stream_breakClosesTheConnection(t *testing.T) {
	t.Parallel()
	f := setup(t)
	closed := make(chan struct{})
	f.mux.HandleFunc("GET /v1/events", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, sseEventText(1))
		w.(http.Flusher).Flush()
		<-r.Context().Done() // the engine notices the client went away
		close(closed)
	})
	for _, err := range f.client.Events.Stream(context.Background(), StreamOptions{}) {
		if err != nil {
			t.Fatal(err)
		}
		break
	}
	select {
	case <-closed:
	case <-time.After(10 * time.Second):
		t.Fatal("the server still holds the stream 10 s after the loop broke")
	}
}

func TestEventsService_Stream_cancelledContextYieldsItsError(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.mux.HandleFunc("GET /v1/events", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, sseEventText(1))
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var got []Event
	var errs []error
	for ev, err := range f.client.Events.Stream(ctx, StreamOptions{}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got = append(got, ev)
		cancel()
	}
	if len(got) != 1 || len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
		t.Errorf("yielded %v and %v, want one event, then context.Canceled", got, errs)
	}
}

func TestEventsService_Stream_silentConnectionIsResumed(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.client.streamIdle = time.Second
	var conns atomic.Int32
	f.mux.HandleFunc("GET /v1/events", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		if conns.Add(1) == 1 {
			io.WriteString(w, sseEventText(1))
			w.(http.Flusher).Flush()
			<-r.Context().Done() // a half-open connection: no FIN, no keep-alive
			return
		}
		if r.Header.Get("Last-Event-ID") != "ev-1" {
			t.Errorf("Last-Event-ID = %q, want ev-1", r.Header.Get("Last-Event-ID"))
		}
		io.WriteString(w, sseEventText(2))
	})
	got, err := collect(t, f.client.Events.Stream(context.Background(), StreamOptions{}), 2)
	if err != nil || ids(got) != "ev-1 ev-2" {
		t.Errorf("yielded %q, %v", ids(got), err)
	}
}

func TestEventsService_Stream_badDataIsAnError(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.mux.HandleFunc("GET /v1/events", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, "id:1\nevent:plan.step\ndata:{not json\n\n")
	})
	_, err := collect(t, f.client.Events.Stream(context.Background(), StreamOptions{}), 1)
	if err == nil || !strings.Contains(err.Error(), `event "1"`) {
		t.Errorf("error = %v, want a decode error naming the event", err)
	}
}

func TestSSEDecoder(t *testing.T) {
	t.Parallel()
	in := ": comment\n\n" +
		"data: no id, no type\n\n" +
		"id: a\nevent: x\ndata:1\ndata:2\nignored-field: y\n\n" +
		"event: y\n\n" + // no data: not dispatched
		"data: keeps id a\n\n" +
		"id\ndata: id reset\n\n" +
		"retry: 2500\nretry: soon\nid: b\x00c\ndata: NUL id ignored\n\n" +
		"id: z\ndata: cut off"
	d := newSSEDecoder(strings.NewReader(in), "start", func() {})
	var got []string
	for {
		ev, err := d.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%s|%v|%s|%s", ev.id, ev.ownID, ev.typ, ev.data))
	}
	want := []string{"start|false|message|no id, no type", "a|true|x|1\n2", "a|false|message|keeps id a",
		"|true|message|id reset", "|false|message|NUL id ignored"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("events\n%q\nwant\n%q", got, want)
	}
	if d.retry != 2500*time.Millisecond {
		t.Errorf("retry = %s, want 2.5s", d.retry)
	}
}

func TestEventsService_Stream_slowConsumerKeepsTheConnection(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.client.streamIdle = time.Second
	consumed := make(chan struct{})
	var conns atomic.Int32
	f.mux.HandleFunc("GET /v1/events", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		if conns.Add(1) > 1 {
			io.WriteString(w, sseEventText(2))
			return
		}
		io.WriteString(w, sseEventText(1))
		w.(http.Flusher).Flush()
		select {
		case <-consumed:
			io.WriteString(w, sseEventText(2))
		case <-r.Context().Done():
		}
	})
	n := 0
	for _, err := range f.client.Events.Stream(context.Background(), StreamOptions{}) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 2 {
			break
		}
		time.Sleep(2500 * time.Millisecond) // a consumer busy for more than two idle periods
		close(consumed)
	}
	if conns.Load() != 1 {
		t.Errorf("%d connections: a slow consumer is not a silent server", conns.Load())
	}
}

func TestEventsService_Stream_answerThatIsNotAStreamEndsIt(t *testing.T) {
	t.Parallel()
	f := setup(t)
	var conns atomic.Int32
	f.mux.HandleFunc("GET /v1/events", func(w http.ResponseWriter, r *http.Request) {
		conns.Add(1)
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "<html>a login page</html>\n")
	})
	_, err := collect(t, f.client.Events.Stream(context.Background(), StreamOptions{}), 1)
	if err == nil || !strings.Contains(err.Error(), "text/event-stream") || conns.Load() != 1 {
		t.Errorf("error %v after %d connections, want one attempt and an error naming the content type", err, conns.Load())
	}
}

func TestEventsService_Stream_longRetryAfterEndsIt(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.mux.HandleFunc("GET /v1/events", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		writeProblem(w, 429, "come back in an hour")
	})
	_, err := collect(t, f.client.Events.Stream(context.Background(), StreamOptions{}), 1)
	if !IsRateLimited(err) || len(f.recordedWaits()) != 0 {
		t.Errorf("error %v after waits %v, want the 429 at once", err, f.recordedWaits())
	}
}

package ossaat

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// dropConnection closes the connection without an answer, as a crashed engine or a proxy would.
func dropConnection(t *testing.T, w http.ResponseWriter) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		t.Error(err)
		return
	}
	conn.Close()
}

// failFirst answers the first n requests with fail, then with ok.
func failFirst(n int32, fail, ok http.HandlerFunc) (http.HandlerFunc, *atomic.Int32) {
	var calls atomic.Int32
	return func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) <= n {
			fail(w, r)
			return
		}
		ok(w, r)
	}, &calls
}

func TestRetry_GETHonoursRetryAfterOn429(t *testing.T) {
	t.Parallel()
	f := setup(t)
	h, calls := failFirst(1, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "2")
		w.Header().Set("RateLimit", `"default";r=0;t=2`)
		writeProblem(w, 429, "slow down")
	}, func(w http.ResponseWriter, r *http.Request) { writePlan(w, 200) })
	f.mux.HandleFunc("GET /v1/plans/{id}", h)
	plan, err := f.client.Plans.Get(context.Background(), "pl_1")
	if err != nil || plan.ID != "pl_1" {
		t.Fatalf("Get = %v, %v", plan, err)
	}
	if calls.Load() != 2 {
		t.Errorf("%d requests, want 2", calls.Load())
	}
	if waits := f.recordedWaits(); len(waits) != 1 || waits[0] != 2*time.Second {
		t.Errorf("waited %v, want [2s] as Retry-After said", waits)
	}
}

func TestRetry_GETBacksOffOn5xxUntilMaxRetries(t *testing.T) {
	t.Parallel()
	f := setup(t, WithMaxRetries(4))
	var calls atomic.Int32
	f.mux.HandleFunc("GET /v1/plans", func(w http.ResponseWriter, r *http.Request) {
		status := []int{503, 502, 504, 503, 503}[calls.Add(1)-1]
		writeProblem(w, status, "database down")
	})
	_, err := f.client.Plans.List(context.Background(), nil)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 {
		t.Fatalf("List error = %v, want the last 503", err)
	}
	if calls.Load() != 5 {
		t.Errorf("%d requests, want 1 + 4 retries", calls.Load())
	}
	// jitter is 0 in tests: half of 250ms·2ⁿ
	want := []time.Duration{125 * time.Millisecond, 250 * time.Millisecond, 500 * time.Millisecond, time.Second}
	if waits := f.recordedWaits(); !slices.Equal(waits, want) {
		t.Errorf("waited %v, want %v", waits, want)
	}
}

func TestRetry_GETAfterADroppedConnection(t *testing.T) {
	t.Parallel()
	f := setup(t)
	h, calls := failFirst(2, func(w http.ResponseWriter, r *http.Request) { dropConnection(t, w) },
		func(w http.ResponseWriter, r *http.Request) { writePlan(w, 200) })
	f.mux.HandleFunc("GET /v1/plans/{id}", h)
	if _, err := f.client.Plans.Get(context.Background(), "pl_1"); err != nil {
		t.Fatalf("Get = %v, want success on the third attempt", err)
	}
	if calls.Load() != 3 {
		t.Errorf("%d requests, want 3", calls.Load())
	}
}

func TestRetry_notAfterOtherErrors(t *testing.T) {
	t.Parallel()
	f := setup(t)
	var calls atomic.Int32
	f.mux.HandleFunc("GET /v1/plans/{id}", func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		writeProblem(w, 500, "bug")
	})
	if _, err := f.client.Plans.Get(context.Background(), "x"); err == nil || calls.Load() != 1 {
		t.Errorf("Get = %v after %d requests; a 500 is not retried", err, calls.Load())
	}
}

func TestRetry_longRetryAfterIsReturnedNotWaited(t *testing.T) {
	t.Parallel()
	f := setup(t)
	var calls atomic.Int32
	f.mux.HandleFunc("GET /v1/plans", func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Retry-After", "3600")
		writeProblem(w, 429, "come back in an hour")
	})
	_, err := f.client.Plans.List(context.Background(), nil)
	var apiErr *APIError
	if !IsRateLimited(err) || !errors.As(err, &apiErr) || apiErr.RetryAfter != time.Hour {
		t.Fatalf("List error = %v, want a 429 APIError with RetryAfter 1h", err)
	}
	if calls.Load() != 1 || len(f.recordedWaits()) != 0 {
		t.Errorf("%d requests, waits %v; an hour's Retry-After goes to the caller", calls.Load(), f.recordedWaits())
	}
}

func TestRetry_createResendsTheSameKeyAndBody(t *testing.T) {
	t.Parallel()
	f := setup(t)
	var mu sync.Mutex
	var keys, bodies []string
	var calls atomic.Int32
	f.mux.HandleFunc("POST /v1/plans", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		keys = append(keys, r.Header.Get("Idempotency-Key"))
		bodies = append(bodies, string(b))
		mu.Unlock()
		switch calls.Add(1) {
		case 1:
			writeProblem(w, 503, "database down")
		case 2:
			dropConnection(t, w)
		default:
			writePlan(w, 201)
		}
	})
	if _, err := f.client.Plans.Create(context.Background(), &CreatePlanRequest{Goal: "g"}); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(keys) != 3 || keys[0] == "" || keys[1] != keys[0] || keys[2] != keys[0] {
		t.Errorf("Idempotency-Keys %q, want one key sent three times", keys)
	}
	if bodies[0] != `{"goal":"g"}` || bodies[1] != bodies[0] || bodies[2] != bodies[0] {
		t.Errorf("bodies %q, want the same body each time", bodies)
	}
}

func TestRetry_decisionsAreNotSentTwice(t *testing.T) {
	t.Parallel()
	for name, fail := range map[string]http.HandlerFunc{
		"503": func(w http.ResponseWriter, r *http.Request) { writeProblem(w, 503, "database down") },
		"429": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "1")
			writeProblem(w, 429, "slow down")
		},
		"dropped connection": func(w http.ResponseWriter, r *http.Request) { dropConnection(t, w) },
	} {
		f := setup(t)
		var calls atomic.Int32
		count := func(w http.ResponseWriter, r *http.Request) { calls.Add(1); fail(w, r) }
		f.mux.HandleFunc("POST /v1/plans/{id}/steps/{step}/approve", count)
		f.mux.HandleFunc("POST /v1/plans/{id}/steps/{step}/reject", count)
		f.mux.HandleFunc("POST /v1/plans/{id}/cancel", count)
		f.mux.HandleFunc("POST /v1/tokens", count)
		ctx := context.Background()
		_, err1 := f.client.Steps.Approve(ctx, "p", "s", "")
		_, err2 := f.client.Steps.Reject(ctx, "p", "s", "")
		_, err3 := f.client.Plans.Cancel(ctx, "p")
		_, err4 := f.client.Tokens.Create(ctx, &CreateTokenRequest{Role: RoleViewer})
		if err1 == nil || err2 == nil || err3 == nil || err4 == nil {
			t.Errorf("%s: errors %v, %v, %v, %v; want four errors", name, err1, err2, err3, err4)
		}
		if calls.Load() != 4 || len(f.recordedWaits()) != 0 {
			t.Errorf("%s: %d requests, waits %v; want each sent once", name, calls.Load(), f.recordedWaits())
		}
	}
}

// refuseFirst fails the first request as if the engine were not listening yet.
type refuseFirst struct {
	calls atomic.Int32
	next  http.RoundTripper
}

func (t *refuseFirst) RoundTrip(r *http.Request) (*http.Response, error) {
	if t.calls.Add(1) == 1 {
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
	}
	return t.next.RoundTrip(r)
}

func TestRetry_decisionIsSentAgainWhenItNeverLeft(t *testing.T) {
	t.Parallel()
	transport := &refuseFirst{next: http.DefaultTransport.(*http.Transport).Clone()}
	f := setup(t, WithHTTPClient(&http.Client{Transport: transport}))
	var calls atomic.Int32
	f.mux.HandleFunc("POST /v1/plans/p/steps/s/approve", func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		writePlan(w, 200)
	})
	if _, err := f.client.Steps.Approve(context.Background(), "p", "s", "ok"); err != nil {
		t.Fatalf("Approve = %v, want success once the connection opens", err)
	}
	if transport.calls.Load() != 2 || calls.Load() != 1 {
		t.Errorf("%d attempts, %d reached the engine; want 2 and 1", transport.calls.Load(), calls.Load())
	}
}

func TestRetry_maxRetriesZeroSendsOnce(t *testing.T) {
	t.Parallel()
	f := setup(t, WithMaxRetries(0))
	var calls atomic.Int32
	f.mux.HandleFunc("GET /v1/plans", func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		writeProblem(w, 503, "down")
	})
	if _, err := f.client.Plans.List(context.Background(), nil); err == nil || calls.Load() != 1 {
		t.Errorf("List = %v after %d requests, want one failed request", err, calls.Load())
	}
}

func TestRetry_cancelledContextStopsTheWaitAtOnce(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.client.retry.sleep = sleep // the real clock: the wait below is 30 s unless the cancel cuts it
	ctx, cancel := context.WithCancel(context.Background())
	f.mux.HandleFunc("GET /v1/plans", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "30")
		writeProblem(w, 503, "down")
		time.AfterFunc(50*time.Millisecond, cancel)
	})
	start := time.Now()
	_, err := f.client.Plans.List(ctx, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("List error = %v, want context.Canceled", err)
	}
	if elapsed := time.Since(start); elapsed > 10*time.Second {
		t.Errorf("List returned after %s; the cancel should end the 30 s wait", elapsed)
	}
}

func TestRetry_cancelledContextSendsNothing(t *testing.T) {
	t.Parallel()
	f := setup(t)
	var calls atomic.Int32
	f.mux.HandleFunc("GET /v1/plans", func(w http.ResponseWriter, r *http.Request) { calls.Add(1) })
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := f.client.Plans.List(ctx, nil); !errors.Is(err, context.Canceled) || calls.Load() != 0 {
		t.Errorf("List = %v after %d requests, want context.Canceled and none", err, calls.Load())
	}
	if len(f.recordedWaits()) != 0 {
		t.Errorf("waited %v before giving up on a cancelled context", f.recordedWaits())
	}
}

func TestBackoff_isCappedAndJittered(t *testing.T) {
	t.Parallel()
	p := defaultRetryPolicy()
	p.jitter = func() float64 { return 0 }
	if got := p.backoff(0); got != 125*time.Millisecond {
		t.Errorf("backoff(0) without jitter = %s, want 125ms", got)
	}
	if got := p.backoff(40); got != 4*time.Second {
		t.Errorf("backoff(40) without jitter = %s, want half the 8s cap", got)
	}
	p.jitter = func() float64 { return 0.999999 }
	if got := p.backoff(40); got > 8*time.Second || got < 7990*time.Millisecond {
		t.Errorf("backoff(40) with full jitter = %s, want just under the 8s cap", got)
	}
}

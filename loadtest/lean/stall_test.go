package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// stallingServer answers 201 at once, except that the first request after stallAfter holds every answer, its
// own and the others', for one second: a server that stops for a second (a GC pause, a disk stall).
type stallingServer struct {
	mu         sync.RWMutex
	once       sync.Once
	stallAfter time.Time
	stalledAt  time.Time
	requests   int
	count      sync.Mutex
}

func (s *stallingServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.count.Lock()
	s.requests++
	s.count.Unlock()
	if time.Now().After(s.stallAfter) {
		s.once.Do(func() {
			s.mu.Lock()
			s.stalledAt = time.Now()
			go func() {
				time.Sleep(time.Second)
				s.mu.Unlock()
			}()
		})
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	w.WriteHeader(http.StatusCreated)
}

// TestLatencyIncludesTheWaitBehindAStalledServer is the check against coordinated omission. With 4 connections
// and the server stopped for 1 s, the requests meant for that second wait for a connection in the client; a
// client that timed them from their actual send would see one slow request per connection and call the rest
// fast. Timed from the intended send, every request meant for the stall waits out the rest of it.
func TestLatencyIncludesTheWaitBehindAStalledServer(t *testing.T) {
	srv := &stallingServer{}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	cfg := Config{URL: ts.URL, Rate: 200, Judged: 3 * time.Second, Connections: 4, Timeout: 10 * time.Second, RunID: "t"}
	srv.stallAfter = time.Now().Add(time.Second)
	res, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if srv.requests != 600 {
		t.Errorf("the server got %d requests, want all 600 of the schedule (an open workload sends them anyway)", srv.requests)
	}
	stallEnd := srv.stalledAt.Add(time.Second)
	var inStall, slow int
	for i, a := range res.Arrivals {
		o := res.Outcomes[i]
		if !o.OK() {
			t.Fatalf("arrival %d: %s, want 201", i, o.Status)
		}
		intended := res.Start.Add(a.At)
		if intended.After(srv.stalledAt) && intended.Before(stallEnd) {
			inStall++
			// it cannot have been answered before the stall ended
			if waited := stallEnd.Sub(intended) - 5*time.Millisecond; o.Latency < waited {
				t.Errorf("arrival %d meant for %v into the stall: latency %v, less than the %v left of it",
					i, intended.Sub(srv.stalledAt), o.Latency, waited)
			}
		}
		if o.Latency >= 500*time.Millisecond {
			slow++
		}
	}
	if inStall < 190 {
		t.Fatalf("%d arrivals meant for the stall's second, want about 200", inStall)
	}
	// those meant for its first half waited at least half a second: about 100, not one per connection
	if slow < 90 {
		t.Errorf("%d requests took 500 ms or more, want about 100", slow)
	}
	s := Summarize(res)
	if s.P99 < 900*time.Millisecond || s.Max < 990*time.Millisecond {
		t.Errorf("p99 %v, max %v: want the stall's second in both", s.P99, s.Max)
	}
	if ok, line := Goal.Judge(s); ok {
		t.Errorf("a run with a 1 s stall met the goal: %s", line)
	}
}

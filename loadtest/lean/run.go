package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// Config is one load run: creates at Rate per second, a warm-up ramp then the judged phase.
type Config struct {
	URL    string // the engine, e.g. http://127.0.0.1:7070
	Token  string // a bearer token (the owner's); empty sends none
	Rate   float64
	WarmUp time.Duration
	Judged time.Duration
	// Connections is the most kept-alive connections open at once. Requests beyond it wait for one, and that
	// wait counts in their latency (it is measured from the intended send time).
	Connections int
	Timeout     time.Duration // per request, from its send; a request that outlives it is a failure
	Watchers    int           // SSE readers of /v1/events beside the creates, as the Gatling budget profile has
	RunID       string        // makes the Idempotency-Keys unique across runs on one engine
}

// Outcome is what became of one arrival.
type Outcome struct {
	Latency time.Duration // from the intended send time to the end of the answer's body, or to the failure
	Lag     time.Duration // how late the request was handed to the transport, against its intended time
	Status  string        // "201", "503", ..., or "timeout", "connection reset", ... when there was no answer
}

// OK is the answer a create expects.
func (o Outcome) OK() bool { return o.Status == "201" }

// Result is a finished run: the schedule and each arrival's outcome, index for index.
type Result struct {
	Config      Config
	Arrivals    []Arrival
	Outcomes    []Outcome
	Start       time.Time     // the schedule's zero
	Opened      int64         // connections the creates' transport opened
	ClientCPU   time.Duration // this process's CPU (user + system) from the first judged send to the end
	WatchEvents int64         // events the watchers received
	WatchErrors []string      // why a watcher stopped before the end, if one did
}

// planBody is the Gatling create mix's body (PlanApiSimulation.PLAN_BODY) for an Idempotency-Key.
func planBody(key string) []byte {
	const prefix = `{"goal":"load test plan `
	const suffix = `","agent":"careful","inputs":{"testCommand":"true","patch":"--- /dev/null\n+++ b/NEW.md\n@@ -0,0 +1 @@\n+load\n"},"labels":{"source":"loadtest"}}`
	b := make([]byte, 0, len(prefix)+len(key)+len(suffix))
	return append(append(append(b, prefix...), key...), suffix...)
}

// key is the Gatling mix's key form: lt-RUN-PHASE-N, w for warm-up and j for judged.
func key(runID string, a Arrival, n int) string {
	phase := "w"
	if a.Judged {
		phase = "j"
	}
	return "lt-" + runID + "-" + phase + "-" + strconv.Itoa(n)
}

// Run sends the schedule's creates at their intended times, whatever the answers' speed (an open workload), and
// waits for every answer.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	pool, err := NewPool(cfg.URL, cfg.Token, cfg.Connections, cfg.Timeout)
	if err != nil {
		return nil, err
	}
	defer pool.Close()

	watchCtx, stopWatchers := context.WithCancel(ctx)
	defer stopWatchers()
	res := &Result{Config: cfg, Arrivals: Schedule(cfg.Rate, cfg.WarmUp, cfg.Judged)}
	res.Outcomes = make([]Outcome, len(res.Arrivals))
	var watchEvents atomic.Int64
	var watchMu sync.Mutex
	var watchWG sync.WaitGroup
	for i := 0; i < cfg.Watchers; i++ {
		watchWG.Add(1)
		go func() {
			defer watchWG.Done()
			if err := watch(watchCtx, cfg, &watchEvents); err != nil && watchCtx.Err() == nil {
				watchMu.Lock()
				res.WatchErrors = append(res.WatchErrors, err.Error())
				watchMu.Unlock()
			}
		}()
	}

	var wg sync.WaitGroup
	var cpuAtJudged time.Duration
	res.Start = time.Now()
	for i, a := range res.Arrivals {
		intended := res.Start.Add(a.At)
		if d := time.Until(intended); d > 0 {
			time.Sleep(d) // a late wake-up sends at once: the lateness is in the latency
		}
		if ctx.Err() != nil {
			break
		}
		if a.Judged && cpuAtJudged == 0 {
			cpuAtJudged = processCPU()
		}
		wg.Add(1)
		go func(i int, k string) {
			defer wg.Done()
			res.Outcomes[i] = create(ctx, pool, k, intended)
		}(i, key(cfg.RunID, a, i+1))
	}
	wg.Wait()
	res.ClientCPU = processCPU() - cpuAtJudged
	res.Opened = pool.Opened()
	stopWatchers()
	watchWG.Wait()
	res.WatchEvents = watchEvents.Load()
	return res, ctx.Err()
}

// create sends one create and reads its whole answer; the latency runs from intended, not from the send.
func create(ctx context.Context, pool *Pool, k string, intended time.Time) Outcome {
	lag := time.Since(intended)
	status, err := pool.Create(ctx, k)
	if err != nil {
		return Outcome{Latency: time.Since(intended), Lag: lag, Status: failure(err)}
	}
	return Outcome{Latency: time.Since(intended), Lag: lag, Status: strconv.Itoa(status)}
}

// failure names a request that got no (whole) answer, briefly enough to count by.
func failure(err error) string {
	var ne net.Error
	switch {
	case errors.As(err, &ne) && ne.Timeout():
		return "timeout"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, net.ErrClosed):
		return "connection closed"
	case errors.Is(err, context.Canceled):
		return "cancelled"
	case errors.Is(err, errMalformed):
		return "malformed answer"
	}
	return "error"
}

// watch follows /v1/events from now (tail=0) until ctx ends, counting events, as a Gatling budget watcher does.
func watch(ctx context.Context, cfg Config, events *atomic.Int64) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimSuffix(cfg.URL, "/")+"/v1/events?tail=0", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "text/event-stream")
	if cfg.Token != "" {
		req.Header.Set("Authorization", "Bearer "+cfg.Token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		detail, _ := io.ReadAll(io.LimitReader(resp.Body, 300))
		return errors.New("watcher: /v1/events answered " + resp.Status + ": " + string(detail))
	}
	lines := bufio.NewScanner(resp.Body)
	lines.Buffer(make([]byte, 64<<10), 1<<20)
	for lines.Scan() {
		if bytes.HasPrefix(lines.Bytes(), []byte("id:")) {
			events.Add(1)
		}
	}
	if err := lines.Err(); err != nil {
		return err
	}
	return errors.New("watcher: the engine ended the stream")
}

// processCPU is this process's user and system CPU so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

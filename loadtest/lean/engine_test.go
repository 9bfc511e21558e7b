package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestAgainstARealEngine runs a short load against ./ossaat serve: every scheduled create is answered 201 and the
// engine holds exactly that many plans, one per key (a key sent twice would be answered 200, a replay, and make
// one plan fewer), and the watcher sees their events.
func TestAgainstARealEngine(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no real engine")
	}
	engineURL, token := startEngine(t)
	cfg := Config{URL: engineURL, Token: token, Rate: 50, WarmUp: time.Second, Judged: 3 * time.Second,
		Connections: 16, Timeout: 30 * time.Second, Watchers: 1, RunID: "it"}
	res, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	answers := map[string]int{}
	for _, o := range res.Outcomes {
		answers[o.Status]++
	}
	if s := Summarize(res); s.Requests != 150 || answers["201"] != len(res.Arrivals) {
		t.Fatalf("%d judged requests, answers to all %d: %v; want 150 judged and a 201 for every create",
			s.Requests, len(res.Arrivals), answers)
	}
	goals := planGoals(t, engineURL, token)
	if len(goals) != len(res.Arrivals) {
		t.Fatalf("the engine holds %d plans after %d creates", len(goals), len(res.Arrivals))
	}
	keys := map[string]bool{}
	for i, a := range res.Arrivals {
		keys[key(cfg.RunID, a, i+1)] = true
	}
	for _, g := range goals {
		k := strings.TrimPrefix(g, "load test plan ")
		if !keys[k] {
			t.Fatalf("plan %q was not made by a key of the schedule, or by one twice", g)
		}
		delete(keys, k)
	}
	if res.WatchEvents < int64(len(res.Arrivals)) || len(res.WatchErrors) > 0 {
		t.Errorf("the watcher saw %d events (errors %v) of %d creates' 5 each", res.WatchEvents, res.WatchErrors, len(res.Arrivals))
	}
}

// planGoals pages through GET /v1/plans and returns every plan's goal.
func planGoals(t *testing.T, base, token string) []string {
	t.Helper()
	var goals []string
	cursor := ""
	for {
		u := base + "/v1/plans?limit=100"
		if cursor != "" {
			u += "&cursor=" + url.QueryEscape(cursor)
		}
		req, _ := http.NewRequest(http.MethodGet, u, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var page struct {
			Items []struct {
				Goal string `json:"goal"`
			} `json:"items"`
			NextCursor string `json:"nextCursor"`
		}
		err = json.NewDecoder(resp.Body).Decode(&page)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("listing plans: %s, %v", resp.Status, err)
		}
		for _, p := range page.Items {
			goals = append(goals, p.Goal)
		}
		if page.NextCursor == "" {
			return goals
		}
		cursor = page.NextCursor
	}
}

// startEngine runs ../../ossaat serve --port 0 on a throw-away data dir until the test ends; the launcher builds
// the engine first when its jar is missing or stale.
func startEngine(t *testing.T) (string, string) {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dataDir := filepath.Join(t.TempDir(), "data")
	if err := os.Mkdir(dataDir, 0o700); err != nil { // the engine refuses a data dir others may open
		t.Fatal(err)
	}
	cmd := exec.Command(filepath.Join(root, "ossaat"), "serve", "--port", "0", "--data-dir", dataDir)
	cmd.Dir = root
	var log strings.Builder
	var logMu sync.Mutex
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = &lockedWriter{w: &log, mu: &logMu}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	ready := make(chan string, 1)
	go func() {
		lines := bufio.NewScanner(stdout)
		for lines.Scan() {
			if u, ok := strings.CutPrefix(lines.Text(), "ready: "); ok {
				select {
				case ready <- u:
				default:
				}
			}
			fmt.Fprintln(&lockedWriter{w: &log, mu: &logMu}, lines.Text())
		}
		_, _ = io.Copy(io.Discard, stdout)
		_ = cmd.Wait()
		close(exited)
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM) // the launcher execs java: this stops the engine, its PostgreSQL and Redis
		select {
		case <-exited:
		case <-time.After(60 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
		}
	})
	var engineURL string
	select {
	case engineURL = <-ready:
	case <-exited:
		t.Fatalf("./ossaat serve exited before it was ready:\n%s", log.String())
	case <-time.After(10 * time.Minute):
		t.Fatalf("./ossaat serve was not ready after 10 minutes:\n%s", log.String())
	}
	token, err := os.ReadFile(filepath.Join(dataDir, "token"))
	if err != nil {
		t.Fatal(err)
	}
	return engineURL, strings.TrimSpace(string(token))
}

type lockedWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

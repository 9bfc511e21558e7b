// Command lean is a lean open-model load client for plan creation: POST /v1/plans at a fixed arrival rate with
// the Gatling create mix's body and a fresh Idempotency-Key on every create, each request's latency measured from
// its intended send time (so a stalled engine cannot hide behind the client waiting: no coordinated omission), a
// warm-up ramp, then a judged phase summarised as p50/p95/p99/max, answers by status, the achieved rate and the
// SLO verdict. It costs a fraction of Gatling's CPU per request on the 2 cores it shares with the engine.
//
//	OSSAAT_TOKEN=... lean --url http://127.0.0.1:7070 --rate 500 --warmup 60 --judged 60 \
//	    [--connections 1000] [--watchers 2] [--thresholds thresholds.json] [--per-second FILE]
//
// Exit status: 0 when the judged phase meets the SLO verdict (the thresholds file's, else issue #13's goal:
// p95 ≤ 50 ms, p99 ≤ 200 ms, no errors), 1 when it misses it, 2 on bad usage or when the run could not be made.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	fs := flag.NewFlagSet("lean", flag.ContinueOnError)
	url := fs.String("url", envOr("OSSAAT_URL", "http://127.0.0.1:7070"), "the engine's base URL (or OSSAAT_URL)")
	rate := fs.Float64("rate", 500, "creates per second (open model: offered whatever the answers' speed)")
	warmUp := fs.Float64("warmup", 30, "seconds of warm-up: a ramp from a tenth of the rate to the rate, not judged")
	judged := fs.Float64("judged", 60, "seconds of the judged phase at the rate")
	conns := fs.Int("connections", 1000, "kept-alive connections at most (opened as needed)")
	timeout := fs.Float64("timeout", 60, "seconds a request may take from its send before it counts as failed")
	watchers := fs.Int("watchers", 2, "SSE readers of /v1/events beside the creates (the budget profile has 2)")
	thresholds := fs.String("thresholds", "", "the SLO thresholds file (ossaat-loadtest.jar thresholds); without it the verdict is #13's goal")
	perSecond := fs.String("per-second", "", "write per-second latencies of the whole run to this file")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *rate <= 0 || *judged <= 0 || *warmUp < 0 || *conns < 1 || *timeout <= 0 || *watchers < 0 {
		fmt.Fprintln(os.Stderr, "lean: --rate, --judged, --connections and --timeout must be positive, --warmup and --watchers not negative")
		return 2
	}
	slo := Goal
	if *thresholds != "" {
		v, err := ReadThresholds(*thresholds)
		if err != nil {
			fmt.Fprintln(os.Stderr, "lean:", err)
			return 2
		}
		slo = v
	}
	cfg := Config{
		URL: *url, Token: strings.TrimSpace(os.Getenv("OSSAAT_TOKEN")), Rate: *rate,
		WarmUp: seconds(*warmUp), Judged: seconds(*judged), Connections: *conns, Timeout: seconds(*timeout),
		Watchers: *watchers, RunID: strconv.FormatInt(time.Now().UnixMilli(), 36),
	}
	fmt.Printf("lean: POST %s/v1/plans at %g/s: warm-up %gs (ramp from %g/s), judged %gs; at most %d connections, %d watchers\n",
		strings.TrimSuffix(cfg.URL, "/"), cfg.Rate, *warmUp, cfg.Rate/10, *judged, cfg.Connections, cfg.Watchers)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	res, err := Run(ctx, cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "lean: run stopped:", err)
		return 2
	}
	if *perSecond != "" {
		f, err := os.Create(*perSecond)
		if err == nil {
			PerSecond(f, res)
			err = f.Close()
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "lean:", err)
		}
	}
	s := Summarize(res)
	s.Print(os.Stdout)
	if cfg.Watchers > 0 {
		fmt.Printf("lean: watchers: %d events received, %d stopped early %v\n", res.WatchEvents, len(res.WatchErrors), res.WatchErrors)
	}
	met, line := slo.Judge(s)
	fmt.Println("lean:", line)
	if slo.Name != Goal.Name {
		_, goal := Goal.Judge(s)
		fmt.Println("lean:", goal)
	}
	if len(res.WatchErrors) > 0 {
		fmt.Println("lean: MISSED: a watcher's stream ended before the run did")
		met = false
	}
	if !met {
		return 1
	}
	return 0
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

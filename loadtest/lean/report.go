package main

import (
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
)

// Summary is the judged phase of a run: the arrivals intended in it and what became of them.
type Summary struct {
	Rate          float64 // offered, per second
	Judged        time.Duration
	Requests      int // judged arrivals (all of them were sent)
	OK            int
	ByStatus      map[string]int
	P50, P95, P99 time.Duration // latency from the intended send time, of every judged request, failed ones too
	Max           time.Duration
	LagP99        time.Duration // how late requests were handed to the transport (the client keeping up)
	LagMax        time.Duration
	Opened        int64
	CPUPerRequest time.Duration // the client's own CPU per judged request
	WindowStart   time.Time     // the judged phase's first and last intended send
	WindowEnd     time.Time
}

// Failed is the share of judged requests that did not get a 201.
func (s Summary) Failed() float64 {
	if s.Requests == 0 {
		return 0
	}
	return float64(s.Requests-s.OK) / float64(s.Requests)
}

// Summarize reads the judged phase out of a run.
func Summarize(r *Result) Summary {
	s := Summary{Rate: r.Config.Rate, Judged: r.Config.Judged, ByStatus: map[string]int{}, Opened: r.Opened}
	var lat, lag []time.Duration
	for i, a := range r.Arrivals {
		if !a.Judged {
			continue
		}
		o := r.Outcomes[i]
		if s.Requests == 0 {
			s.WindowStart = r.Start.Add(a.At)
		}
		s.WindowEnd = r.Start.Add(a.At)
		s.Requests++
		s.ByStatus[o.Status]++
		if o.OK() {
			s.OK++
		}
		lat = append(lat, o.Latency)
		lag = append(lag, o.Lag)
	}
	s.P50, s.P95, s.P99, s.Max = percentile(lat, 50), percentile(lat, 95), percentile(lat, 99), percentile(lat, 100)
	s.LagP99, s.LagMax = percentile(lag, 99), percentile(lag, 100)
	if s.Requests > 0 {
		s.CPUPerRequest = r.ClientCPU / time.Duration(s.Requests)
	}
	return s
}

// percentile is the nearest-rank percentile p (0 < p ≤ 100) of d; it sorts d.
func percentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	slices.Sort(d)
	i := int(math.Ceil(p/100*float64(len(d)))) - 1
	return d[max(0, min(i, len(d)-1))]
}

// Objective is one client-side limit on the judged phase: a latency percentile at most MaxMs, or (Percentile 0)
// at most MaxFailed of the requests failed.
type Objective struct {
	Percentile float64
	MaxMs      float64
	MaxFailed  float64 // a fraction: 0.001 is 0.1 %
}

// Verdict is a named set of objectives, all of which must hold.
type Verdict struct {
	Name       string
	Objectives []Objective
}

// Goal is issue #13's: creates at p95 ≤ 50 ms and p99 ≤ 200 ms with no errors.
var Goal = Verdict{Name: "#13 goal", Objectives: []Objective{{Percentile: 95, MaxMs: 50}, {Percentile: 99, MaxMs: 200}, {MaxFailed: 0}}}

// Judge says whether s meets every objective, and how each fared.
func (v Verdict) Judge(s Summary) (bool, string) {
	met := true
	var parts []string
	for _, o := range v.Objectives {
		ok := true
		if o.Percentile > 0 {
			got := ms(latencyAt(s, o.Percentile))
			ok = got <= o.MaxMs
			parts = append(parts, fmt.Sprintf("p%g %s ms ≤ %g %s", o.Percentile, num(got), o.MaxMs, yesNo(ok)))
		} else {
			ok = s.Failed() <= o.MaxFailed
			parts = append(parts, fmt.Sprintf("failed %.3f %% ≤ %g %% %s", s.Failed()*100, o.MaxFailed*100, yesNo(ok)))
		}
		met = met && ok
	}
	word := "met"
	if !met {
		word = "MISSED"
	}
	return met, fmt.Sprintf("%s %s: %s", v.Name, word, strings.Join(parts, ", "))
}

// latencyAt is the percentile the summary holds, or the maximum for an objective on another percentile.
func latencyAt(s Summary, p float64) time.Duration {
	switch p {
	case 50:
		return s.P50
	case 95:
		return s.P95
	case 99:
		return s.P99
	}
	return s.Max
}

func yesNo(ok bool) string {
	if ok {
		return "(ok)"
	}
	return "(NO)"
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func num(v float64) string {
	if v >= 100 {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.1f", v)
}

// Print writes the summary, one fact a line, each starting "lean: ".
func (s Summary) Print(w io.Writer) {
	fmt.Fprintf(w, "lean: judged %s at %g/s: %d creates intended and sent, %d answered 201 (%.1f/s)\n",
		s.Judged, s.Rate, s.Requests, s.OK, float64(s.OK)/s.Judged.Seconds())
	fmt.Fprintf(w, "lean: latency from the intended send, ms: p50 %s p95 %s p99 %s max %s\n",
		num(ms(s.P50)), num(ms(s.P95)), num(ms(s.P99)), num(ms(s.Max)))
	statuses := make([]string, 0, len(s.ByStatus))
	for k := range s.ByStatus {
		statuses = append(statuses, k)
	}
	sort.Strings(statuses)
	var parts []string
	for _, k := range statuses {
		parts = append(parts, fmt.Sprintf("%s %d", k, s.ByStatus[k]))
	}
	fmt.Fprintf(w, "lean: answers: %s\n", strings.Join(parts, ", "))
	fmt.Fprintf(w, "lean: client: %d connections opened, send lag p99 %s ms max %s ms, CPU %.3f ms per judged request\n",
		s.Opened, num(ms(s.LagP99)), num(ms(s.LagMax)), ms(s.CPUPerRequest))
	fmt.Fprintf(w, "lean: judged window (epoch ms): %d %d\n", s.WindowStart.UnixMilli(), s.WindowEnd.UnixMilli())
}

// PerSecond writes one line per second of intended sends: time, phase, requests, failed, p50/p95/p99/max ms.
func PerSecond(w io.Writer, r *Result) {
	fmt.Fprintln(w, "utc\tphase\trequests\tfailed\tp50\tp95\tp99\tmax")
	var lat []time.Duration
	failed, second, judged := 0, -1, false
	flush := func() {
		if len(lat) == 0 {
			return
		}
		phase := "warm-up"
		if judged {
			phase = "judged"
		}
		n := len(lat)
		fmt.Fprintf(w, "%s\t%s\t%d\t%d\t%s\t%s\t%s\t%s\n", r.Start.Add(time.Duration(second)*time.Second).UTC().Format("15:04:05"),
			phase, n, failed, num(ms(percentile(lat, 50))), num(ms(percentile(lat, 95))), num(ms(percentile(lat, 99))), num(ms(percentile(lat, 100))))
		lat, failed = lat[:0], 0
	}
	for i, a := range r.Arrivals {
		if sec := int(a.At / time.Second); sec != second || a.Judged != judged {
			flush()
			second, judged = sec, a.Judged
		}
		lat = append(lat, r.Outcomes[i].Latency)
		if !r.Outcomes[i].OK() {
			failed++
		}
	}
	flush()
}

package ossaat

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

const sloJSON = `{"name":"plan-create-latency","service":"ossaat-engine","description":"95 % within 50 ms.",
"indicator":"latency","thresholdMillis":50,"window":"30d rolling","objective":0.95,"sli":0.5,"budgetRemaining":-9,
"budgetRemainingEvents":-2.7,"timeToExhaustionSeconds":null,"burnRates":{"5m":10,"1h":2},"alert":"PAGE",
"budgetExhausted":true,"enoughData":true,"totalEvents":6,"goodEvents":3,"evaluatedAt":"2026-12-01T14:07:42.191Z",
"p50Millis":33.8,"p95Millis":578.8,"p99Millis":null}`

func TestSLOService_Status(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.mux.HandleFunc("GET /v1/slo", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"items":[%s]}`, sloJSON)
	})
	list, err := f.client.SLO.Status(context.Background())
	if err != nil || len(list) != 1 {
		t.Fatalf("Status = %+v, %v", list, err)
	}
	s := list[0]
	if s.Name != "plan-create-latency" || s.Alert != AlertPage || *s.ThresholdMillis != 50 || s.TimeToExhaustionSeconds != nil ||
		s.BurnRates["5m"] != 10 || !s.BudgetExhausted || s.TotalEvents != 6 || s.P99Millis != nil || *s.P95Millis != 578.8 {
		t.Errorf("status = %+v", s)
	}
}

func TestSLOService_Get(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.mux.HandleFunc("GET /v1/slo/{name}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("name") != "plan-create-latency" {
			writeProblem(w, 404, "no SLO named '"+r.PathValue("name")+"'")
			return
		}
		if got := r.URL.Query().Get("range"); got != "360m" {
			t.Errorf("range = %q, want 360m", got)
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"status":%s,"from":"2026-12-01T08:00:00Z","to":"2026-12-01T14:00:00Z","stepSeconds":60,
			"points":[{"time":"2026-12-01T08:00:00Z","total":4,"good":3,"sli":0.75,"burnRate":5,"budgetRemaining":0.5,
			"p50Millis":12,"p95Millis":null,"p99Millis":null}]}`, sloJSON)
	})
	d, err := f.client.SLO.Get(context.Background(), "plan-create-latency", 6*time.Hour)
	if err != nil || d.Status.Name != "plan-create-latency" || d.StepSeconds != 60 || len(d.Points) != 1 ||
		d.Points[0].Good != 3 || *d.Points[0].P50Millis != 12 || d.Points[0].P95Millis != nil {
		t.Errorf("Get = %+v, %v", d, err)
	}
	if _, err := f.client.SLO.Get(context.Background(), "nope", 6*time.Hour); !IsNotFound(err) {
		t.Errorf("Get(nope) = %v, want not found", err)
	}
	if _, err := f.client.SLO.Get(context.Background(), "x", 90*time.Second); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("Get with 90s = %v, want ErrInvalidArgument", err)
	}
}

func TestSLOService_Rules(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.mux.HandleFunc("GET /v1/slo/rules", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/yaml")
		io.WriteString(w, "groups:\n  - name: ossaat-slo\n")
	})
	rules, err := f.client.SLO.Rules(context.Background())
	if err != nil || !strings.HasPrefix(rules, "groups:") {
		t.Errorf("Rules = %q, %v", rules, err)
	}
}

func TestSLOService_Stream(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.mux.HandleFunc("GET /v1/slo/stream", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Last-Event-ID") != "" {
			t.Error("snapshots are not resumed, yet Last-Event-ID was sent")
		}
		w.Header().Set("Content-Type", "text/event-stream")
		for i := 1; i <= 2; i++ {
			fmt.Fprintf(w, "id:%d\nevent:slo\ndata:[%s]\n\n", i, strings.ReplaceAll(sloJSON, "\n", ""))
		}
	})
	n := 0
	for snapshot, err := range f.client.SLO.Stream(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		if len(snapshot) != 1 || snapshot[0].Name != "plan-create-latency" {
			t.Errorf("snapshot = %+v", snapshot)
		}
		if n++; n == 3 { // two from the first connection, one after reopening it
			break
		}
	}
}

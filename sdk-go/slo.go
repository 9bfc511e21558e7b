package ossaat

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/url"
	"time"
)

// SLOService reads the engine's service level objectives (/v1/slo).
type SLOService service

// SLOAlert is the alert an SLO's burn rates raise.
type SLOAlert string

// The alert levels, from the multi-window, multi-burn-rate rules.
const (
	AlertNone   SLOAlert = "NONE"
	AlertTicket SLOAlert = "TICKET"
	AlertPage   SLOAlert = "PAGE"
)

// SLOStatus is where one SLO stands now.
type SLOStatus struct {
	Name        string `json:"name"`
	Service     string `json:"service"`
	Description string `json:"description"`
	// Indicator is "ratio" or "latency".
	Indicator string `json:"indicator"`
	// ThresholdMillis is a latency SLO's threshold; nil for a ratio.
	ThresholdMillis *float64 `json:"thresholdMillis"`
	Window          string   `json:"window"`
	Objective       float64  `json:"objective"`
	SLI             float64  `json:"sli"`
	// BudgetRemaining is the share of the error budget left (1 untouched, below 0 overspent).
	BudgetRemaining       float64 `json:"budgetRemaining"`
	BudgetRemainingEvents float64 `json:"budgetRemainingEvents"`
	// TimeToExhaustionSeconds is when the budget runs out at the current burn rate; nil when it does not.
	TimeToExhaustionSeconds *float64 `json:"timeToExhaustionSeconds"`
	// BurnRates by window: "5m", "30m", "1h", "2h", "6h", "1d", "3d".
	BurnRates       map[string]float64 `json:"burnRates"`
	Alert           SLOAlert           `json:"alert"`
	BudgetExhausted bool               `json:"budgetExhausted"`
	// EnoughData is false while too few events came to judge.
	EnoughData  bool      `json:"enoughData"`
	TotalEvents int64     `json:"totalEvents"`
	GoodEvents  int64     `json:"goodEvents"`
	EvaluatedAt time.Time `json:"evaluatedAt"`
	// The last minute's latency percentiles; nil when nothing was measured.
	P50Millis *float64 `json:"p50Millis"`
	P95Millis *float64 `json:"p95Millis"`
	P99Millis *float64 `json:"p99Millis"`
}

// SLODetail is one SLO with time series for charts.
type SLODetail struct {
	Status      SLOStatus  `json:"status"`
	From        time.Time  `json:"from"`
	To          time.Time  `json:"to"`
	StepSeconds int        `json:"stepSeconds"`
	Points      []SLOPoint `json:"points"`
}

// SLOPoint is one time bucket of an SLODetail.
type SLOPoint struct {
	Time            time.Time `json:"time"`
	Total           int64     `json:"total"`
	Good            int64     `json:"good"`
	SLI             float64   `json:"sli"`
	BurnRate        float64   `json:"burnRate"`
	BudgetRemaining float64   `json:"budgetRemaining"`
	P50Millis       *float64  `json:"p50Millis"`
	P95Millis       *float64  `json:"p95Millis"`
	P99Millis       *float64  `json:"p99Millis"`
}

// Status returns every SLO's status (GET /v1/slo).
func (s *SLOService) Status(ctx context.Context) ([]SLOStatus, error) {
	var list struct {
		Items []SLOStatus `json:"items"`
	}
	if err := s.client.getJSON(ctx, "v1/slo", nil, &list); err != nil {
		return nil, err
	}
	return list.Items, nil
}

// Get returns one SLO with its time series over the last span (whole minutes, 5m to 37 days; 0 for the
// engine's default, 1h) (GET /v1/slo/{name}). An unknown name is IsNotFound.
func (s *SLOService) Get(ctx context.Context, name string, span time.Duration) (*SLODetail, error) {
	if err := requireID("SLO name", name); err != nil {
		return nil, err
	}
	q := url.Values{}
	if span != 0 {
		if span < 0 || span%time.Minute != 0 {
			return nil, fmt.Errorf("ossaat: %w: span %s is not a whole number of minutes", ErrInvalidArgument, span)
		}
		q.Set("range", fmt.Sprintf("%dm", span/time.Minute))
	}
	d := new(SLODetail)
	if err := s.client.getJSON(ctx, pathf("v1/slo/%s", name), q, d); err != nil {
		return nil, err
	}
	return d, nil
}

// Rules returns Prometheus recording and alerting rules equivalent to the engine's SLOs, as YAML
// (GET /v1/slo/rules).
func (s *SLOService) Rules(ctx context.Context) (string, error) {
	return s.client.getText(ctx, "v1/slo/rules", nil)
}

// Stream yields a snapshot of every SLO's status once a second (GET /v1/slo/stream) until ctx is done or the
// loop breaks. A dropped connection is reopened (snapshots are not replayed); errors end it as for
// EventsService.Stream.
func (s *SLOService) Stream(ctx context.Context) iter.Seq2[[]SLOStatus, error] {
	return func(yield func([]SLOStatus, error) bool) {
		for raw, err := range s.client.stream(ctx, "v1/slo/stream", nil, false, "") {
			if err != nil {
				yield(nil, err)
				return
			}
			var snapshot []SLOStatus
			if err := json.Unmarshal([]byte(raw.data), &snapshot); err != nil {
				yield(nil, fmt.Errorf("ossaat: SLO snapshot %q: %w", raw.id, err))
				return
			}
			if !yield(snapshot, nil) {
				return
			}
		}
	}
}

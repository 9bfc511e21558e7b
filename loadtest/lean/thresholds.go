package main

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// The create route's thresholds from the file `java -jar ossaat-loadtest.jar thresholds --profile P` writes
// (the SLO file's objectives as k6 thresholds, the same derivation Gatling's assertions use): the latency limits
// of route:create_plan and the failed-request limits of the judged phase (overall, or of that route).
var (
	latencyLimit = regexp.MustCompile(`^p\(([0-9.]+)\)<=([0-9.]+)$`)
	failedLimit  = regexp.MustCompile(`^rate<=([0-9.]+)$`)
)

// ReadThresholds makes the SLO verdict for creates from a thresholds file.
func ReadThresholds(path string) (Verdict, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return Verdict{}, err
	}
	var doc struct {
		Thresholds map[string][]string `json:"thresholds"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return Verdict{}, fmt.Errorf("%s: %w", path, err)
	}
	v := Verdict{Name: "SLO"}
	for metric, limits := range doc.Thresholds {
		name, selector, _ := strings.Cut(strings.TrimSuffix(metric, "}"), "{")
		tags := strings.Split(selector, ",")
		ours := !strings.Contains(selector, "route:") || strings.Contains(selector, "route:create_plan")
		if !ours || !slices.Contains(tags, "phase:judged") {
			continue
		}
		for _, l := range limits {
			switch {
			case name == "http_req_duration" && latencyLimit.MatchString(l) && strings.Contains(selector, "route:create_plan"):
				m := latencyLimit.FindStringSubmatch(l)
				p, _ := strconv.ParseFloat(m[1], 64)
				limit, _ := strconv.ParseFloat(m[2], 64)
				v.Objectives = append(v.Objectives, Objective{Percentile: p, MaxMs: limit})
			case name == "http_req_failed" && failedLimit.MatchString(l):
				limit, _ := strconv.ParseFloat(failedLimit.FindStringSubmatch(l)[1], 64)
				v.Objectives = append(v.Objectives, Objective{MaxFailed: limit})
			}
		}
	}
	// map order is random: latency limits by percentile, then the failed share
	sort.Slice(v.Objectives, func(i, j int) bool {
		a, b := v.Objectives[i], v.Objectives[j]
		if (a.Percentile == 0) != (b.Percentile == 0) {
			return a.Percentile != 0
		}
		return a.Percentile < b.Percentile || a.Percentile == b.Percentile && a.MaxFailed < b.MaxFailed
	})
	if len(v.Objectives) == 0 {
		return Verdict{}, fmt.Errorf("%s: no thresholds for creates in the judged phase", path)
	}
	return v, nil
}

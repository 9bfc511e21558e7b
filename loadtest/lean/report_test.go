package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestGoalWantsP99AndNoErrors(t *testing.T) {
	good := Summary{Requests: 1000, OK: 1000, P95: 40 * time.Millisecond, P99: 150 * time.Millisecond}
	if ok, line := Goal.Judge(good); !ok {
		t.Errorf("a run within the goal missed it: %s", line)
	}
	slowTail := good
	slowTail.P99 = 201 * time.Millisecond
	oneError := good
	oneError.OK = 999
	for name, s := range map[string]Summary{"p99 201 ms": slowTail, "one error": oneError} {
		if ok, line := Goal.Judge(s); ok {
			t.Errorf("%s met the goal: %s", name, line)
		}
	}
}

// TestThresholdsFromTheSloFile reads what the loadtest module derives from the engine's SLO file (the file k6
// gets), so the lean client judges creates by the same numbers as Gatling.
func TestThresholdsFromTheSloFile(t *testing.T) {
	jar, _ := filepath.Abs("../target/ossaat-loadtest.jar")
	if _, err := os.Stat(jar); err != nil {
		t.Skipf("no %s (build the loadtest module first)", jar)
	}
	home := os.Getenv("JAVA_HOME")
	if home == "" {
		t.Skip("JAVA_HOME is not set: the loadtest jar needs a JDK 21+ (./ossaat test sets it)")
	}
	java := filepath.Join(home, "bin", "java")
	out := filepath.Join(t.TempDir(), "thresholds.json")
	cmd := exec.Command(java, "-jar", jar, "thresholds", "--profile", "budget", "--out", out)
	cmd.Dir = "../.." // it finds the SLO file from the repository's root
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, msg)
	}
	v, err := ReadThresholds(out)
	if err != nil {
		t.Fatal(err)
	}
	var latency, failed int
	for _, o := range v.Objectives {
		if o.Percentile > 0 {
			latency++
		} else {
			failed++
		}
	}
	if latency == 0 || failed == 0 {
		t.Fatalf("want a latency and a failed-share limit for creates, got %+v", v.Objectives)
	}
	s := Summary{Requests: 100, OK: 100, P95: time.Hour, P99: time.Hour, Max: time.Hour}
	if ok, line := v.Judge(s); ok || !strings.Contains(line, "NO") {
		t.Errorf("an hour per create met the SLO: %s", line)
	}
}

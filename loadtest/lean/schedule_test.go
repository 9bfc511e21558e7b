package main

import (
	"math"
	"testing"
	"time"
)

func TestScheduleHoldsTheRateInTheJudgedPhase(t *testing.T) {
	s := Schedule(500, 0, 3*time.Second)
	if len(s) != 1500 {
		t.Fatalf("%d arrivals, want 1500", len(s))
	}
	for i, a := range s {
		if !a.Judged {
			t.Fatalf("arrival %d is not judged", i)
		}
		if want := time.Duration(i) * 2 * time.Millisecond; a.At != want {
			t.Fatalf("arrival %d at %v, want %v", i, a.At, want)
		}
	}
}

func TestScheduleRampsFromATenthOfTheRate(t *testing.T) {
	s := Schedule(1000, 10*time.Second, 2*time.Second)
	var warm, firstSecond, lastSecond int
	for i, a := range s {
		if i > 0 && a.At < s[i-1].At {
			t.Fatalf("arrival %d at %v is before the one before it (%v)", i, a.At, s[i-1].At)
		}
		if a.Judged {
			if a.At < 10*time.Second {
				t.Fatalf("judged arrival %d during the warm-up, at %v", i, a.At)
			}
			continue
		}
		warm++
		if a.At < time.Second {
			firstSecond++
		}
		if a.At >= 9*time.Second {
			lastSecond++
		}
	}
	// a linear ramp 100 → 1000/s over 10 s: 5,500 arrivals; 145 in its first second, 955 in its last
	for _, c := range []struct {
		name      string
		got, want int
	}{{"warm-up", warm, 5500}, {"first second", firstSecond, 145}, {"last second", lastSecond, 955}} {
		if math.Abs(float64(c.got-c.want)) > 2 {
			t.Errorf("%s: %d arrivals, want %d", c.name, c.got, c.want)
		}
	}
	if judged := len(s) - warm; judged != 2000 {
		t.Errorf("%d judged arrivals, want 2000", judged)
	}
}

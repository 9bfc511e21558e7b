package main

import (
	"math"
	"time"
)

// Arrival is one request's place in the schedule: when it is meant to be sent (from the start of the run) and
// whether it belongs to the judged phase.
type Arrival struct {
	At     time.Duration
	Judged bool
}

// Schedule is an open workload's arrivals: a ramp from a tenth of rate to rate over warmUp (the Gatling budget
// profile's ramp), then rate for judged. The times do not depend on how fast anything is answered.
func Schedule(rate float64, warmUp, judged time.Duration) []Arrival {
	var out []Arrival
	if warmUp > 0 {
		// Arrivals by time t of a linear ramp from r0 to rate over W: N(t) = r0 t + (rate - r0) t² / 2W.
		// The k-th arrival is at the t where N(t) = k.
		r0, w := math.Max(rate/10, 1e-9), warmUp.Seconds()
		if r0 > rate {
			r0 = rate
		}
		a := (rate - r0) / (2 * w)
		for k := 0; ; k++ {
			var t float64
			if a == 0 {
				t = float64(k) / r0
			} else {
				t = (-r0 + math.Sqrt(r0*r0+4*a*float64(k))) / (2 * a)
			}
			if t >= w {
				break
			}
			out = append(out, Arrival{At: seconds(t)})
		}
	}
	n := int(math.Round(rate * judged.Seconds()))
	for k := 0; k < n; k++ {
		out = append(out, Arrival{At: warmUp + seconds(float64(k)/rate), Judged: true})
	}
	return out
}

func seconds(s float64) time.Duration { return time.Duration(math.Round(s * float64(time.Second))) }

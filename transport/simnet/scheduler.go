package simnet

import (
	"container/heap"
	"time"
)

// Scheduler is a virtual clock with a queue of events.
type Scheduler struct {
	now   time.Duration
	seq   uint64
	queue eventQueue
	steps uint64
}

type event struct {
	at  time.Duration
	seq uint64
	fn  func()
}

type eventQueue []event

func (q eventQueue) Len() int { return len(q) }
func (q eventQueue) Less(i, j int) bool {
	if q[i].at != q[j].at {
		return q[i].at < q[j].at
	}
	return q[i].seq < q[j].seq
}
func (q eventQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *eventQueue) Push(x any)   { *q = append(*q, x.(event)) }
func (q *eventQueue) Pop() any {
	old := *q
	e := old[len(old)-1]
	old[len(old)-1] = event{}
	*q = old[:len(old)-1]
	return e
}

// Now returns the virtual time.
func (s *Scheduler) Now() time.Duration { return s.now }

// Steps returns how many events have run.
func (s *Scheduler) Steps() uint64 { return s.steps }

// At runs fn at time t (at once if t is past, after what is already due).
func (s *Scheduler) At(t time.Duration, fn func()) {
	s.seq++
	heap.Push(&s.queue, event{at: max(t, s.now), seq: s.seq, fn: fn})
}

// After runs fn d from now.
func (s *Scheduler) After(d time.Duration, fn func()) { s.At(s.now+d, fn) }

// Step runs the next event; it returns false when none is left.
func (s *Scheduler) Step() bool {
	if len(s.queue) == 0 {
		return false
	}
	e := heap.Pop(&s.queue).(event)
	s.now = e.at
	s.steps++
	e.fn()
	return true
}

// RunUntil runs every event due up to t, then sets the clock to t. The
// check function, if not nil, runs after every event; a non-nil error stops
// the run and is returned.
func (s *Scheduler) RunUntil(t time.Duration, check func() error) error {
	for len(s.queue) > 0 && s.queue[0].at <= t {
		s.Step()
		if check != nil {
			if err := check(); err != nil {
				return err
			}
		}
	}
	if t > s.now {
		s.now = t
	}
	return nil
}

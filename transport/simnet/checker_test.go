package simnet

import (
	"strings"
	"testing"

	"gocrm/transport/proto"
)

func ring(seq uint64, rep proto.NodeID) proto.RingID { return proto.RingID{Seq: seq, Rep: rep} }

func view(r proto.RingID, members ...proto.NodeID) proto.ViewEvent {
	return proto.ViewEvent{Ring: r, Members: members}
}

func msg(r proto.RingID, seq uint64, stream string, pos uint64) proto.DeliverEvent {
	_, p := testPayload(stream, pos, 3)
	return proto.DeliverEvent{Ring: r, Seq: seq, Group: "g", Payload: p}
}

type step struct {
	node proto.NodeID
	inc  uint64
	e    proto.Event
}

// TestCheckerCatches feeds the checker event sequences that break each
// guarantee, and one that keeps them all.
func TestCheckerCatches(t *testing.T) {
	r1, r2, r3 := ring(1, 1), ring(2, 1), ring(3, 2)
	for _, tc := range []struct {
		name  string
		steps []step
		want  string // "" when the sequence is fine
	}{
		{"fine", []step{
			{1, 1, view(r1, 1, 2)}, {2, 1, view(r1, 1, 2)},
			{1, 1, msg(r1, 1, "s", 1)}, {2, 1, msg(r1, 1, "s", 1)},
			{1, 1, msg(r1, 3, "s", 2)}, {2, 1, msg(r1, 3, "s", 2)},
			{1, 1, view(r2, 1, 2)}, {2, 1, view(r2, 1, 2)},
		}, ""},
		{"ring goes back", []step{{1, 1, view(r2, 1)}, {1, 2, view(r1, 1)}}, "ring ids must grow"},
		{"same ring other members", []step{{1, 1, view(r1, 1, 2)}, {2, 1, view(r1, 2)}}, "with members"},
		{"two messages one position", []step{
			{1, 1, view(r1, 1, 2)}, {2, 1, view(r1, 1, 2)},
			{1, 1, msg(r1, 1, "s", 1)}, {2, 1, msg(r1, 1, "t", 1)},
		}, "position 1"},
		{"positions go back", []step{
			{1, 1, view(r1, 1)}, {1, 1, msg(r1, 5, "s", 1)}, {1, 1, msg(r1, 4, "t", 1)},
		}, "after position 5"},
		{"delivered twice", []step{
			{1, 1, view(r1, 1)}, {1, 1, msg(r1, 1, "s", 1)}, {1, 1, view(r2, 1)}, {1, 1, msg(r2, 1, "s", 1)},
		}, "twice"},
		{"two rings", []step{
			{1, 1, view(r1, 1)}, {2, 1, view(r3, 2)}, {1, 1, msg(r1, 1, "s", 1)}, {2, 1, msg(r3, 1, "s", 1)},
		}, "in ring"},
		{"not virtually synchronous", []step{
			{1, 1, view(r1, 1, 2)}, {2, 1, view(r1, 1, 2)},
			{1, 1, msg(r1, 1, "s", 1)},
			{1, 1, view(r2, 1, 2)}, {2, 1, view(r2, 1, 2)},
		}, "different messages"},
		{"sender order", []step{
			{1, 1, view(r1, 1)}, {1, 1, msg(r1, 1, "s", 2)}, {1, 1, msg(r1, 2, "s", 1)},
		}, "sender order"},
		{"ring not installed", []step{{1, 1, view(r1, 1)}, {1, 1, msg(r2, 1, "s", 1)}}, "has not installed"},
		{"damaged", []step{{1, 1, view(r1, 1)}, {1, 1, proto.DeliverEvent{Ring: r1, Seq: 1, Payload: []byte("sc1s9|xx")}}}, "damaged"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := NewChecker(parseTestPayload)
			for _, s := range tc.steps {
				c.Observe(s.node, s.inc, s.e)
			}
			err := c.Err()
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("unexpected violation: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("got %v, want a violation containing %q", err, tc.want)
			}
		})
	}
}

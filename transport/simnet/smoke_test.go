package simnet

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"gocrm/transport/proto"
)

// testPayload builds a message "<stream>c<pos>s<size>|" followed by size
// bytes 'x'; parseTestPayload checks it whole.
func testPayload(stream string, pos uint64, size int) (id string, payload []byte) {
	id = fmt.Sprintf("%sc%d", stream, pos)
	return id, []byte(fmt.Sprintf("%ss%d|%s", id, size, strings.Repeat("x", size)))
}

func parseTestPayload(p []byte) (id, stream string, pos uint64, err error) {
	head, body, ok := strings.Cut(string(p), "|")
	i := strings.LastIndexByte(head, 's')
	j := strings.LastIndexByte(head, 'c')
	if !ok || i < 0 || j < 0 || j > i {
		return "", "", 0, fmt.Errorf("bad header %.40q", head)
	}
	var size int
	if _, err := fmt.Sscan(head[i+1:], &size); err != nil {
		return "", "", 0, err
	}
	if _, err := fmt.Sscan(head[j+1:i], &pos); err != nil {
		return "", "", 0, err
	}
	if len(body) != size || strings.Count(body, "x") != size {
		return "", "", 0, fmt.Errorf("%s: body of %d bytes, want %d", head[:i], len(body), size)
	}
	return head[:i], head[:j], pos, nil
}

func TestSmoke(t *testing.T) {
	c := NewCluster(ClusterConfig{Nodes: 3, Links: 2, Seed: 1, Proto: proto.Config{
		Token: 300 * time.Millisecond, MaxPacket: 4000,
	}})
	c.Net.Faults = Faults{MinDelay: 100 * time.Microsecond, MaxDelay: time.Millisecond}
	chk := NewChecker(parseTestPayload)
	var log []string
	c.Observe = func(id proto.NodeID, inc uint64, e proto.Event) {
		chk.Observe(id, inc, e)
		switch e := e.(type) {
		case proto.ViewEvent:
			log = append(log, fmt.Sprintf("%v node%d view %v %v", c.Sched.Now(), id, e.Ring, e.Members))
		case proto.QuorumEvent:
			log = append(log, fmt.Sprintf("%v node%d quorate=%v", c.Sched.Now(), id, e.Status.Quorate))
		}
	}
	c.OnStart = func(s *SimNode) { s.Node.JoinGroup("g") }
	for _, id := range c.IDs() {
		if err := c.Start(id); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.RunFor(2*time.Second, func() error { return chk.Err() }); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 30; i++ {
		id := proto.NodeID(1 + i%3)
		_, p := testPayload(fmt.Sprintf("m%d", i), 0, i*300)
		if err := c.Do(id, func(n *proto.Node) error { return n.Send("g", p) }); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.RunFor(2*time.Second, func() error { return chk.Err() }); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 30; i++ {
		for _, id := range c.IDs() {
			if !chk.Delivered(id, fmt.Sprintf("m%dc0", i)) {
				t.Errorf("node %d did not deliver m%d", id, i)
			}
		}
	}
	c.Crash(3)
	if err := c.RunFor(2*time.Second, func() error { return chk.Err() }); err != nil {
		t.Fatal(err)
	}
	c.Start(3)
	if err := c.RunFor(2*time.Second, func() error { return chk.Err() }); err != nil {
		t.Fatal(err)
	}
	if t.Failed() || testing.Verbose() {
		t.Log(strings.Join(log, "\n"))
	}
}

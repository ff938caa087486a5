package transport

import (
	"errors"
	"fmt"
	"net"
	"time"

	"gocrm/transport/proto"
)

// read takes the packets of one link's socket to the loop.
func (n *Node) read(link int, c *net.UDPConn) {
	defer n.wg.Done()
	buf := make([]byte, 65536)
	for {
		k, _, err := c.ReadFromUDP(buf)
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			continue
		}
		p := packet{link: link, data: append([]byte(nil), buf[:k]...)}
		select {
		case n.recv <- p:
		case <-n.quit:
			return
		}
	}
}

// loop is the only goroutine that touches the state machine.
func (n *Node) loop() {
	defer func() {
		close(n.events)
		close(n.done)
	}()
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		timer.Reset(max(n.core.NextTimeout()-n.now(), 0))
		select {
		case p := <-n.recv:
			n.core.Receive(n.now(), p.link, p.data)
		case f := <-n.calls:
			f()
		case <-n.kick:
			n.takePending()
		case <-timer.C:
			n.core.Tick(n.now())
		case <-n.quit:
			return
		}
		// Take what else is waiting, so that the replies and the messages
		// sent meanwhile go out in as few packets as possible.
	drain:
		for range 512 {
			select {
			case p := <-n.recv:
				n.core.Receive(n.now(), p.link, p.data)
			case f := <-n.calls:
				f()
			case <-n.kick:
				n.takePending()
			default:
				break drain
			}
		}
		if !n.flush() {
			return
		}
	}
}

// takePending hands the messages from Send to the state machine.
func (n *Node) takePending() {
	n.sendMu.Lock()
	msgs := n.pending
	n.pending = nil
	n.coreSize += n.pendSize
	n.pendSize = 0
	n.sendMu.Unlock()
	for _, m := range msgs {
		// The checks were made by Send; the state machine's queue bound
		// is above the node's, so this does not fail.
		if err := n.core.Send(m.group, m.payload); err != nil {
			n.logf("dropping a message for group %s: %v", m.group, err)
		}
	}
}

// flush acts on the state machine's Ready: persist, send, then hand the
// events over. It returns false when the node must stop.
func (n *Node) flush() bool {
	before := n.core.QueuedBytes()
	r := n.core.Ready()
	if r.PersistRingSeq != 0 {
		n.state.seq = r.PersistRingSeq
		if err := n.state.save(); err != nil {
			n.fail(fmt.Errorf("persisting the ring sequence number: %w", err))
			return false
		}
	}
	for _, p := range r.Packets {
		a := n.addrs[p.To]
		c := n.conns[p.Link]
		if a == nil || a[p.Link] == nil || c == nil {
			continue
		}
		c.WriteToUDP(p.Data, a[p.Link])
	}
	changed := false
	for _, e := range r.Events {
		switch e.(type) {
		case proto.ViewEvent, proto.QuorumEvent, proto.LinkEvent:
			changed = true
			n.log(e)
		}
		select {
		case n.events <- e:
		case <-n.quit:
			return false
		}
	}
	if changed {
		st := n.core.Status()
		n.mu.Lock()
		n.status = st
		n.mu.Unlock()
	}
	if q := n.core.QueuedBytes(); q < before {
		n.sendMu.Lock()
		n.coreSize = q
		close(n.space)
		n.space = make(chan struct{})
		n.sendMu.Unlock()
	}
	return true
}

func (n *Node) log(e proto.Event) {
	switch e := e.(type) {
	case proto.ViewEvent:
		n.logf("new membership (%v): members %v, joined %v, left %v", e.Ring, e.Members, e.Joined, e.Left)
	case proto.QuorumEvent:
		n.logf("quorum in %v: quorate=%v total votes %d, quorum %d", e.Ring, e.Status.Quorate, e.Status.TotalVotes, e.Status.Quorum)
	case proto.LinkEvent:
		n.logf("link %d to node %d up=%v", e.Link, e.Node, e.Up)
	}
}

func (n *Node) fail(err error) {
	n.mu.Lock()
	if n.err == nil {
		n.err = err
	}
	n.mu.Unlock()
	n.logf("stopping: %v", err)
}

// call runs f on the loop goroutine.
func (n *Node) call(f func()) error {
	ran := make(chan struct{})
	select {
	case n.calls <- func() { f(); close(ran) }:
	case <-n.done:
		return ErrClosed
	}
	select {
	case <-ran:
		return nil
	case <-n.done:
		return ErrClosed
	}
}

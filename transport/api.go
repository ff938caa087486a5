package transport

import (
	"context"
	"fmt"

	"gocrm/transport/proto"
)

// ID returns the node's id.
func (n *Node) ID() uint32 { return n.id }

// Events delivers views, messages, group changes, quorum changes and link
// changes, in order. It is closed when the node stops.
func (n *Node) Events() <-chan proto.Event { return n.events }

// Send queues a message for the members of group, in the cluster's total
// order; the node delivers it to itself too. When SendQueue bytes are
// waiting it blocks until deliveries make room, or ctx is done. The
// payload must not be modified afterwards.
func (n *Node) Send(ctx context.Context, group string, payload []byte) error {
	if len(payload) > n.maxMsg {
		return proto.ErrTooLarge
	}
	for {
		n.sendMu.Lock()
		if !n.joined[group] {
			n.sendMu.Unlock()
			return fmt.Errorf("group %q: %w", group, proto.ErrNotMember)
		}
		if n.pendSize+n.coreSize == 0 || n.pendSize+n.coreSize+len(payload) <= SendQueue {
			n.pending = append(n.pending, pendingMsg{group, payload})
			n.pendSize += len(payload)
			n.sendMu.Unlock()
			select {
			case n.kick <- struct{}{}:
			default:
			}
			return nil
		}
		space := n.space
		n.sendMu.Unlock()
		select {
		case <-space:
		case <-ctx.Done():
			return ctx.Err()
		case <-n.done:
			return ErrClosed
		}
	}
}

// JoinGroup makes the node a member of a closed process group.
func (n *Node) JoinGroup(group string) error {
	var err error
	if cerr := n.call(func() {
		n.takePending()
		if err = n.core.JoinGroup(group); err == nil {
			n.sendMu.Lock()
			n.joined[group] = true
			n.sendMu.Unlock()
		}
	}); cerr != nil {
		return cerr
	}
	return err
}

// LeaveGroup ends the node's membership of a group. Messages sent to it
// before are still delivered.
func (n *Node) LeaveGroup(group string) error {
	var err error
	if cerr := n.call(func() {
		n.takePending()
		if err = n.core.LeaveGroup(group); err == nil {
			n.sendMu.Lock()
			delete(n.joined, group)
			n.sendMu.Unlock()
		}
	}); cerr != nil {
		return cerr
	}
	return err
}

// Status returns the node's state (after it stopped: as of its last
// event).
func (n *Node) Status() proto.Status {
	var st proto.Status
	if n.call(func() { st = n.core.Status() }) == nil {
		return st
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.status
}

// Err returns why the node stopped on its own, if it did.
func (n *Node) Err() error {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.err
}

// Leave leaves the cluster cleanly, so that the others see it at once,
// then stops the node.
func (n *Node) Leave() error {
	n.call(func() {
		n.core.Leave()
		n.flush()
	})
	return n.Close()
}

// Close stops the node without telling the others.
func (n *Node) Close() error {
	select {
	case <-n.quit:
	default:
		close(n.quit)
	}
	<-n.done
	n.closeConns()
	n.wg.Wait()
	return n.Err()
}

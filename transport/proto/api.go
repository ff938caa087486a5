package proto

// The application's side of a node: messages, groups, leaving.

// Send queues a message for the members of group, in the total order.
// The message is delivered to this node too, once it is ordered.
func (n *Node) Send(group string, payload []byte) error {
	switch {
	case n.state == stateLeft:
		return ErrLeft
	case len(group) == 0 || len(group) > 255:
		return ErrBadGroup
	case len(payload) > n.cfg.MaxMessage:
		return ErrTooLarge
	case !n.app.joined[group]:
		return ErrNotMember
	case n.app.outBytes+len(payload) > n.cfg.SendQueue && n.app.outBytes > 0:
		return ErrBackpressure
	}
	n.app.queueMessage(group, payload, n.cfg.FragmentSize)
	return nil
}

// QueuedBytes reports the bytes waiting to be ordered and delivered.
func (n *Node) QueuedBytes() int { return n.app.outBytes }

// JoinGroup makes this node a member of a closed process group.
func (n *Node) JoinGroup(group string) error {
	if n.state == stateLeft {
		return ErrLeft
	}
	if len(group) == 0 || len(group) > 255 {
		return ErrBadGroup
	}
	if !n.app.joined[group] {
		n.app.joined[group] = true
		n.app.queueControl(kindGroupJoin, group)
	}
	return nil
}

// LeaveGroup ends this node's membership of a group.
func (n *Node) LeaveGroup(group string) error {
	if n.state == stateLeft {
		return ErrLeft
	}
	if n.app.joined[group] {
		delete(n.app.joined, group)
		n.app.queueControl(kindGroupLeave, group)
	}
	return nil
}

// Leave shuts the node down cleanly: the other members see it leave at
// once instead of after the token timeout. The node does nothing after.
func (n *Node) Leave() {
	if n.state == stateLeft {
		return
	}
	// Tell every peer, twice on every link: a lost goodbye costs the others
	// a token timeout.
	for _, id := range n.peerIDs {
		for range 2 {
			n.sendEveryLink(n.peers[id], &leave{Ring: n.ring})
		}
	}
	n.state = stateLeft
}

// Package proto is the transport's protocol core: membership with agreed
// views, totally ordered and virtually synchronous delivery, closed process
// groups, votequorum, redundant links, and authenticated encryption of
// every packet. It is one state machine per node, with no goroutine,
// socket, file, clock or global randomness: the caller steps it and does
// what it asks.
//
//	n, err := proto.New(cfg, now)
//	for {
//		// on a packet from link l:  n.Receive(now, l, pkt)
//		// when n.NextTimeout() is due: n.Tick(now)
//		// on an application call:  n.Send(group, payload), n.JoinGroup(group)
//		r := n.Ready()
//		// store r.PersistRingSeq durably (if not 0), then send r.Packets,
//		// then hand r.Events to the application, in order.
//	}
//
// The run loop of package transport does this over UDP; package
// transport/simnet does it over an in-memory network on virtual time.
//
// Guarantees (protocol.md explains how they are kept):
//
//   - every node installs views with growing ring ids, also across
//     restarts, provided PersistRingSeq is stored before packets are sent;
//   - two nodes that install the same ring id install the same members;
//   - within a view, messages are delivered in one total order, each at
//     most once, each sender's in the order it sent them, and whole (large
//     messages are cut into units and put back together);
//   - a message is delivered in the view in which it was ordered or not at
//     all, and members that go together from one view to the next deliver
//     the same messages in the first (virtual synchrony); a sender that
//     stays delivers its own messages, sending in the next view what was
//     not ordered in the last;
//   - packets that fail authentication, or repeat a (node, incarnation,
//     sequence) already seen, are dropped and counted (Counters.Dropped).
package proto

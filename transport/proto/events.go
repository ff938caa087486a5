package proto

import "gocrm/transport/quorum"

// Event is something the application learns from the protocol, in order.
type Event interface{ isEvent() }

// ViewEvent reports an installed view. Joined and Left are relative to the
// view this node had before.
type ViewEvent struct {
	Ring    RingID
	Members []NodeID
	Joined  []NodeID
	Left    []NodeID
}

// DeliverEvent is one application message, delivered in the view's total
// order. Seq is the message's position in that order (the sequence number
// of its last unit); every member that delivers it sees the same Seq.
type DeliverEvent struct {
	Ring    RingID
	Seq     uint64
	Group   string
	Sender  NodeID
	Payload []byte
}

// GroupEvent reports a new membership of a process group this node has
// joined, at a point of the total order all members agree on.
type GroupEvent struct {
	Ring    RingID
	Group   string
	Members []NodeID
	Joined  []NodeID
	Left    []NodeID
}

// QuorumEvent reports the quorum state once the members of a view have
// exchanged their votes, and whenever it changes after that.
type QuorumEvent struct {
	Ring   RingID
	Status quorum.Status
}

// LinkEvent reports a link to a peer marked faulty or recovered.
type LinkEvent struct {
	Node NodeID
	Link int
	Up   bool
}

func (ViewEvent) isEvent()    {}
func (DeliverEvent) isEvent() {}
func (GroupEvent) isEvent()   {}
func (QuorumEvent) isEvent()  {}
func (LinkEvent) isEvent()    {}

// Packet is a sealed packet to send to a node on one of its links.
type Packet struct {
	To   NodeID
	Link int
	Data []byte
}

// Ready is what a node has to do after being stepped.
type Ready struct {
	// PersistRingSeq, when not zero, must be stored durably before any of
	// Packets is sent; give it back as Config.MinRingSeq after a restart.
	PersistRingSeq uint64
	Packets        []Packet
	Events         []Event
}

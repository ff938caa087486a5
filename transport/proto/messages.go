package proto

import (
	"errors"
	"fmt"
)

// msgType numbers the protocol messages. The numbers are part of the wire
// format: never renumber or reuse one; add new types at the end.
type msgType uint8

const (
	mHeartbeat   msgType = 1  // liveness, per link
	mJoin        msgType = 2  // gather: proc and fail sets
	mPropose     msgType = 3  // representative proposes a ring
	mAccept      msgType = 4  // member accepts, with its old-ring report
	mCommit      msgType = 5  // representative commits the ring and all reports
	mData        msgType = 6  // member to leader: units to order
	mOrdered     msgType = 7  // leader to members: ordered units and arus
	mAck         msgType = 8  // member to leader: aru and missing ranges
	mRecoverReq  msgType = 9  // ask an old-ring member for units
	mRecoverData msgType = 10 // old-ring units
	mLeave       msgType = 11 // clean shutdown
)

var errUnknownType = errors.New("unknown message type")

type heartbeat struct {
	Ring        RingID
	Operational bool
	MaxSeq      uint64
}

type join struct {
	Counter uint64 // per incarnation, grows with every join sent
	Old     RingID // the sender's installed ring
	MaxSeq  uint64 // highest ring seq the sender knows of
	Proc    []NodeID
	Fail    []NodeID
}

type propose struct {
	Ring    RingID
	Counter uint64 // the representative's join counter when it proposed
	Members []NodeID
}

// report is what a member tells the new ring about its old one.
type report struct {
	Node      NodeID
	Join      uint64 // the member's join counter when it accepted
	Old       RingID
	Aru       uint64    // every unit up to Aru received
	Delivered uint64    // every unit up to Delivered delivered
	High      uint64    // highest unit received
	Held      []byte    // bitmap of units Aru+1..High received
	Known     []nodeSeq // the arus of the old ring's members as known here
}

type accept struct {
	Ring RingID
	Rep  report
}

type commit struct {
	Ring    RingID
	Members []NodeID
	Reports []report
}

// dataUnit is a unit a member asks the leader to order; VSeq numbers a
// sender's units within one ring.
type dataUnit struct {
	VSeq uint64
	Body []byte
}

type data struct {
	Ring  RingID
	Units []dataUnit
}

// unit is an ordered unit: the smallest thing the total order orders.
type unit struct {
	Seq    uint64
	Sender NodeID
	VSeq   uint64
	Body   []byte
}

type ordered struct {
	Ring     RingID
	Units    []unit
	Known    []nodeSeq // arus of the members as the leader knows them
	Received []nodeSeq // highest vseq the leader holds (ordered or queued) per sender
}

type ack struct {
	Ring      RingID
	Aru       uint64
	Delivered uint64
	Nacks     []seqRange
}

type recoverReq struct {
	Old    RingID
	Ranges []seqRange
}

type recoverData struct {
	Old   RingID
	Units []unit
}

type leave struct {
	Ring RingID
}

func (w *wbuf) report(r *report) {
	w.node(r.Node)
	w.uv(r.Join)
	w.ring(r.Old)
	w.uv(r.Aru)
	w.uv(r.Delivered)
	w.uv(r.High)
	w.bytes(r.Held)
	w.nodeSeqs(r.Known)
}

func (r *rbuf) report() report {
	return report{Node: r.node(), Join: r.uv(), Old: r.ring(), Aru: r.uv(), Delivered: r.uv(), High: r.uv(), Held: r.bytes(), Known: r.nodeSeqs()}
}

func (w *wbuf) units(us []unit) {
	w.uv(uint64(len(us)))
	for i := range us {
		w.uv(us[i].Seq)
		w.node(us[i].Sender)
		w.uv(us[i].VSeq)
		w.bytes(us[i].Body)
	}
}

func (r *rbuf) units() []unit {
	n := r.count(7)
	us := make([]unit, 0, n)
	for range n {
		us = append(us, unit{Seq: r.uv(), Sender: r.node(), VSeq: r.uv(), Body: r.bytes()})
	}
	return us
}

// encode appends the message's type byte and fields to b.
func encode(b []byte, m any) []byte {
	w := wbuf(b)
	switch m := m.(type) {
	case *heartbeat:
		w.u8(uint8(mHeartbeat))
		w.ring(m.Ring)
		if m.Operational {
			w.u8(1)
		} else {
			w.u8(0)
		}
		w.uv(m.MaxSeq)
	case *join:
		w.u8(uint8(mJoin))
		w.uv(m.Counter)
		w.ring(m.Old)
		w.uv(m.MaxSeq)
		w.nodes(m.Proc)
		w.nodes(m.Fail)
	case *propose:
		w.u8(uint8(mPropose))
		w.ring(m.Ring)
		w.uv(m.Counter)
		w.nodes(m.Members)
	case *accept:
		w.u8(uint8(mAccept))
		w.ring(m.Ring)
		w.report(&m.Rep)
	case *commit:
		w.u8(uint8(mCommit))
		w.ring(m.Ring)
		w.nodes(m.Members)
		w.uv(uint64(len(m.Reports)))
		for i := range m.Reports {
			w.report(&m.Reports[i])
		}
	case *data:
		w.u8(uint8(mData))
		w.ring(m.Ring)
		w.uv(uint64(len(m.Units)))
		for _, u := range m.Units {
			w.uv(u.VSeq)
			w.bytes(u.Body)
		}
	case *ordered:
		w.u8(uint8(mOrdered))
		w.ring(m.Ring)
		w.units(m.Units)
		w.nodeSeqs(m.Known)
		w.nodeSeqs(m.Received)
	case *ack:
		w.u8(uint8(mAck))
		w.ring(m.Ring)
		w.uv(m.Aru)
		w.uv(m.Delivered)
		w.ranges(m.Nacks)
	case *recoverReq:
		w.u8(uint8(mRecoverReq))
		w.ring(m.Old)
		w.ranges(m.Ranges)
	case *recoverData:
		w.u8(uint8(mRecoverData))
		w.ring(m.Old)
		w.units(m.Units)
	case *leave:
		w.u8(uint8(mLeave))
		w.ring(m.Ring)
	default:
		panic(fmt.Sprintf("proto: encode of %T", m))
	}
	return w
}

// decode parses one message body. Byte slices in the result alias b.
func decode(b []byte) (any, error) {
	r := &rbuf{b: b}
	t := msgType(r.u8())
	var m any
	switch t {
	case mHeartbeat:
		m = &heartbeat{Ring: r.ring(), Operational: r.u8() == 1, MaxSeq: r.uv()}
	case mJoin:
		m = &join{Counter: r.uv(), Old: r.ring(), MaxSeq: r.uv(), Proc: r.nodes(), Fail: r.nodes()}
	case mPropose:
		m = &propose{Ring: r.ring(), Counter: r.uv(), Members: r.nodes()}
	case mAccept:
		m = &accept{Ring: r.ring(), Rep: r.report()}
	case mCommit:
		c := &commit{Ring: r.ring(), Members: r.nodes()}
		n := r.count(8)
		for range n {
			c.Reports = append(c.Reports, r.report())
		}
		m = c
	case mData:
		d := &data{Ring: r.ring()}
		n := r.count(2)
		d.Units = make([]dataUnit, 0, n)
		for range n {
			d.Units = append(d.Units, dataUnit{VSeq: r.uv(), Body: r.bytes()})
		}
		m = d
	case mOrdered:
		m = &ordered{Ring: r.ring(), Units: r.units(), Known: r.nodeSeqs(), Received: r.nodeSeqs()}
	case mAck:
		m = &ack{Ring: r.ring(), Aru: r.uv(), Delivered: r.uv(), Nacks: r.ranges()}
	case mRecoverReq:
		m = &recoverReq{Old: r.ring(), Ranges: r.ranges()}
	case mRecoverData:
		m = &recoverData{Old: r.ring(), Units: r.units()}
	case mLeave:
		m = &leave{Ring: r.ring()}
	default:
		if r.err != nil {
			return nil, r.err
		}
		return nil, fmt.Errorf("%w %d", errUnknownType, t)
	}
	if r.err != nil {
		return nil, fmt.Errorf("type %d: %w", t, r.err)
	}
	if len(r.b) != 0 {
		return nil, fmt.Errorf("type %d: %d trailing bytes", t, len(r.b))
	}
	return m, nil
}

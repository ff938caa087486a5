package proto

import (
	"encoding/binary"
	"errors"
)

// errShort is what a reader reports when a message ends early or a length
// points past its end.
var errShort = errors.New("message truncated")

// wbuf appends big-endian fields to a byte slice.
type wbuf []byte

func (w *wbuf) u8(v uint8)   { *w = append(*w, v) }
func (w *wbuf) u32(v uint32) { *w = binary.BigEndian.AppendUint32(*w, v) }
func (w *wbuf) u64(v uint64) { *w = binary.BigEndian.AppendUint64(*w, v) }
func (w *wbuf) uv(v uint64)  { *w = binary.AppendUvarint(*w, v) }

func (w *wbuf) bytes(b []byte) {
	w.uv(uint64(len(b)))
	*w = append(*w, b...)
}

func (w *wbuf) node(id NodeID) { w.u32(uint32(id)) }

func (w *wbuf) ring(r RingID) {
	w.uv(r.Seq)
	w.node(r.Rep)
}

func (w *wbuf) nodes(s []NodeID) {
	w.uv(uint64(len(s)))
	for _, id := range s {
		w.node(id)
	}
}

func (w *wbuf) nodeSeqs(s []nodeSeq) {
	w.uv(uint64(len(s)))
	for _, e := range s {
		w.node(e.Node)
		w.uv(e.Seq)
	}
}

func (w *wbuf) ranges(s []seqRange) {
	w.uv(uint64(len(s)))
	for _, r := range s {
		w.uv(r.First)
		w.uv(r.Last - r.First)
	}
}

// rbuf reads what wbuf wrote. The first error sticks; every later read
// returns zero values, so decoders check err once at the end.
type rbuf struct {
	b   []byte
	err error
}

func (r *rbuf) fail() {
	if r.err == nil {
		r.err = errShort
	}
	r.b = nil
}

func (r *rbuf) u8() uint8 {
	if len(r.b) < 1 {
		r.fail()
		return 0
	}
	v := r.b[0]
	r.b = r.b[1:]
	return v
}

func (r *rbuf) u32() uint32 {
	if len(r.b) < 4 {
		r.fail()
		return 0
	}
	v := binary.BigEndian.Uint32(r.b)
	r.b = r.b[4:]
	return v
}

func (r *rbuf) u64() uint64 {
	if len(r.b) < 8 {
		r.fail()
		return 0
	}
	v := binary.BigEndian.Uint64(r.b)
	r.b = r.b[8:]
	return v
}

func (r *rbuf) uv() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

// count reads a list length and checks that at least min bytes per element
// remain, so a forged length cannot make a decoder allocate more than the
// packet holds.
func (r *rbuf) count(min int) int {
	n := r.uv()
	if r.err != nil || n > uint64(len(r.b)/min) {
		r.fail()
		return 0
	}
	return int(n)
}

func (r *rbuf) bytes() []byte {
	n := r.uv()
	if r.err != nil || n > uint64(len(r.b)) {
		r.fail()
		return nil
	}
	v := r.b[:n:n]
	r.b = r.b[n:]
	return v
}

func (r *rbuf) node() NodeID { return NodeID(r.u32()) }

func (r *rbuf) ring() RingID {
	seq := r.uv()
	return RingID{Seq: seq, Rep: r.node()}
}

func (r *rbuf) nodes() []NodeID {
	n := r.count(4)
	s := make([]NodeID, 0, n)
	for range n {
		s = append(s, r.node())
	}
	return s
}

func (r *rbuf) nodeSeqs() []nodeSeq {
	n := r.count(5)
	s := make([]nodeSeq, 0, n)
	for range n {
		s = append(s, nodeSeq{Node: r.node(), Seq: r.uv()})
	}
	return s
}

func (r *rbuf) ranges() []seqRange {
	n := r.count(2)
	s := make([]seqRange, 0, n)
	for range n {
		first := r.uv()
		span := r.uv()
		if first+span < first {
			r.fail()
			return nil
		}
		s = append(s, seqRange{First: first, Last: first + span})
	}
	return s
}

// nodeSeq pairs a node with a sequence number (an aru, a vseq).
type nodeSeq struct {
	Node NodeID
	Seq  uint64
}

// seqRange is an inclusive range of sequence numbers.
type seqRange struct{ First, Last uint64 }

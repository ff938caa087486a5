package proto

import (
	"bytes"
	"reflect"
	"testing"
	"time"
)

// sampleMessages has one message of every type, with every field set.
func sampleMessages() []any {
	ring := RingID{Seq: 7, Rep: 2}
	rep := report{Node: 3, Join: 9, Old: RingID{Seq: 5, Rep: 1}, Aru: 10, Delivered: 8, High: 14,
		Held: []byte{0b1011}, Known: []nodeSeq{{1, 10}, {3, 9}}}
	us := []unit{{Seq: 11, Sender: 3, VSeq: 4, Body: []byte{kindApp, fragFirst | fragLast, 1, 'g', 'x'}}}
	return []any{
		&heartbeat{Ring: ring, Operational: true, MaxSeq: 9},
		&join{Counter: 4, Old: ring, MaxSeq: 9, Proc: []NodeID{1, 2, 3}, Fail: []NodeID{4}},
		&propose{Ring: ring, Counter: 3, Members: []NodeID{2, 3}},
		&accept{Ring: ring, Rep: rep},
		&commit{Ring: ring, Members: []NodeID{2, 3}, Reports: []report{rep, rep}},
		&data{Ring: ring, Units: []dataUnit{{VSeq: 1, Body: []byte("abc")}, {VSeq: 2, Body: []byte("d")}}},
		&ordered{Ring: ring, Units: us, Known: []nodeSeq{{2, 11}}, Received: []nodeSeq{{3, 4}}},
		&ack{Ring: ring, Aru: 10, Delivered: 9, Nacks: []seqRange{{12, 13}, {15, 15}}},
		&recoverReq{Old: ring, Ranges: []seqRange{{1, 4}}},
		&recoverData{Old: ring, Units: us},
		&leave{Ring: ring},
	}
}

func TestWireRoundTrip(t *testing.T) {
	for _, m := range sampleMessages() {
		b := encode(nil, m)
		got, err := decode(b)
		if err != nil {
			t.Fatalf("%T: %v", m, err)
		}
		if !reflect.DeepEqual(got, m) {
			t.Errorf("%T: round trip gave %+v, want %+v", m, got, m)
		}
		// Every strict prefix is an error, never a panic.
		for i := range len(b) {
			if _, err := decode(b[:i]); err == nil {
				t.Errorf("%T: decode of %d of %d bytes succeeded", m, i, len(b))
			}
		}
		if _, err := decode(append(bytes.Clone(b), 0)); err == nil {
			t.Errorf("%T: trailing byte accepted", m)
		}
	}
	if _, err := decode([]byte{200}); err == nil {
		t.Error("unknown type accepted")
	}
}

// TestWireTypesAppendOnly pins the type numbers: they are the wire format.
func TestWireTypesAppendOnly(t *testing.T) {
	want := []msgType{mHeartbeat, mJoin, mPropose, mAccept, mCommit, mData, mOrdered, mAck, mRecoverReq, mRecoverData, mLeave}
	for i, m := range sampleMessages() {
		if got := msgType(encode(nil, m)[0]); got != want[i] || int(got) != i+1 {
			t.Errorf("%T encodes as type %d, want %d", m, got, i+1)
		}
	}
}

// FuzzDecode: decoding never panics, and what decodes encodes back to
// the same bytes.
func FuzzDecode(f *testing.F) {
	for _, m := range sampleMessages() {
		f.Add(encode(nil, m))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := decode(b)
		if err != nil {
			return
		}
		if again := encode(nil, m); !bytes.Equal(again, b) {
			// Varints have several encodings; the re-encoding must at
			// least decode to the same message.
			m2, err := decode(again)
			if err != nil || !reflect.DeepEqual(m, m2) {
				t.Fatalf("re-encoding differs: %x -> %+v -> %x", b, m, again)
			}
		}
	})
}

// FuzzAuthenticatedMessage seals arbitrary message bytes with the cluster
// key and hands them to a node in a view: a node that holds the key but
// sends nonsense must not make another panic or deliver anything.
func FuzzAuthenticatedMessage(f *testing.F) {
	for _, m := range sampleMessages() {
		f.Add(encode(nil, m))
	}
	key := bytes.Repeat([]byte{1}, 128)
	ring := RingID{Seq: 1, Rep: 1} // the pair's first view
	f.Add(encode(nil, &ordered{Ring: ring, Units: []unit{{Seq: 1 << 19, Sender: 1, VSeq: 1, Body: []byte{kindApp, 3, 9}}}}))
	f.Add(encode(nil, &commit{Ring: RingID{Seq: 1 << 40, Rep: 1}, Members: []NodeID{1, 2}}))
	f.Fuzz(func(t *testing.T, msg []byte) {
		q := newPair(t, key)
		q.run(500 * time.Millisecond)
		evil, err := newSealer(key, "test", 32, 1, 1001, []NodeID{1, 2}, &Counters{})
		if err != nil {
			t.Fatal(err)
		}
		evil.seq = 1 << 30
		// An authenticated sender may well order real messages: what is
		// checked is that nothing panics and the pair keeps working.
		q.nodes[2].Receive(q.now, 0, evil.sealInPlace(append(make([]byte, headerLen), msg...)))
		q.nodes[2].Ready()
		q.run(200 * time.Millisecond)
		q.send(2, "still here")
		q.run(time.Second)
		if n := len(q.got[2]); n == 0 || string(q.got[2][n-1].Payload) != "still here" {
			t.Fatalf("node 2 stopped delivering after the message")
		}
	})
}

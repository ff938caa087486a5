package proto

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
	"slices"

	"golang.org/x/crypto/hkdf"
)

// Packet layout (all integers big-endian):
//
//	0      version (1)
//	1      reserved, 0
//	2..5   sender node id
//	6..13  sender incarnation
//	14..21 packet sequence number, per sender incarnation
//	22..   AES-GCM ciphertext of the message, then the 16-byte tag
//
// The 22-byte header is authenticated as additional data. Each sender
// incarnation has its own key, derived with HKDF-SHA256 from the authkey
// (secret), the cluster name (salt) and "gocrm transport v1", node id and
// incarnation (info); the nonce is the packet sequence number, so a nonce is
// never used twice under one key.
const (
	wireVersion = 1
	headerLen   = 22
	tagLen      = 16
	// Overhead is what sealing adds to a message.
	Overhead = headerLen + tagLen
)

// replayWindow remembers which of the last 1024 sequence numbers arrived.
type replayWindow struct {
	high uint64
	bits [16]uint64
}

const windowSize = 1024

// check classifies seq without recording it.
func (w *replayWindow) check(seq uint64) DropReason {
	switch {
	case seq == 0:
		return DropReplay
	case seq > w.high:
		return DropNone
	case w.high-seq >= windowSize:
		return DropTooOld
	case w.bits[(seq%windowSize)/64]&(1<<(seq%64)) != 0:
		return DropReplay
	}
	return DropNone
}

func (w *replayWindow) mark(seq uint64) {
	if seq > w.high {
		if seq-w.high >= windowSize {
			w.bits = [16]uint64{}
		} else {
			for s := w.high + 1; s < seq; s++ {
				w.bits[(s%windowSize)/64] &^= 1 << (s % 64)
			}
		}
		w.high = seq
	}
	w.bits[(seq%windowSize)/64] |= 1 << (seq % 64)
}

type peerKey struct {
	inc    uint64
	aead   cipher.AEAD
	window replayWindow
}

// sealer seals this node's packets and opens its peers'.
type sealer struct {
	key     []byte
	cluster string
	keyLen  int
	self    NodeID
	inc     uint64
	seq     uint64
	aead    cipher.AEAD
	known   map[NodeID]bool
	peers   map[NodeID]*peerKey
	nonce   [12]byte
	counter *Counters
}

func deriveAEAD(key []byte, cluster string, keyLen int, node NodeID, inc uint64) (cipher.AEAD, error) {
	info := make([]byte, 0, 32)
	info = append(info, "gocrm transport v1"...)
	info = binary.BigEndian.AppendUint32(info, uint32(node))
	info = binary.BigEndian.AppendUint64(info, inc)
	k := make([]byte, keyLen)
	if _, err := io.ReadFull(hkdf.New(sha256.New, key, []byte(cluster), info), k); err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(k)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

func newSealer(key []byte, cluster string, keyLen int, self NodeID, inc uint64, nodes []NodeID, c *Counters) (*sealer, error) {
	aead, err := deriveAEAD(key, cluster, keyLen, self, inc)
	if err != nil {
		return nil, fmt.Errorf("deriving the packet key: %w", err)
	}
	s := &sealer{key: key, cluster: cluster, keyLen: keyLen, self: self, inc: inc, aead: aead,
		known: map[NodeID]bool{}, peers: map[NodeID]*peerKey{}, counter: c}
	for _, id := range nodes {
		s.known[id] = true
	}
	return s, nil
}

// sealInPlace seals pkt, whose first headerLen bytes are reserved for the
// header and the rest is the message: it writes the header, encrypts the
// message in place and appends the tag.
func (s *sealer) sealInPlace(pkt []byte) []byte {
	pkt = slices.Grow(pkt, tagLen)
	s.seq++
	h := pkt[:headerLen]
	h[0], h[1] = wireVersion, 0
	binary.BigEndian.PutUint32(h[2:], uint32(s.self))
	binary.BigEndian.PutUint64(h[6:], s.inc)
	binary.BigEndian.PutUint64(h[14:], s.seq)
	binary.BigEndian.PutUint64(s.nonce[4:], s.seq)
	msg := pkt[headerLen:]
	return pkt[:headerLen+len(s.aead.Seal(msg[:0], s.nonce[:], msg, h))]
}

// open authenticates and decrypts a packet. On success it returns the
// sender, whether the sender's incarnation is new to us, and the message.
func (s *sealer) open(pkt []byte) (from NodeID, inc uint64, fresh bool, msg []byte, why DropReason) {
	if len(pkt) < Overhead {
		return 0, 0, false, nil, DropShort
	}
	if pkt[0] != wireVersion || pkt[1] != 0 {
		return 0, 0, false, nil, DropVersion
	}
	from = NodeID(binary.BigEndian.Uint32(pkt[2:]))
	inc = binary.BigEndian.Uint64(pkt[6:])
	seq := binary.BigEndian.Uint64(pkt[14:])
	if from == s.self || !s.known[from] {
		return 0, 0, false, nil, DropUnknownNode
	}
	p := s.peers[from]
	aead := (cipher.AEAD)(nil)
	switch {
	case p != nil && inc < p.inc:
		return 0, 0, false, nil, DropStale
	case p != nil && inc == p.inc:
		if why := p.window.check(seq); why != DropNone {
			return 0, 0, false, nil, why
		}
		aead = p.aead
	default:
		if seq == 0 {
			return 0, 0, false, nil, DropReplay
		}
		var err error
		if aead, err = deriveAEAD(s.key, s.cluster, s.keyLen, from, inc); err != nil {
			return 0, 0, false, nil, DropAuth
		}
	}
	var nonce [12]byte
	binary.BigEndian.PutUint64(nonce[4:], seq)
	// Decrypt in place: the packet belongs to the node now.
	msg, err := aead.Open(pkt[headerLen:headerLen], nonce[:], pkt[headerLen:], pkt[:headerLen])
	if err != nil {
		return 0, 0, false, nil, DropAuth
	}
	if p == nil || inc != p.inc {
		p = &peerKey{inc: inc, aead: aead}
		s.peers[from] = p
		fresh = true
	}
	p.window.mark(seq)
	return from, inc, fresh, msg, DropNone
}

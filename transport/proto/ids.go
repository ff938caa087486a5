package proto

import (
	"fmt"
	"slices"
)

// NodeID is a node's id from the nodelist (nodelist.node.nodeid); 0 is
// reserved.
type NodeID uint32

// RingID names one view: the sequence number its representative chose and
// the representative itself. Ring ids are totally ordered, by Seq then Rep.
type RingID struct {
	Seq uint64
	Rep NodeID
}

// IsZero reports whether r names no view (a node that never installed one).
func (r RingID) IsZero() bool { return r.Seq == 0 && r.Rep == 0 }

// Less orders ring ids.
func (r RingID) Less(o RingID) bool {
	if r.Seq != o.Seq {
		return r.Seq < o.Seq
	}
	return r.Rep < o.Rep
}

// String formats a ring id as corosync 3 prints it: representative and
// sequence in hexadecimal, "1.5".
func (r RingID) String() string { return fmt.Sprintf("%x.%x", uint32(r.Rep), r.Seq) }

// nodeSet is a sorted list of distinct node ids.
type nodeSet []NodeID

func (s nodeSet) has(id NodeID) bool {
	_, ok := slices.BinarySearch(s, id)
	return ok
}

func (s nodeSet) add(id NodeID) nodeSet {
	i, ok := slices.BinarySearch(s, id)
	if ok {
		return s
	}
	return slices.Insert(s, i, id)
}

func (s nodeSet) union(o nodeSet) nodeSet {
	for _, id := range o {
		s = s.add(id)
	}
	return s
}

func (s nodeSet) minus(o nodeSet) nodeSet {
	var r nodeSet
	for _, id := range s {
		if !o.has(id) {
			r = append(r, id)
		}
	}
	return r
}

func (s nodeSet) equal(o nodeSet) bool { return slices.Equal(s, o) }

// makeSet sorts and deduplicates ids into a set, dropping zeros.
func makeSet(ids []NodeID) nodeSet {
	s := make(nodeSet, 0, len(ids))
	for _, id := range ids {
		if id != 0 {
			s = s.add(id)
		}
	}
	return s
}

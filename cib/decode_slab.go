package cib

import (
	"unsafe"

	"gocrm/cib/xmltree"
)

// slabs allocates the many small objects of a status section in chunks:
// a big CIB has hundreds of thousands of lrm_rsc_op elements, and one
// allocation (and one prefault, see prefault) per chunk instead of one per
// object makes decoding several times faster. Chunks grow from slabMin to
// slabMax objects, so that a small CIB does not pay for big chunks.
type slabs struct {
	ops     []LRMOp
	rscs    []LRMResource
	ptrs    []*LRMOp
	attrs   []xmltree.Attr
	n       int      // size of the next chunk
	opStack []*LRMOp // scratch: the ops of the lrm_resource being read
}

const (
	slabMin = 16
	slabMax = 4096
)

// grow returns the size of the next chunk.
func (s *slabs) grow() int {
	s.n = min(max(2*s.n, slabMin), slabMax)
	return s.n
}

// newSlab allocates n objects of type T, prefaulted when big.
func newSlab[T any](n int) []T {
	b := make([]T, n)
	var zero T
	prefault(unsafe.Pointer(unsafe.SliceData(b)), uintptr(n)*unsafe.Sizeof(zero))
	return b
}

func (s *slabs) op() *LRMOp {
	if len(s.ops) == 0 {
		s.ops = newSlab[LRMOp](s.grow())
	}
	op := &s.ops[0]
	s.ops = s.ops[1:]
	return op
}

func (s *slabs) resource() *LRMResource {
	if len(s.rscs) == 0 {
		s.rscs = newSlab[LRMResource](s.grow())
	}
	r := &s.rscs[0]
	s.rscs = s.rscs[1:]
	return r
}

// opPtrs copies ops into a slab; the result has no spare capacity, so an
// append to it reallocates instead of writing into the slab.
func (s *slabs) opPtrs(ops []*LRMOp) []*LRMOp {
	n := len(ops)
	if n == 0 {
		return nil
	}
	if len(s.ptrs) < n {
		s.ptrs = newSlab[*LRMOp](max(n, 4*s.n))
	}
	p := s.ptrs[:n:n]
	copy(p, ops)
	s.ptrs = s.ptrs[n:]
	return p
}

// extraAttr appends a to x.Attrs, taking the first one from a slab: most
// lrm_rsc_op elements carry one attribute for Extra (an empty
// exit-reason).
func (s *slabs) extraAttr(x *Extra, a xmltree.Attr) {
	if x.Attrs != nil {
		x.Attrs = append(x.Attrs, a)
		return
	}
	if len(s.attrs) == 0 {
		s.attrs = newSlab[xmltree.Attr](4 * s.n)
	}
	s.attrs[0] = a
	x.Attrs = s.attrs[:1:1]
	s.attrs = s.attrs[1:]
}

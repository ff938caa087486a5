package cib

import (
	"bytes"
	"runtime"
	"sync"

	"gocrm/cib/xmltree"
)

// The status section is most of a big CIB (a 32-node, 5,000-resource
// cluster writes about 100 MB of operation history), and its node_state
// elements are independent: statusParallel decodes them in contiguous
// runs on up to maxStatusWorkers goroutines, which nearly halves the time
// of DecodeBytes on two cores.
//
// Boundaries are found by a byte search for "<node_state" and "</status",
// which could also match inside a comment or CDATA section. Such a false
// boundary always leaves a piece with an unterminated comment or section,
// or with other content than whole node_state elements, and every piece
// must scan cleanly with nothing but node_state elements and blank text;
// otherwise (also on any real error) the status is decoded sequentially,
// which reports errors with their positions as usual.

// parallelStatusMin is the smallest status section, in bytes, worth
// decoding in parallel (decoder.parallelMin overrides it in tests).
const parallelStatusMin = 1 << 20

const maxStatusWorkers = 4

var (
	nodeStateTag = []byte("<node_state")
	statusEndTag = []byte("</status")
)

// statusParallel decodes the node_state children of the status element
// just started, in parallel, and moves the scanner to its end tag. It
// returns false, having changed nothing, when the status is small, is not
// only node_state elements, or when anything fails.
func (d *decoder) statusParallel(tok xmltree.Token, st *Status) bool {
	data := d.sc.Input()
	workers := min(runtime.GOMAXPROCS(0), maxStatusWorkers)
	if data == nil || tok.SelfClosing || workers < 2 || d.parallelMin < 0 {
		return false
	}
	least := parallelStatusMin
	if d.parallelMin > 0 {
		least = d.parallelMin
	}
	start := d.sc.Offset()
	n := bytes.Index(data[start:], statusEndTag)
	if n < least {
		return false
	}
	end := start + n
	starts := nodeStateStarts(data[:end], start)
	if len(starts) < 2 {
		return false
	}
	workers = min(workers, len(starts))
	bounds := make([]int, workers+1)
	bounds[0], bounds[workers] = start, end
	for k := 1; k < workers; k++ {
		bounds[k] = starts[k*len(starts)/workers]
	}
	nodes := make([][]*NodeState, workers)
	ok := make([]bool, workers)
	base := d.sc.Depth()
	var wg sync.WaitGroup
	for k := range workers {
		wg.Go(func() {
			sub := &decoder{sc: d.sc.Fragment(bounds[k], bounds[k+1])}
			nodes[k], ok[k] = sub.nodeStates(base)
		})
	}
	wg.Wait()
	total := 0
	for k := range workers {
		if !ok[k] {
			return false
		}
		total += len(nodes[k])
	}
	st.Nodes = make([]*NodeState, 0, total)
	for _, ns := range nodes {
		st.Nodes = append(st.Nodes, ns...)
	}
	d.sc.SkipTo(end)
	return true
}

// nodeStateStarts returns the offsets, from start, of every "<node_state"
// followed by a character that can end an element name.
func nodeStateStarts(data []byte, start int) []int {
	var starts []int
	for i := start; ; {
		j := bytes.Index(data[i:], nodeStateTag)
		if j < 0 {
			return starts
		}
		i += j
		if k := i + len(nodeStateTag); k < len(data) {
			switch data[k] {
			case ' ', '\t', '\r', '\n', '/', '>':
				starts = append(starts, i)
			}
		}
		i += len(nodeStateTag)
	}
}

// nodeStates decodes a fragment that must hold only node_state elements
// and blank text, at depth base.
func (d *decoder) nodeStates(base int) ([]*NodeState, bool) {
	var nodes []*NodeState
	for !d.sc.FragmentDone(base) {
		tok, err := d.sc.Next()
		if err != nil {
			return nil, false
		}
		switch {
		case tok.Kind == xmltree.StartElement && tok.Name == "node_state":
			ns, err := d.nodeState(tok)
			if err != nil {
				return nil, false
			}
			nodes = append(nodes, ns)
		case tok.Kind == xmltree.CharData && xmltree.IsBlank(tok.Text):
		default:
			return nil, false
		}
	}
	return nodes, true
}

package xmltree

// Fragment support lets a caller decode the content of a large element in
// pieces, on several goroutines: it finds candidate boundaries between the
// element's children (by a plain byte search), scans each piece with a
// Fragment scanner, and, if every piece scans cleanly, moves the original
// scanner past the content with SkipTo.

// Input returns the bytes a byte scanner reads (nil for a tree scanner).
// They must not be modified.
func (s *Scanner) Input() []byte {
	if s.tree != nil {
		return nil
	}
	return s.data
}

// Offset returns the offset of the next byte the scanner reads.
func (s *Scanner) Offset() int { return s.pos }

// Fragment returns a byte scanner over data[start:end] in the context of
// the elements open in s: it reads the children of the innermost open
// element, and its tokens' offsets and errors' positions are those of the
// whole input. Use FragmentDone to tell when it has read its input; a
// fragment scanner reports an end of input inside an element as an error.
// s is not changed.
func (s *Scanner) Fragment(start, end int) *Scanner {
	f := &Scanner{
		SkipBlank: s.SkipBlank,
		data:      s.data[:end],
		str:       s.str[:end],
		pos:       start,
		rootSeen:  true,
	}
	f.names = append(make([]string, 0, len(s.names)+8), s.names...)
	f.offs = append(make([]int, 0, len(s.offs)+8), s.offs...)
	return f
}

// FragmentDone reports whether a fragment scanner has read every element
// of its input: it is back at the depth it started at (base) and only
// blank text is left.
func (s *Scanner) FragmentDone(base int) bool {
	return s.err == nil && !s.pendingEnd && len(s.names) == base && IsBlank(s.str[s.pos:])
}

// SkipTo moves a byte scanner forward to offset without reading what lies
// between. The caller must have checked, with Fragment scanners, that
// those bytes are complete children of the innermost open element.
func (s *Scanner) SkipTo(offset int) {
	if s.tree == nil && !s.pendingEnd && offset >= s.pos && offset <= len(s.data) {
		s.pos = offset
	}
}

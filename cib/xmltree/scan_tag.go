package xmltree

import "unicode/utf8"

// Byte classes for the hot loops.
var (
	nameByte  [256]uint8 // bit 0: ASCII name character, bit 1: may start a name
	attrStop  [256]bool  // ends the fast loop over an attribute value
	textStop  [256]bool  // ends the fast loop over text
	spaceByte [256]bool
)

func init() {
	for c := 0; c < 256; c++ {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', c == '_', c == ':':
			nameByte[c] = 3
		case '0' <= c && c <= '9', c == '-', c == '.':
			nameByte[c] = 1
		case c >= 0x80:
			nameByte[c] = 2 // checked rune by rune in nameSlow
		}
		attrStop[c] = c < 0x20 || c >= 0x80 || c == '"' || c == '\'' || c == '&' || c == '<'
		textStop[c] = (c < 0x20 && c != '\t' && c != '\n') || c >= 0x80 ||
			c == '<' || c == '&' || c == ']'
	}
	for _, c := range []byte{' ', '\t', '\n', '\r'} {
		spaceByte[c] = true
	}
}

func isSpace(c byte) bool { return spaceByte[c] }

// name scans an XML name starting at i and returns it and the index after.
func (s *Scanner) name(i int) (string, int, bool) {
	start := i
	data := s.data
	if i >= len(data) || nameByte[data[i]]&2 == 0 {
		return "", i, false
	}
	i = nameEnd(data, i+1)
	if i < len(data) && data[i] >= 0x80 || data[start] >= 0x80 {
		return s.nameSlow(start)
	}
	return s.str[start:i], i, true
}

// nameEnd returns the index of the first byte at or after i that is not
// an ASCII name character.
func nameEnd(data []byte, i int) int {
	for i < len(data) && nameByte[data[i]]&1 != 0 {
		i++
	}
	return i
}

// nameSlow scans a name with non-ASCII characters.
func (s *Scanner) nameSlow(start int) (string, int, bool) {
	data := s.data
	i := start
	for i < len(data) {
		c := data[i]
		if c < 0x80 {
			if nameByte[c] == 0 || (i == start && nameByte[c]&2 == 0) {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if !isNameRune(r, i == start) {
			break
		}
		i += size
	}
	if i == start {
		return "", i, false
	}
	return s.str[start:i], i, true
}

// isNameRune reports whether a non-ASCII rune may appear in a name (at its
// start when first), per XML 1.0 fifth edition.
func isNameRune(r rune, first bool) bool {
	switch {
	case r == utf8.RuneError:
		return false
	case 0xC0 <= r && r <= 0xD6, 0xD8 <= r && r <= 0xF6, 0xF8 <= r && r <= 0x2FF,
		0x370 <= r && r <= 0x37D, 0x37F <= r && r <= 0x1FFF, 0x200C <= r && r <= 0x200D,
		0x2070 <= r && r <= 0x218F, 0x2C00 <= r && r <= 0x2FEF, 0x3001 <= r && r <= 0xD7FF,
		0xF900 <= r && r <= 0xFDCF, 0xFDF0 <= r && r <= 0xFFFD, 0x10000 <= r && r <= 0xEFFFF:
		return true
	case first:
		return false
	}
	return r == 0xB7 || 0x300 <= r && r <= 0x36F || r == 0x203F || r == 0x2040
}

func (s *Scanner) skipSpace(i int) int {
	for i < len(s.data) && spaceByte[s.data[i]] {
		i++
	}
	return i
}

func (s *Scanner) startTag() (Token, error) {
	start := s.pos
	if s.rootDone {
		return s.fail(start, "content after the root element")
	}
	name, i, ok := s.name(start + 1)
	if !ok {
		return s.fail(start+1, "invalid element name after <")
	}
	data := s.data
	attrs := s.attrs[:0]
	var bloom [2]uint64
	selfClosing := false
	for {
		// Usually one space separates attributes, and a name is followed
		// directly by =" or ='.
		j := i
		if j < len(data) && data[j] == ' ' {
			j++
		}
		if j < len(data) && spaceByte[data[j]] {
			j = s.skipSpace(j)
		}
		if j >= len(data) {
			return s.fail(j, "unexpected end of input in <%s>", name)
		}
		c := data[j]
		if c == '>' {
			i = j + 1
			break
		}
		if c == '/' {
			if j+1 >= len(data) || data[j+1] != '>' {
				return s.fail(j, "expected /> in <%s>", name)
			}
			i = j + 2
			selfClosing = true
			break
		}
		if j == i {
			return s.fail(j, "expected space, > or /> in <%s>, found %s", name, quoteByte(c))
		}
		aname, k, ok := s.name(j)
		if !ok {
			return s.fail(j, "invalid attribute name in <%s>", name)
		}
		if k+1 < len(data) && data[k] == '=' && (data[k+1] == '"' || data[k+1] == '\'') {
			k++
		} else {
			k = s.skipSpace(k)
			if k >= len(data) || data[k] != '=' {
				return s.fail(k, "attribute %s of <%s> has no value (expected =)", aname, name)
			}
			k = s.skipSpace(k + 1)
			if k >= len(data) || (data[k] != '"' && data[k] != '\'') {
				return s.fail(k, "value of attribute %s of <%s> must be quoted", aname, name)
			}
		}
		value, k, err := s.attrValue(k+1, data[k])
		if err != nil {
			s.err = err
			return Token{}, err
		}
		// Cheap duplicate check: a 128-bit Bloom filter over the name's
		// length and end bytes; compare names only on a hit.
		h := (uint(len(aname))*131 + uint(aname[0])*31 + uint(aname[len(aname)-1])) * 0x9E3779B1
		bit := uint64(1) << (h >> 26 & 63)
		half := h >> 25 & 1
		if bloom[half]&bit != 0 {
			for _, a := range attrs {
				if a.Name == aname {
					return s.fail(j, "attribute %s of <%s> given twice", aname, name)
				}
			}
		}
		bloom[half] |= bit
		attrs = append(attrs, Attr{Name: aname, Value: value})
		i = k
	}
	s.attrs = attrs
	s.pos = i
	if !s.push(name, start) {
		return Token{}, s.err
	}
	s.rootSeen = true
	s.pendingEnd = selfClosing
	return Token{Kind: StartElement, Name: name, Attrs: attrs, SelfClosing: selfClosing, Offset: start}, nil
}

func quoteByte(c byte) string {
	if c < 0x20 || c >= 0x7f {
		return "byte " + string("0123456789abcdef"[c>>4]) + string("0123456789abcdef"[c&15])
	}
	return "'" + string(c) + "'"
}

func (s *Scanner) endTag() (Token, error) {
	start := s.pos
	n := len(s.names)
	if n == 0 {
		return s.fail(start, "unexpected end tag at top level")
	}
	top := s.names[n-1]
	i := start + 2
	end := i + len(top)
	if end <= len(s.data) && s.str[i:end] == top && (end == len(s.data) || nameByte[s.data[end]] == 0) {
		i = s.skipSpace(end)
		if i < len(s.data) && s.data[i] == '>' {
			s.pos = i + 1
			s.pop()
			return Token{Kind: EndElement, Name: top, Offset: start}, nil
		}
		return s.fail(i, "expected > to end </%s>", top)
	}
	got, _, ok := s.name(i)
	if !ok {
		return s.fail(i, "invalid element name after </")
	}
	return s.fail(start, "</%s> does not match <%s> at %s", got, top, s.where(s.offs[n-1]))
}

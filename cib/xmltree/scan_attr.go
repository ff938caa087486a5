package xmltree

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
)

const (
	lo8 = 0x0101010101010101
	hi8 = 0x8080808080808080
)

// skipPlain returns the index of the first byte at or after i, eight bytes
// at a time, that may end or complicate an attribute value: the quote, &,
// <, a control character or a non-ASCII byte. It stops early (at most
// seven bytes before the end of data) and leaves the rest to the caller's
// byte loop. In each test a borrow can only flag bytes after a real match,
// so the lowest flagged byte is exact.
func skipPlain(data []byte, i int, quote byte) int {
	q := lo8 * uint64(quote)
	for i+8 <= len(data) {
		x := binary.LittleEndian.Uint64(data[i:])
		m := (x-lo8*0x20)&^x | x
		y := x ^ q
		m |= (y - lo8) &^ y
		y = x ^ (lo8 * '&')
		m |= (y - lo8) &^ y
		y = x ^ (lo8 * '<')
		m |= (y - lo8) &^ y
		if m &= hi8; m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
		i += 8
	}
	return i
}

// attrValue scans a quoted value starting at i (after the quote) and
// returns it and the index after the closing quote. Values without
// references and without tab, newline or carriage return are substrings
// of the input.
func (s *Scanner) attrValue(i int, quote byte) (string, int, error) {
	start := i
	i = skipPlain(s.data, i, quote)
	if i < len(s.data) && s.data[i] == quote {
		return s.str[start:i], i + 1, nil
	}
	return s.attrValueRest(start, i, quote)
}

// attrValueRest continues attrValue at i, where skipPlain stopped short of
// the closing quote.
func (s *Scanner) attrValueRest(start, i int, quote byte) (string, int, error) {
	data := s.data
	for {
		for i < len(data) && !attrStop[data[i]] {
			i++
		}
		if i >= len(data) {
			return "", i, s.Errorf(start-1, "unterminated attribute value")
		}
		c := data[i]
		switch {
		case c == quote:
			return s.str[start:i], i + 1, nil
		case c == '"' || c == '\'':
			i = skipPlain(data, i+1, quote)
		case c >= 0x80:
			r, size := utf8.DecodeRune(data[i:])
			if !isCharRune(r, size) {
				return "", i, s.Errorf(i, "invalid UTF-8 or character in attribute value")
			}
			i = skipPlain(data, i+size, quote)
		case c == '&' || c == '\t' || c == '\n' || c == '\r':
			return s.attrValueSlow(start, quote)
		case c == '<':
			return "", i, s.Errorf(i, "< in attribute value (write &lt;)")
		default:
			return "", i, s.Errorf(i, "control character %#02x in attribute value", c)
		}
	}
}

// attrValueSlow decodes a value with references and normalises literal
// whitespace: tab, newline, carriage return and CR LF become one space.
func (s *Scanner) attrValueSlow(start int, quote byte) (string, int, error) {
	data := s.data
	buf := s.scratch[:0]
	i := start
	for i < len(data) {
		c := data[i]
		switch {
		case c == quote:
			s.scratch = buf
			return string(buf), i + 1, nil
		case c == '&':
			r, n, err := s.reference(i)
			if err != nil {
				return "", i, err
			}
			buf = utf8.AppendRune(buf, r)
			i += n
			continue
		case c == '\r':
			if i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
			buf = append(buf, ' ')
		case c == '\t' || c == '\n':
			buf = append(buf, ' ')
		case c == '<':
			return "", i, s.Errorf(i, "< in attribute value (write &lt;)")
		case c < 0x20:
			return "", i, s.Errorf(i, "control character %#02x in attribute value", c)
		case c >= 0x80:
			r, size := utf8.DecodeRune(data[i:])
			if !isCharRune(r, size) {
				return "", i, s.Errorf(i, "invalid UTF-8 or character in attribute value")
			}
			buf = append(buf, data[i:i+size]...)
			i += size
			continue
		default:
			buf = append(buf, c)
		}
		i++
	}
	return "", i, s.Errorf(start-1, "unterminated attribute value")
}

// isCharRune reports whether a decoded non-ASCII rune is a valid XML Char.
func isCharRune(r rune, size int) bool {
	if r == utf8.RuneError && size <= 1 {
		return false
	}
	return r <= 0xD7FF || (0xE000 <= r && r <= 0xFFFD) || (0x10000 <= r && r <= 0x10FFFF)
}

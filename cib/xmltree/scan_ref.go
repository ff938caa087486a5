package xmltree

// reference decodes the entity or character reference at data[i] ('&')
// and returns the rune and the length of the reference.
func (s *Scanner) reference(i int) (rune, int, error) {
	data := s.data
	end := i + 1
	for end < len(data) && end-i < 32 && data[end] != ';' {
		end++
	}
	if end >= len(data) || data[end] != ';' {
		return 0, 0, s.Errorf(i, "& not followed by a reference (write &amp;)")
	}
	ref := s.str[i+1 : end]
	n := end - i + 1
	switch ref {
	case "lt":
		return '<', n, nil
	case "gt":
		return '>', n, nil
	case "amp":
		return '&', n, nil
	case "apos":
		return '\'', n, nil
	case "quot":
		return '"', n, nil
	}
	if len(ref) < 2 || ref[0] != '#' {
		return 0, 0, s.Errorf(i, "unknown entity &%s; (only lt, gt, amp, apos and quot are defined)", ref)
	}
	digits, base := ref[1:], rune(10)
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	if digits == "" {
		return 0, 0, s.Errorf(i, "malformed character reference &%s;", ref)
	}
	var r rune
	for j := 0; j < len(digits); j++ {
		d := rune(-1)
		switch c := digits[j]; {
		case '0' <= c && c <= '9':
			d = rune(c - '0')
		case base == 16 && 'a' <= c && c <= 'f':
			d = rune(c-'a') + 10
		case base == 16 && 'A' <= c && c <= 'F':
			d = rune(c-'A') + 10
		}
		if d < 0 {
			return 0, 0, s.Errorf(i, "malformed character reference &%s;", ref)
		}
		r = r*base + d
		if r > 0x10FFFF {
			break
		}
	}
	if !isChar(r) {
		return 0, 0, s.Errorf(i, "character reference &%s; is not an XML character", ref)
	}
	return r, n, nil
}

// isChar reports whether r is an XML 1.0 Char.
func isChar(r rune) bool {
	switch {
	case r < 0x20:
		return r == '\t' || r == '\n' || r == '\r'
	case r <= 0xD7FF:
		return true
	case r < 0xE000:
		return false
	case r <= 0xFFFD:
		return true
	}
	return 0x10000 <= r && r <= 0x10FFFF
}

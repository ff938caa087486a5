package xmltree

import (
	"strings"
	"unicode/utf8"
)

// text scans character data up to the next '<'. It reports ok=false when
// the text is skipped: whitespace outside the root element, or blank text
// with SkipBlank set.
func (s *Scanner) text() (Token, bool, error) {
	start := s.pos
	data := s.data
	i := start
	cr := false
	for i < len(data) && spaceByte[data[i]] {
		cr = cr || data[i] == '\r'
		i++
	}
	if i >= len(data) || data[i] == '<' {
		s.pos = i
		if len(s.names) == 0 || s.SkipBlank {
			return Token{}, false, nil
		}
		text := s.str[start:i]
		if cr {
			text = s.normaliseCR(text)
		}
		return Token{Kind: CharData, Text: text, Offset: start}, true, nil
	}
	if len(s.names) == 0 {
		tok, err := s.fail(i, "text outside the root element")
		return tok, false, err
	}
	if !cr {
		for i < len(data) && !textStop[data[i]] {
			i++
		}
		if i >= len(data) || data[i] == '<' {
			s.pos = i
			return Token{Kind: CharData, Text: s.str[start:i], Offset: start}, true, nil
		}
	}
	text, end, err := s.textSlow(start)
	if err != nil {
		s.err = err
		return Token{}, false, err
	}
	s.pos = end
	return Token{Kind: CharData, Text: text, Offset: start}, true, nil
}

// textSlow decodes text with references, carriage returns, "]]>" checks
// and non-ASCII characters, up to the next '<' or the end of input.
func (s *Scanner) textSlow(start int) (string, int, error) {
	data := s.data
	buf := s.scratch[:0]
	copied := false // buf holds data[start:i] decoded
	i := start
	for i < len(data) {
		c := data[i]
		if !textStop[c] {
			if copied {
				buf = append(buf, c)
			}
			i++
			continue
		}
		switch {
		case c == '<':
			goto done
		case c == '&':
			if !copied {
				buf, copied = append(buf, data[start:i]...), true
			}
			r, n, err := s.reference(i)
			if err != nil {
				return "", i, err
			}
			buf = utf8.AppendRune(buf, r)
			i += n
		case c == '\r':
			if !copied {
				buf, copied = append(buf, data[start:i]...), true
			}
			if i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
			buf = append(buf, '\n')
			i++
		case c == ']':
			if i+2 < len(data) && data[i+1] == ']' && data[i+2] == '>' {
				return "", i, s.Errorf(i, "]]> in text (write ]]&gt;)")
			}
			if copied {
				buf = append(buf, c)
			}
			i++
		case c >= 0x80:
			r, size := utf8.DecodeRune(data[i:])
			if !isCharRune(r, size) {
				return "", i, s.Errorf(i, "invalid UTF-8 or character in text")
			}
			if copied {
				buf = append(buf, data[i:i+size]...)
			}
			i += size
		default:
			return "", i, s.Errorf(i, "control character %#02x in text", c)
		}
	}
done:
	if !copied {
		return s.str[start:i], i, nil
	}
	s.scratch = buf
	return string(buf), i, nil
}

// normaliseCR turns CR LF and lone CR into LF, as XML line-end handling
// requires.
func (s *Scanner) normaliseCR(text string) string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	return strings.ReplaceAll(text, "\r", "\n")
}

// checkChars validates the characters of a comment, CDATA section or
// processing instruction body starting at offset.
func (s *Scanner) checkChars(body string, offset int, what string) error {
	for i := 0; i < len(body); {
		c := body[i]
		if c < 0x80 {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return s.Errorf(offset+i, "control character %#02x in %s", c, what)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(body[i:])
		if !isCharRune(r, size) {
			return s.Errorf(offset+i, "invalid UTF-8 or character in %s", what)
		}
		i += size
	}
	return nil
}

// bang scans <!-- comments -->, <![CDATA[sections]]> and rejects DOCTYPE.
func (s *Scanner) bang() (Token, bool, error) {
	start := s.pos
	rest := s.str[start:]
	switch {
	case strings.HasPrefix(rest, "<!--"):
		end := strings.Index(rest[4:], "-->")
		if end < 0 {
			tok, err := s.fail(start, "unterminated comment")
			return tok, false, err
		}
		body := rest[4 : 4+end]
		if k := strings.Index(body, "--"); k >= 0 {
			tok, err := s.fail(start+4+k, "-- inside a comment")
			return tok, false, err
		}
		if strings.HasSuffix(body, "-") {
			tok, err := s.fail(start+3+end, "comment ends with --->")
			return tok, false, err
		}
		if err := s.checkChars(body, start+4, "comment"); err != nil {
			s.err = err
			return Token{}, false, err
		}
		s.pos = start + 4 + end + 3
		if strings.IndexByte(body, '\r') >= 0 {
			body = s.normaliseCR(body)
		}
		return Token{Kind: Comment, Text: body, Offset: start}, true, nil
	case strings.HasPrefix(rest, "<![CDATA["):
		if len(s.names) == 0 {
			tok, err := s.fail(start, "CDATA section outside the root element")
			return tok, false, err
		}
		end := strings.Index(rest[9:], "]]>")
		if end < 0 {
			tok, err := s.fail(start, "unterminated CDATA section")
			return tok, false, err
		}
		body := rest[9 : 9+end]
		if err := s.checkChars(body, start+9, "CDATA section"); err != nil {
			s.err = err
			return Token{}, false, err
		}
		s.pos = start + 9 + end + 3
		if strings.IndexByte(body, '\r') >= 0 {
			body = s.normaliseCR(body)
		}
		if s.SkipBlank && strings.TrimLeft(body, " \t\n") == "" {
			return Token{}, false, nil
		}
		return Token{Kind: CharData, Text: body, Offset: start}, true, nil
	case strings.HasPrefix(rest, "<!DOCTYPE"):
		tok, err := s.fail(start, "DOCTYPE is not supported (entities are never expanded); remove it")
		return tok, false, err
	}
	tok, err := s.fail(start, "unexpected <! (only comments and CDATA sections are allowed)")
	return tok, false, err
}

// procInst scans <?target data?>.
func (s *Scanner) procInst() (Token, error) {
	start := s.pos
	target, i, ok := s.name(start + 2)
	if !ok {
		return s.fail(start+2, "invalid processing instruction target")
	}
	if strings.EqualFold(target, "xml") {
		return s.fail(start, "XML declaration is only allowed at the start of the document")
	}
	rest := s.str[i:]
	end := strings.Index(rest, "?>")
	if end < 0 {
		return s.fail(start, "unterminated processing instruction")
	}
	data := rest[:end]
	if data != "" && !isSpace(data[0]) {
		return s.fail(i, "expected space after processing instruction target %s", target)
	}
	trimmed := strings.TrimLeft(data, " \t\r\n")
	if err := s.checkChars(trimmed, i+len(data)-len(trimmed), "processing instruction"); err != nil {
		s.err = err
		return Token{}, err
	}
	if strings.IndexByte(trimmed, '\r') >= 0 {
		trimmed = s.normaliseCR(trimmed)
	}
	s.pos = i + end + 2
	return Token{Kind: ProcInst, Name: target, Text: trimmed, Offset: start}, nil
}

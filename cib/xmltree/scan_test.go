package xmltree

import (
	"fmt"
	"strings"
	"testing"
)

// tokens scans in and describes every token on one line, or returns the
// error.
func tokens(in string, skipBlank bool) (string, error) {
	s := NewScanner([]byte(in))
	s.SkipBlank = skipBlank
	var out []string
	for {
		tok, err := s.Next()
		if err != nil {
			return strings.Join(out, " "), err
		}
		out = append(out, describe(tok))
		if tok.Kind == EOF {
			return strings.Join(out, " "), nil
		}
	}
}

func describe(tok Token) string {
	switch tok.Kind {
	case StartElement:
		var b strings.Builder
		b.WriteString("<" + tok.Name)
		for _, a := range tok.Attrs {
			fmt.Fprintf(&b, " %s=%q", a.Name, a.Value)
		}
		if tok.SelfClosing {
			b.WriteString("/")
		}
		return b.String() + ">"
	case EndElement:
		return "</" + tok.Name + ">"
	case CharData:
		return fmt.Sprintf("%q", tok.Text)
	case Comment:
		return fmt.Sprintf("#%q", tok.Text)
	case ProcInst:
		return fmt.Sprintf("?%s%q", tok.Name, tok.Text)
	}
	return tok.Kind.String()
}

func TestScanTokens(t *testing.T) {
	tests := []struct {
		name, in, want string
		skipBlank      bool
	}{
		{"self-closing", `<a/>`, `<a/> </a> EOF`, false},
		{"declaration", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone='yes'?>\n<a></a>", `<a> </a> EOF`, false},
		{"bom", "\xef\xbb\xbf<a/>", `<a/> </a> EOF`, false},
		{"attributes", `<a x="1" y='2' z = "3" q='"' r="'"/>`, `<a x="1" y="2" z="3" q="\"" r="'"/> </a> EOF`, false},
		{"entities", `<a x="&lt;&gt;&amp;&apos;&quot;">&lt;&#65;&#x42;&#x1F600;</a>`, `<a x="<>&'\""> "<AB😀" </a> EOF`, false},
		{"attr normalisation", "<a x=\"1\t2\n3\r\n4\r5\" y=\"&#9;&#10;&#13;\"/>", `<a x="1 2 3 4 5" y="\t\n\r"/> </a> EOF`, false},
		{"text crlf", "<a>1\r\n2\r3</a>", `<a> "1\n2\n3" </a> EOF`, false},
		{"blank text", "<a>\n  <b/>\n</a>", `<a> "\n  " <b/> </b> "\n" </a> EOF`, false},
		{"skip blank", "<a>\n  <b/>\n  x\n</a>", `<a> <b/> </b> "\n  x\n" </a> EOF`, true},
		{"cdata", `<a><![CDATA[<x>&amp;]]]></a>`, `<a> "<x>&amp;]" </a> EOF`, false},
		{"comments", `<!-- before --><a><!--in--></a><!--after-->`, `#" before " <a> #"in" </a> #"after" EOF`, false},
		{"processing instructions", `<?pi x?><a><?other   data here ?><?empty?></a>`, `?pi"x" <a> ?other"data here " ?empty"" </a> EOF`, false},
		{"names", `<a:b c.d-e_f="1" _g="2"><ü ö="x"/></a:b>`, `<a:b c.d-e_f="1" _g="2"> <ü ö="x"/> </ü> </a:b> EOF`, false},
		{"end tag space", "<a></a \n>", `<a> </a> EOF`, false},
		{"gt in text", `<a>a > b ]] c</a>`, `<a> "a > b ]] c" </a> EOF`, false},
		{"utf8", "<a x=\"日本\">語</a>", `<a x="日本"> "語" </a> EOF`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tokens(tt.in, tt.skipBlank)
			if err != nil {
				t.Fatalf("error %v after %s", err, got)
			}
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestScanErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", ``, "1:1: no root element"},
		{"only comment", `<!--x-->`, "1:9: no root element"},
		{"doctype", "<!DOCTYPE a [<!ENTITY e \"x\">]>\n<a>&e;</a>", "1:1: DOCTYPE is not supported"},
		{"unknown entity", "<a>\n &nbsp;</a>", "2:2: unknown entity &nbsp;"},
		{"bare ampersand", `<a x="a & b"/>`, "1:9: & not followed by a reference"},
		{"bad char ref", `<a>&#0;</a>`, "1:4: character reference &#0; is not an XML character"},
		{"surrogate ref", `<a>&#xD800;</a>`, "1:4: character reference &#xD800; is not an XML character"},
		{"huge ref", `<a>&#99999999999;</a>`, "1:4: character reference"},
		{"malformed ref", `<a>&#x;</a>`, "1:4: malformed character reference"},
		{"lt in attr", `<a x="<"/>`, "1:7: < in attribute value"},
		{"unquoted", `<a x=1/>`, "1:6: value of attribute x of <a> must be quoted"},
		{"no value", `<a x/>`, "1:5: attribute x of <a> has no value"},
		{"no space", `<a x="1"y="2"/>`, "1:9: expected space, > or /> in <a>"},
		{"duplicate", `<a x="1" y="2" x="3"/>`, "1:16: attribute x of <a> given twice"},
		{"unterminated attr", `<a x="1/>`, "1:6: unterminated attribute value"},
		{"mismatch", "<a>\n<b></a></b>", "2:4: </a> does not match <b> at 2:1"},
		{"stray end", `</a>`, "1:1: unexpected end tag at top level"},
		{"unclosed", "<a><b>", "1:7: unexpected end of input: <b> (at 1:4) is not closed"},
		{"two roots", `<a/><b/>`, "1:5: content after the root element"},
		{"text before root", `x<a/>`, "1:1: text outside the root element"},
		{"text after root", "<a/>\n  x", "2:3: text outside the root element"},
		{"cdata outside", `<![CDATA[x]]><a/>`, "1:1: CDATA section outside the root element"},
		{"double hyphen", `<a><!-- a -- b --></a>`, "1:11: -- inside a comment"},
		{"comment dash end", `<a><!-- a ---></a>`, "1:11: comment ends with --->"},
		{"unterminated comment", `<a><!-- x </a>`, "1:4: unterminated comment"},
		{"cdata end in text", `<a>]]></a>`, "1:4: ]]> in text"},
		{"control char text", "<a>\x01</a>", "1:4: control character 0x01 in text"},
		{"control char attr", "<a x=\"\x02\"/>", "1:7: control character 0x02 in attribute value"},
		{"bad utf8 text", "<a>\xff</a>", "1:4: invalid UTF-8 or character in text"},
		{"bad utf8 attr", "<a x=\"\xc3\"/>", "1:7: invalid UTF-8 or character in attribute value"},
		{"bad name", `<1a/>`, "1:2: invalid element name after <"},
		{"bad attr name", `<a -x="1"/>`, "1:4: invalid attribute name in <a>"},
		{"late declaration", `<a><?xml version="1.0"?></a>`, "1:4: XML declaration is only allowed at the start"},
		{"bad version", `<?xml version="2.0"?><a/>`, `1:1: XML declaration: unsupported version "2.0"`},
		{"bad encoding", `<?xml version="1.0" encoding="ISO-8859-1"?><a/>`, `1:1: XML declaration: unsupported encoding "ISO-8859-1"`},
		{"declaration order", `<?xml encoding="UTF-8" version="1.0"?><a/>`, `1:1: XML declaration: unexpected "encoding"`},
		{"bang", `<a><!ELEMENT a></a>`, "1:4: unexpected <!"},
		{"lt at end", `<a><`, "1:4: unexpected end of input after <"},
		{"pi no space", `<a><?pi?x?></a>`, "1:8: expected space after processing instruction target pi"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tokens(tt.in, false)
			if err == nil {
				t.Fatalf("no error; tokens %s", got)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error %q, want prefix %q", err, tt.want)
			}
		})
	}
}

func TestScanDepthLimit(t *testing.T) {
	ok := strings.Repeat("<a>", MaxDepth) + strings.Repeat("</a>", MaxDepth)
	if _, err := Parse([]byte(ok)); err != nil {
		t.Fatalf("depth %d: %v", MaxDepth, err)
	}
	deep := strings.Repeat("<a>", MaxDepth+1) + strings.Repeat("</a>", MaxDepth+1)
	if _, err := Parse([]byte(deep)); err == nil || !strings.Contains(err.Error(), "nested more than") {
		t.Fatalf("depth %d: %v", MaxDepth+1, err)
	}
}

func TestScanStickyError(t *testing.T) {
	s := NewScanner([]byte(`<a><b></a>`))
	var first error
	for i := 0; i < 5; i++ {
		_, err := s.Next()
		if err != nil && first == nil {
			first = err
		} else if first != nil && err != first {
			t.Fatalf("call %d: %v, want the sticky %v", i, err, first)
		}
	}
	if first == nil {
		t.Fatal("no error")
	}
}

// TestScanSubstrings checks that plain values are handed out without
// copying: they point into the input.
func TestScanSubstrings(t *testing.T) {
	data := []byte(`<a x="plain" y="a&amp;b">text</a>`)
	s := NewScanner(data)
	tok, _ := s.Next()
	if !within(tok.Name, data) || !within(tok.Attrs[0].Value, data) {
		t.Error("plain name or value was copied")
	}
	if within(tok.Attrs[1].Value, data) {
		t.Error("unescaped value points into the input")
	}
	tok, _ = s.Next()
	if !within(tok.Text, data) {
		t.Error("plain text was copied")
	}
}

func TestPosition(t *testing.T) {
	s := NewScanner([]byte("ab\ncd\n\nef"))
	for _, tt := range []struct{ off, line, col int }{
		{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {4, 2, 2}, {6, 3, 1}, {7, 4, 1}, {9, 4, 3}, {100, 4, 3},
	} {
		if l, c := s.Position(tt.off); l != tt.line || c != tt.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tt.off, l, c, tt.line, tt.col)
		}
	}
	if l, c := NewTreeScanner(&Node{}).Position(3); l != 0 || c != 0 {
		t.Errorf("tree scanner Position = %d:%d, want 0:0", l, c)
	}
}

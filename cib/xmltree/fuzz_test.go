package xmltree

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
)

var fuzzSeeds = []string{
	`<a/>`,
	`<?xml version="1.0" encoding="UTF-8"?><a x="1"><b y='2'>t&amp;&#65;</b><!--c--><?p d?></a>`,
	"<a x=\"1\t2\n3\r\n4\">\n  <b/>\n  text\n</a>",
	`<a>x<b> <c/> </b>y<![CDATA[<z>]]></a>`,
	`<cib epoch="1"><configuration><resources><primitive id="p" class="ocf"/></resources></configuration><status/></cib>`,
	`<a><b></a>`,
	`<a x="1" x="2"/>`,
	`<!DOCTYPE a><a/>`,
	`<a>&unknown;</a>`,
	`<a><!-- -- --></a>`,
	`<a>]]></a>`,
	"<a>\r\n</a>",
	`<a:b c:d="e"></a:b>`,
	`<a><?pi?></a>`,
}

// FuzzParse checks that Parse never panics and that, for accepted input,
// parsing what Write writes gives the same tree.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		n, err := Parse(bytes.Clone(data))
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) || se.Line < 1 || se.Col < 1 {
				t.Fatalf("error without a position: %v", err)
			}
			return
		}
		out := Marshal(n)
		n2, err := Parse(out)
		if err != nil {
			t.Fatalf("output does not parse: %v\n%s", err, out)
		}
		if !Equal(n, n2) {
			t.Fatalf("round trip differs:\n%s\n%s", out, Marshal(n2))
		}
		if out2 := Marshal(n2); !bytes.Equal(out, out2) {
			t.Fatalf("second output differs:\n%s\n%s", out, out2)
		}
	})
}

// FuzzAgainstEncodingXML compares Parse with encoding/xml in strict mode
// (plus the single-root rule encoding/xml's tokenizer does not enforce):
// the same documents are accepted, and accepted ones give the same
// elements, attributes and text. Inputs that touch a known, intended
// difference are skipped (see compareSkip).
func FuzzAgainstEncodingXML(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		compareWithEncodingXML(t, data)
	})
}

func TestAgainstEncodingXML(t *testing.T) {
	inputs := append([]string{}, fuzzSeeds...)
	inputs = append(inputs,
		`<a>&#0;</a>`, `<a x="&#1;"/>`, `<a>&#xFFFE;</a>`, `<a x='"'/>`, `<a/ >`, `<a></a >`,
		`<a></a b>`, `<a><b/></a><c/>`, ` <a/> `, `x<a/>`, `<a/>x`, `<a b="<"/>`, `<a b=c/>`,
		`<a b/>`, `<a><!--x--->y</a>`, `<a><![CDATA[x]]]></a>`, "<a>\x01</a>", `<a>&amp</a>`,
		`<a>&#x41;&#66;&lt;&gt;&apos;&quot;</a>`, `<_:-a ._="1"/>`, `<1/>`, `<a -b="1"/>`,
		`<a x="1"y="2"/>`, `<a><?p?></a>`, `<a><?p x?></a>`, `<a><?p?x?></a>`, `<a><!ELEMENT x></a>`,
		`<![CDATA[x]]><a/>`, `<a>]]</a>`, `<a>x</a><!--c--><?p q?>`,
	)
	for _, in := range inputs {
		compareWithEncodingXML(t, []byte(in))
	}
}

// compareSkip reports inputs that touch an intended difference from
// encoding/xml: non-ASCII (names are checked against different Unicode
// tables), DOCTYPE and other directives, colons (encoding/xml applies
// the namespace rules to names), XML declarations (this package is stricter about
// their content and place), and "]]>" in text (which XML forbids and
// encoding/xml allows).
func compareSkip(data []byte) bool {
	for _, c := range data {
		if c >= 0x80 {
			return true
		}
	}
	s := string(data)
	if strings.Contains(s, "<!D") || strings.Contains(s, ":") || strings.Contains(strings.ToLower(s), "<?xml") {
		return true
	}
	for {
		i := strings.Index(s, "<![CDATA[")
		if i < 0 {
			break
		}
		j := strings.Index(s[i:], "]]>")
		if j < 0 {
			break
		}
		s = s[:i] + s[i+j+3:]
	}
	return strings.Contains(s, "]]>")
}

func compareWithEncodingXML(t *testing.T, data []byte) {
	t.Helper()
	if compareSkip(data) {
		return
	}
	mine, myErr := Parse(bytes.Clone(data))
	if myErr != nil && strings.Contains(myErr.Error(), "nested more than") {
		return // encoding/xml has no depth limit
	}
	theirs, theirErr, skip := parseEncodingXML(data)
	if skip {
		return
	}
	switch {
	case myErr != nil && theirErr == nil && (strings.Contains(myErr.Error(), "expected space, > or />") ||
		strings.Contains(myErr.Error(), "expected space after processing instruction target")):
		// XML requires space between attributes, and after the target of
		// a processing instruction with data; encoding/xml does not.
	case myErr != nil && theirErr == nil:
		t.Fatalf("%q: rejected (%v), encoding/xml accepts", data, myErr)
	case myErr == nil && theirErr != nil:
		t.Fatalf("%q: accepted, encoding/xml rejects (%v)", data, theirErr)
	case myErr == nil && !Equal(normaliseWS(mine), normaliseWS(theirs)):
		t.Fatalf("%q: trees differ:\nmine   %s\ntheirs %s", data, Marshal(mine), Marshal(theirs))
	}
}

// parseEncodingXML builds a tree with encoding/xml and this package's
// text rules. skip is set for input with a directive, a duplicate
// attribute (which encoding/xml does not check) or a CDATA section outside
// the root element.
func parseEncodingXML(data []byte) (root *Node, err error, skip bool) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var stack []*Node
	rootDone := false
	for {
		off := d.InputOffset()
		tok, err := d.RawToken()
		if err == io.EOF {
			if root == nil {
				return nil, errors.New("no root"), false
			}
			if len(stack) > 0 {
				return nil, errors.New("unclosed"), false
			}
			return root, nil, false
		}
		if err != nil {
			return nil, err, false
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if rootDone {
				return nil, errors.New("second root"), false
			}
			n := &Node{Kind: ElementNode, Name: qname(tok.Name)}
			seen := map[string]bool{}
			for _, a := range tok.Attr {
				name := qname(a.Name)
				if seen[name] {
					return nil, nil, true
				}
				seen[name] = true
				if !validChars(a.Value) {
					return nil, errors.New("bad char"), false
				}
				n.Attrs = append(n.Attrs, Attr{Name: name, Value: a.Value})
			}
			if len(stack) == 0 {
				root = n
			} else {
				top := stack[len(stack)-1]
				top.Children = append(top.Children, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) == 0 {
				return nil, errors.New("stray end"), false
			}
			top := stack[len(stack)-1]
			if qname(tok.Name) != top.Name {
				return nil, errors.New("mismatch"), false
			}
			top.Children = trimBlank(top.Children)
			stack = stack[:len(stack)-1]
			rootDone = len(stack) == 0
		case xml.CharData:
			text := string(tok)
			if !validChars(text) {
				return nil, errors.New("bad char"), false
			}
			if len(stack) == 0 {
				if bytes.HasPrefix(data[off:], []byte("<![CDATA[")) {
					return nil, nil, true
				}
				if !IsBlank(text) {
					return nil, errors.New("text outside root"), false
				}
				continue
			}
			if text == "" {
				continue
			}
			top := stack[len(stack)-1]
			if k := len(top.Children); k > 0 && top.Children[k-1].Kind == TextNode {
				top.Children[k-1].Text += text
			} else {
				top.Children = append(top.Children, &Node{Kind: TextNode, Text: text})
			}
		case xml.Comment:
			if !validChars(string(tok)) {
				return nil, errors.New("bad char"), false
			}
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				top.Children = append(top.Children, &Node{Kind: CommentNode, Text: string(tok)})
			}
		case xml.ProcInst:
			if !validChars(string(tok.Inst)) {
				return nil, errors.New("bad char"), false
			}
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				top.Children = append(top.Children, &Node{Kind: ProcInstNode, Name: tok.Target,
					Text: strings.TrimLeft(string(tok.Inst), " \t\r\n")})
			}
		case xml.Directive:
			return nil, nil, true
		}
	}
}

func qname(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

func validChars(s string) bool {
	for _, r := range s {
		if !isChar(r) {
			return false
		}
	}
	return true
}

// normaliseWS maps tab, newline and carriage return in attribute values
// to spaces: this package normalises literal ones as XML requires,
// encoding/xml does not, and references to them differ the other way.
func normaliseWS(n *Node) *Node {
	n = n.Clone()
	var walk func(*Node)
	walk = func(n *Node) {
		for i := range n.Attrs {
			n.Attrs[i].Value = strings.Map(func(r rune) rune {
				if r == '\t' || r == '\n' || r == '\r' {
					return ' '
				}
				return r
			}, n.Attrs[i].Value)
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(n)
	return n
}

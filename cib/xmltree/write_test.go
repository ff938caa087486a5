package xmltree

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// TestParseWrite checks the text rules of Parse and the layout of Write
// together: input → written output.
func TestParseWrite(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", `<a></a>`, "<a/>\n"},
		{"indent", "<a><b x=\"1\"><c/></b><d/></a>",
			"<a>\n  <b x=\"1\">\n    <c/>\n  </b>\n  <d/>\n</a>\n"},
		{"indentation dropped", "<a>\n\t<b/>\n   <!-- c -->\n</a>",
			"<a>\n  <b/>\n  <!-- c -->\n</a>\n"},
		{"text only", "<a>  hello\n world </a>", "<a>  hello\n world </a>\n"},
		{"blank text only", "<a>  </a>", "<a>  </a>\n"},
		{"mixed", "<r><a>x <b>\n  <c/>\n</b> y</a></r>", "<r>\n  <a>x <b><c/></b> y</a>\n</r>\n"},
		{"mixed keeps blanks", "<a>x<b/> <c/></a>", "<a>x<b/> <c/></a>\n"},
		{"merged cdata", "<a>x<![CDATA[<y>]]>z</a>", "<a>x&lt;y&gt;z</a>\n"},
		{"escapes", "<a x=\"&amp;&lt;&gt;&quot;'&#9;&#10;&#13;\">&amp;&lt;&gt;\"'&#13;</a>",
			"<a x=\"&amp;&lt;&gt;&quot;'&#9;&#10;&#13;\">&amp;&lt;&gt;\"'&#13;</a>\n"},
		{"comments and pis", "<a><!--x--><?p d?><?q?></a>", "<a>\n  <!--x-->\n  <?p d?>\n  <?q?>\n</a>\n"},
		{"prolog dropped", "<?xml version=\"1.0\"?>\n<!-- c --><?p?>\n<a/>\n<!-- d -->", "<a/>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := Parse([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			got := string(Marshal(n))
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			again, err := Parse([]byte(got))
			if err != nil {
				t.Fatalf("re-parse: %v", err)
			}
			if !Equal(n, again) {
				t.Errorf("re-parse differs:\n%s", Marshal(again))
			}
		})
	}
}

func TestWriterSanitises(t *testing.T) {
	n := &Node{Kind: ElementNode, Name: "a", Children: []*Node{
		{Kind: CommentNode, Text: "a--b---c-"},
		{Kind: ProcInstNode, Name: "p", Text: "x?>y"},
	}}
	got := string(Marshal(n))
	want := "<a>\n  <!--a- -b- - -c- -->\n  <?p x? >y?>\n</a>\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if _, err := Parse([]byte(got)); err != nil {
		t.Errorf("sanitised output does not parse: %v", err)
	}
}

func TestWriterMisuse(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b)
	w.Attr("x", "1")
	if err := w.Flush(); err == nil {
		t.Error("Attr outside a start tag: no error")
	}
	w = NewWriter(&b)
	w.End()
	if err := w.Flush(); err == nil {
		t.Error("End without Start: no error")
	}
	w = NewWriter(&b)
	w.Start("a", false)
	w.Start("b", false)
	w.Attr("x", "1") // fine: b's tag is open
	w.End()
	w.Attr("y", "2") // a's tag is closed
	if err := w.Flush(); err == nil {
		t.Error("Attr after content: no error")
	}
}

type failWriter struct{ n int }

func (f *failWriter) Write(p []byte) (int, error) {
	f.n++
	return 0, errors.New("disk full")
}

func TestWriterError(t *testing.T) {
	f := &failWriter{}
	n := &Node{Kind: ElementNode, Name: "a", Attrs: []Attr{{Name: "x", Value: strings.Repeat("y", 100<<10)}}}
	if err := Write(f, n); err == nil || err.Error() != "disk full" {
		t.Errorf("Write: %v", err)
	}
	if f.n != 1 {
		t.Errorf("%d writes after the error, want 1", f.n)
	}
}

// TestTreeScanner checks that scanning a tree gives the tokens of scanning
// its written form.
func TestTreeScanner(t *testing.T) {
	in := "<a x=\"1\"><b>text<c/>more</b><!--c--><?p d?><e><f/></e></a>"
	n, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	for _, skip := range []bool{false, true} {
		want, err := tokens(string(Marshal(n)), skip)
		if err != nil {
			t.Fatal(err)
		}
		s := NewTreeScanner(n)
		s.SkipBlank = skip
		var got []string
		for {
			tok, err := s.Next()
			if err != nil {
				t.Fatal(err)
			}
			if tok.Offset != -1 {
				t.Errorf("tree token offset %d, want -1", tok.Offset)
			}
			got = append(got, describe(tok))
			if tok.Kind == EOF {
				break
			}
		}
		// Written indentation is blank text the tree does not have.
		if skip && strings.Join(got, " ") != want {
			t.Errorf("skip=%v:\ngot  %s\nwant %s", skip, strings.Join(got, " "), want)
		}
	}
	ts := NewTreeScanner(n)
	start, err := ts.Next()
	if err != nil {
		t.Fatal(err)
	}
	if n2, err := ts.ReadNode(start); err != nil || !Equal(n, n2) {
		t.Errorf("ReadNode of a tree: %v\n%s", err, Marshal(n2))
	}
	if tok, err := NewTreeScanner(nil).Next(); err != nil || tok.Kind != EOF {
		t.Errorf("nil tree: %v %v", tok, err)
	}
}

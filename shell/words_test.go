package shell

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestSplitWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // words joined by |, offsets in []
		err  error
	}{
		{"", "", nil},
		{"  show  xml vip ", "show[2]|xml[8]|vip[12]", nil},
		{`filter "sed -e s/a/b/" vip`, "filter[0]|sed -e s/a/b/[7]|vip[23]", nil},
		{`a 'b c' d\ e "f\"g"`, `a[0]|b c[2]|d e[8]|f"g[13]`, nil},
		{"a \\\nb", "a[0]|b[4]", nil},
		{`x "open`, "x[0]|open[2]", errUnterminated},
		{`'`, "[0]", errUnterminated},
		{`a""b ''`, "ab[0]|[5]", nil},
	} {
		ws, err := splitWords(tc.in)
		var got []string
		for _, w := range ws {
			got = append(got, fmt.Sprintf("%s[%d]", w.text, w.off))
		}
		if g := strings.Join(got, "|"); g != tc.want || !errors.Is(err, tc.err) {
			t.Errorf("splitWords(%q) = %s, %v; want %s, %v", tc.in, g, err, tc.want, tc.err)
		}
	}
}

func TestQuoteWordRoundTrip(t *testing.T) {
	for _, w := range []string{"plain", "", "two words", `it's`, `a"b`, `back\slash`, "$HOME", "x=y z"} {
		ws, err := splitWords(quoteWord(w))
		if err != nil || len(ws) != 1 || ws[0].text != w {
			t.Errorf("quoteWord(%q) = %q splits to %v, %v", w, quoteWord(w), ws, err)
		}
	}
}

func TestPos(t *testing.T) {
	p := Pos{File: "f", Line: 3, Col: 1}.advance("ab\ncdé x", 8)
	if p.String() != "f:4:5" {
		t.Errorf("advance = %s, want f:4:5", p)
	}
	for _, tc := range []struct {
		p    Pos
		want string
	}{
		{Pos{File: "<stdin>", Line: 2, Col: 5}, "<stdin>:2:5"},
		{Pos{File: "<edit>", Line: 2}, "<edit>:2"},
		{Pos{Line: 1, Col: 7}, "1:7"},
		{Pos{File: "x"}, "x"},
	} {
		if got := tc.p.String(); got != tc.want {
			t.Errorf("%#v.String() = %q, want %q", tc.p, got, tc.want)
		}
	}
}

func TestTrailingBackslash(t *testing.T) {
	for in, want := range map[string]bool{`a \`: true, `a \\`: false, `a \ `: true, `a`: false, `\\\`: true} {
		if got := trailingBackslash(in); got != want {
			t.Errorf("trailingBackslash(%q) = %v", in, got)
		}
	}
}

func FuzzSplitWords(f *testing.F) {
	for _, s := range []string{"", "a b", `"a\"b" 'c'`, "x\\\ny", `"open`, "é ü"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ws, _ := splitWords(s)
		for _, w := range ws {
			if w.off < 0 || w.off >= len(s) {
				t.Fatalf("offset %d out of range in %q", w.off, s)
			}
		}
		// Quoting each word and splitting again gives the words back.
		if _, err := splitWords(s); err == nil {
			var q []string
			for _, w := range ws {
				q = append(q, quoteWord(w.text))
			}
			again, err := splitWords(strings.Join(q, " "))
			if err != nil || len(again) != len(ws) {
				t.Fatalf("requoting %q: %v, %d words, want %d", s, err, len(again), len(ws))
			}
			for i := range ws {
				if again[i].text != ws[i].text {
					t.Fatalf("requoting %q: word %d %q became %q", s, i, ws[i].text, again[i].text)
				}
			}
		}
	})
}

package grammar

import (
	"errors"
	"strings"
	"testing"

	"github.com/alecthomas/participle/v2/lexer"
)

func TestLexer(t *testing.T) {
	tests := []struct {
		in   string
		want string // type:value tokens separated by spaces
	}{
		{"primitive p Dummy", "Word:primitive Word:p Word:Dummy EOL:"},
		{"PRIMITIVE p Dummy\n", "Word:primitive Word:p Word:Dummy EOL:\n"},
		{`params ip="10.0.0.1" d='a b' e="x\"y\\z" f="\d"`, `Word:params Assign:ip=10.0.0.1 Assign:d=a b Assign:e=x"y\z Assign:f=\d EOL:`},
		{`a\ b c\"d`, `Word:a b Word:c"d EOL:`},
		{"inf: ms1:Master ocf:heartbeat:Dummy a:b:", "Label:inf: Colon:ms1:Master Colon:ocf:heartbeat:Dummy Colon:a:b: EOL:"},
		{"$id=x $id-ref=y $role=Master $i:n=v @ref description=d Description= =x", "IDSpec:$id=x IDSpec:$id-ref=y Dollar:$role=Master Dollar:$i:n=v At:@ref Desc:description=d Assign:Description= Word:=x EOL:"},
		{"primitive p \\\n\tDummy", "Word:primitive Word:p Word:Dummy EOL:"},
		{"primitive p\\\n  Dummy", "Word:primitive Word:pDummy EOL:"},
		{"a \\  \n\n b", "Word:a EOL:\n Word:b EOL:"},
		{"# comment \\\n more\nnode n1", "Comment:# comment more Word:node Word:n1 EOL:"},
		{"  # indented comment  \n", "Comment:# indented comment"},
		{"colocation c inf: (a b) [c d:Master] x)", "Word:colocation Word:c Label:inf: Punct:( Word:a Word:b Punct:) Punct:[ Word:c Colon:d:Master Punct:] Word:x Punct:) EOL:"},
		{"location l {a b} rule x eq (y)", "Word:location Word:l Word:{a Word:b} Word:rule Word:x Word:eq Word:(y) EOL:"},
		{"location l { (a b) } rule x eq (y)", "Word:location Word:l Punct:{ Punct:( Word:a Word:b Punct:) Punct:} Word:rule Word:x Word:eq Word:(y) EOL:"},
		{"primitive p Dummy params x=(a)", "Word:primitive Word:p Word:Dummy Word:params Assign:x=(a) EOL:"},
		{`"" ''`, "Word: Word: EOL:"},
	}
	names := map[lexer.TokenType]string{}
	for n, t := range tokenNames {
		names[t] = n
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range lexAll("t", tt.in) {
			got = append(got, names[tok.Type]+":"+tok.Value)
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("lex %q:\n got %s\nwant %s", tt.in, g, tt.want)
		}
	}
}

func TestLexerPositions(t *testing.T) {
	toks := lexAll("f.crm", "node n1\nprimitive \\\n    p Dummy \"é\" x")
	want := []string{"f.crm:1:1", "f.crm:1:6", "f.crm:1:8", "f.crm:2:1", "f.crm:3:5", "f.crm:3:7", "f.crm:3:13", "f.crm:3:17", "f.crm:3:18"}
	var got []string
	for _, tok := range toks {
		got = append(got, tok.Pos.String())
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("positions\n got %v\nwant %v", got, want)
	}
}

func TestIDSpecTokens(t *testing.T) {
	for in, want := range map[string]lexer.TokenType{
		"$id=x": TokIDSpec, "$ID-REF=y": TokIDSpec, "$idx=1": TokDollar, "$role=M": TokDollar,
	} {
		if got := classify(in); got != want {
			t.Errorf("classify(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestParsersAgreeOnCorpus(t *testing.T) {
	for _, f := range scriptFiles(t) {
		compareParsers(t, readFile(t, f))
	}
	compareParsers(t, readFile(t, "testdata/errors.txt"))
}

func TestIncomplete(t *testing.T) {
	tests := []struct {
		in         string
		incomplete bool
	}{
		{"primitive p", true},
		{"primitive p Dummy \\", true},
		{"primitive p Dummy \\\n", true},
		{"primitive p Dummy params \\\n a=1 \\", true},
		{"colocation c inf: a ( b c", true},
		{"location l { a b", true},
		{"location l p1", true},
		{"location l p1 rule #uname", true},
		{"location l p1 rule #uname eq", true},
		{"group g", true},
		{"alert a /p to {", true},
		{"primitive p Dummy op", true},
		{"primitive p Dummy", false},
		{"foo bar", false},
		{"location l p1 100 n1", false},
		{"primitive p Dummy params \"a", false},
		{"colocation c inf: a b ]", false},
		{"primitive p\nnode", true},
		{"primitive p\nnode n1", false},
	}
	for _, tt := range tests {
		_, err := ParseString("t", tt.in)
		var e *Error
		if err == nil {
			if tt.incomplete {
				t.Errorf("%q: parsed, want incomplete", tt.in)
			}
			continue
		}
		if !errors.As(err, &e) {
			t.Fatalf("%q: error %T is not *Error", tt.in, err)
		}
		list := err.(ErrorList)
		last := list[len(list)-1]
		if last.Incomplete != tt.incomplete {
			t.Errorf("%q: incomplete = %v, want %v (%v)", tt.in, last.Incomplete, tt.incomplete, err)
		}
	}
}

func TestParseStatement(t *testing.T) {
	st, err := ParseStatement("", "# a comment\nprimitive p Dummy \\\n\tparams a=1\n")
	if err != nil {
		t.Fatal(err)
	}
	if st.Primitive == nil || st.Primitive.ID.Value != "p" || len(st.Comments) != 1 {
		t.Errorf("got %+v", st)
	}
	if _, err := ParseStatement("", "node n1\nnode n2"); err == nil || !strings.Contains(err.Error(), "one statement expected") {
		t.Errorf("two statements: err = %v", err)
	}
	st, err = ParseStatement("", "  # only a comment\n")
	if st != nil || err != nil {
		t.Errorf("comment only: %v %v", st, err)
	}
	_, err = ParseStatement("", "primitive p Dummy params \\")
	var e *Error
	if !errors.As(err, &e) || !e.Incomplete {
		t.Errorf("continuation: err = %v", err)
	}
}

func TestScriptComments(t *testing.T) {
	s, err := ParseString("", "# one\n# two\nnode n1\nnode n2\n# trailing\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Statements) != 2 || strings.Join(s.Statements[0].Comments, "|") != "# one|# two" ||
		len(s.Statements[1].Comments) != 0 || strings.Join(s.Trailing, "|") != "# trailing" {
		t.Errorf("comments: %+v %+v trailing %q", s.Statements[0], s.Statements[1], s.Trailing)
	}
}

func TestEBNF(t *testing.T) {
	// The grammar is checked in: a change to the AST shows up as a diff
	// of testdata/grammar.ebnf (refresh with -update).
	got := EBNF() + "\n"
	if *update {
		writeGolden(t, "testdata/grammar.ebnf", got)
	}
	if want := readFile(t, "testdata/grammar.ebnf"); got != want {
		t.Errorf("grammar changed; run go test -run TestEBNF -update and review testdata/grammar.ebnf")
	}
}

func TestStatementObject(t *testing.T) {
	s, err := ParseString("", "node 5: n5\nnode n6:ping\nproperty a=1\nrsc_defaults $id=rd x=1\nms m p\nmonitor p:Started 10s\nfencing_topology st\ntag t1: a\n")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, st := range s.Statements {
		k, id := st.Object()
		got = append(got, k+" "+id)
	}
	want := "node 5|node n6|property cib-bootstrap-options|rsc_defaults rd|ms m|op p|fencing_topology fencing_topology|tag t1"
	if strings.Join(got, "|") != want {
		t.Errorf("got %q\nwant %q", strings.Join(got, "|"), want)
	}
}

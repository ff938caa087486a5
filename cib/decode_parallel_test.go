package cib

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"gocrm/cib/xmltree"
)

// decodeBoth decodes data sequentially and with the status decoded in
// parallel however small it is, and fails unless both give the same CIB
// or the same error.
func decodeBoth(t *testing.T, data []byte) {
	t.Helper()
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("skipped: GOMAXPROCS is 1, so the status is never decoded in parallel")
	}
	seq, errSeq := decodeBytes(bytes.Clone(data), -1)
	par, errPar := decodeBytes(bytes.Clone(data), 1)
	if fmt.Sprint(errSeq) != fmt.Sprint(errPar) {
		t.Fatalf("errors differ:\nsequential: %v\nparallel:   %v", errSeq, errPar)
	}
	if !reflect.DeepEqual(seq, par) {
		t.Fatalf("sequential and parallel decoding differ for\n%s", data)
	}
}

func TestDecodeStatusParallel(t *testing.T) {
	const head = `<cib epoch="1" num_updates="0" admin_epoch="0"><configuration/><status>`
	ns := func(id string) string {
		return `<node_state id="` + id + `" uname="n` + id + `"><lrm id="` + id + `"><lrm_resources><lrm_resource id="r" class="ocf" provider="heartbeat" type="Dummy"><lrm_rsc_op id="r_last_0" operation="start" rc-code="0" exit-reason=""/></lrm_resource></lrm_resources></lrm></node_state>`
	}
	for _, tc := range []struct {
		name, status string
		parallel     bool // whether the parallel way applies
	}{
		{"two nodes", ns("1") + ns("2"), true},
		{"many nodes and blanks", "\n  " + ns("1") + "\n  " + ns("2") + "\n  " + ns("3") + ns("4") + ns("5") + "\n", true},
		{"self-closing", `<node_state id="1"/><node_state id="2" uname="n2"/>`, true},
		{"tag in CDATA", `<node_state id="1"><x><![CDATA[<node_state id="8">]]></x></node_state>` + ns("2"), false},
		{"tickets after", ns("1") + ns("2") + `<tickets><ticket_state id="t" granted="true"/></tickets>`, false},
		{"comment between", ns("1") + `<!-- x -->` + ns("2"), false},
		{"tag in a comment", ns("1") + `<!-- <node_state id="9"/> -->` + ns("2"), false},
		{"end tag in a comment", `<node_state id="1"><!-- </status> --></node_state>` + ns("2"), false},
		{"other element", ns("1") + `<foo/>` + ns("2"), false},
		{"lookalike name", `<node_states/>` + ns("1") + ns("2"), false},
		{"error in second", ns("1") + `<node_state id="2"><lrm></node_state>`, false},
		{"error in first", `<node_state id="1" id="1"/>` + ns("2"), false},
		{"text", ns("1") + `text` + ns("2"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := []byte(head + tc.status + `</status></cib>`)
			decodeBoth(t, data)
			if got := usesParallel(t, data); got != tc.parallel {
				t.Errorf("statusParallel = %v, want %v", got, tc.parallel)
			}
		})
	}
}

// TestDecodeStatusParallelCases compares the two ways on every scheduler
// case and on the benchmark CIBs cached by the scheduler's benchmarks.
func TestDecodeStatusParallelCases(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(sharedDir(t, "scheduler-cases"), "*.xml"))
	if big, _ := filepath.Glob(filepath.Join(os.TempDir(), "gocrm-bench", "steady-16x500.xml")); len(big) > 0 {
		files = append(files, big...)
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".xml"), func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			decodeBoth(t, data)
		})
	}
}

// usesParallel reports whether statusParallel takes the status of data.
func usesParallel(t *testing.T, data []byte) bool {
	t.Helper()
	sc := xmltree.NewScanner(data)
	sc.SkipBlank = true
	d := &decoder{sc: sc, parallelMin: 1}
	for {
		tok, err := sc.Next()
		if err != nil || tok.Kind == xmltree.EOF {
			t.Fatalf("no <status> in the input (%v)", err)
		}
		if tok.Kind == xmltree.StartElement && tok.Name == "status" {
			return d.statusParallel(tok, &Status{})
		}
	}
}

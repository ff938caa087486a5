package shell

import (
	"errors"
	"fmt"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"

	"gocrm/cib"
	"gocrm/cib/xmltree"
	"gocrm/grammar"
)

// The shell's uses of the CIB codec and of diff and patch, in one place.

func decodeCIB(data []byte) (*cib.CIB, error) { return cib.DecodeBytes(data) }

// decodeFile decodes a CIB read from a file, with errors positioned as
// file:line:col.
func decodeFile(name string, data []byte) (*cib.CIB, error) {
	c, err := cib.DecodeBytes(data)
	if err == nil {
		return c, nil
	}
	var se *xmltree.SyntaxError
	if errors.As(err, &se) && se.Line > 0 {
		return nil, &PosError{Pos: Pos{File: name, Line: se.Line, Col: se.Col}, Err: errors.New(se.Msg)}
	}
	return nil, fmt.Errorf("%s: %w", name, err)
}

func encodeCIB(c *cib.CIB) ([]byte, error) { return cib.Marshal(c), nil }

func cloneCIB(c *cib.CIB) *cib.CIB { return c.Clone() }

func sameCIB(a, b *cib.CIB) bool { return cib.Equal(a, b) }

// showCIB prints the configuration of c in crm syntax, as crm configure
// show does.
func showCIB(c *cib.CIB) string { return grammar.Show(c) }

// mergeChanges applies the changes that turn base into mine onto cur and
// returns the result (cur itself is not changed); changes that do not fit
// cur (the same thing changed both ways) give an error wrapping
// cib.ErrConflict. The version is the caller's to set.
func mergeChanges(base, mine, cur *cib.CIB) (*cib.CIB, error) {
	return cib.Diff(base, mine).Apply(cur)
}

// changeSummary lists the objects that differ between a and b, one per
// line: "added primitive vip".
func changeSummary(a, b *cib.CIB) string {
	var out strings.Builder
	for _, c := range cib.Diff(a, b).Objects() {
		out.WriteString(c.String() + "\n")
	}
	return out.String()
}

// unifiedDiff returns a line diff of a and b in unified form (without
// hunk headers: the whole text is one hunk, unchanged runs shortened to
// three lines of context), or "" when they are equal.
func unifiedDiff(nameA, nameB, a, b string) string {
	if a == b {
		return ""
	}
	dmp := diffmatchpatch.New()
	ca, cb, lines := dmp.DiffLinesToChars(a, b)
	diffs := dmp.DiffCharsToLines(dmp.DiffMain(ca, cb, false), lines)
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", nameA, nameB)
	for i, d := range diffs {
		ls := strings.SplitAfter(d.Text, "\n")
		if ls[len(ls)-1] == "" {
			ls = ls[:len(ls)-1]
		}
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			writeLines(&out, "-", ls)
		case diffmatchpatch.DiffInsert:
			writeLines(&out, "+", ls)
		default:
			const ctx = 3
			head, tail := ls, []string(nil)
			if i > 0 && i < len(diffs)-1 && len(ls) > 2*ctx+1 {
				head, tail = ls[:ctx], ls[len(ls)-ctx:]
			} else if i == 0 && len(ls) > ctx {
				head = ls[len(ls)-ctx:]
			} else if i == len(diffs)-1 && len(ls) > ctx {
				head = ls[:ctx]
			}
			if i == 0 && len(ls) > ctx {
				out.WriteString("@@ ...\n")
			}
			writeLines(&out, " ", head)
			if tail != nil {
				out.WriteString("@@ ...\n")
				writeLines(&out, " ", tail)
			}
		}
	}
	return out.String()
}

func writeLines(b *strings.Builder, prefix string, ls []string) {
	for _, l := range ls {
		b.WriteString(prefix + l)
		if !strings.HasSuffix(l, "\n") {
			b.WriteString("\n\\ no newline at end\n")
		}
	}
}

var errNotFound = errors.New("no such object")

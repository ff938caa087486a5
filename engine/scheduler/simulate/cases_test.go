package simulate

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"gocrm/cib"
)

var (
	caseFilter = flag.String("case", "", "run only scheduler cases whose name matches this glob, and show diffs")
	showDiffs  = flag.Bool("diffs", false, "print a diff for every mismatching scheduler case")
	resultsOut = flag.String("results", "", "write one line per scheduler case (name, summary match, whole match, features) to this file")
)

// issue4Excluded are the feature tags that belong to later work (clones,
// promotable clones, bundles, remote and guest nodes, tickets, live
// migration, shutdown locks, container meta).
var issue4Excluded = map[string]bool{
	"clone": true, "promotable": true, "bundle": true, "remote": true, "guest": true,
	"ticket": true, "migration": true, "shutdown-lock": true, "container-meta": true,
}

func sharedDir(t testing.TB) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// normalize drops blank lines and all whitespace, like diff -w -B.
func normalize(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		l = strings.Join(strings.Fields(l), "")
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

func section(lines []string, start string) []string {
	var out []string
	in := false
	for _, l := range lines {
		if in && strings.HasSuffix(l, ":") && !strings.HasPrefix(l, "*") {
			break
		}
		if l == start {
			in = true
			continue
		}
		if in {
			out = append(out, l)
		}
	}
	return out
}

func equalLines(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

type caseResult struct {
	name          string
	features      []string
	summaryMatch  bool
	wholeMatch    bool
	err           error
	got, expected string
}

func runCase(dir, name string) caseResult {
	res := caseResult{name: name}
	data, err := os.ReadFile(filepath.Join(dir, name+".xml"))
	if err != nil {
		res.err = err
		return res
	}
	want, err := os.ReadFile(filepath.Join(dir, name+".summary"))
	if err != nil {
		res.err = err
		return res
	}
	c, err := cib.DecodeBytes(data)
	if err != nil {
		res.err = err
		return res
	}
	// crm_simulate evaluated cases without an execution-date at the wall
	// clock time it ran; the closest we can do is the current time.
	opts := Options{Simulate: true}
	if c.Attrs.Get("execution-date") == "" {
		opts.Now = time.Now()
	}
	out, err := Simulate(c, opts)
	if err != nil {
		res.err = err
		return res
	}
	res.got, res.expected = string(out), string(want)
	g, w := normalize(res.got), normalize(res.expected)
	res.wholeMatch = equalLines(g, w)
	res.summaryMatch = equalLines(section(g, "TransitionSummary:"), section(w, "TransitionSummary:"))
	return res
}

func readFeatures(path string) (map[string][]string, []string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	feats := map[string][]string{}
	var names []string
	sc := bufio.NewScanner(f)
	first := true
	for sc.Scan() {
		if first {
			first = false
			continue
		}
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 2 {
			continue
		}
		feats[cols[0]] = strings.Split(cols[1], ",")
		names = append(names, cols[0])
	}
	return feats, names, sc.Err()
}

type tally struct{ cases, summary, whole int }

func pct(n, d int) string {
	if d == 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", 100*float64(n)/float64(d))
}

// TestSchedulerCases runs Pacemaker's scheduler regression inputs and
// compares the output with crm_simulate's, per feature.
func TestSchedulerCases(t *testing.T) {
	shared := sharedDir(t)
	dir := filepath.Join(shared, "scheduler-cases")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("scheduler cases not found at %s: %v", dir, err)
	}
	feats, names, err := readFeatures(filepath.Join(dir, "features.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	var results []caseResult
	for _, name := range names {
		if *caseFilter != "" {
			if ok, _ := filepath.Match(*caseFilter, name); !ok {
				continue
			}
		}
		r := runCase(dir, name)
		r.features = feats[name]
		results = append(results, r)
	}
	elapsed := time.Since(start)
	byFeature := map[string]*tally{}
	var all, in4 tally
	for _, r := range results {
		if r.err != nil {
			t.Errorf("%s: %v", r.name, r.err)
		}
		issue4 := true
		for _, f := range r.features {
			if issue4Excluded[f] {
				issue4 = false
			}
			tl := byFeature[f]
			if tl == nil {
				tl = &tally{}
				byFeature[f] = tl
			}
			count(tl, r)
		}
		count(&all, r)
		if issue4 {
			count(&in4, r)
		}
		if (*caseFilter != "" || *showDiffs) && !r.wholeMatch && r.err == nil {
			t.Logf("=== %s\n%s", r.name, lineDiff(r.expected, r.got))
		}
	}
	if *resultsOut != "" {
		writeResults(t, *resultsOut, results)
	}
	var fs []string
	for f := range byFeature {
		fs = append(fs, f)
	}
	sort.Strings(fs)
	var b strings.Builder
	fmt.Fprintf(&b, "%-18s %6s %9s %6s %9s %6s\n", "feature", "cases", "summary", "", "whole", "")
	for _, f := range fs {
		tl := byFeature[f]
		fmt.Fprintf(&b, "%-18s %6d %9d %6s %9d %6s\n", f, tl.cases, tl.summary, pct(tl.summary, tl.cases), tl.whole, pct(tl.whole, tl.cases))
	}
	fmt.Fprintf(&b, "%-18s %6d %9d %6s %9d %6s\n", "ISSUE-4 SUBSET", in4.cases, in4.summary, pct(in4.summary, in4.cases), in4.whole, pct(in4.whole, in4.cases))
	fmt.Fprintf(&b, "%-18s %6d %9d %6s %9d %6s\n", "ALL", all.cases, all.summary, pct(all.summary, all.cases), all.whole, pct(all.whole, all.cases))
	fmt.Fprintf(&b, "ran %d cases in %v\n", len(results), elapsed.Round(time.Millisecond))
	t.Log("\n" + b.String())
	if *caseFilter == "" && in4.cases > 0 {
		if in4.summary*100 < 90*in4.cases {
			t.Errorf("issue-4 subset: %d/%d Transition Summary matches, want at least 90%%", in4.summary, in4.cases)
		}
		if in4.whole*100 < 75*in4.cases {
			t.Errorf("issue-4 subset: %d/%d whole-output matches, want at least 75%%", in4.whole, in4.cases)
		}
	}
}

func writeResults(t *testing.T, path string, results []caseResult) {
	var b strings.Builder
	for _, r := range results {
		fmt.Fprintf(&b, "%s\t%v\t%v\t%s\n", r.name, r.summaryMatch, r.wholeMatch, strings.Join(r.features, ","))
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func count(tl *tally, r caseResult) {
	tl.cases++
	if r.summaryMatch {
		tl.summary++
	}
	if r.wholeMatch {
		tl.whole++
	}
}

// lineDiff is a small line diff (expected vs got) for failure reports.
func lineDiff(want, got string) string {
	w := strings.Split(strings.TrimRight(want, "\n"), "\n")
	g := strings.Split(strings.TrimRight(got, "\n"), "\n")
	// LCS table
	m, n := len(w), len(g)
	dp := make([][]int, m+1)
	for i := range dp {
		dp[i] = make([]int, n+1)
	}
	key := func(s string) string { return strings.Join(strings.Fields(s), "") }
	for i := m - 1; i >= 0; i-- {
		for j := n - 1; j >= 0; j-- {
			if key(w[i]) == key(g[j]) {
				dp[i][j] = dp[i+1][j+1] + 1
			} else if dp[i+1][j] >= dp[i][j+1] {
				dp[i][j] = dp[i+1][j]
			} else {
				dp[i][j] = dp[i][j+1]
			}
		}
	}
	var b strings.Builder
	i, j := 0, 0
	for i < m || j < n {
		switch {
		case i < m && j < n && key(w[i]) == key(g[j]):
			b.WriteString("  " + w[i] + "\n")
			i++
			j++
		case j < n && (i == m || dp[i][j+1] >= dp[i+1][j]):
			b.WriteString("+ " + g[j] + "\n")
			j++
		default:
			b.WriteString("- " + w[i] + "\n")
			i++
		}
	}
	return b.String()
}

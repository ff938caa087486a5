package cib

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// OptionType is the type of value an option takes.
type OptionType uint8

// Option types, as Pacemaker's option meta-data names them.
const (
	TypeString     OptionType = iota
	TypeBoolean               // true/false and Pacemaker's other spellings
	TypeInteger               // an integer, INFINITY or -INFINITY
	TypeNonNegInt             // an integer >= 0
	TypeScore                 // an integer clamped to ±INFINITY
	TypeDuration              // an interval: 10s, 5min, PT1M
	TypeSelect                // one of Values
	TypePercentage            // an integer followed by %
	TypePort                  // a TCP port 1-65535
	TypeTimeout               // a duration, or a negative integer meaning "compute it"
)

var optionTypeNames = [...]string{"string", "boolean", "integer", "nonnegative integer", "score", "duration", "select", "percentage", "port", "timeout"}

func (t OptionType) String() string {
	if int(t) < len(optionTypeNames) {
		return optionTypeNames[t]
	}
	return "OptionType(" + strconv.Itoa(int(t)) + ")"
}

// Option describes one named setting: a cluster property, a resource meta
// attribute, an operation attribute or an alert meta attribute.
type Option struct {
	Name    string
	Type    OptionType
	Default string   // "" when there is none or it is computed (see Desc)
	Values  []string // allowed values of a TypeSelect option
	Desc    string   // one line
	// Deprecated, when set, says what to use instead.
	Deprecated string
	// Advanced marks options that should normally be left alone.
	Advanced bool
	// ReadOnly marks properties the cluster maintains itself.
	ReadOnly bool
}

// OptionTable is a set of options with lookup and suggestions.
type OptionTable struct {
	Kind    string // "cluster property", "resource meta attribute", ...
	Options []Option
	byName  map[string]int
	names   []string
	current []string // names that are not deprecated, for suggestions
}

func newTable(kind string, opts []Option) *OptionTable {
	t := &OptionTable{Kind: kind, Options: opts, byName: make(map[string]int, len(opts))}
	for i, o := range opts {
		t.byName[o.Name] = i
		t.names = append(t.names, o.Name)
		if o.Deprecated == "" {
			t.current = append(t.current, o.Name)
		}
	}
	sort.Strings(t.names)
	return t
}

// Lookup returns the option named name (case-sensitive, as in Pacemaker).
func (t *OptionTable) Lookup(name string) (*Option, bool) {
	if i, ok := t.byName[name]; ok {
		return &t.Options[i], true
	}
	return nil, false
}

// Names returns the option names in alphabetical order (for completion).
func (t *OptionTable) Names() []string { return t.names }

// Suggest returns the best "did you mean" candidate for an unknown name
// among the options that are not deprecated, or "" when nothing is close.
func (t *OptionTable) Suggest(name string) string { return Suggest(name, t.current) }

// Default returns the default value of the named option ("" if unknown).
func (t *OptionTable) Default(name string) string {
	if o, ok := t.Lookup(name); ok {
		return o.Default
	}
	return ""
}

// Check reports whether value is acceptable for o, with an error that says
// what is expected.
func (o *Option) Check(value string) error {
	v := strings.TrimSpace(value)
	switch o.Type {
	case TypeBoolean:
		if !IsTrue(v) && !IsFalse(v) {
			return fmt.Errorf("%s=%q: want a boolean (true or false)", o.Name, value)
		}
	case TypeInteger, TypeScore:
		if _, err := ParseScore(v); err != nil {
			return fmt.Errorf("%s=%q: want an integer, INFINITY or -INFINITY", o.Name, value)
		}
	case TypeNonNegInt:
		if n, err := strconv.ParseInt(v, 10, 64); err != nil || n < 0 {
			return fmt.Errorf("%s=%q: want a non-negative integer", o.Name, value)
		}
	case TypePort:
		if n, err := strconv.Atoi(v); err != nil || n < 1 || n > 65535 {
			return fmt.Errorf("%s=%q: want a port number (1-65535)", o.Name, value)
		}
	case TypeDuration:
		if _, err := ParseDuration(v); err != nil {
			return fmt.Errorf("%s: %w", o.Name, err)
		}
	case TypeTimeout:
		if n, err := strconv.ParseInt(v, 10, 64); err == nil && n < 0 {
			return nil
		}
		if _, err := ParseDuration(v); err != nil {
			return fmt.Errorf("%s: %w", o.Name, err)
		}
	case TypePercentage:
		n, err := strconv.Atoi(strings.TrimSuffix(v, "%"))
		if err != nil || n < 0 {
			return fmt.Errorf("%s=%q: want a percentage such as 80%%", o.Name, value)
		}
	case TypeSelect:
		for _, a := range o.Values {
			if strings.EqualFold(a, v) {
				return nil
			}
		}
		msg := fmt.Sprintf("%s=%q: want one of %s", o.Name, value, strings.Join(o.Values, ", "))
		if s := Suggest(v, o.Values); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		return fmt.Errorf("%s", msg)
	}
	return nil
}

// Suggest returns the candidate closest to name ("did you mean"): one that
// equals name up to case or '_' versus '-', one that name is a prefix or a
// dash-separated part of, or one within a small edit distance; "" when none
// is close enough. Ties go to the alphabetically first candidate.
func Suggest(name string, candidates []string) string {
	if name == "" {
		return ""
	}
	norm := func(s string) string { return strings.ReplaceAll(strings.ToLower(s), "_", "-") }
	n := norm(name)
	best, bestScore := "", 1<<30
	consider := func(c string, score int) {
		if score < bestScore || (score == bestScore && c < best) {
			best, bestScore = c, score
		}
	}
	for _, c := range candidates {
		cn := norm(c)
		switch {
		case cn == n:
			consider(c, 0)
		case len(n) >= 3 && strings.HasPrefix(cn, n):
			consider(c, 1+len(cn)-len(n))
		case len(n) >= 4 && containsPart(cn, n):
			consider(c, 2+len(cn)-len(n))
		case len(cn) >= 2 && len(n) > len(cn) && strings.HasPrefix(n, cn):
			consider(c, 3+len(n)-len(cn))
		default:
			limit := 1 + len(n)/4
			if limit > 3 {
				limit = 3
			}
			if d := editDistance(n, cn, limit); d <= limit {
				consider(c, 10*d)
			}
		}
	}
	return best
}

// containsPart reports whether part is one or more whole dash-separated
// words of s ("mode" in "maintenance-mode").
func containsPart(s, part string) bool {
	for i := 0; i+len(part) <= len(s); i++ {
		if s[i:i+len(part)] == part && (i == 0 || s[i-1] == '-') &&
			(i+len(part) == len(s) || s[i+len(part)] == '-') {
			return true
		}
	}
	return false
}

// editDistance returns the optimal string alignment distance between a
// and b (Levenshtein plus transpositions of neighbours), or limit+1 as soon
// as it must exceed limit.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

package cib

import (
	"sort"
	"strings"
	"time"
)

// NVSetOptions tune EvalNVSets.
type NVSetOptions struct {
	// First is the id of a set that always comes first whatever its score
	// (Pacemaker uses cib-bootstrap-options for cluster properties).
	First string
	// Overwrite lets later sets replace values of earlier ones; by default
	// the first set (highest score) that names a value wins.
	Overwrite bool
}

// EvalNVSets computes the effective name/value map of sets the way
// Pacemaker unpacks them: id-refs are resolved through ctx.Refs, sets are
// ordered by descending score (stable: document order breaks ties, and the
// set named by opts.First leads), sets whose rules do not hold are skipped,
// and within the remaining sets the first value of a name wins unless
// opts.Overwrite is set. A value of "#default" removes what earlier sets
// gave the name. It also returns the earliest time the result may change
// because of a date expression (zero when none).
func EvalNVSets(sets []*NVSet, ctx *RuleContext, opts NVSetOptions) (map[string]string, time.Time) {
	ctx = orEmpty(ctx)
	type sorted struct {
		set   *NVSet
		score Score
		first bool
	}
	list := make([]sorted, 0, len(sets))
	for _, s := range sets {
		r := resolveNVSet(s, ctx)
		if r == nil {
			continue
		}
		sc, err := ParseScore(s.Score)
		if s.Score == "" || err != nil {
			sc = 0
		}
		list = append(list, sorted{r, sc, opts.First != "" && s.ID == opts.First})
	}
	sort.SliceStable(list, func(i, j int) bool {
		if list[i].first != list[j].first {
			return list[i].first
		}
		return list[i].score > list[j].score
	})
	out := make(map[string]string)
	var next time.Time
	for _, it := range list {
		ok, n := EvalRulesNext(it.set.Rules, ctx)
		if !n.IsZero() && (next.IsZero() || n.Before(next)) {
			next = n
		}
		if !ok {
			continue
		}
		for _, p := range it.set.Pairs {
			name, value, ok := resolveNVPair(p, ctx)
			if !ok {
				continue
			}
			_, had := out[name]
			switch {
			case strings.EqualFold(value, "#default"):
				delete(out, name)
			case !had || opts.Overwrite:
				out[name] = value
			}
		}
	}
	return out, next
}

// resolveNVSet follows an nvset's id-ref; it returns nil when the
// reference cannot be resolved.
func resolveNVSet(s *NVSet, ctx *RuleContext) *NVSet {
	if s.IDRef == "" {
		return s
	}
	if ctx == nil || ctx.Refs == nil {
		return nil
	}
	for e := ctx.Refs.byID[s.IDRef]; e != nil; e = e.next {
		if r, ok := e.Obj.(*NVSet); ok && r.IDRef == "" {
			return r
		}
	}
	return nil
}

// resolveNVPair returns the name and value of a pair, following an id-ref;
// pairs without a value are skipped, as in Pacemaker.
func resolveNVPair(p *NVPair, ctx *RuleContext) (string, string, bool) {
	if p.IDRef != "" && p.Name == "" {
		if ctx == nil || ctx.Refs == nil {
			return "", "", false
		}
		for e := ctx.Refs.byID[p.IDRef]; e != nil; e = e.next {
			if r, ok := e.Obj.(*NVPair); ok && r.IDRef == "" {
				p = r
				break
			}
		}
		if p.IDRef != "" && p.Name == "" {
			return "", "", false
		}
	}
	if p.Name == "" || p.NoValue {
		return "", "", false
	}
	return p.Name, p.Value, true
}

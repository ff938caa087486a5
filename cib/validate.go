package cib

import (
	"fmt"
	"sort"
	"strings"
)

// Severity says whether a Problem makes the configuration invalid.
type Severity uint8

const (
	// SeverityError marks a configuration Pacemaker rejects or silently
	// ignores part of: it must be fixed before it is committed.
	SeverityError Severity = iota
	// SeverityWarning marks something suspicious that still works.
	SeverityWarning
)

func (s Severity) String() string {
	if s == SeverityWarning {
		return "warning"
	}
	return "error"
}

// Problem is one thing wrong with a configuration.
type Problem struct {
	Severity Severity
	// Object is the crm object at fault, e.g. "primitive vip" or
	// "location l1"; for a problem that concerns the whole configuration
	// it is "configuration".
	Object string
	// Path is the element at fault within the configuration, e.g.
	// resources/group[g]/primitive[vip]/operations/op[vip-monitor-30s].
	Path string
	// ID is the id of the element at fault, or of its nearest ancestor
	// that has one.
	ID string
	// Message says what is wrong and what to do about it.
	Message string
}

// String formats p as "error: primitive vip: message", followed by the
// path when the element at fault is inside the object.
func (p Problem) String() string {
	s := p.Severity.String() + ": " + p.Object + ": " + p.Message
	obj := p.Object[strings.LastIndexByte(p.Object, ' ')+1:]
	if p.Path != "" && !strings.HasSuffix(p.Path, "["+obj+"]") {
		s += " (at " + p.Path + ")"
	}
	return s
}

// MetadataFunc returns an agent's meta-data; an error means it is not
// available (the agent is not installed here), which disables the checks
// that need it for that agent.
type MetadataFunc func(class, provider, agent string) (*AgentMetadata, error)

// ValidateOptions tune Validate.
type ValidateOptions struct {
	// Metadata fetches agent meta-data for parameter checks; nil skips
	// them.
	Metadata MetadataFunc
}

// Validate checks a configuration and returns every problem found, errors
// and warnings, ordered by the position of the element at fault. It never
// modifies c.
func Validate(c *CIB, opts ValidateOptions) []Problem {
	if c == nil {
		return []Problem{{Severity: SeverityError, Object: "configuration", Message: "there is no CIB to validate"}}
	}
	v := newValidator(c, opts)
	v.run()
	return v.sorted()
}

// HasErrors reports whether any problem is an error.
func HasErrors(ps []Problem) bool {
	for _, p := range ps {
		if p.Severity == SeverityError {
			return true
		}
	}
	return false
}

type validator struct {
	c     *CIB
	opts  ValidateOptions
	ix    *Index
	probs []orderedProblem
	meta  map[string]*AgentMetadata // cache by class:provider:type

	stonith   *bool // effective stonith-enabled, computed once
	stonithAt any   // the nvpair that sets it, if any
}

type orderedProblem struct {
	pos int
	Problem
}

func newValidator(c *CIB, opts ValidateOptions) *validator {
	return &validator{c: c, opts: opts, ix: NewIndex(c)}
}

func (v *validator) run() {
	v.checkIDs()
	v.checkCRMConfig()
	v.checkNodes()
	v.checkResources()
	v.checkConstraints()
	v.checkDefaults()
	v.checkFencingTopology()
	v.checkTags()
	v.checkACLs()
	v.checkAlerts()
	v.checkRulesEverywhere()
	v.checkStonith()
}

func (v *validator) sorted() []Problem {
	sort.SliceStable(v.probs, func(i, j int) bool { return v.probs[i].pos < v.probs[j].pos })
	out := make([]Problem, len(v.probs))
	for i, p := range v.probs {
		out[i] = p.Problem
	}
	return out
}

// report records a problem at an element, given as its *Entry or as the
// model object (resolved through the index only when a problem is found).
func (v *validator) report(sev Severity, at any, format string, args ...any) {
	p := Problem{Severity: sev, Message: fmt.Sprintf(format, args...)}
	e := v.resolve(at)
	pos := -1
	if e == nil {
		p.Object = "configuration"
	} else {
		p.Object = e.ObjectName()
		p.Path = e.Path()
		for x := e; x != nil; x = x.Parent {
			if x.ID != "" {
				p.ID = x.ID
				break
			}
		}
		pos = e.pos
	}
	v.probs = append(v.probs, orderedProblem{pos, p})
}

func (v *validator) errorf(at any, format string, args ...any) {
	v.report(SeverityError, at, format, args...)
}

func (v *validator) warnf(at any, format string, args ...any) {
	v.report(SeverityWarning, at, format, args...)
}

// resolve returns the entry of at (an *Entry or a model object of the
// validated CIB), nil for the configuration as a whole.
func (v *validator) resolve(at any) *Entry {
	switch x := at.(type) {
	case nil:
		return nil
	case *Entry:
		return x
	}
	if e := v.ix.Of(at); e != nil {
		return e
	}
	return &Entry{Name: "?"}
}

// checkIDs reports missing, malformed and duplicate ids. Node ids are not
// XML IDs (they are often numbers) and are checked among nodes only.
func (v *validator) checkIDs() {
	for _, e := range v.ix.entries {
		if e.Obj == nil || e.Ref != "" {
			continue
		}
		if e.ID == "" {
			if needsID(e) {
				v.errorf(e, "%s has no id; give it a unique id", e.Name)
			}
			continue
		}
		if _, isNode := e.Obj.(*Node); isNode {
			continue
		}
		if why := badXMLID(e.ID); why != "" {
			v.errorf(e, "id %q is not valid: %s", e.ID, why)
		}
	}
	for _, id := range v.ix.Duplicates() {
		first := v.ix.byID[id]
		var real []*Entry
		for e := first; e != nil; e = e.next {
			if _, isNode := e.Obj.(*Node); !isNode && e.Ref == "" {
				real = append(real, e)
			}
		}
		if len(real) < 2 {
			continue
		}
		for _, e := range real[1:] {
			v.errorf(e, "id %q is already used by %s; ids must be unique in the configuration", id, real[0].Path())
		}
	}
}

// needsID reports whether the schema requires an id on e.
func needsID(e *Entry) bool {
	switch e.Obj.(type) {
	case *Node, *Primitive, *Template, *Group, *Clone, *Bundle, *Op,
		*Location, *Colocation, *Order, *Ticket, *ResourceSet, *Rule,
		*Expression, *DateExpression, *RscExpression, *OpExpression,
		*FencingLevel, *Tag, *ACLTarget, *ACLGroup, *ACLRole, *ACLPermission,
		*Alert, *Recipient, *PortMapping, *StorageMapping:
		return true
	case *NVSet, *NVPair:
		return true
	}
	return false
}

// badXMLID says why s is not a valid XML ID (an NCName), or "".
func badXMLID(s string) string {
	for i, r := range s {
		switch {
		case r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0x80:
		case i > 0 && (r >= '0' && r <= '9' || r == '-' || r == '.'):
		case i == 0:
			return fmt.Sprintf("it must start with a letter or '_', not %q", r)
		default:
			return fmt.Sprintf("%q is not allowed (use letters, digits, '-', '_' and '.')", r)
		}
	}
	return ""
}

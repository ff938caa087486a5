package grammar

import (
	"regexp"
	"strconv"
	"sync"
	"unicode"
)

// idStore is the set of ids in use, and generates new ones the way crmsh's
// idmgmt does: <prefix>-<suffix> for the kind of element, made unique by
// appending -0, -1, ... -98.
type idStore struct {
	used map[string]struct{}
	// journal lists the ids added since the last mark, to roll back a
	// statement that fails.
	journal []string
}

func newIDStore(n int) *idStore {
	return &idStore{used: make(map[string]struct{}, n)}
}

func (s *idStore) has(id string) bool {
	_, ok := s.used[id]
	return ok
}

func (s *idStore) save(id string) {
	if id == "" || s.has(id) {
		return
	}
	s.used[id] = struct{}{}
	s.journal = append(s.journal, id)
}

// mark starts a statement; rollback forgets the ids it added.
func (s *idStore) mark() { s.journal = s.journal[:0] }

func (s *idStore) rollback() {
	for _, id := range s.journal {
		delete(s.used, id)
	}
	s.journal = s.journal[:0]
}

// Suffixes crmsh gives the ids of nested elements (constants.subpfx_list).
const (
	sfxInstance = "instance_attributes"
	sfxMeta     = "meta_attributes"
	sfxUtil     = "utilization"
	sfxRule     = "rule"
	sfxExpr     = "expression" // both expression and date_expression
	sfxDuration = "duration"
	sfxDateSpec = "date_spec"
)

// gen returns a new unique id for an element with the given suffix under
// prefix (an empty suffix gives the prefix itself, as for resource sets,
// fencing levels and ACL permissions), and records it as used.
func (s *idStore) gen(prefix, suffix string) string {
	prefix = numPrefix(prefix)
	id := prefix
	if suffix != "" {
		id = prefix + "-" + suffix
	}
	return s.unique(id)
}

// genOp returns a new id for an op: <prefix>-<name>-<interval>.
func (s *idStore) genOp(prefix, name, interval string) string {
	id := numPrefix(prefix) + "-" + name
	if interval != "" {
		id += "-" + interval
	}
	return s.unique(id)
}

// unique makes id unique with crmsh's -0 ... -98 suffixes (after which
// crmsh gives up and returns the id as it is) and records it.
func (s *idStore) unique(id string) string {
	if s.has(id) {
		for i := 0; i < 99; i++ {
			try := id + "-" + strconv.Itoa(i)
			if !s.has(try) {
				id = try
				break
			}
		}
	}
	s.save(id)
	return id
}

// numPrefix turns an all-digit prefix (a node id, say) into num-<digits>,
// as crmsh does, since XML ids may not start with a digit.
func numPrefix(p string) string {
	if p == "" {
		return p
	}
	for i := 0; i < len(p); i++ {
		if p[i] < '0' || p[i] > '9' {
			return p
		}
	}
	return "num-" + p
}

// validID reports whether id is acceptable as an object id, as crmsh's
// is_id_valid checks: a letter or underscore, then letters, digits, '.',
// '_' or '-'.
func validID(id string) bool {
	if id == "" {
		return false
	}
	for i, r := range id {
		switch {
		case r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
		case i > 0 && (r >= '0' && r <= '9' || r == '.' || r == '-'):
		case i > 0 && r > 127 && isWordRune(r):
		default:
			return false
		}
	}
	return true
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// lazyRegexp compiles pattern on first use, so that start-up does not pay
// for the patterns most runs of crm never need.
func lazyRegexp(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}

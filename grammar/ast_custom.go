package grammar

import (
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// RoleSpec is the role=<role> (or $role=<role>) of a rule or of a location
// after its node. It is a custom production because only these two names
// may appear there; any other name=value word belongs to what follows.
type RoleSpec struct {
	Tok lexer.Token
}

// Parse implements participle.Parseable.
func (r *RoleSpec) Parse(lex *lexer.PeekingLexer) error {
	if !isRoleSpec(lex.Peek()) {
		return participle.NextMatch
	}
	r.Tok = *lex.Next()
	return nil
}

func isRoleSpec(t *lexer.Token) bool {
	if t.Type != TokAssign && t.Type != TokDollar {
		return false
	}
	name, value, _ := strings.Cut(t.Value, "=")
	return value != "" && (strings.EqualFold(name, "role") || strings.EqualFold(name, "$role"))
}

// Value returns the role.
func (r *RoleSpec) Value() string {
	_, v, _ := strings.Cut(r.Tok.Value, "=")
	return v
}

// dateFields are the fields crmsh accepts in date expressions (including
// its "yearsdays" misspelling), plus the fields Pacemaker knows and crmsh
// does not (yeardays, minutes, seconds), so that every date_spec a CIB may
// hold can be written in crm syntax.
var dateFields = map[string]bool{
	"start": true, "end": true,
	"hours": true, "monthdays": true, "weekdays": true, "yearsdays": true,
	"yeardays": true, "months": true, "weeks": true, "years": true,
	"weekyears": true, "moon": true, "minutes": true, "seconds": true,
}

// DateField is one <field>=<value> of a date in_range or date_spec
// expression (a bare field name gives an empty value, as in crmsh).
type DateField struct {
	Tok lexer.Token
}

// Parse implements participle.Parseable.
func (f *DateField) Parse(lex *lexer.PeekingLexer) error {
	if !isDateField(lex.Peek()) {
		return participle.NextMatch
	}
	f.Tok = *lex.Next()
	return nil
}

func isDateField(t *lexer.Token) bool {
	switch t.Type {
	case TokAssign:
		name, value, _ := strings.Cut(t.Value, "=")
		return dateFields[name] && value != ""
	case TokWord:
		return dateFields[t.Value]
	}
	return false
}

// Name and Value split the field.
func (f *DateField) Name() string {
	n, _, _ := strings.Cut(f.Tok.Value, "=")
	return n
}

// Value returns the field's value ("" for a bare name).
func (f *DateField) Value() string {
	_, v, _ := strings.Cut(f.Tok.Value, "=")
	return v
}

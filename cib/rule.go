package cib

// Rule is a <rule>: a boolean combination (BooleanOp and, the default, or
// or) of expressions and nested rules. In a location constraint a rule that
// holds contributes Score (or the value of the node attribute named by
// ScoreAttribute) to a node.
type Rule struct {
	ID             string
	IDRef          string
	Score          string
	ScoreAttribute string
	BooleanOp      string
	Role           string
	Exprs          []Expr
	Extra          Extra
}

// Expr is one term of a rule: *Expression, *DateExpression,
// *RscExpression, *OpExpression or a nested *Rule.
type Expr interface{ isExpr() }

// Expression compares a node attribute (<expression>). Operation is one of
// lt, gt, lte, gte, eq, ne, defined, not_defined; Type is string, integer,
// number or version; ValueSource is literal, param or meta.
type Expression struct {
	ID          string
	IDRef       string
	Attribute   string
	Operation   string
	Value       string
	Type        string
	ValueSource string
	Extra       Extra
}

// DateExpression tests "now" (<date_expression>): Operation is lt, gt,
// in_range (with Start and End or Duration) or date_spec (with Spec).
type DateExpression struct {
	ID        string
	Operation string
	Start     string
	End       string
	Spec      *DateSpec // <date_spec>
	Duration  *DateSpec // <duration>, same attribute shape
	Extra     Extra
}

// DateSpec is a <date_spec> or <duration>: its fields (hours, monthdays,
// weekdays, yeardays, months, weeks, years, weekyears, moon, seconds,
// minutes) are kept in the order written.
type DateSpec struct {
	ID    string
	Attrs Attrs
	Extra Extra
}

// RscExpression matches a resource's agent (<rsc_expression>), used in
// rules of rsc_defaults.
type RscExpression struct {
	ID       string
	Class    string
	Provider string
	Type     string
	Extra    Extra
}

// OpExpression matches an operation (<op_expression>), used in rules of
// op_defaults.
type OpExpression struct {
	ID       string
	Name     string
	Interval string
	Extra    Extra
}

func (*Rule) isExpr()           {}
func (*Expression) isExpr()     {}
func (*DateExpression) isExpr() {}
func (*RscExpression) isExpr()  {}
func (*OpExpression) isExpr()   {}

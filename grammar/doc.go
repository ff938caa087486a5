// Package grammar is the crm configure language as crmsh 4.4 accepts it:
// a lexer with crmsh's quoting and line-continuation rules, a participle
// grammar for every configuration statement (node, primitive, group, clone,
// ms, bundle, rsc_template, location, colocation, order, rsc_ticket,
// property, rsc_defaults, op_defaults, fencing_topology, tag, role,
// acl_target, acl_group, user, alert, monitor), the conversion of parsed
// statements into a *cib.CIB with the ids crmsh would generate, and a
// printer that lays a CIB out the way `crm configure show` does.
//
// The grammar (ast.go) is syntax only: participle structs whose nodes carry
// their positions. What a statement means is decided by the Builder
// (build*.go, assign.go), which reports semantic errors at the statement's
// position and names nested elements as crmsh does (vip-instance_attributes,
// vip-monitor-30s, l2-rule-expression-0, ...), unique against every id
// already in the CIB. The printer (print*.go) is independent of both and
// works on any CIB, including one read from XML.
//
// Participle allocates on every branch it tries and needs about 40µs per
// statement, too slow for large scripts, and building its parser takes
// milliseconds, too slow for crm's start-up. So statements are parsed by a
// hand-written recursive-descent parser (fastparse*.go) that builds exactly
// the AST participle builds (the tests and FuzzParse compare the two on
// every input). Participle's parser is built only when needed: for EBNF,
// and on the error path, where it gets a second try at a statement the fast
// parser rejected. The fast parser explains errors in crm terms: what was
// found, in which clause, and everything that could have come there
// (`unexpected "(" after "op monitor interval=10s", expected a name=value
// pair, end of line or one of: params, meta, utilization, op`).
//
// Typical use:
//
//	script, err := grammar.ParseString("cib.crm", text)
//	if err != nil { ... } // grammar.ErrorList: file:line:col: unexpected ..., expected ...
//	err = grammar.Apply(c, script.Statements, grammar.ApplyOptions{})
//	fmt.Print(grammar.Show(c))
//
// An interactive shell parses what the user typed with ParseStatement (an
// *Error with Incomplete set asks for a continuation line) and applies it
// with a Builder kept for the session.
package grammar

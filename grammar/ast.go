package grammar

import "github.com/alecthomas/participle/v2/lexer"

// The AST of the crm configure language. Each struct is one production of
// the participle grammar; fields of type lexer.Token keep the word, its
// type and its position. A zero Token (Type 0) is an absent optional word.
// The grammar is deliberately close to crmsh's parser (parse.py): what a
// word means (is this score a number or a node attribute, is this list a
// resource set) is decided by the builder, not here.

// Statement is one configuration statement. Comments holds the comment
// lines just before it: crmsh keeps those with the object that follows.
type Statement struct {
	Pos      lexer.Position
	Comments []string

	Node       *NodeStmt       `parser:"( @@"`
	Primitive  *PrimitiveStmt  `parser:"  | @@"`
	Monitor    *MonitorStmt    `parser:"  | @@"`
	Group      *GroupStmt      `parser:"  | @@"`
	Clone      *CloneStmt      `parser:"  | @@"`
	Bundle     *BundleStmt     `parser:"  | @@"`
	Location   *LocationStmt   `parser:"  | @@"`
	Colocation *ColocationStmt `parser:"  | @@"`
	Order      *OrderStmt      `parser:"  | @@"`
	Ticket     *TicketStmt     `parser:"  | @@"`
	Property   *PropertyStmt   `parser:"  | @@"`
	Fencing    *FencingStmt    `parser:"  | @@"`
	Tag        *TagStmt        `parser:"  | @@"`
	Role       *RoleStmt       `parser:"  | @@"`
	ACLTarget  *ACLTargetStmt  `parser:"  | @@"`
	User       *UserStmt       `parser:"  | @@"`
	Alert      *AlertStmt      `parser:"  | @@ ) EOL"`
}

// NodeStmt: node [<id>: | $id=<id>] <uname>[:<type>] [description=<text>]
// [attributes ...] [utilization ...].
type NodeStmt struct {
	Pos      lexer.Position
	ID       lexer.Token `parser:"'node' @(IDSpec | Label)?"`
	Uname    lexer.Token `parser:"@(Word | Colon)"`
	Desc     lexer.Token `parser:"@Desc?"`
	Implicit *AttrBody   `parser:"@@?"`
	Sets     []*NodeSet  `parser:"@@*"`
}

// NodeSet is an attributes or utilization block of a node.
type NodeSet struct {
	Pos     lexer.Position
	Keyword string    `parser:"@('attributes' | 'utilization')"`
	Body    *AttrBody `parser:"@@?"`
}

// PrimitiveStmt: primitive|rsc_template <id> <agent>|@<template>
// [description=<text>] [params ...] [meta ...] [utilization ...]
// [operations $id=<id>] [op <name> ...]...
type PrimitiveStmt struct {
	Pos      lexer.Position
	Keyword  string      `parser:"@('primitive' | 'rsc_template')"`
	ID       lexer.Token `parser:"@Word"`
	Agent    lexer.Token `parser:"@(Word | Colon | At)"`
	Desc     lexer.Token `parser:"@Desc?"`
	Implicit *AttrBody   `parser:"@@?"`
	Parts    []*PrimPart `parser:"@@*"`
}

// PrimPart is one block of a primitive after its agent.
type PrimPart struct {
	Pos        lexer.Position
	Set        *RscSet     `parser:"  @@"`
	Operations lexer.Token `parser:"| 'operations' @IDSpec"`
	Op         *OpSpec     `parser:"| @@"`
}

// RscSet is a params, meta or utilization block of a primitive.
type RscSet struct {
	Pos     lexer.Position
	Keyword string    `parser:"@('params' | 'meta' | 'utilization')"`
	Body    *AttrBody `parser:"@@?"`
}

// OpSpec: op <name> [<attr>=<value>...] [op_params ...] [op_meta ...].
type OpSpec struct {
	Pos   lexer.Position
	Name  lexer.Token `parser:"'op' @(Word | Colon | Label)"`
	Attrs []*NVPair   `parser:"@@*"`
	Sets  []*OpSet    `parser:"@@*"`
}

// OpSet is an op_params or op_meta block of an op.
type OpSet struct {
	Pos     lexer.Position
	Keyword string    `parser:"@('op_params' | 'op_meta')"`
	Body    *AttrBody `parser:"@@?"`
}

// MonitorStmt: monitor <rsc>[:<role>] <interval>[:<timeout>].
type MonitorStmt struct {
	Pos      lexer.Position
	Rsc      lexer.Token `parser:"'monitor' @(Word | Colon | Label)"`
	Interval lexer.Token `parser:"@(Word | Colon | Label)"`
}

// GroupStmt: group <id> <rsc>... [description=<text>] [params ...] [meta ...].
type GroupStmt struct {
	Pos      lexer.Position
	ID       lexer.Token     `parser:"'group' @Word"`
	Children []lexer.Token   `parser:"@(( (?! 'params' | 'meta') (Word | Colon | Label | At) )+)"`
	Desc     lexer.Token     `parser:"@Desc?"`
	Implicit *AttrBody       `parser:"@@?"`
	Sets     []*ContainerSet `parser:"@@*"`
}

// CloneStmt: clone|ms|master <id> <rsc> [description=<text>] [params ...]
// [meta ...].
type CloneStmt struct {
	Pos      lexer.Position
	Keyword  string          `parser:"@('clone' | 'ms' | 'master')"`
	ID       lexer.Token     `parser:"@Word"`
	Child    lexer.Token     `parser:"@(Word | Colon | Label)"`
	Desc     lexer.Token     `parser:"@Desc?"`
	Implicit *AttrBody       `parser:"@@?"`
	Sets     []*ContainerSet `parser:"@@*"`
}

// ContainerSet is a params or meta block of a group or clone.
type ContainerSet struct {
	Pos     lexer.Position
	Keyword string    `parser:"@('params' | 'meta')"`
	Body    *AttrBody `parser:"@@?"`
}

// BundleStmt: bundle <id> [description=<text>] docker|rkt|podman <opts>
// [network <opts> [port-mapping <opts>]...] [storage [storage-mapping
// <opts>]...] [primitive <id>] [meta ...].
type BundleStmt struct {
	Pos   lexer.Position
	ID    lexer.Token   `parser:"'bundle' @Word"`
	Desc  lexer.Token   `parser:"@Desc?"`
	Parts []*BundlePart `parser:"@@*"`
}

// BundlePart is one block of a bundle.
type BundlePart struct {
	Pos       lexer.Position
	Options   *BundleOptions `parser:"  @@"`
	Primitive lexer.Token    `parser:"| 'primitive' @Word"`
	Meta      *AttrBody      `parser:"| 'meta' @@?"`
}

// BundleOptions is a container, network or storage block; bare
// port-mapping and storage-mapping words start sub-elements.
type BundleOptions struct {
	Pos   lexer.Position
	Kind  string        `parser:"@('docker' | 'rkt' | 'podman' | 'network' | 'storage')"`
	Attrs []lexer.Token `parser:"@(( (Assign | Desc) | (?! 'network' | 'storage' | 'meta' | 'primitive' | 'docker' | 'rkt' | 'podman') Word )*)"`
}

// AttrBody is the inside of an attribute block:
// [$id=<id> | $id-ref=<id>] [<score>:] [rule ...]... [<name>=<value>]...
type AttrBody struct {
	Pos    lexer.Position
	IDSpec lexer.Token `parser:"( @IDSpec?"`
	Score  lexer.Token `parser:"  @Label?"`
	Rules  []*Rule     `parser:"  @@*"`
	Pairs  []*NVPair   `parser:"  @@* )!"`
}

// NVPair is one name/value item: name=value, a bare name (a word that is
// not a keyword), $id:name=value (an nvpair with an explicit id), or
// @id-ref[:name].
type NVPair struct {
	Tok lexer.Token `parser:"  @(Assign | Desc | Dollar | At | IDSpec) | (?! 'params' | 'meta' | 'utilization' | 'operations' | 'op' | 'op_params' | 'op_meta' | 'rule' | 'attributes' | 'to' | 'select' | 'network' | 'storage' | 'primitive' | 'docker' | 'rkt' | 'podman') @Word"`
}

// Rule: rule [$id=<id> | $id-ref=<id>] [$role=<role>] [<score>:]
// <expression> [and|or <expression>]...
type Rule struct {
	Pos    lexer.Position
	IDSpec lexer.Token `parser:"'rule' @IDSpec?"`
	Role   *RoleSpec   `parser:"@@?"`
	Score  lexer.Token `parser:"@Label?"`
	First  *Expr       `parser:"( @@"`
	Rest   []*BoolExpr `parser:"  @@* )?"`
}

// BoolExpr is one further expression of a rule with its boolean operator.
type BoolExpr struct {
	Op   lexer.Token `parser:"@('and' | 'or')"`
	Expr *Expr       `parser:"@@"`
}

// Expr is one expression of a rule.
type Expr struct {
	Pos    lexer.Position
	Date   *DateExpr   `parser:"  'date' @@"`
	Unary  *UnaryExpr  `parser:"| @@"`
	Binary *BinaryExpr `parser:"| @@"`
}

// UnaryExpr: defined|not_defined <attribute>.
type UnaryExpr struct {
	Op   lexer.Token `parser:"@('defined' | 'not_defined')"`
	Attr lexer.Token `parser:"@(Word | Colon | Label)"`
}

// BinaryExpr: <attribute> [<type>:]<op> <value>.
type BinaryExpr struct {
	Attr  lexer.Token `parser:"@(Word | Colon | Label)"`
	Op    lexer.Token `parser:"@(Word | Colon)"`
	Value lexer.Token `parser:"@(Word | Colon | Label | Assign | Desc | IDSpec | Dollar | At | Punct)"`
}

// DateExpr: date lt|gt <date> | date in_range|in <fields> | date
// date_spec|spec <fields>.
type DateExpr struct {
	Pos   lexer.Position
	Cmp   *DateCmp   `parser:"  @@"`
	Range *DateRange `parser:"| @@"`
}

// DateCmp: lt|gt <date>.
type DateCmp struct {
	Op    lexer.Token `parser:"@('lt' | 'gt')"`
	Value lexer.Token `parser:"@(Word | Colon | Label | Assign | Desc | IDSpec | Dollar | At | Punct)"`
}

// DateRange: in_range|in|date_spec|spec <field>=<value>...
type DateRange struct {
	Op     lexer.Token  `parser:"@('in_range' | 'in' | 'date_spec' | 'spec')"`
	Fields []*DateField `parser:"@@+"`
}

// LocationStmt: location <id> <rsc>|/<pattern>/|{ <set> } [<attr>=<value>]...
// (<score>: <node> [role=<role>] | rule ...).
type LocationStmt struct {
	Pos   lexer.Position
	ID    lexer.Token   `parser:"'location' @Word"`
	Set   *LocationSet  `parser:"( @@"`
	Rsc   lexer.Token   `parser:"| @(Word | Colon | Label | Assign | At) )"`
	Attrs []lexer.Token `parser:"@((Assign | Desc | Dollar)*)"`
	Score *LocScore     `parser:"( @@"`
	Rules []*Rule       `parser:"| @@+ )"`
}

// LocationSet is the { ... } resource list of a location.
type LocationSet struct {
	Pos   lexer.Position
	Items []*SetItem  `parser:"'{' @@*"`
	Close lexer.Token `parser:"@'}'"`
}

// LocScore is the <score>: <node> part of a location.
type LocScore struct {
	Pos   lexer.Position
	Score lexer.Token `parser:"@Label"`
	Node  lexer.Token `parser:"@(Word | Colon | Label)"`
	Role  *RoleSpec   `parser:"@@?"`
}

// ColocationStmt: colocation|collocation <id> <score>: <rsc>[:<role>]...
// [node-attribute=<attr>].
type ColocationStmt struct {
	Pos     lexer.Position
	Keyword string      `parser:"@('colocation' | 'collocation')"`
	ID      lexer.Token `parser:"@Word"`
	Score   lexer.Token `parser:"@Label"`
	Items   []*SetItem  `parser:"@@+"`
}

// OrderStmt: order <id> [<kind>: | <score>:] <rsc>[:<action>]...
// [symmetrical=<bool>].
type OrderStmt struct {
	Pos   lexer.Position
	ID    lexer.Token `parser:"'order' @Word"`
	Kind  lexer.Token `parser:"@Label?"`
	Items []*SetItem  `parser:"@@+"`
}

// TicketStmt: rsc_ticket <id> <ticket>: <rsc>[:<role>]...
// [loss-policy=<policy>].
type TicketStmt struct {
	Pos    lexer.Position
	ID     lexer.Token `parser:"'rsc_ticket' @Word"`
	Ticket lexer.Token `parser:"@Label"`
	Items  []*SetItem  `parser:"@@+"`
}

// SetItem is one item of a constraint's resource list: a resource with
// an optional :role or :action, an attribute, or a bracketed set.
type SetItem struct {
	Pos   lexer.Position
	Group *SetGroup   `parser:"  @@"`
	Tok   lexer.Token `parser:"| @(Assign | Desc | Dollar | At | Word | Colon | Label)"`
}

// SetGroup is a ( ... ) (unordered) or [ ... ] (require-all=false) set.
type SetGroup struct {
	Pos   lexer.Position
	Open  lexer.Token   `parser:"@('(' | '[')"`
	Items []lexer.Token `parser:"@((Assign | Desc | Dollar | At | Word | Colon | Label)*)"`
	Close lexer.Token   `parser:"@(')' | ']')"`
}

// PropertyStmt: property|rsc_defaults|op_defaults [<id>: | $id=<id>]
// [rule ...]... <name>=<value>...
type PropertyStmt struct {
	Pos     lexer.Position
	Keyword string      `parser:"@('property' | 'rsc_defaults' | 'op_defaults')"`
	ID      lexer.Token `parser:"@(IDSpec | Label)?"`
	Rules   []*Rule     `parser:"@@*"`
	Pairs   []*NVPair   `parser:"@@*"`
}

// FencingStmt: fencing_topology [<target>: | attr:<name>=<value> |
// pattern:<regexp>] <devices>...
type FencingStmt struct {
	Pos   lexer.Position
	Items []lexer.Token `parser:"('fencing_topology' | 'fencing-topology') @((Word | Colon | Label | Assign | Desc | Dollar | IDSpec | At)*)"`
}

// TagStmt: tag <id>[:] <ref>...
type TagStmt struct {
	Pos  lexer.Position
	ID   lexer.Token   `parser:"'tag' @(Word | Label)"`
	Refs []lexer.Token `parser:"@((Word | Colon | Label | At)+)"`
}

// RoleStmt: role <id> [description=<text>] (read|write|deny <spec>...)...
type RoleStmt struct {
	Pos   lexer.Position
	ID    lexer.Token `parser:"'role' @Word"`
	Desc  lexer.Token `parser:"@Desc?"`
	Perms []*Perm     `parser:"@@*"`
}

// Perm is one permission of an ACL role.
type Perm struct {
	Pos   lexer.Position
	Kind  lexer.Token   `parser:"@('read' | 'write' | 'deny')"`
	ID    lexer.Token   `parser:"@(IDSpec | Label)?"`
	Desc  lexer.Token   `parser:"@Desc?"`
	Specs []lexer.Token `parser:"@(( (?! 'read' | 'write' | 'deny') (Word | Colon | Label | Assign) )*)"`
}

// ACLTargetStmt: acl_target|acl_group <id> <role>...
type ACLTargetStmt struct {
	Pos     lexer.Position
	Keyword string        `parser:"@('acl_target' | 'acl_group')"`
	ID      lexer.Token   `parser:"@Word"`
	Roles   []lexer.Token `parser:"@((Word | Colon | Label)*)"`
}

// UserStmt is the legacy (pre-2.0 schema) ACL user:
// user <id> (role:<role> | read|write|deny <spec>...)...
type UserStmt struct {
	Pos   lexer.Position
	ID    lexer.Token   `parser:"'user' @Word"`
	Items []lexer.Token `parser:"@((Word | Colon | Label | Assign)*)"`
}

// AlertStmt: alert <id> <path> [description=<text>] [attributes ...]
// [meta ...] [select ...] [to [{] <recipient> [attributes ...] [meta ...] [}]]...
type AlertStmt struct {
	Pos   lexer.Position
	ID    lexer.Token  `parser:"'alert' @Word"`
	Path  lexer.Token  `parser:"@(Word | Colon | Label | Assign | Desc | IDSpec | Dollar | At | Punct)"`
	Desc  lexer.Token  `parser:"@Desc?"`
	Parts []*AlertPart `parser:"@@*"`
}

// AlertPart is one block of an alert.
type AlertPart struct {
	Pos       lexer.Position
	Set       *AlertSet    `parser:"  @@"`
	Select    *AlertSelect `parser:"| @@"`
	Recipient *Recipient   `parser:"| @@"`
}

// AlertSet is an attributes or meta block of an alert or recipient.
type AlertSet struct {
	Pos     lexer.Position
	Keyword string    `parser:"@('attributes' | 'meta')"`
	Body    *AttrBody `parser:"@@?"`
}

// AlertSelect: select [nodes] [fencing] [resources] [attributes { <name>... }].
type AlertSelect struct {
	Pos   lexer.Position
	Kinds []*SelectKind `parser:"'select' @@*"`
}

// SelectKind is one selector of an alert's select.
type SelectKind struct {
	Pos   lexer.Position
	Kind  string       `parser:"  @('nodes' | 'fencing' | 'resources')"`
	Attrs *SelectAttrs `parser:"| (?= 'attributes' '{') 'attributes' @@"`
}

// SelectAttrs is the { <name>... } list of select attributes.
type SelectAttrs struct {
	Names []lexer.Token `parser:"'{' @((Word | Colon | Label)*) '}'"`
}

// Recipient: to [{] <value> [description=<text>] [attributes ...] [meta ...] [}].
type Recipient struct {
	Pos    lexer.Position
	Braced bool       `parser:"'to' ( @'{'"`
	Body   *RecipBody `parser:"  @@ '}' | @@ )"`
}

// RecipBody is the inside of a recipient.
type RecipBody struct {
	Value lexer.Token `parser:"@(Word | Colon | Label | Assign | Desc | IDSpec | Dollar | At)"`
	Desc  lexer.Token `parser:"@Desc?"`
	Sets  []*AlertSet `parser:"@@*"`
}

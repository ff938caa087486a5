package shell

import "strings"

// keepSelected drops from crm text the statements of objects not in the
// selection: a selected group or clone is printed with its members'
// definitions, which crm configure show leaves out unless they are named
// too. A statement is a line that starts in the first column and the
// indented lines after it; comment lines go with the statement after them.
func keepSelected(text string, sel selection) string {
	if sel.all() {
		return text
	}
	var out, stmt strings.Builder
	keep := false
	flush := func() {
		if keep {
			out.WriteString(stmt.String())
		}
		stmt.Reset()
	}
	comments := ""
	for _, line := range strings.SplitAfter(text, "\n") {
		switch {
		case line == "":
		case strings.HasPrefix(line, "#"):
			flush()
			comments += line
		case line[0] == ' ' || line[0] == '\t':
			stmt.WriteString(line)
		default:
			flush()
			kind, id := statementHead(line)
			keep = sel.has(kind, id)
			stmt.WriteString(comments)
			comments = ""
			stmt.WriteString(line)
		}
	}
	flush()
	return out.String()
}

// statementHead returns the kind and object id of a printed statement's
// first line: "primitive vip ...", "node 1: alice", "property
// cib-bootstrap-options: ...", "fencing_topology ...".
func statementHead(line string) (kind, id string) {
	f := strings.Fields(line)
	if len(f) == 0 {
		return "", ""
	}
	kind = f[0]
	switch {
	case kind == "fencing_topology":
		return kind, fencingTopologyID
	case len(f) < 2:
		return kind, ""
	case kind == "node":
		id = f[1]
		if strings.HasSuffix(id, ":") && len(f) > 2 {
			id = f[2] // node ID: uname
		}
		if strings.HasPrefix(id, "$id=") && len(f) > 2 {
			id = f[2]
		}
		id, _, _ = strings.Cut(id, ":") // uname:type
		return kind, id
	}
	return kind, strings.TrimSuffix(f[1], ":")
}

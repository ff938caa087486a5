package transport

import (
	"errors"
	"fmt"
	"strings"
)

// ErrSyntax is wrapped by the errors for malformed corosync.conf files.
var ErrSyntax = errors.New("syntax error")

// Section is a braced section of a corosync.conf file: "name {" up to the
// matching "}". The file itself is the root section, with no name.
type Section struct {
	Name     string
	Line     int
	Keys     []KeyValue
	Sections []*Section
}

// KeyValue is one "key: value" line.
type KeyValue struct {
	Key, Value string
	Line       int
}

// ParseTree parses corosync.conf syntax: lines "name {", "}", "key: value",
// empty lines and lines starting with "#". Keys and values are trimmed; a
// value is the rest of the line after the first colon (comments are not
// stripped from values, as in corosync). Errors read "file:line: message".
func ParseTree(file string, data []byte) (*Section, error) {
	root := &Section{}
	stack := []*Section{root}
	lines := strings.Split(string(data), "\n")
	for i, raw := range lines {
		line := strings.TrimSpace(strings.TrimSuffix(raw, "\r"))
		no := i + 1
		if line == "" || line[0] == '#' {
			continue
		}
		cur := stack[len(stack)-1]
		if strings.IndexByte(line, 0) >= 0 {
			return nil, fmt.Errorf("%s:%d: %w: NUL byte in line", file, no, ErrSyntax)
		}
		switch {
		case line == "}":
			if len(stack) == 1 {
				return nil, fmt.Errorf("%s:%d: %w: closing brace without an open section", file, no, ErrSyntax)
			}
			stack = stack[:len(stack)-1]
		case strings.HasSuffix(line, "{"):
			name := strings.TrimSpace(strings.TrimSuffix(line, "{"))
			if name == "" || strings.ContainsAny(name, "{}:") || strings.ContainsFunc(name, isSpace) {
				return nil, fmt.Errorf("%s:%d: %w: want \"name {\" to open a section, found %q", file, no, ErrSyntax, line)
			}
			s := &Section{Name: name, Line: no}
			cur.Sections = append(cur.Sections, s)
			stack = append(stack, s)
		case strings.Contains(line, "{"):
			return nil, fmt.Errorf("%s:%d: %w: text after the opening brace: put one directive per line", file, no, ErrSyntax)
		default:
			k, v, ok := strings.Cut(line, ":")
			k = strings.TrimSpace(k)
			if !ok || k == "" || strings.ContainsFunc(k, isSpace) || strings.ContainsAny(k, "{}") {
				return nil, fmt.Errorf("%s:%d: %w: want \"key: value\", \"name {\" or \"}\", found %q", file, no, ErrSyntax, line)
			}
			cur.Keys = append(cur.Keys, KeyValue{Key: k, Value: strings.TrimSpace(v), Line: no})
		}
	}
	if len(stack) > 1 {
		open := stack[len(stack)-1]
		return nil, fmt.Errorf("%s:%d: %w: section %q opened here is never closed", file, open.Line, ErrSyntax, open.Name)
	}
	return root, nil
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' }

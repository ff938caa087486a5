package cib

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// ErrBadMetadata is returned (wrapped) by ParseMetadata.
var ErrBadMetadata = errors.New("bad agent meta-data")

// AgentMetadata is what an OCF resource agent (or a fence agent) says about
// itself with its meta-data action (OCF 1.0 and 1.1).
type AgentMetadata struct {
	Name       string
	Version    string // the agent's own version (<version>)
	OCFVersion string // the version attribute of <resource-agent>
	ShortDesc  string
	LongDesc   string
	Params     []AgentParam
	Actions    []AgentAction
}

// AgentParam is one <parameter>.
type AgentParam struct {
	Name       string
	Required   bool
	Unique     bool // unique or (OCF 1.1) unique-group
	UniqueGrp  string
	Reloadable bool
	Advanced   bool
	Deprecated bool
	// ReplacedWith names the parameters that supersede a deprecated one.
	ReplacedWith []string
	// Obsoletes names the parameter this one replaces (fence agents).
	Obsoletes  string
	Type       string // content type: string, integer, boolean, select, second, ...
	Default    string
	HasDefault bool
	Choices    []string // values of a select
	ShortDesc  string
	LongDesc   string
}

// AgentAction is one <action>.
type AgentAction struct {
	Name       string
	Timeout    time.Duration // 0 when not advised
	Interval   time.Duration
	Depth      string
	Role       string
	StartDelay time.Duration
	Automatic  string // fence agents' automatic="0|1" on on
}

// Param returns the named parameter.
func (m *AgentMetadata) Param(name string) (*AgentParam, bool) {
	for i := range m.Params {
		if m.Params[i].Name == name {
			return &m.Params[i], true
		}
	}
	return nil, false
}

// ParamNames returns the parameter names in meta-data order.
func (m *AgentMetadata) ParamNames() []string {
	out := make([]string, len(m.Params))
	for i, p := range m.Params {
		out[i] = p.Name
	}
	return out
}

// Action returns the first advised action of that name (and, when role is
// not empty, that role; legacy and new role names match each other).
func (m *AgentMetadata) Action(name, role string) (*AgentAction, bool) {
	for i := range m.Actions {
		a := &m.Actions[i]
		if a.Name == name && (role == "" || normalRole(a.Role) == normalRole(role)) {
			return a, true
		}
	}
	return nil, false
}

// XML shapes of the meta-data document.
type xmlAgent struct {
	XMLName    xml.Name    `xml:"resource-agent"`
	Name       string      `xml:"name,attr"`
	Version    string      `xml:"version,attr"`
	ShortAttr  string      `xml:"shortdesc,attr"`
	AgentVer   string      `xml:"version"`
	LongDesc   []xmlDesc   `xml:"longdesc"`
	ShortDesc  []xmlDesc   `xml:"shortdesc"`
	Parameters []xmlParam  `xml:"parameters>parameter"`
	Actions    []xmlAction `xml:"actions>action"`
}

type xmlDesc struct {
	Lang string `xml:"lang,attr"`
	Text string `xml:",chardata"`
}

type xmlParam struct {
	Name        string    `xml:"name,attr"`
	Required    string    `xml:"required,attr"`
	Unique      string    `xml:"unique,attr"`
	UniqueGroup string    `xml:"unique-group,attr"`
	Reloadable  string    `xml:"reloadable,attr"`
	Advanced    string    `xml:"advanced,attr"`
	DeprAttr    string    `xml:"deprecated,attr"`
	Obsoletes   string    `xml:"obsoletes,attr"`
	LongDesc    []xmlDesc `xml:"longdesc"`
	ShortDesc   []xmlDesc `xml:"shortdesc"`
	Content     *struct {
		Type        string  `xml:"type,attr"`
		DefaultAttr *string `xml:"default,attr"`
		Options     []struct {
			Value string `xml:"value,attr"`
		} `xml:"option"`
	} `xml:"content"`
	Deprecated *struct {
		Replaced []struct {
			Name string `xml:"name,attr"`
		} `xml:"replaced-with"`
	} `xml:"deprecated"`
}

type xmlAction struct {
	Name       string `xml:"name,attr"`
	Timeout    string `xml:"timeout,attr"`
	Interval   string `xml:"interval,attr"`
	Depth      string `xml:"depth,attr"`
	Role       string `xml:"role,attr"`
	StartDelay string `xml:"start-delay,attr"`
	Automatic  string `xml:"automatic,attr"`
}

// maxMetadataSize bounds the meta-data read from an agent.
const maxMetadataSize = 4 << 20

// ParseMetadata parses an agent's meta-data XML. Unknown elements and
// attributes are ignored; descriptions prefer English. Bad durations in
// actions are ignored (the action keeps a zero value), as Pacemaker does.
func ParseMetadata(r io.Reader) (*AgentMetadata, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxMetadataSize+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadMetadata, err)
	}
	if len(data) > maxMetadataSize {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrBadMetadata, maxMetadataSize)
	}
	return ParseMetadataBytes(data)
}

// ParseMetadataBytes is ParseMetadata on a byte slice.
func ParseMetadataBytes(data []byte) (*AgentMetadata, error) {
	var x xmlAgent
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	if err := d.Decode(&x); err != nil {
		line := 1 + bytes.Count(data[:min(int(d.InputOffset()), len(data))], []byte("\n"))
		return nil, fmt.Errorf("%w: line %d: %w", ErrBadMetadata, line, err)
	}
	m := &AgentMetadata{
		Name:       x.Name,
		OCFVersion: x.Version,
		Version:    strings.TrimSpace(x.AgentVer),
		ShortDesc:  pickDesc(x.ShortDesc),
		LongDesc:   pickDesc(x.LongDesc),
	}
	if m.ShortDesc == "" {
		m.ShortDesc = strings.TrimSpace(x.ShortAttr)
	}
	seen := make(map[string]bool, len(x.Parameters))
	for _, xp := range x.Parameters {
		if xp.Name == "" {
			return nil, fmt.Errorf("%w: agent %q has a parameter without a name", ErrBadMetadata, x.Name)
		}
		if seen[xp.Name] {
			continue
		}
		seen[xp.Name] = true
		p := AgentParam{
			Name:       xp.Name,
			Required:   metaBool(xp.Required),
			Unique:     metaBool(xp.Unique) || xp.UniqueGroup != "",
			UniqueGrp:  xp.UniqueGroup,
			Reloadable: metaBool(xp.Reloadable),
			Advanced:   metaBool(xp.Advanced),
			Deprecated: metaBool(xp.DeprAttr) || xp.Deprecated != nil,
			Obsoletes:  xp.Obsoletes,
			ShortDesc:  pickDesc(xp.ShortDesc),
			LongDesc:   pickDesc(xp.LongDesc),
		}
		if xp.Deprecated != nil {
			for _, r := range xp.Deprecated.Replaced {
				p.ReplacedWith = append(p.ReplacedWith, r.Name)
			}
		}
		if c := xp.Content; c != nil {
			p.Type = c.Type
			if c.DefaultAttr != nil {
				p.Default, p.HasDefault = *c.DefaultAttr, true
			}
			for _, o := range c.Options {
				p.Choices = append(p.Choices, o.Value)
			}
		}
		m.Params = append(m.Params, p)
	}
	for _, xa := range x.Actions {
		if xa.Name == "" {
			continue
		}
		a := AgentAction{Name: xa.Name, Depth: xa.Depth, Role: xa.Role, Automatic: xa.Automatic}
		a.Timeout, _ = parseOptionalDuration(xa.Timeout)
		a.Interval, _ = parseOptionalDuration(xa.Interval)
		a.StartDelay, _ = parseOptionalDuration(xa.StartDelay)
		m.Actions = append(m.Actions, a)
	}
	return m, nil
}

func parseOptionalDuration(s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	return ParseDuration(s)
}

// metaBool reads meta-data booleans: "1", "true", "yes" and friends.
func metaBool(s string) bool { return IsTrue(strings.TrimSpace(s)) }

// pickDesc returns the English description (or the first one), trimmed.
func pickDesc(ds []xmlDesc) string {
	for _, d := range ds {
		if d.Lang == "" || strings.HasPrefix(d.Lang, "en") {
			return strings.TrimSpace(d.Text)
		}
	}
	if len(ds) > 0 {
		return strings.TrimSpace(ds[0].Text)
	}
	return ""
}

package shell

import (
	"fmt"
	"io"
	"strings"

	"github.com/fatih/color"
)

// Colour policy: colour only on a terminal, never when NO_COLOR is set to
// anything or TERM is dumb, unless -D color-always asks for it; -D plain
// turns it off everywhere. Decided once per stream at start-up.
func useColour(display string, isTTY bool, getenv func(string) string) bool {
	switch display {
	case "plain":
		return false
	case "color-always":
		return true
	}
	if getenv("NO_COLOR") != "" || getenv("TERM") == "dumb" {
		return false
	}
	return isTTY
}

// palette is a set of colours for one stream, each enabled or not.
type palette struct {
	err, warn, info, keyword, id, attr, prompt *color.Color
}

func newPalette(on bool) *palette {
	p := &palette{
		err:     color.New(color.FgRed, color.Bold),
		warn:    color.New(color.FgYellow, color.Bold),
		info:    color.New(color.FgGreen),
		keyword: color.New(color.FgBlue, color.Bold),
		id:      color.New(color.FgYellow),
		attr:    color.New(color.FgCyan),
		prompt:  color.New(color.Bold),
	}
	for _, c := range []*color.Color{p.err, p.warn, p.info, p.keyword, p.id, p.attr, p.prompt} {
		if on {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
	}
	return p
}

// severity of a message.
type severity int

const (
	sevInfo severity = iota
	sevWarning
	sevError
)

// ui writes results to stdout and messages to stderr.
type ui struct {
	out, err       io.Writer
	outPal, errPal *palette
	outColour      bool
}

// message writes one message to stderr: "file:line:col: ERROR: text" in a
// batch, "ERROR: column 12: text" at the prompt (where the line is the
// one just typed), and no position at all when it says nothing.
func (u *ui) message(sev severity, pos Pos, text string) {
	var label string
	switch sev {
	case sevError:
		label = u.errPal.err.Sprint("ERROR")
	case sevWarning:
		label = u.errPal.warn.Sprint("WARNING")
	default:
		label = u.errPal.info.Sprint("INFO")
	}
	prefix, where := "", ""
	switch {
	case pos.Line == 0 && pos.File != "":
		prefix = pos.File + ": "
	case pos.Line == 0:
	case pos.File != "":
		prefix = pos.String() + ": "
	case pos.Line > 1:
		where = fmt.Sprintf("line %d, column %d: ", pos.Line, pos.Col)
	case pos.Col > 1:
		where = fmt.Sprintf("column %d: ", pos.Col)
	}
	text = strings.TrimRight(text, "\n")
	fmt.Fprintf(u.err, "%s%s: %s%s\n", prefix, label, where, text)
}

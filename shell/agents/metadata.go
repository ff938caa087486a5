package agents

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// MetaData returns the meta-data XML of a: OCF agents are run with
// "meta-data" and OCF_ROOT set, fence agents with "-o metadata". LSB and
// systemd agents have no meta-data action; as Pacemaker's executor does,
// meta-data is made for them from the init script's LSB header or the unit
// name. Results are cached.
func (l *Lib) MetaData(a Agent) ([]byte, error) {
	if data, ok := l.meta[a]; ok {
		return data, nil
	}
	var data []byte
	var err error
	switch a.Class {
	case "ocf":
		path := l.ocfPath(a.Provider, a.Type)
		data, err = l.cached(a, path, Cmd{Path: path, Args: []string{"meta-data"}, Env: []string{
			"OCF_ROOT=" + l.Dirs.OCFRoot,
			"OCF_RESOURCE_INSTANCE=" + a.Type,
			"OCF_RESOURCE_TYPE=" + a.Type,
			"OCF_RESOURCE_PROVIDER=" + a.Provider,
		}})
	case "stonith":
		path := filepath.Join(l.Dirs.FenceDir, a.Type)
		data, err = l.cached(a, path, Cmd{Path: path, Args: []string{"-o", "metadata"}})
	case "lsb":
		data, err = lsbMetaData(filepath.Join(l.Dirs.InitDir, a.Type), a.Type)
	case "systemd", "service":
		data = unitMetaData(a.Type)
	default:
		return nil, fmt.Errorf("%w %q", ErrUnknownClass, a.Class)
	}
	if err != nil {
		return nil, fmt.Errorf("meta-data of %s: %w", a, err)
	}
	if !bytes.Contains(data, []byte("<resource-agent")) {
		return nil, fmt.Errorf("meta-data of %s: the agent printed no <resource-agent> element", a)
	}
	if l.meta == nil {
		l.meta = map[Agent][]byte{}
	}
	l.meta[a] = data
	return data, nil
}

// cached runs c for the meta-data of the agent at path, or reads what an
// earlier run saved in the cache directory for the same file.
func (l *Lib) cached(a Agent, path string, c Cmd) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() || st.Mode()&0o111 == 0 {
		return nil, fmt.Errorf("%w: %s (no executable %s)", ErrNotFound, a, path)
	}
	var file string
	if l.CacheDir != "" {
		key := strings.NewReplacer("/", "_", ":", "_").Replace(a.String())
		file = filepath.Join(l.CacheDir, fmt.Sprintf("%s-%d-%d.xml", key, st.Size(), st.ModTime().UnixNano()))
		if data, err := os.ReadFile(file); err == nil && bytes.Contains(data, []byte("<resource-agent")) {
			return data, nil
		}
	}
	data, err := l.run(c)
	if err == nil && file != "" && bytes.Contains(data, []byte("<resource-agent")) {
		if os.MkdirAll(l.CacheDir, 0o700) == nil {
			tmp := file + ".tmp"
			if os.WriteFile(tmp, data, 0o600) == nil {
				os.Rename(tmp, file)
			}
		}
	}
	return data, err
}

// lsbHeader reads the "### BEGIN INIT INFO" block of an init script.
func lsbHeader(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotFound, err)
	}
	defer f.Close()
	h := map[string]string{}
	in := false
	last := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "### BEGIN INIT INFO"):
			in = true
		case strings.HasPrefix(line, "### END INIT INFO"):
			return h, nil
		case in && strings.HasPrefix(line, "#"):
			// "# Key: value"; a line indented by a tab or two blanks
			// after the # continues the previous field.
			body := strings.TrimPrefix(line, "#")
			cont := strings.HasPrefix(body, "\t") || strings.HasPrefix(body, "  ")
			if k, v, ok := strings.Cut(body, ":"); ok && !cont {
				last = strings.TrimSpace(k)
				h[last] = strings.TrimSpace(v)
			} else if cont && last != "" && strings.TrimSpace(body) != "" {
				h[last] += " " + strings.TrimSpace(body)
			}
		}
	}
	return h, sc.Err()
}

func lsbMetaData(path, name string) ([]byte, error) {
	h, err := lsbHeader(path)
	if err != nil {
		return nil, err
	}
	short := h["Short-Description"]
	if short == "" {
		short = name
	}
	long := h["Description"]
	if long == "" {
		long = short
	}
	return genMetaData(name, long, short, []action{
		{"meta-data", "5s", ""}, {"start", "15s", ""}, {"stop", "15s", ""},
		{"status", "15s", ""}, {"restart", "15s", ""}, {"force-reload", "15s", ""},
		{"monitor", "15s", "15s"},
	}), nil
}

func unitMetaData(name string) []byte {
	return genMetaData(name, "Cluster-controlled systemd unit "+name,
		"systemd unit file for "+name, []action{
			{"start", "100s", ""}, {"stop", "100s", ""}, {"status", "100s", ""},
			{"monitor", "100s", "60s"}, {"meta-data", "5s", ""},
		})
}

type action struct{ name, timeout, interval string }

func genMetaData(name, long, short string, actions []action) []byte {
	var b bytes.Buffer
	esc := func(s string) string {
		var e bytes.Buffer
		xml.EscapeText(&e, []byte(s))
		return e.String()
	}
	fmt.Fprintf(&b, "<?xml version=\"1.0\"?>\n<resource-agent name=\"%s\" version=\"1.0\">\n", esc(name))
	fmt.Fprintf(&b, "  <version>1.1</version>\n  <longdesc lang=\"en\">%s</longdesc>\n", esc(long))
	fmt.Fprintf(&b, "  <shortdesc lang=\"en\">%s</shortdesc>\n  <parameters/>\n  <actions>\n", esc(short))
	for _, a := range actions {
		fmt.Fprintf(&b, "    <action name=\"%s\" timeout=\"%s\"", a.name, a.timeout)
		if a.interval != "" {
			fmt.Fprintf(&b, " interval=\"%s\"", a.interval)
		}
		b.WriteString("/>\n")
	}
	b.WriteString("  </actions>\n</resource-agent>\n")
	return b.Bytes()
}

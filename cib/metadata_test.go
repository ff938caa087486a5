package cib

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const sampleMetadata = `<?xml version="1.0"?>
<!DOCTYPE resource-agent SYSTEM "ra-api-1.dtd">
<resource-agent name="Sample" version="1.1">
<version>2.0</version>
<longdesc lang="de">Beispiel</longdesc>
<longdesc lang="en">
A sample agent &amp; nothing more.
</longdesc>
<shortdesc lang="en">Sample agent</shortdesc>
<parameters>
<parameter name="ip" unique-group="addr" required="1" reloadable="1">
<longdesc lang="en">The address.</longdesc>
<shortdesc lang="en">IP address</shortdesc>
<content type="string" />
</parameter>
<parameter name="mode" advanced="1">
<shortdesc lang="en">Mode</shortdesc>
<content type="select" default="fast"><option value="fast"/><option value="slow"/></content>
</parameter>
<parameter name="old">
<deprecated><replaced-with name="mode"/><desc lang="en">use mode</desc></deprecated>
<shortdesc lang="en">Old knob</shortdesc>
<content type="boolean" default="false"/>
</parameter>
</parameters>
<actions>
<action name="start" timeout="20s" />
<action name="monitor" depth="0" timeout="30s" interval="10s" role="Promoted"/>
<action name="monitor" depth="0" timeout="30s" interval="11s" role="Unpromoted"/>
<action name="stop" timeout="2min" />
<action name="weird" timeout="soon" />
</actions>
</resource-agent>
`

func TestParseMetadata(t *testing.T) {
	m, err := ParseMetadata(strings.NewReader(sampleMetadata))
	if err != nil {
		t.Fatal(err)
	}
	if m.Name != "Sample" || m.OCFVersion != "1.1" || m.Version != "2.0" || m.ShortDesc != "Sample agent" ||
		m.LongDesc != "A sample agent & nothing more." {
		t.Errorf("header = %+v", m)
	}
	ip, ok := m.Param("ip")
	if !ok || !ip.Required || !ip.Unique || ip.UniqueGrp != "addr" || !ip.Reloadable || ip.Type != "string" || ip.HasDefault {
		t.Errorf("ip = %+v", ip)
	}
	mode, _ := m.Param("mode")
	if mode == nil || !mode.Advanced || mode.Type != "select" || mode.Default != "fast" || strings.Join(mode.Choices, ",") != "fast,slow" {
		t.Errorf("mode = %+v", mode)
	}
	old, _ := m.Param("old")
	if old == nil || !old.Deprecated || strings.Join(old.ReplacedWith, ",") != "mode" || old.Default != "false" {
		t.Errorf("old = %+v", old)
	}
	mon, ok := m.Action("monitor", "Slave")
	if !ok || mon.Interval != 11*time.Second || mon.Timeout != 30*time.Second || mon.Depth != "0" {
		t.Errorf("monitor Slave = %+v", mon)
	}
	stop, _ := m.Action("stop", "")
	if stop == nil || stop.Timeout != 2*time.Minute {
		t.Errorf("stop = %+v", stop)
	}
	weird, _ := m.Action("weird", "")
	if weird == nil || weird.Timeout != 0 {
		t.Errorf("weird = %+v", weird)
	}
}

func TestParseMetadataErrors(t *testing.T) {
	for _, in := range []string{
		"",
		"<resource-agent name='x'><parameters><parameter><content type='string'/></parameter></parameters></resource-agent>",
		"<resource-agent name='x'><parameters>",
		"<other/>",
	} {
		if _, err := ParseMetadata(strings.NewReader(in)); !errors.Is(err, ErrBadMetadata) {
			t.Errorf("ParseMetadata(%q) error = %v, want ErrBadMetadata", in, err)
		}
	}
}

// TestParseInstalledAgents parses the meta-data of every installed OCF
// heartbeat and pacemaker agent and a few fence agents.
func TestParseInstalledAgents(t *testing.T) {
	root := "/usr/lib/ocf"
	agents, _ := filepath.Glob(filepath.Join(root, "resource.d", "*", "*"))
	if len(agents) == 0 {
		t.Skip("no OCF agents under /usr/lib/ocf (install resource-agents)")
	}
	// Every agent takes ~30 ms to print its meta-data; a sample keeps the
	// suite fast. GOCRM_ALL_AGENTS=1 parses all of them.
	if os.Getenv("GOCRM_ALL_AGENTS") == "" {
		step := 6
		if testing.Short() {
			step = 20
		}
		var sample []string
		for i := 0; i < len(agents); i += step {
			sample = append(sample, agents[i])
		}
		agents = sample
	}
	parsed := 0
	for _, a := range agents {
		if fi, err := os.Stat(a); err != nil || fi.IsDir() || fi.Mode()&0o111 == 0 {
			continue
		}
		cmd := exec.Command(a, "meta-data")
		cmd.Env = append(os.Environ(), "OCF_ROOT="+root, "OCF_FUNCTIONS_DIR="+filepath.Join(root, "lib", "heartbeat"))
		out, err := cmd.Output()
		if err != nil || len(bytes.TrimSpace(out)) == 0 {
			continue // some agents need tools that are not installed
		}
		m, err := ParseMetadata(bytes.NewReader(out))
		if err != nil {
			t.Errorf("%s: %v", a, err)
			continue
		}
		if m.Name == "" || len(m.Actions) == 0 {
			t.Errorf("%s: no name or no actions: %+v", a, m)
		}
		parsed++
	}
	t.Logf("parsed meta-data of %d agents", parsed)
	if ip := filepath.Join(root, "resource.d", "heartbeat", "IPaddr2"); fileExists(ip) {
		cmd := exec.Command(ip, "meta-data")
		cmd.Env = append(os.Environ(), "OCF_ROOT="+root)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("IPaddr2 meta-data: %v", err)
		}
		m, err := ParseMetadata(bytes.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		p, ok := m.Param("ip")
		if !ok || !p.Required || !p.Unique {
			t.Errorf("IPaddr2 ip = %+v", p)
		}
		if a, ok := m.Action("monitor", ""); !ok || a.Interval != 10*time.Second || a.Timeout != 20*time.Second {
			t.Errorf("IPaddr2 monitor = %+v", a)
		}
	}
	for _, fa := range []string{"/usr/sbin/fence_dummy", "/usr/sbin/fence_ipmilan"} {
		if !fileExists(fa) {
			continue
		}
		out, err := exec.Command(fa, "-o", "metadata").Output()
		if err != nil {
			t.Errorf("%s -o metadata: %v", fa, err)
			continue
		}
		m, err := ParseMetadata(bytes.NewReader(out))
		if err != nil {
			t.Errorf("%s: %v", fa, err)
			continue
		}
		if m.ShortDesc == "" || len(m.Params) == 0 {
			t.Errorf("%s: %+v", fa, m)
		}
		if p, ok := m.Param("action"); !ok || !p.Required || p.Default != "reboot" {
			t.Errorf("%s action = %+v", fa, p)
		}
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func FuzzParseMetadata(f *testing.F) {
	f.Add([]byte(sampleMetadata))
	f.Add([]byte("<resource-agent/>"))
	f.Add([]byte("<resource-agent name='a'><actions><action name='x' timeout='P1D'/></actions></resource-agent>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseMetadataBytes(data)
		if err != nil {
			if !errors.Is(err, ErrBadMetadata) {
				t.Fatalf("error %v does not wrap ErrBadMetadata", err)
			}
			return
		}
		seen := map[string]bool{}
		for _, p := range m.Params {
			if p.Name == "" || seen[p.Name] {
				t.Fatalf("bad or duplicate parameter %q", p.Name)
			}
			seen[p.Name] = true
		}
	})
}

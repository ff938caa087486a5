package scheduler_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
)

// Issue 5 asks the core benchmarks to hold with a clone of 32 instances and
// ten promotable clones added to the generated CIBs. gen_cib.py has no
// option for that, so extendedCIB adds them to its cold or steady CIB:
//
//   - ext32-clone: an anonymous clone of ocf:heartbeat:Dummy with
//     clone-max=32 (and clone-node-max enough to place 32 instances);
//   - ext-ms01..ext-ms10: promotable clones of ocf:pacemaker:Stateful with
//     promoted-max=1, each with a Promoted and an Unpromoted monitor;
//   - steady only: promotion scores in every node's transient attributes
//     (10 on one node, 5 elsewhere), as the agent would set them, and the
//     history of a converged cluster in the form crm_simulate -S writes it
//     (start and monitor everywhere; promote and the Promoted monitor on
//     the node with the highest score). crm_simulate -R on the 16 x 500
//     result schedules nothing, as on the core steady CIB.
func extendedCIB(tb testing.TB, nodes, rscs int, kind, path string) string {
	base := benchCIB(tb, nodes, rscs, strings.TrimSuffix(kind, "-ext"))
	data, err := os.ReadFile(base)
	if err != nil {
		tb.Fatal(err)
	}
	ext, err := extend(data, nodes, kind == "steady-ext")
	if err != nil {
		tb.Fatalf("extending %s: %v", base, err)
	}
	if err := os.WriteFile(path+".tmp", ext, 0o644); err != nil {
		tb.Fatal(err)
	}
	if err := os.Rename(path+".tmp", path); err != nil {
		tb.Fatal(err)
	}
	return path
}

const (
	extPromotable = 10
	// Digests of the operations of parameterless agents with a 20s
	// timeout, as Pacemaker computes them (gen_cib.py uses the same).
	digestOneShot = "f2317cad3d54cec5d7d7aa7d0bf35cf8"
	digestMonitor = "4811cef7f7f94e3a35a70be7916cb2fd"
)

// extend adds the extra clones, and with history their steady state, to a
// gen_cib.py CIB.
func extend(data []byte, nodes int, history bool) ([]byte, error) {
	var rsc strings.Builder
	fmt.Fprintf(&rsc, `      <clone id="ext32-clone">
        <meta_attributes id="ext32-clone-meta">
          <nvpair id="ext32-clone-max" name="clone-max" value="32"/>
          <nvpair id="ext32-clone-node-max" name="clone-node-max" value="%d"/>
          <nvpair id="ext32-clone-interleave" name="interleave" value="true"/>
        </meta_attributes>
        <primitive id="ext32" class="ocf" provider="heartbeat" type="Dummy">
          <operations>
            <op id="ext32-monitor-10s" name="monitor" interval="10s" timeout="20s"/>
          </operations>
        </primitive>
      </clone>
`, (32+nodes-1)/nodes)
	for i := 1; i <= extPromotable; i++ {
		fmt.Fprintf(&rsc, `      <clone id="ext-ms%02[1]d">
        <meta_attributes id="ext-ms%02[1]d-meta">
          <nvpair id="ext-ms%02[1]d-promotable" name="promotable" value="true"/>
          <nvpair id="ext-ms%02[1]d-promoted-max" name="promoted-max" value="1"/>
        </meta_attributes>
        <primitive id="ext-st%02[1]d" class="ocf" provider="pacemaker" type="Stateful">
          <operations>
            <op id="ext-st%02[1]d-monitor-10s" name="monitor" interval="10s" timeout="20s" role="Promoted"/>
            <op id="ext-st%02[1]d-monitor-11s" name="monitor" interval="11s" timeout="20s" role="Unpromoted"/>
          </operations>
        </primitive>
      </clone>
`, i)
	}
	out, ok := insertBefore(data, "</resources>", rsc.String(), 1)
	if !ok {
		return nil, fmt.Errorf("no </resources>")
	}
	if !history {
		return out, nil
	}
	call := 100000
	op := func(b *strings.Builder, id, task string, interval, rc int, node string) {
		call++
		key := fmt.Sprintf("%s_%s_%d", id, task, interval)
		xmlID, digest := key, digestMonitor
		if interval == 0 {
			xmlID, digest = id+"_last_0", digestOneShot
		}
		fmt.Fprintf(b, `            <lrm_rsc_op id="%s" operation_key="%s" operation="%s" crm-debug-origin="crm_simulate" crm_feature_set="3.16.1" transition-key="%[6]d:-1:%[7]d:xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" transition-magic="0:%[7]d;%[6]d:-1:%[7]d:xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" exit-reason="" on_node="%[8]s" call-id="%[6]d" rc-code="%[7]d" op-status="0" interval="%[4]d" last-rc-change="1700000000" exec-time="0" queue-time="0" op-digest="%[5]s"/>
`, xmlID, key, task, interval, digest, call, rc, node)
	}
	for n := 1; n <= nodes; n++ {
		node := fmt.Sprintf("node%03d", n)
		var lrm, attrs strings.Builder
		lrm.WriteString(`          <lrm_resource id="ext32" class="ocf" provider="heartbeat" type="Dummy">` + "\n")
		op(&lrm, "ext32", "start", 0, 0, node)
		op(&lrm, "ext32", "monitor", 10000, 0, node)
		lrm.WriteString("          </lrm_resource>\n")
		fmt.Fprintf(&attrs, "      <transient_attributes id=\"%d\">\n        <instance_attributes id=\"status-%d\">\n", n, n)
		for i := 1; i <= extPromotable; i++ {
			id := fmt.Sprintf("ext-st%02d", i)
			promoted := (i-1)%nodes+1 == n
			fmt.Fprintf(&lrm, "          <lrm_resource id=\"%s\" class=\"ocf\" provider=\"pacemaker\" type=\"Stateful\">\n", id)
			score := 5
			if promoted {
				score = 10
				op(&lrm, id, "promote", 0, 0, node)
				op(&lrm, id, "monitor", 10000, 8, node)
			} else {
				op(&lrm, id, "start", 0, 0, node)
				op(&lrm, id, "monitor", 11000, 0, node)
			}
			lrm.WriteString("          </lrm_resource>\n")
			fmt.Fprintf(&attrs, "          <nvpair id=\"status-%d-master-%s\" name=\"master-%s\" value=\"%d\"/>\n", n, id, id, score)
		}
		attrs.WriteString("        </instance_attributes>\n      </transient_attributes>\n")
		if out, ok = insertBefore(out, "</lrm_resources>", lrm.String(), n); !ok {
			return nil, fmt.Errorf("node %s has no </lrm_resources>", node)
		}
		if out, ok = insertBefore(out, "    </node_state>", attrs.String(), n); !ok {
			return nil, fmt.Errorf("node %s has no </node_state>", node)
		}
	}
	return out, nil
}

// insertBefore inserts s before the nth occurrence of marker.
func insertBefore(data []byte, marker, s string, nth int) ([]byte, bool) {
	off := 0
	for i := 1; ; i++ {
		j := bytes.Index(data[off:], []byte(marker))
		if j < 0 {
			return nil, false
		}
		if i == nth {
			off += j
			break
		}
		off += j + len(marker)
	}
	out := make([]byte, 0, len(data)+len(s))
	out = append(out, data[:off]...)
	out = append(out, s...)
	return append(out, data[off:]...), true
}

func BenchmarkSteadyExt16x500Down(b *testing.B)  { benchSchedule(b, 16, 500, "steady-ext", "node001") }
func BenchmarkSteadyExt32x5000Down(b *testing.B) { benchSchedule(b, 32, 5000, "steady-ext", "node001") }
func BenchmarkColdExt32x2000(b *testing.B)       { benchSchedule(b, 32, 2000, "cold-ext", "") }

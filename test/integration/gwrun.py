# SPDX-License-Identifier: BSD-3-Clause
"""Run anchorgw on net_pcap virtual ports and collect its final counters."""
import os
import subprocess
import tempfile

import pcaputil


def run(gw, conf, rx_pcap, workdir, ctx_file=None, extra=(), timeout=120, eal=(),
        core_rx_pcap=None):
    """Feed rx_pcap into the RAN port (and core_rx_pcap into the core port);
    return (counters dict, core frames, stdout). The RAN port's output is in
    workdir/ran-out.pcap."""
    empty = core_rx_pcap or os.path.join(workdir, "empty.pcap")
    if not core_rx_pcap:
        pcaputil.write(empty, [])
    core = os.path.join(workdir, "core-out.pcap")
    ran = os.path.join(workdir, "ran-out.pcap")
    cmd = [gw, "--no-huge", "--no-pci", "--no-shconf", "--no-telemetry", "-m", "512",
           "-l", "0,1", "--log-level=*:error", "--file-prefix", "agwt%d" % os.getpid(),
           "--vdev", "net_pcap0,rx_pcap=%s,tx_pcap=%s" % (rx_pcap, ran),
           "--vdev", "net_pcap1,rx_pcap=%s,tx_pcap=%s" % (empty, core)] + list(eal) + [
           "--", "-f", conf, "--idle-exit", "300", "--duration", "60"]
    if ctx_file:
        cmd += ["--ctx-file", ctx_file]
    cmd += list(extra)
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if p.returncode != 0:
        raise RuntimeError("anchorgw exit %d:\n%s%s" % (p.returncode, p.stdout, p.stderr))
    counters = {}
    for line in p.stdout.splitlines():
        if not line.startswith("anchorgw: "):
            continue
        for tok in line[len("anchorgw: "):].split():
            if "=" in tok:
                k, v = tok.split("=", 1)
                if v.isdigit():
                    counters.setdefault(k, int(v))
    return counters, pcaputil.read(core)[1], p.stdout


def conf_with(conf, workdir, replacements):
    """A copy of conf with text replaced (e.g. the crypto engine)."""
    text = open(conf).read()
    for old, new in replacements:
        if old not in text:
            raise ValueError("%s: no %r to replace" % (conf, old))
        text = text.replace(old, new)
    path = os.path.join(workdir, "anchorgw.conf")
    with open(path, "w") as f:
        f.write(text)
    return path


def tmpdir():
    return tempfile.mkdtemp(prefix="agw-it-")

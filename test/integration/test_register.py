# SPDX-License-Identifier: BSD-3-Clause
"""End-to-end registration through anchorgw (issue 5).

anchorgw runs with its RAN port on a DPDK net_tap interface and the anchors
enabled on a fresh LMDB store provisioned with anchor-subscriber from
anchor-gen's subscriber CSV. anchor-gen register plays the gNB and the UEs
on that interface (AF_PACKET): NGAP InitialUEMessage / UplinkNASTransport
in, DownlinkNASTransport out. Each simulated UE computes its side with
lib/crypto (MILENAGE, RES*, K_AUSF -> K_SEAF -> K_AMF -> NAS keys) and
verifies every protected downlink message, so a registration completes
only when gateway and UE derived the same K_AMF.

Checks, from both ends:
  * the simulator's outcome per UE (it exits non-zero on any surprise);
  * the gateway's counters: every Registration complete was verified by
    the fast path (worker 'verified'), one context installed per UE;
  * the fault cases: wrong RES* -> Authentication reject, synch failure ->
    resynchronisation then success, MAC failure reported by the UE, unknown
    SUPI -> Registration reject, forged SMC complete -> not accepted,
    a lost Registration accept -> retransmitted, protected by the fast path,
    a mandatory security service identifier the UE cannot run
    (seed 000) -> Registration reject #23;
  * seed 000 procedures: subscribers in four groups, each with DH exchange
    and device authentication in another order / initiator / flag mix;
    every UE runs them with the gateway (X25519 and K_DH on both sides,
    IMEI check digit), bad IMEIs end in #5 and small-order DH keys in #111,
    and the counters of both ends agree (worker-protected downlink = what
    the UEs verified beyond the SMC, worker-verified uplink = what the UEs
    protected beyond the SMC complete);
  * UE-originating deregistration (TS 24.501 5.5.2.2): some registered UEs
    send a protected Deregistration request and verify the protected
    Deregistration accept (MAC with their own keys, DL COUNT); the accept
    leaves as a placeholder the worker protects with the context's DL
    COUNT, so the gateway holds the context deletion back ("lingered")
    and no accept is dropped for want of a context;
  * kill -9 during registrations, restart on the same store: subscribers
    all there, every UE registers, no SQN handed out twice;
  * AKMA (issue 6, seed 001): AKMA subscribers get an identifier in the
    protected Registration accept and derive K_AKMA and K_AF themselves;
    curl --http2-prior-knowledge, as the AF, gets the same K_AF from the
    gateway's AAnF; subscribers without AKMA get none; after a
    re-registration the old identifier is refused (204) and the new one
    gives the new K_AF.

usage: test_register.py ANCHORGW ANCHOR_GEN ANCHOR_SUBSCRIBER [CASE ...]
(no CASE: every case)
"""
import glob
import json
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time

from test_telemetry import telemetry

GW, GEN, SUB = sys.argv[1:4]
ONLY = sys.argv[4:]
TIMEOUT = 240


def counters_of(text, prefix="anchorgw: "):
    out = {}
    for line in text.splitlines():
        if line.startswith(prefix):
            line = line[len(prefix):]
        for tok in line.split():
            if "=" in tok:
                k, v = tok.split("=", 1)
                if v.isdigit():
                    out.setdefault(k, int(v))
    return out


def conf(workdir, store, extra=""):
    path = os.path.join(workdir, "anchorgw.conf")
    with open(path, "w") as f:
        f.write("""anchorgw = {
  ports = ( { dev = "net_tap0"; role = "ran"; }, { dev = "net_null0"; role = "core"; } );
  control_lcore = 0;
  workers = { lcores = [ 1 ]; burst = 32; };
  security = { integrity = [ "NIA2", "NIA1", "NIA3" ];
               ciphering = [ "NEA2", "NEA1", "NEA3", "NEA0" ]; };
  plmn = { mcc = "001"; mnc = "01"; };
  store = { path = "%s"; sync = "full"; };
  anchors = { enabled = true; max_ues = 8192; guard_ms = 2000; };
  limits = { contexts = 8192; mbufs = 16383; punt_ring = 4096; };
%s};
""" % (store, extra))
    return path


class Gateway:
    def __init__(self, workdir, store, iface, extra_conf=""):
        self.iface = iface
        self.out = open(os.path.join(workdir, "anchorgw.out"), "w+")
        self.prefix = "agwreg%d" % os.getpid()
        self.runtime = os.path.join(workdir, "run")
        os.makedirs(self.runtime, mode=0o700, exist_ok=True)
        cmd = [GW, "--no-huge", "--no-pci", "--no-shconf", "-m", "512",
               "-l", "0,1", "--log-level=*:error", "--file-prefix", self.prefix,
               "--vdev", "net_tap0,iface=%s" % iface, "--vdev", "net_null0,no-rx=1",
               "--", "-f", conf(workdir, store, extra_conf), "--duration", str(TIMEOUT)]
        env = dict(os.environ, RUNTIME_DIRECTORY=self.runtime)  # EAL sockets there
        self.p = subprocess.Popen(cmd, stdout=self.out, stderr=subprocess.STDOUT, text=True,
                                  env=env)
        self.wait_ready()

    def anchors(self, cmd="/anchorgw/anchors"):
        """/anchorgw/anchors (or another command) over DPDK telemetry, while it runs."""
        socks = glob.glob(os.path.join(self.runtime, "dpdk", self.prefix, "dpdk_telemetry.v2"))
        return telemetry(socks[0], cmd) if socks else None

    def wait_ready(self, timeout=30):
        """The tap interface exists from EAL init on, but frames sent before
        the port starts are lost: wait for the start-up line."""
        t0 = time.time()
        while time.time() - t0 < timeout:
            self.out.seek(0)
            if "worker(s)" in self.out.read():
                return
            if self.p.poll() is not None:
                break
            time.sleep(0.05)
        self.out.seek(0)
        raise RuntimeError("anchorgw did not start:\n" + self.out.read())

    def stop(self):
        if self.p.poll() is None:
            self.p.send_signal(signal.SIGINT)
        self.p.wait(timeout=60)
        self.out.seek(0)
        text = self.out.read()
        if self.p.returncode != 0:
            raise RuntimeError("anchorgw exit %d:\n%s" % (self.p.returncode, text))
        return counters_of(text), text

    def kill9(self):
        self.p.send_signal(signal.SIGKILL)
        self.p.wait(timeout=30)


def provision(workdir, ues, extra=()):
    store = os.path.join(workdir, "store")
    csv = os.path.join(workdir, "subs.csv")
    subprocess.run([GEN, "subscribers", "--ues", str(ues), "--out", csv] + list(extra),
                   check=True, capture_output=True, text=True)
    p = subprocess.run([SUB, "--db", store, "import", "--csv", csv],
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError("import: %s%s" % (p.stdout, p.stderr))
    return store


def simulate(iface, ues, extra=(), check=True):
    cmd = [GEN, "register", "--iface", iface, "--ues", str(ues),
           "--timeout-ms", "60000"] + list(extra)
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT)
    print(p.stdout[-1500:])
    if check and p.returncode != 0:
        raise RuntimeError("anchor-gen register exit %d:\n%s%s"
                           % (p.returncode, p.stdout[-4000:], p.stderr[-2000:]))
    return counters_of(p.stdout), p.returncode


def expect(bad, name, got, want):
    if got != want:
        bad.append("%s: %r, expected %r" % (name, got, want))


def case_register(workdir, n=1000):
    """n UEs, NIA1/2/3 and NEA0/1/2/3 mixed: all register."""
    store = provision(workdir, n)
    gw = Gateway(workdir, store, "agwreg%d" % os.getpid())
    try:
        sim, _ = simulate(gw.iface, n, ["--nia", "1,2,3", "--nea", "0,1,2,3", "--mix"])
        tel = gw.anchors() or {}
    finally:
        g, text = gw.stop()
    bad = []
    expect(bad, "telemetry /anchorgw/anchors registration_complete",
           tel.get("registration_complete"), n)
    expect(bad, "telemetry /anchorgw/anchors ue_entries", tel.get("ue_entries"), n)
    expect(bad, "sim registered", sim.get("registered"), n)
    expect(bad, "sim k_amf_derived", sim.get("k_amf_derived"), n)
    expect(bad, "sim dl_mac_ok (SMC + accept)", sim.get("dl_mac_ok"), 2 * n)
    expect(bad, "gw registration_complete", g.get("registration_complete"), n)
    expect(bad, "gw context_install", g.get("context_install"), n)
    expect(bad, "gw contexts in the table", g.get("contexts"), n)
    # Registration complete (SHT 2) is verified and deciphered by the worker.
    expect(bad, "gw worker verified", g.get("verified"), n)
    expect(bad, "gw drop_bad_mac", g.get("drop_bad_mac"), 0)
    expect(bad, "gw drop_replay", g.get("drop_replay"), 0)
    if bad:
        print(text)
    return bad, sim


def case_faults(workdir):
    """Wrong RES*, synch failure, MAC failure, unknown SUPI, forged
    Security mode complete."""
    k = 4
    n = 7 * k
    store = provision(workdir, n, ["--unknown", str(k)])
    gw = Gateway(workdir, store, "agwneg%d" % os.getpid())
    try:
        sim, _ = simulate(gw.iface, n, ["--wrong-res", str(k), "--sync-fail", str(k),
                                        "--mac-fail", str(k), "--unknown", str(k),
                                        "--smc-forge", str(k), "--accept-lost", str(k)])
    finally:
        g, text = gw.stop()
    bad = []
    expect(bad, "sim registered (plain, resync, forged SMC complete, accept lost)",
           sim.get("registered"), 4 * k)
    expect(bad, "sim resync_ok", sim.get("resync_ok"), k)
    # wrong RES* and the UE's MAC failure (#20) both end in Authentication reject
    expect(bad, "gw authentication_reject", g.get("authentication_reject"), 2 * k)
    expect(bad, "gw auth_hres_mismatch", g.get("auth_hres_mismatch"), k)
    expect(bad, "gw auth_resync", g.get("auth_resync"), k)
    expect(bad, "gw auth_mac_failure", g.get("auth_mac_failure"), k)
    expect(bad, "gw registration_complete", g.get("registration_complete"), 4 * k)
    # the forged Security mode complete is refused; the SMC is sent again
    expect(bad, "gw smc_complete_integrity_failure",
           g.get("smc_complete_integrity_failure"), k)
    expect(bad, "gw guard_retransmission (SMC, accept again)", g.get("guard_retransmission"),
           2 * k)
    # a retransmitted accept leaves after the context went to the fast path:
    # the worker's downlink path protects it with the context's DL COUNT
    expect(bad, "gw worker protected_dl (retransmitted accepts)", g.get("protected_dl"), k)
    expect(bad, "gw unknown_subscriber", g.get("unknown_subscriber"), k)
    expect(bad, "gw registration_reject (#3 illegal UE)", g.get("registration_reject"), k)
    if bad:
        print(text)
    return bad


def case_ssi(workdir, n=20):
    """Seed 000: every subscriber's MM security service identifier is a
    mandatory, network-initiated DH exchange, and every UE's security
    service capability leaves DH out (--ssi-reject): each registration ends
    after the SMC in a protected Registration reject with cause #23, and no
    context reaches the fast path."""
    store = provision(workdir, n, ["--mm-ssi", "dh:nf:m"])
    gw = Gateway(workdir, store, "agwssi%d" % os.getpid())
    try:
        sim, _ = simulate(gw.iface, n, ["--ssi-reject", str(n)])
    finally:
        g, text = gw.stop()
    bad = []
    expect(bad, "sim rejected_cause_23", sim.get("rejected_cause_23"), n)
    expect(bad, "gw ssi_mandatory_unsupported", g.get("ssi_mandatory_unsupported"), n)
    expect(bad, "gw registration_reject", g.get("registration_reject"), n)
    expect(bad, "gw security_mode_complete", g.get("security_mode_complete"), n)
    expect(bad, "gw context_install", g.get("context_install"), None)
    if bad:
        print(text)
    return bad


# Seed 000 MM identifiers (anchor-subscriber syntax), one per group of UEs:
# the AMF's order (DH first) with the default initiators; ORDERED with a
# network-initiated device authentication (Identity request) before a
# UE-initiated DH; both UE-initiated, one Security service command each;
# the AMF's order again with a mandatory DH.
SEED000_RULES = ("dh+devauth", "ordered+devauth:nf:m+dh:ue",
                 "one-by-one+dh:ue+devauth:ue:m", "devauth:ue+dh:nf:m")


def provision_groups(workdir, per, rules):
    """One CSV per group (--first j*per, its own mm_ssi), all into one store."""
    store = os.path.join(workdir, "store")
    for j, r in enumerate(rules):
        csv = os.path.join(workdir, "subs%d.csv" % j)
        subprocess.run([GEN, "subscribers", "--ues", str(per), "--first", str(j * per),
                        "--out", csv, "--mm-ssi", r], check=True, capture_output=True, text=True)
        p = subprocess.run([SUB, "--db", store, "import", "--csv", csv],
                           capture_output=True, text=True)
        if p.returncode != 0:
            raise RuntimeError("import: %s%s" % (p.stdout, p.stderr))
    return store


def ue_lines(text):
    return [dict(t.split("=", 1) for t in l.split() if "=" in t)
            for l in text.splitlines() if l.startswith("ue=")]


def case_seed000(workdir, per=50, k=6):
    """Seed 000 MM procedures end to end, four groups of subscribers."""
    n = per * len(SEED000_RULES)
    store = provision_groups(workdir, per, SEED000_RULES)
    gw = Gateway(workdir, store, "agwssp%d" % os.getpid())
    try:
        cmd = [GEN, "register", "--iface", gw.iface, "--ues", str(n), "--timeout-ms", "60000",
               "--bad-imei", str(k), "--dh-bad-key", str(k)]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT)
        print(p.stdout[-1500:])
        sim = counters_of(p.stdout)
        ues = ue_lines(p.stdout)
        time.sleep(3.0)  # > guard_ms: the rejected UEs' contexts are deleted
        tel = gw.anchors() or {}
    finally:
        g, text = gw.stop()
    ok = n - 2 * k
    bad = []
    if p.returncode != 0:
        bad.append("anchor-gen register exit %d: %s" % (p.returncode, p.stdout[-600:]))
    expect(bad, "sim registered", sim.get("registered"), ok)
    expect(bad, "sim rejected_cause_5 (bad IMEI)", sim.get("rejected_cause_5"), k)
    expect(bad, "sim rejected_cause_111 (small-order DH key)", sim.get("rejected_cause_111"), k)
    expect(bad, "sim UE lines", len(ues), n)
    if sim.get("k_dh_derived", 0) < ok or sim.get("devauth_accepted", 0) < ok:
        bad.append("sim: K_DH derived by %r, device authentication accepted for %r UEs, "
                   "expected at least %d" % (sim.get("k_dh_derived"),
                                              sim.get("devauth_accepted"), ok))
    expect(bad, "gw registration_complete", g.get("registration_complete"), ok)
    expect(bad, "gw ssp_complete", g.get("ssp_complete"), ok)
    expect(bad, "gw context_install (all after the SMC)", g.get("context_install"), n)
    expect(bad, "gw registration_reject", g.get("registration_reject"), 2 * k)
    expect(bad, "gw ssp_devauth_rejected", g.get("ssp_devauth_rejected"), k)
    expect(bad, "gw ssp_dh_invalid_key", g.get("ssp_dh_invalid_key"), k)
    # a bad-key UE may hold a K_DH (network-initiated DH) the network refused
    expect(bad, "gw ssp_dh_complete = UEs with K_DH, bad-key UEs excepted",
           g.get("ssp_dh_complete"),
           sum(1 for u in ues if u.get("ue_k_dh") == "1" and u.get("fault") != "dh_bad_key"))
    expect(bad, "gw ssp_devauth_accepted", g.get("ssp_devauth_accepted"),
           sim.get("devauth_accepted"))
    expect(bad, "gw ssp_command = commands the UEs received", g.get("ssp_command"),
           sim.get("ssp_commands"))
    expect(bad, "gw ssp_unexpected_message", g.get("ssp_unexpected_message", 0), 0)
    # both ends of the fast path: what the worker protected is what the UEs
    # verified beyond the SMC; what it verified is what they protected
    # beyond the Security mode complete
    expect(bad, "gw worker protected_dl", g.get("protected_dl"), sim.get("dl_mac_ok", 0) - n)
    expect(bad, "gw worker verified", g.get("verified"),
           sum(int(u.get("ul_count", "0")) - 1 for u in ues))
    expect(bad, "gw drop_bad_mac", g.get("drop_bad_mac"), 0)
    expect(bad, "gw drop_replay", g.get("drop_replay"), 0)
    expect(bad, "telemetry ue_entries (rejected ones gone)", tel.get("ue_entries"), ok)
    expect(bad, "gw contexts in the table", g.get("contexts"), ok)
    if bad:
        print(text)
    return bad


def case_dereg(workdir, n=200, k=50):
    """n UEs register (NIA/NEA mixed, so NEA0 UEs send SHT 1, the others
    SHT 2); the first k deregister right after their Registration complete
    and must each verify a protected Deregistration accept."""
    store = provision(workdir, n)
    gw = Gateway(workdir, store, "agwdrg%d" % os.getpid())
    try:
        cmd = [GEN, "register", "--iface", gw.iface, "--ues", str(n), "--timeout-ms", "60000",
               "--nia", "1,2,3", "--nea", "0,1,2,3", "--mix", "--dereg", str(k)]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT)
        print(p.stdout[-1500:])
        sim = counters_of(p.stdout)
        ues = ue_lines(p.stdout)
        time.sleep(1.0)  # > the 100 ms linger: the held-back deletions ran
        tel = gw.anchors() or {}
    finally:
        g, text = gw.stop()
    bad = []
    if p.returncode != 0:
        bad.append("anchor-gen register exit %d: %s" % (p.returncode, p.stdout[-600:]))
    dereg = [u for u in ues if int(u["ue"]) < k]
    expect(bad, "sim deregistered", sim.get("deregistered"), k)
    expect(bad, "sim registered (the others)", sim.get("registered"), n - k)
    expect(bad, "sim dereg_requests", sim.get("dereg_requests"), k)
    expect(bad, "sim UE lines", len(ues), n)
    expect(bad, "UEs 0..k-1 with a verified accept",
           sum(1 for u in dereg if u.get("outcome") == "deregistered"
               and u.get("ue_dereg") == "accepted"), k)
    expect(bad, "UEs k.. that deregistered",
           [u["ue"] for u in ues if int(u["ue"]) >= k and u.get("ue_dereg") != "-"], [])
    # the accept is the first DL message after the Registration accept under
    # the context: SMC = DL COUNT 0, accept 1, Deregistration accept 2
    expect(bad, "Deregistration accept DL COUNTs",
           sorted(set(u.get("dereg_dl_count") for u in dereg)), ["2"])
    expect(bad, "request SHTs (NEA0: 1, else 2)",
           sorted(set((u.get("nea") == "0", u.get("dereg_sht")) for u in dereg)),
           [(False, "2"), (True, "1")])
    expect(bad, "sim dl_mac_ok (SMC + accept, + Deregistration accept)", sim.get("dl_mac_ok"),
           2 * n + k)
    expect(bad, "gw deregistration", g.get("deregistration"), k)
    expect(bad, "gw registration_complete", g.get("registration_complete"), n)
    # each deregistration's context deletion and N2 unbinding held back
    if g.get("lingered", 0) < k:
        bad.append("gw lingered: %r, expected at least %d" % (g.get("lingered"), k))
    expect(bad, "gw linger_full", g.get("linger_full", 0), 0)
    # the worker protected exactly the k accepts (no other DL after the
    # context went to the fast path) and verified the Registration
    # complete and the Deregistration request of each UE
    expect(bad, "gw worker protected_dl = Deregistration accepts", g.get("protected_dl"), k)
    expect(bad, "gw worker verified", g.get("verified"),
           sum(int(u.get("ul_count", "0")) - 1 for u in ues))
    expect(bad, "gw drop_no_context", g.get("drop_no_context"), 0)
    expect(bad, "gw drop_bad_mac", g.get("drop_bad_mac"), 0)
    expect(bad, "gw drop_replay", g.get("drop_replay"), 0)
    expect(bad, "telemetry ue_entries (deregistered ones gone)", tel.get("ue_entries"), n - k)
    expect(bad, "gw contexts in the table (deleted after the linger)", g.get("contexts"),
           n - k)
    if bad:
        print(text)
    return bad


def sqn_by_supi(text):
    """supi -> SQN of the last AUTN the UE answered (per-UE lines)."""
    out = {}
    for line in text.splitlines():
        if not line.startswith("ue="):
            continue
        f = dict(t.split("=", 1) for t in line.split() if "=" in t)
        if f.get("sqn_accepted", "0").isdigit() and int(f["sqn_accepted"]) > 0:
            out[f["supi"]] = int(f["sqn_accepted"])
    return out


def wait_sqn_moved(store, k, timeout=30):
    """Until k subscribers have had an SQN block reserved (the store is
    read concurrently, as LMDB allows)."""
    t0 = time.time()
    while time.time() - t0 < timeout:
        out = subprocess.run([SUB, "--db", store, "list"], capture_output=True,
                             text=True).stdout
        if sum(1 for l in out.splitlines() if "sqn=" in l and "sqn=000000000000" not in l) >= k:
            return
        time.sleep(0.02)


def case_restart(workdir, n=400):
    """kill -9 anchorgw during registrations, restart it on the same store:
    every subscriber is still there, every UE registers, and no UE is given
    an SQN at or below one it accepted before the crash (SQN never reused)."""
    store = provision(workdir, n)
    iface = "agwrst%d" % os.getpid()
    gw = Gateway(workdir, store, iface)
    sim = subprocess.Popen([GEN, "register", "--iface", iface, "--ues", str(n),
                            "--window", "8", "--timeout-ms", "3000"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    wait_sqn_moved(store, 20)  # some, not all, UEs got a vector: kill now
    gw.kill9()
    first = sqn_by_supi(sim.communicate(timeout=60)[0])
    gw2 = Gateway(workdir, store, iface)
    try:
        out = subprocess.run([GEN, "register", "--iface", iface, "--ues", str(n),
                              "--timeout-ms", "60000"], capture_output=True, text=True,
                             timeout=TIMEOUT)
    finally:
        gw2.stop()
    second = sqn_by_supi(out.stdout)
    listed = subprocess.run([SUB, "--db", store, "list"], capture_output=True, text=True)
    bad = []
    if out.returncode != 0:
        bad.append("after restart: anchor-gen register exit %d: %s"
                   % (out.returncode, out.stdout[-600:]))
    if not 0 < len(first) < n:
        bad.append("the kill did not land mid-run: %d of %d UEs authenticated before it"
                   % (len(first), n))
    expect(bad, "UEs authenticated after the restart", len(second), n)
    reused = [s for s, q in first.items() if second.get(s, 0) <= q]
    expect(bad, "SQNs reused after kill -9", reused[:5], [])
    expect(bad, "subscribers listed after kill -9",
           sum(1 for l in listed.stdout.splitlines() if l.startswith("imsi-")), n)
    print("restart: %d UEs authenticated before kill -9, all %d after; min SQN step %d"
          % (len(first), len(second),
             min((second[s] - q for s, q in first.items() if s in second), default=0)))
    return bad


AF_ID = "af1.example.com"


def free_tcp_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def akma_conf(port):
    """One AAnF on 127.0.0.1:port (h2c), one AF that gets the SUPI."""
    return """  akma = { enabled = true;
    sbi = { address = "127.0.0.1"; port = %d; };
    aanf = ( { id = "a1"; } );
    af = ( { label = "af1"; af_id = "%s"; expose_supi = true; } );
  };
""" % (port, AF_ID)


def provision_akma(workdir, n, k):
    """n AKMA subscribers (routing indicator 0012), then k without AKMA."""
    store = os.path.join(workdir, "store")
    for j, (first, ues, extra) in enumerate(((0, n, ["--akma", "--rid", "0012"]), (n, k, []))):
        csv = os.path.join(workdir, "akma%d.csv" % j)
        subprocess.run([GEN, "subscribers", "--ues", str(ues), "--first", str(first),
                        "--out", csv] + extra, check=True, capture_output=True, text=True)
        p = subprocess.run([SUB, "--db", store, "import", "--csv", csv],
                           capture_output=True, text=True)
        if p.returncode != 0:
            raise RuntimeError("import: %s%s" % (p.stdout, p.stderr))
    return store


def akma_register(iface, ues, out, first=0):
    """anchor-gen register with K_AF for AF_ID; per-UE lines and the K_AF file."""
    cmd = [GEN, "register", "--iface", iface, "--ues", str(ues), "--first", str(first),
           "--timeout-ms", "60000", "--akma-af", AF_ID, "--akma-out", out]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT)
    print(p.stdout[-800:])
    if p.returncode != 0:
        raise RuntimeError("anchor-gen register exit %d:\n%s%s"
                           % (p.returncode, p.stdout[-3000:], p.stderr[-1000:]))
    kaf = {}
    for line in open(out):
        supi, akid, k = line.split()
        kaf[supi] = (akid, k)
    return counters_of(p.stdout), ue_lines(p.stdout), kaf, os.stat(out).st_mode


def af_request(port, akid, af_id=AF_ID):
    """The AF's Naanf_AKMA_ApplicationKey_Get with curl --http2-prior-knowledge:
    (HTTP status, JSON body or None)."""
    body = json.dumps({"afId": af_id, "aKId": akid})
    p = subprocess.run(["curl", "-s", "--http2-prior-knowledge", "-H",
                        "content-type: application/json", "-d", body, "-w", "\n%{http_code}",
                        "http://127.0.0.1:%d/naanf-akma/v1/retrieve-applicationkey" % port],
                       capture_output=True, text=True, timeout=30)
    text, _, code = p.stdout.rpartition("\n")
    return int(code or 0), (json.loads(text) if text.strip() else None)


def case_akma(workdir, n=100, k=10, sample=8, again=5):
    """AKMA end to end (issue 6 must-show 1): n AKMA subscribers and k without
    register through anchorgw; each AKMA UE gets its identifier in the
    protected Registration accept and derives K_AF for af1 itself; the AF
    asks the gateway's AAnF over HTTP/2 for several UEs and gets the same
    K_AF; the others get no identifier; `again` UEs register anew: their old
    identifier is refused (204), the new one gives the new K_AF."""
    store = provision_akma(workdir, n, k)
    port = free_tcp_port()
    gw = Gateway(workdir, store, "agwakm%d" % os.getpid(), akma_conf(port))
    bad = []
    try:
        out1 = os.path.join(workdir, "akma1.txt")
        sim, ues, kaf1, mode = akma_register(gw.iface, n + k, out1)
        expect(bad, "sim registered", sim.get("registered"), n + k)
        expect(bad, "sim akma_ids (UEs with an identifier)", sim.get("akma_ids"), n)
        expect(bad, "sim k_af_derived", sim.get("k_af_derived"), n)
        expect(bad, "K_AF file entries", len(kaf1), n)
        expect(bad, "K_AF file mode", stat.S_IMODE(mode), 0o600)
        without = [u for u in ues if int(u["ue"]) >= n]
        expect(bad, "UEs without AKMA that got an identifier",
               [u["supi"] for u in without if u.get("a_kid") != "-"], [])
        expect(bad, "UEs with AKMA in the per-UE lines",
               sum(1 for u in ues if u.get("ue_akma") == "2"), n)
        tel = gw.anchors("/anchorgw/akma") or {}
        expect(bad, "telemetry /anchorgw/akma identifiers", tel.get("identifiers"), n)
        supis = sorted(kaf1)[::max(1, n // sample)][:sample]
        for supi in supis:
            code, js = af_request(port, kaf1[supi][0])
            expect(bad, "AF request %s status" % supi, code, 200)
            expect(bad, "AF request %s K_AF = UE's" % supi, (js or {}).get("kaf"),
                   kaf1[supi][1])
            expect(bad, "AF request %s supi" % supi, (js or {}).get("supi"), supi)
        code, js = af_request(port, kaf1[supis[0]][0], "evil.example.com")
        expect(bad, "unauthorised AF status", code, 403)
        expect(bad, "unauthorised AF cause", (js or {}).get("cause"), "AF_NOT_AUTHORIZED")
        # re-registration (re-authentication) of the first UEs: new identifiers
        out2 = os.path.join(workdir, "akma2.txt")
        sim2, _, kaf2, _ = akma_register(gw.iface, again, out2)
        expect(bad, "re-registered UEs with a new identifier", sim2.get("akma_ids"), again)
        for supi in sorted(kaf2):
            old, new = kaf1[supi][0], kaf2[supi][0]
            if old == new:
                bad.append("%s: same identifier after re-registration" % supi)
            code, _ = af_request(port, old)
            expect(bad, "stale identifier of %s status" % supi, code, 204)
            code, js = af_request(port, new)
            expect(bad, "new identifier of %s status" % supi, code, 200)
            expect(bad, "new identifier of %s K_AF = UE's" % supi, (js or {}).get("kaf"),
                   kaf2[supi][1])
    finally:
        g, text = gw.stop()
    expect(bad, "gw registration_complete", g.get("registration_complete"), n + k + again)
    expect(bad, "gw akma_id_allocated", g.get("akma_id_allocated"), n + again)
    expect(bad, "gw akma_id_sent", g.get("akma_id_sent"), n + again)
    expect(bad, "gw akma ausf_allocated", g.get("ausf_allocated"), n + again)
    expect(bad, "gw akma ausf_not_subscribed", g.get("ausf_not_subscribed"), k)
    expect(bad, "gw akma ausf_replaced", g.get("ausf_replaced"), again)
    expect(bad, "gw akma identifiers", g.get("identifiers"), n)
    expect(bad, "gw akma aanf_a1_kaf_delivered", g.get("aanf_a1_kaf_delivered"),
           len(supis) + again)
    expect(bad, "gw akma aanf_a1_unknown_akid", g.get("aanf_a1_unknown_akid"), again)
    expect(bad, "gw akma aanf_a1_af_not_authorised", g.get("aanf_a1_af_not_authorised"), 1)
    expect(bad, "gw akma sbi_ok", g.get("sbi_ok"), len(supis) + again)
    expect(bad, "gw drop_bad_mac", g.get("drop_bad_mac"), 0)
    if bad:
        print(text)
        return bad
    return bad + akma_after_restart(workdir, store, port, kaf1, kaf2, n)


def akma_after_restart(workdir, store, port, kaf1, kaf2, n):
    """The same store after a clean stop: every identifier restored, the
    AF still gets the same K_AF (current identifiers), stale ones stay
    refused."""
    bad = []
    gw = Gateway(workdir, store, "agwakr%d" % os.getpid(), akma_conf(port))
    try:
        gw.out.seek(0)
        expect(bad, "restart: identifiers restored",
               "%d identifier(s) restored" % n in gw.out.read(), True)
        for supi in sorted(kaf2)[:2] + sorted(set(kaf1) - set(kaf2))[:2]:
            akid, kaf = kaf2.get(supi, kaf1[supi])
            code, js = af_request(port, akid)
            expect(bad, "restart: %s status" % supi, code, 200)
            expect(bad, "restart: %s K_AF" % supi, (js or {}).get("kaf"), kaf)
        supi = sorted(kaf2)[0]
        expect(bad, "restart: stale identifier status", af_request(port, kaf1[supi][0])[0], 204)
    finally:
        g, text = gw.stop()
    expect(bad, "restart: akma ausf_restored", g.get("ausf_restored"), n)
    if bad:
        print(text)
    return bad


def main():
    if os.geteuid() != 0 or not os.path.exists("/dev/net/tun"):
        print("FAIL: needs root and /dev/net/tun (DPDK net_tap)")
        return 1
    bad = []
    for name, fn in (("register", case_register), ("faults", case_faults),
                     ("ssi", case_ssi), ("seed000", case_seed000), ("restart", case_restart),
                     ("akma", case_akma), ("dereg", case_dereg)):
        if ONLY and name not in ONLY:
            continue
        workdir = tempfile.mkdtemp(prefix="agw-reg-")
        t0 = time.time()
        try:
            r = fn(workdir)
            r = r[0] if isinstance(r, tuple) else r
        except Exception as e:  # a failed run is a failed case
            r = ["%s: %s" % (name, e)]
        print("case %s: %s (%.1f s)" % (name, "ok" if not r else "FAILED", time.time() - t0))
        bad += r
        shutil.rmtree(workdir, ignore_errors=True)
    for b in bad:
        print("FAIL:", b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

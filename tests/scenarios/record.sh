#!/usr/bin/env bash
# Record the captures of pcaps/diagnose: video-call failure scenarios
# played by real protocol stacks (sipp, the Linux TCP/IP stack, the
# kernel's SIP conntrack/NAT helper, and the small peers in this folder)
# across a firewall namespace.
#
#   vcf-a (caller)            vcf-fw (firewall / router)            vcf-b (callee)
#   10.10.1.2/24  vcf-a0 ---- vcf-fwi 10.10.1.1 | 203.0.113.1 vcf-fwo ---- vcf-b0  203.0.113.20/24
#
# tcpdump runs in vcf-fw on vcf-fwo (the WAN link, like a span port) or on
# vcf-fwi (the LAN side) as each scenario needs; see pcaps/diagnose/README.md.
# Every scenario builds the namespaces afresh (empty conntrack table, fixed
# MAC addresses and permanent neighbour entries, so there is no ARP; IPv6
# off, so there is no neighbour discovery) and tears them down after.
#
# Usage: tests/scenarios/record.sh [-o DIR] [-k] [SCENARIO...]
#   -o DIR   write the captures to DIR (default: pcaps/diagnose)
#   -k       keep the work folder (logs of every peer) and print its path
#   SCENARIO one or more of the names below; default: all of them
# Needs root and the packages installed by tests/scenarios/install-deps.sh.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=$ROOT/pcaps/diagnose
KEEP=0

SCENARIOS=(healthy-call invite-blocked media-blocked one-way-media
	tcp-5060-reset q931-blocked ras-port-unreachable stun-unanswered
	sip-alg-rewrite fallback-443)

NS_A=vcf-a NS_FW=vcf-fw NS_B=vcf-b
IF_A=vcf-a0 IF_FWI=vcf-fwi IF_FWO=vcf-fwo IF_B=vcf-b0
MAC_A=02:00:0a:0a:01:02 MAC_FWI=02:00:0a:0a:01:01
MAC_FWO=02:00:cb:00:71:01 MAC_B=02:00:cb:00:71:14
A_IP=10.10.1.2 FW_IN=10.10.1.1 FW_OUT=203.0.113.1 B_IP=203.0.113.20
A_RTP=6000 B_RTP=7000 # SDP-announced media ports (sipp -mp)

PIDS=()     # peers started in the background by this script
CAP_PIDS=() # running tcpdump processes
CAP_NAMES=() # captures of the current scenario
WORK=""
# The peers need only the standard library; prefer the system interpreter.
PY=${PYTHON:-$(command -v /usr/bin/python3 || command -v python3 || echo python3)}

log() { printf '[record] %s\n' "$*" >&2; }
die() {
	log "error: $*"
	exit 1
}

usage() {
	sed -n '/^# Usage:/,/^# Needs/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
	printf 'scenarios: %s\n' "${SCENARIOS[*]}"
}

# --- processes ---------------------------------------------------------------

# start_bg NS NAME CMD...: run CMD inside namespace NS in the background,
# output to $WORK/NAME.log; its PID is left in BG_PID.
start_bg() {
	local ns=$1 name=$2
	shift 2
	(cd "$WORK" && exec ip netns exec "$ns" "$@") >"$WORK/$name.log" 2>&1 &
	BG_PID=$!
	PIDS+=("$BG_PID")
}

forget_pid() {
	local p keep=()
	for p in "${PIDS[@]}"; do [[ $p == "$1" ]] || keep+=("$p"); done
	PIDS=("${keep[@]}")
}

# wait_pid PID SECONDS: wait for a background peer; TERM it after SECONDS.
# Returns its exit status (124 if it had to be stopped).
wait_pid() {
	local pid=$1 limit=$2 i rc=0
	for ((i = 0; i < limit * 10; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$pid" 2>/dev/null; then
		kill -TERM "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		forget_pid "$pid"
		return 124
	fi
	wait "$pid" || rc=$?
	forget_pid "$pid"
	return "$rc"
}

# run NS NAME SECONDS CMD...: run CMD in NS in the foreground (bounded),
# output to $WORK/NAME.log; returns its exit status.
run() {
	local ns=$1 name=$2 limit=$3 rc=0
	shift 3
	(cd "$WORK" && exec timeout "$limit" ip netns exec "$ns" "$@") \
		>"$WORK/$name.log" 2>&1 || rc=$?
	sed 's/^/    | /' "$WORK/$name.log" | tail -n 12 >&2
	return "$rc"
}

# wait_port NS PROTO PORT: wait until something listens on PORT in NS.
wait_port() {
	local ns=$1 proto=$2 port=$3 i opt=-ltn
	[[ $proto == udp ]] && opt=-lun
	for ((i = 0; i < 50; i++)); do
		if ip netns exec "$ns" ss -H "$opt" "sport = :$port" | grep -q .; then
			return 0
		fi
		sleep 0.1
	done
	die "nothing listens on $proto $port in $ns"
}

# --- topology ------------------------------------------------------------------

ns_exists() { ip netns list | awk '{print $1}' | grep -qx "$1"; }

topo_down() {
	local ns pid
	for ns in "$NS_A" "$NS_FW" "$NS_B"; do
		ns_exists "$ns" || continue
		# Whatever still runs inside is a peer this script started there.
		for pid in $(ip netns pids "$ns" 2>/dev/null); do
			kill -TERM "$pid" 2>/dev/null || true
		done
		ip netns del "$ns"
	done
}

topo_up() {
	local ns
	topo_down
	for ns in "$NS_A" "$NS_FW" "$NS_B"; do
		ip netns add "$ns"
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
			net.ipv6.conf.default.disable_ipv6=1
		ip -n "$ns" link set lo up
	done
	ip link add "$IF_A" netns "$NS_A" address "$MAC_A" type veth \
		peer name "$IF_FWI" netns "$NS_FW" address "$MAC_FWI"
	ip link add "$IF_B" netns "$NS_B" address "$MAC_B" type veth \
		peer name "$IF_FWO" netns "$NS_FW" address "$MAC_FWO"
	ip -n "$NS_A" addr add "$A_IP/24" dev "$IF_A"
	ip -n "$NS_FW" addr add "$FW_IN/24" dev "$IF_FWI"
	ip -n "$NS_FW" addr add "$FW_OUT/24" dev "$IF_FWO"
	ip -n "$NS_B" addr add "$B_IP/24" dev "$IF_B"
	# Checksums computed in software, as on a real wire (veth would leave
	# them to an offload that never happens, and the capture would show
	# wrong ones).
	ip netns exec "$NS_A" ethtool -K "$IF_A" tx off >/dev/null
	ip netns exec "$NS_FW" ethtool -K "$IF_FWI" tx off >/dev/null
	ip netns exec "$NS_FW" ethtool -K "$IF_FWO" tx off >/dev/null
	ip netns exec "$NS_B" ethtool -K "$IF_B" tx off >/dev/null
	ip -n "$NS_A" link set "$IF_A" up
	ip -n "$NS_FW" link set "$IF_FWI" up
	ip -n "$NS_FW" link set "$IF_FWO" up
	ip -n "$NS_B" link set "$IF_B" up
	ip -n "$NS_A" route add default via "$FW_IN"
	ip -n "$NS_B" route add default via "$FW_OUT"
	ip -n "$NS_A" neigh replace "$FW_IN" lladdr "$MAC_FWI" dev "$IF_A" nud permanent
	ip -n "$NS_FW" neigh replace "$A_IP" lladdr "$MAC_A" dev "$IF_FWI" nud permanent
	ip -n "$NS_FW" neigh replace "$B_IP" lladdr "$MAC_B" dev "$IF_FWO" nud permanent
	ip -n "$NS_B" neigh replace "$FW_OUT" lladdr "$MAC_FWO" dev "$IF_B" nud permanent
	ip netns exec "$NS_FW" sysctl -qw net.ipv4.ip_forward=1
	# SYN retransmissions with the RFC 6298 doubling (1, 2, 4 s) on every
	# kernel: newer ones retry the first SYNs at linear 1 s intervals.
	if [[ -e /proc/sys/net/ipv4/tcp_syn_linear_timeouts ]]; then
		ip netns exec "$NS_A" sysctl -qw net.ipv4.tcp_syn_linear_timeouts=0
	fi
}

# firewall RULES: load an nftables ruleset (text on stdin) into vcf-fw.
firewall() {
	local rules
	rules=$(cat)
	printf '%s\n' "$rules" >"$WORK/$CUR.nft"
	ip netns exec "$NS_FW" nft -f "$WORK/$CUR.nft" ||
		die "nft refused the $CUR ruleset"
	log "firewall in $NS_FW:"
	sed 's/^/    /' "$WORK/$CUR.nft" >&2
}

# --- capture -----------------------------------------------------------------

# cap_start IFACE NAME: tcpdump in vcf-fw on IFACE into $WORK/NAME.pcap.
cap_start() {
	local ifc=$1 name=$2 i
	ip netns exec "$NS_FW" tcpdump -i "$ifc" -n -s 0 -U --immediate-mode -Z root \
		-w "$WORK/$name.pcap" >"$WORK/$name.tcpdump.log" 2>&1 &
	CAP_PIDS+=("$!")
	CAP_NAMES+=("$name")
	for ((i = 0; i < 50; i++)); do
		grep -qs 'listening on' "$WORK/$name.tcpdump.log" && return 0
		sleep 0.1
	done
	die "tcpdump on $ifc did not start: $(cat "$WORK/$name.tcpdump.log")"
}

# cap_stop: stop every capture with SIGINT so the files are complete, and
# move them to $OUT.
cap_stop() {
	local pid name i
	sleep 0.5 # let the last packets of the exchange arrive
	for pid in "${CAP_PIDS[@]}"; do
		kill -INT "$pid"
		wait "$pid" || die "tcpdump $pid failed"
	done
	for ((i = 0; i < ${#CAP_NAMES[@]}; i++)); do
		name=${CAP_NAMES[$i]}
		grep -E 'captured|dropped by kernel' "$WORK/$name.tcpdump.log" |
			tr '\n' ' ' | sed "s/^/$name: /" >&2
		echo >&2
		grep -q '^0 packets dropped by kernel' "$WORK/$name.tcpdump.log" ||
			die "$name: tcpdump dropped packets"
	done
	CAP_PIDS=()
}

publish() {
	local name size
	for name in "${CAP_NAMES[@]}"; do
		size=$(stat -c %s "$WORK/$name.pcap")
		((size < 200000)) || die "$name.pcap is $size bytes (limit 200 KB)"
		install -m 0644 "$WORK/$name.pcap" "$OUT/$name.pcap"
		log "wrote $OUT/$name.pcap ($size bytes)"
	done
	CAP_NAMES=()
}

# --- checks --------------------------------------------------------------------

# count NAME FILTER [TSHARK-OPTION...]: frames of capture NAME matching the
# display FILTER.
count() {
	local name=$1 filter=$2 out
	shift 2
	out=$(tshark -n -r "$WORK/$name.pcap" "$@" -Y "$filter" \
		-T fields -e frame.number 2>"$WORK/tshark.err") ||
		die "tshark failed on $name.pcap: $(cat "$WORK/tshark.err")"
	grep -c . <<<"$out" || true
}

compare() {
	case $2 in
	-eq) (($1 == $3)) ;;
	-ge) (($1 >= $3)) ;;
	-le) (($1 <= $3)) ;;
	-gt) (($1 > $3)) ;;
	*) die "unknown comparison $2" ;;
	esac
}

# expect NAME FILTER OP N: the capture NAME has (OP N) frames matching the
# display FILTER; OP is one of -eq -ge -le -gt.
FAILED=0
expect() {
	local name=$1 filter=$2 op=$3 want=$4 got
	got=$(count "$name" "$filter")
	if compare "$got" "$op" "$want"; then
		log "  ok   $name: $got x [$filter] ($op $want)"
	else
		log "  FAIL $name: $got x [$filter], expected $op $want"
		FAILED=1
	fi
}

# no_malformed NAME: nothing malformed, and every checksum right.
no_malformed() {
	local got
	expect "$1" '_ws.malformed || _ws.expert.severity == error' -eq 0
	got=$(count "$1" 'ip.checksum.status == 0 || udp.checksum.status == 0 ||
		tcp.checksum.status == 0 || icmp.checksum.status == 0' \
		-o ip.check_checksum:TRUE -o udp.check_checksum:TRUE \
		-o tcp.check_checksum:TRUE)
	if ((got == 0)); then
		log "  ok   $1: all IP/UDP/TCP/ICMP checksums good"
	else
		log "  FAIL $1: $got frames with a bad checksum"
		FAILED=1
	fi
}

# --- peers ---------------------------------------------------------------------

prepare_media() {
	"$PY" "$HERE/rtpgen.py" "$WORK/rtp-uac.pcap" --ssrc 5cf10a02 \
		--seq 1000 --ts 160000 --count 150 --tone 440
	"$PY" "$HERE/rtpgen.py" "$WORK/rtp-uas.pcap" --ssrc 5cf1cb14 \
		--seq 5000 --ts 480000 --count 150 --tone 660
}

# The callee: sipp UAS on B, UDP or TCP (sipp -t u1 / t1).
start_uas() {
	local transport=$1
	start_bg "$NS_B" sipp-uas sipp -sf "$HERE/sip-uas.xml" -t "$transport" \
		-i "$B_IP" -p 5060 -mi "$B_IP" -mp "$B_RTP" -m 1 -nostdin
	UAS_PID=$BG_PID
	if [[ $transport == t1 ]]; then wait_port "$NS_B" tcp 5060; else wait_port "$NS_B" udp 5060; fi
}

# The caller: sipp UAC on A; call of 3.2 s after the ACK (150 RTP packets
# of 20 ms each way), then BYE.  Extra sipp options follow the transport.
run_uac() {
	local transport=$1 limit=$2
	shift 2
	local port=(-p 5060) # UDP from port 5060; TCP from an ephemeral port
	[[ $transport == t1 ]] && port=()
	run "$NS_A" sipp-uac "$limit" sipp -sf "$HERE/sip-uac.xml" -t "$transport" \
		-i "$A_IP" "${port[@]}" -mi "$A_IP" -mp "$A_RTP" -m 1 -d 3200 \
		-s bob -cid_str '%u-5cf1@%s' -nostdin "$@" "$B_IP:5060"
}

# --- scenarios -----------------------------------------------------------------

scn_healthy_call() {
	firewall <<-EOF
		table inet vcf {
		    chain forward {
		        type filter hook forward priority filter; policy accept;
		    }
		}
	EOF
	prepare_media
	start_uas u1
	cap_start "$IF_FWO" healthy-call
	run_uac u1 15 || die "the call failed"
	wait_pid "$UAS_PID" 5 || die "the callee failed"
	cap_stop
	expect healthy-call 'sip.Method == "INVITE"' -eq 1
	expect healthy-call 'sip.Status-Code == 180' -eq 1
	expect healthy-call 'sip.Status-Code == 200 && sip.CSeq.method == "INVITE"' -eq 1
	expect healthy-call 'sip.Method == "ACK"' -eq 1
	expect healthy-call 'sip.Method == "BYE"' -eq 1
	expect healthy-call 'sip.Status-Code == 200 && sip.CSeq.method == "BYE"' -eq 1
	expect healthy-call "ip.src == $A_IP && udp.srcport == $A_RTP && ip.dst == $B_IP && udp.dstport == $B_RTP && rtp.ssrc == 0x5cf10a02" -eq 150
	expect healthy-call "ip.src == $B_IP && udp.srcport == $B_RTP && ip.dst == $A_IP && udp.dstport == $A_RTP && rtp.ssrc == 0x5cf1cb14" -eq 150
	expect healthy-call 'icmp || arp' -eq 0
	no_malformed healthy-call
}

scn_invite_blocked() {
	firewall <<-EOF
		table inet vcf {
		    chain forward {
		        type filter hook forward priority filter; policy accept;
		        iifname "$IF_FWI" oifname "$IF_FWO" udp dport 5060 drop
		    }
		}
	EOF
	prepare_media
	start_uas u1
	cap_start "$IF_FWI" invite-blocked
	# INVITE at 0, 0.5, 1.5, 3.5 and 7.5 s (timer A, T1 = 500 ms); sipp
	# gives up after the 4th retransmission (its next timer would fire at
	# 15.5 s) and is stopped at 9.5 s without sending a CANCEL.
	local rc=0
	run_uac u1 30 -max_invite_retrans 4 -timeout 9500ms \
		-default_behaviors none || rc=$?
	log "caller exit status $rc (a failed call is expected)"
	cap_stop
	kill -TERM "$UAS_PID" 2>/dev/null || true
	wait_pid "$UAS_PID" 5 || true
	expect invite-blocked "sip.Method == \"INVITE\" && ip.src == $A_IP && ip.dst == $B_IP && udp.dstport == 5060" -eq 5
	expect invite-blocked "ip.src == $B_IP" -eq 0
	expect invite-blocked 'sip.Method == "CANCEL" || rtp' -eq 0
	no_malformed invite-blocked
}

scn_media_blocked() {
	firewall <<-EOF
		table inet vcf {
		    chain forward {
		        type filter hook forward priority filter; policy accept;
		        udp sport != 5060 udp dport != 5060 drop
		    }
		}
	EOF
	prepare_media
	start_uas u1
	cap_start "$IF_FWI" media-blocked
	run_uac u1 15 || die "the call failed"
	wait_pid "$UAS_PID" 5 || die "the callee failed"
	cap_stop
	expect media-blocked 'sip.Method == "INVITE"' -eq 1
	expect media-blocked 'sip.Status-Code == 200' -eq 2
	expect media-blocked 'sip.Method == "BYE"' -eq 1
	expect media-blocked "ip.src == $A_IP && udp.srcport == $A_RTP && udp.dstport == $B_RTP" -eq 150
	expect media-blocked "ip.src == $B_IP && !(udp.port == 5060)" -eq 0
	no_malformed media-blocked
}

scn_one_way_media() {
	firewall <<-EOF
		table inet vcf {
		    chain forward {
		        type filter hook forward priority filter; policy accept;
		        iifname "$IF_FWO" ip saddr $B_IP udp sport 7000-7099 drop
		    }
		}
	EOF
	prepare_media
	start_uas u1
	# Both sides of the firewall: on the LAN only A's media is seen; on the
	# WAN B's media is seen arriving, so the drop is in the firewall.
	cap_start "$IF_FWI" one-way-media
	cap_start "$IF_FWO" one-way-media-outside
	run_uac u1 15 || die "the call failed"
	wait_pid "$UAS_PID" 5 || die "the callee failed"
	cap_stop
	expect one-way-media 'sip.Method == "INVITE"' -eq 1
	expect one-way-media 'sip.Method == "BYE"' -eq 1
	expect one-way-media "ip.src == $A_IP && udp.srcport == $A_RTP && ip.dst == $B_IP && udp.dstport == $B_RTP" -eq 150
	expect one-way-media "ip.src == $B_IP && udp.srcport == $B_RTP" -eq 0
	expect one-way-media "ip.src == $B_IP && udp.srcport == 5060" -eq 3
	expect one-way-media-outside "ip.src == $A_IP && udp.srcport == $A_RTP && ip.dst == $B_IP && udp.dstport == $B_RTP" -eq 150
	expect one-way-media-outside "ip.src == $B_IP && udp.srcport == $B_RTP && ip.dst == $A_IP && udp.dstport == $A_RTP" -eq 150
	expect one-way-media-outside 'sip' -eq 6
	no_malformed one-way-media
	no_malformed one-way-media-outside
}

scn_tcp_5060_reset() {
	firewall <<-EOF
		table inet vcf {
		    chain forward {
		        type filter hook forward priority filter; policy accept;
		        iifname "$IF_FWI" oifname "$IF_FWO" tcp dport 5060 reject with tcp reset
		    }
		}
	EOF
	prepare_media
	start_uas t1
	cap_start "$IF_FWI" tcp-5060-reset
	local rc=0
	run_uac t1 10 -timeout 5s || rc=$?
	log "caller exit status $rc (a failed call is expected)"
	cap_stop
	kill -TERM "$UAS_PID" 2>/dev/null || true
	wait_pid "$UAS_PID" 5 || true
	expect tcp-5060-reset "ip.src == $A_IP && tcp.dstport == 5060 && tcp.flags.syn == 1 && tcp.flags.ack == 0" -ge 1
	expect tcp-5060-reset "ip.src == $B_IP && tcp.srcport == 5060 && tcp.flags.reset == 1" -ge 1
	expect tcp-5060-reset 'tcp.flags.syn == 1 && tcp.flags.ack == 1' -eq 0
	expect tcp-5060-reset 'sip' -eq 0
	no_malformed tcp-5060-reset
}

scn_q931_blocked() {
	firewall <<-EOF
		table inet vcf {
		    chain forward {
		        type filter hook forward priority filter; policy accept;
		        iifname "$IF_FWI" oifname "$IF_FWO" tcp dport 1720 drop
		    }
		}
	EOF
	# B accepts H.225.0 call signalling; the firewall never lets A reach it.
	start_bg "$NS_B" q931-listener socat -u TCP-LISTEN:1720,reuseaddr OPEN:/dev/null
	local listener=$BG_PID
	wait_port "$NS_B" tcp 1720
	cap_start "$IF_FWI" q931-blocked
	# SYN at 0, 1, 3 and 7 s (Linux initial RTO 1 s, doubling); the caller
	# gives up at 9 s.
	local rc=0
	run "$NS_A" h323-setup 15 "$PY" "$HERE/h323.py" setup \
		--to "$B_IP:1720" --timeout 9 || rc=$?
	[[ $rc == 2 ]] || die "h323.py setup: exit status $rc, expected 2"
	cap_stop
	kill -TERM "$listener" 2>/dev/null || true
	wait_pid "$listener" 5 || true
	expect q931-blocked "ip.src == $A_IP && ip.dst == $B_IP && tcp.dstport == 1720 && tcp.flags.syn == 1 && tcp.flags.ack == 0" -eq 4
	expect q931-blocked "ip.src == $A_IP && tcp.dstport == 1720 && tcp.flags.syn == 1 && tcp.flags.ack == 0 && tcp.analysis.retransmission" -eq 3
	expect q931-blocked "ip.src == $B_IP || icmp || tcp.flags.reset == 1" -eq 0
	no_malformed q931-blocked
}

scn_ras_port_unreachable() {
	firewall <<-EOF
		table inet vcf {
		    chain forward {
		        type filter hook forward priority filter; policy accept;
		    }
		}
	EOF
	# Nothing listens on B:1719, so B's own stack answers each GRQ with
	# ICMP port unreachable.  Three GRQs, 1 s apart (kept at 1 s so the
	# ICMP rate limit of B does not swallow any answer).
	cap_start "$IF_FWO" ras-port-unreachable
	local rc=0
	run "$NS_A" h323-grq 15 "$PY" "$HERE/h323.py" grq \
		--to "$B_IP:1719" --port 1719 --tries 3 --interval 1 || rc=$?
	[[ $rc == 2 ]] || die "h323.py grq: exit status $rc, expected 2"
	cap_stop
	expect ras-port-unreachable "!icmp && h225.RasMessage == 0 && ip.src == $A_IP && udp.srcport == 1719 && ip.dst == $B_IP && udp.dstport == 1719" -eq 3
	expect ras-port-unreachable "!icmp && h225.requestSeqNum == 1" -eq 3
	expect ras-port-unreachable "icmp.type == 3 && icmp.code == 3 && ip.src == $B_IP && ip.dst == $A_IP && udp.dstport == 1719" -eq 3
	expect ras-port-unreachable "ip.ttl == 64 && icmp" -eq 3
	no_malformed ras-port-unreachable
}

scn_stun_unanswered() {
	firewall <<-EOF
		table inet vcf {
		    chain forward {
		        type filter hook forward priority filter; policy accept;
		        iifname "$IF_FWI" oifname "$IF_FWO" udp dport 3478 drop
		    }
		}
	EOF
	# B runs a STUN server that would answer; it never sees a request.
	start_bg "$NS_B" stun-server "$PY" "$HERE/stun.py" server \
		--bind "$B_IP" --duration 12 --log "$WORK/stun-server.count"
	local server=$BG_PID
	wait_port "$NS_B" udp 3478
	cap_start "$IF_FWI" stun-unanswered
	# Requests at 0, 0.5, 1.5, 3.5 and 7.5 s (RTO 500 ms, doubling; Rc = 5),
	# then 1 s more before the client gives up.
	local rc=0
	run "$NS_A" stun-client 20 "$PY" "$HERE/stun.py" client \
		--to "$B_IP:3478" --port 54000 --rc 5 --final-wait 1 \
		--txid 5cf15cf1a0b1c2d3e4f50617 || rc=$?
	[[ $rc == 2 ]] || die "stun.py client: exit status $rc, expected 2"
	cap_stop
	kill -TERM "$server" 2>/dev/null || true
	wait_pid "$server" 5 || true
	expect stun-unanswered "stun.type == 0x0001 && ip.src == $A_IP && udp.srcport == 54000 && ip.dst == $B_IP && udp.dstport == 3478" -eq 5
	expect stun-unanswered "stun.id == 5c:f1:5c:f1:a0:b1:c2:d3:e4:f5:06:17" -eq 5
	expect stun-unanswered "ip.src == $B_IP || icmp" -eq 0
	no_malformed stun-unanswered
}

scn_sip_alg_rewrite() {
	# A NAT router with the kernel SIP ALG (nf_conntrack_sip + nf_nat_sip)
	# bound to UDP 5060, masquerading the LAN behind 203.0.113.1 and
	# letting in from the WAN only what conntrack relates to an inside flow.
	# The helpers are modules on most kernels (built in on some, which then
	# have no modprobe to run); without them nft refuses the ct helper.
	if command -v modprobe >/dev/null; then
		modprobe -q nf_nat_sip 2>/dev/null || true
	fi
	firewall <<-EOF
		table ip vcf_nat {
		    ct helper sip-5060 {
		        type "sip" protocol udp
		        l3proto ip
		    }
		    chain prerouting {
		        type filter hook prerouting priority filter; policy accept;
		        udp dport 5060 ct helper set "sip-5060"
		    }
		    chain dstnat {
		        type nat hook prerouting priority dstnat; policy accept;
		    }
		    chain srcnat {
		        type nat hook postrouting priority srcnat; policy accept;
		        oifname "$IF_FWO" ip saddr 10.10.1.0/24 masquerade
		    }
		    chain forward {
		        type filter hook forward priority filter; policy drop;
		        ct state established,related accept
		        iifname "$IF_FWI" oifname "$IF_FWO" accept
		    }
		}
	EOF
	prepare_media
	start_uas u1
	cap_start "$IF_FWI" sip-alg-inside
	cap_start "$IF_FWO" sip-alg-outside
	run_uac u1 15 || die "the call failed"
	wait_pid "$UAS_PID" 5 || die "the callee failed"
	cap_stop
	# LAN side: the caller's own addresses everywhere.
	expect sip-alg-inside "sip.Method == \"INVITE\" && ip.src == $A_IP && sip.Via.sent-by.address == $A_IP && sip.contact.host == $A_IP && sdp.connection_info.address == $A_IP" -eq 1
	expect sip-alg-inside "ip.src == $A_IP && udp.srcport == $A_RTP && udp.dstport == $B_RTP" -eq 150
	expect sip-alg-inside "ip.dst == $A_IP && udp.srcport == $B_RTP && udp.dstport == $A_RTP" -eq 150
	# WAN side: source, Via, Contact, o= and c= rewritten to 203.0.113.1.
	expect sip-alg-outside "sip.Method == \"INVITE\" && ip.src == $FW_OUT && sip.Via.sent-by.address == $FW_OUT && sip.contact.host == $FW_OUT && sdp.connection_info.address == $FW_OUT && sdp.owner.address == $FW_OUT" -eq 1
	expect sip-alg-outside "ip.src == $FW_OUT && udp.srcport == $A_RTP && udp.dstport == $B_RTP" -eq 150
	expect sip-alg-outside "ip.dst == $FW_OUT && udp.srcport == $B_RTP && udp.dstport == $A_RTP" -eq 150
	expect sip-alg-outside "ip.addr == 10.10.1.0/24 || sip.Via contains \"10.10.1.\" || sip.Contact contains \"10.10.1.\" || sip.from.host == $A_IP || sdp.owner.address == $A_IP || sdp.connection_info.address == $A_IP" -eq 0
	# The helper does not touch Call-ID: sipp's "1-PID@10.10.1.2" leaks.
	expect sip-alg-outside "sip.Call-ID contains \"@$A_IP\"" -eq 6
	expect sip-alg-outside "sip.Method == \"INVITE\" && sip.Content-Length == 162" -eq 1
	expect sip-alg-inside "sip.Method == \"INVITE\" && sip.Content-Length == 158" -eq 1
	no_malformed sip-alg-inside
	no_malformed sip-alg-outside
}

scn_fallback_443() {
	firewall <<-EOF
		table inet vcf {
		    chain forward {
		        type filter hook forward priority filter; policy accept;
		        iifname "$IF_FWI" oifname "$IF_FWO" udp dport 5004 drop
		        iifname "$IF_FWI" oifname "$IF_FWO" tcp dport 5004 reject with tcp reset
		    }
		}
	EOF
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
		-nodes -days 2 -subj /CN=media.example.net \
		-keyout "$WORK/relay.key" -out "$WORK/relay.crt" 2>/dev/null
	start_bg "$NS_B" tls-relay "$PY" "$HERE/fallback.py" server \
		--bind "$B_IP" --port 443 --cert "$WORK/relay.crt" \
		--key "$WORK/relay.key" --duration 15
	local relay=$BG_PID
	wait_port "$NS_B" tcp 443
	cap_start "$IF_FWI" fallback-443
	run "$NS_A" fallback-client 15 "$PY" "$HERE/fallback.py" client \
		--to "$B_IP" --udp-count 5 --udp-wait 1 --tls-count 5 ||
		die "the fallback client did not get media through"
	wait_pid "$relay" 5 || die "the TLS relay failed"
	cap_stop
	expect fallback-443 "ip.src == $A_IP && udp.srcport == 5004 && ip.dst == $B_IP && udp.dstport == 5004" -eq 5
	expect fallback-443 "ip.src == $B_IP && udp" -eq 0
	expect fallback-443 "tcp.dstport == 5004 && tcp.flags.syn == 1 && tcp.flags.ack == 0" -eq 1
	expect fallback-443 "ip.src == $B_IP && tcp.srcport == 5004 && tcp.flags.reset == 1" -eq 1
	expect fallback-443 "tcp.dstport == 443 && tcp.flags.syn == 1 && tcp.flags.ack == 0" -eq 1
	expect fallback-443 "tls.handshake.type == 1 && tls.handshake.extensions_server_name == \"media.example.net\"" -eq 1
	expect fallback-443 'tls.handshake.type == 2' -eq 1
	expect fallback-443 "ip.src == $A_IP && tcp.dstport == 443 && tls.record.opaque_type == 23" -ge 6
	expect fallback-443 "ip.src == $B_IP && tcp.srcport == 443 && tls.record.opaque_type == 23" -ge 6
	no_malformed fallback-443
}

# --- main ----------------------------------------------------------------------

cleanup() {
	local rc=$? pid
	set +e
	trap - EXIT INT TERM
	((rc == 0)) || log "stopped (status $rc); removing the namespaces and peers"
	for pid in "${CAP_PIDS[@]}"; do
		kill -INT "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done
	for pid in "${PIDS[@]}"; do
		kill -TERM "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done
	topo_down
	if [[ -n $WORK && -d $WORK ]]; then
		if ((KEEP)); then log "work folder kept: $WORK"; else rm -rf "$WORK"; fi
	fi
	exit "$rc"
}

main() {
	local opt names=() s
	while getopts "o:kh" opt; do
		case $opt in
		o) OUT=$OPTARG ;;
		k) KEEP=1 ;;
		h)
			usage
			exit 0
			;;
		*)
			usage >&2
			exit 2
			;;
		esac
	done
	shift $((OPTIND - 1))
	names=("$@")
	((${#names[@]})) || names=("${SCENARIOS[@]}")
	for s in "${names[@]}"; do
		[[ " ${SCENARIOS[*]} " == *" $s "* ]] || die "unknown scenario: $s"
	done

	((EUID == 0)) || die "needs root (network namespaces, nftables, tcpdump)"
	for s in ip nft tcpdump tshark sipp socat ss ethtool "$PY" openssl flock timeout; do
		command -v "$s" >/dev/null || die "$s not found: run tests/scenarios/install-deps.sh"
	done
	mkdir -p "$OUT"
	OUT=$(cd "$OUT" && pwd)

	# One recorder at a time: the namespace names are fixed.
	exec 9>/run/lock/vcf-record.lock
	flock -n 9 || die "another record.sh is running"

	trap cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	WORK=$(mktemp -d /tmp/vcf-record.XXXXXX)
	CAP_NAMES=()

	for s in "${names[@]}"; do
		CUR=$s
		log "=== $s"
		topo_up
		"scn_${s//-/_}"
		((FAILED == 0)) || die "$s: the capture does not show what it should (see above)"
		publish
		topo_down
	done
	log "done: ${#names[@]} scenario(s) recorded into $OUT"
}

main "$@"

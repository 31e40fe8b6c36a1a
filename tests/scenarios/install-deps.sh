#!/usr/bin/env bash
# Install the Debian packages that tests/scenarios/record.sh needs.
# Idempotent and non-interactive: does nothing when all are present.
set -euo pipefail

PKGS=(
	iproute2   # ip (netns, veth, routes, neighbours), ss
	nftables   # nft: the firewall rules in vcf-fw
	ethtool    # tx checksum offload off on the veths
	procps     # sysctl inside the namespaces
	sip-tester # sipp: SIP UAC/UAS with RTP
	tcpdump    # the captures
	tshark     # checks of every capture
	socat      # TCP listener of the H.323 callee
	python3    # STUN, H.323, RTP and TLS peers (standard library only)
	openssl    # self-signed certificate of the TLS relay
)

missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
		missing+=("$p")
done
if ((${#missing[@]} == 0)); then
	echo "install-deps: all packages present (${PKGS[*]})"
	exit 0
fi

SUDO=()
export DEBIAN_FRONTEND=noninteractive
((EUID == 0)) || SUDO=(sudo env DEBIAN_FRONTEND=noninteractive)
echo "install-deps: installing ${missing[*]}"
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"

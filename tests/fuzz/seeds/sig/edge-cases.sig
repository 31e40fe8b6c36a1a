# Every construct of the signature format, for the fuzzer to start from.
class vendor
source 999_seed | A Seed Document | Table 9-9 Ports
vendor Example
product Seed Phone | Seed MCU
rule tcp 5060 | sip | SIP (TCP) | SIP signaling | both | Cannot place calls
rule udp 16384-32767 even | rtp | RTP | media | in | No audio
rule udp 16385-32767 odd | rtcp | RTCP | media statistics | in | -
rule tcp/udp 1-65535 catchall | other | any | everything | - | -
rule udp 3478 net 192.0.2.0/24 | stun | STUN | NAT traversal | out | -
rule tcp 1720 net 2001:db8::/32 | q931 | Q.931 | call setup | both | -
rule icmp any | other | ICMP | errors | - | -
rule any any | other | anything | - | - | -

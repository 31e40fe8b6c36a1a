# VIA3 "Communication Ports & Protocols", transcribed from
# seeds/000_8f9fdec099bb3161.txt.
#
# The document has no numbered tables: a four-line port list under its
# "Ports" heading ("VIA3 uses the following ports (TCP 443 and 80 will be
# used if these are not available)") and prose around it.  All rules are
# filed under the table id "Ports".
# - The four listed ports are one rule each; PROTOCOL and FUNCTION are the
#   list's words (the prose adds what 5061 carries).
# - TCP 443 is not in the list but in its heading and in the prose ("port
#   443 and 80 for other traffic", and the fallback when the ports above are
#   blocked): one rule, marked so.  TCP 80 is in the list (SOAP) and is also
#   the fallback: one rule.
# - The first paragraph says the client only makes outbound requests, to
#   VIA3 servers in 12.129.12.128/25.  Every rule carries that subnet, so a
#   VIA3 row only matches traffic to VIA3's network, and one more rule
#   stands for the subnet as a whole (any transport, any port).
# - DIRECTION is out (the client's).  The document has no blocking column;
#   BLOCKING is what the prose says the client then does.

class vendor
vendor VIA3
product VIA3

source 000_8f9fdec099bb3161 | VIA3 Communication Ports & Protocols | Ports: VIA3 uses the following ports (TCP 443 and 80 will be used if these are not available)
rule tcp 5061 net 12.129.12.128/25 | sip | SIP/SSL | SIP/SSL traffic: login, presence and availability status messages, Instant Messaging (IM), meeting invitations | out | Falls back to TCP 443 and 80
rule udp 5004 net 12.129.12.128/25 | rtp | UDP | Audio\video traffic (real-time data streams: audio, video, mouse pointer) | out | Falls back to TCP 5004, then to TCP 80 and 443
rule tcp 5004 net 12.129.12.128/25 | other | TCP | Desktop sharing connections (and real-time streams when UDP 5004 fails) | out | Falls back to TCP 80 and 443
rule tcp 80 net 12.129.12.128/25 | http | TCP | SOAP traffic; fallback when the ports above are blocked | out | -
# From the list's heading and the prose, not from the list itself.
rule tcp 443 net 12.129.12.128/25 | tls | TCP | Other traffic; fallback when the ports above are blocked | out | -

source 000_8f9fdec099bb3161 | VIA3 Communication Ports & Protocols | Ports: outbound access control, the VIA3 network resides in subnet 12.129.12.128/25 (first paragraph)
rule any any catchall net 12.129.12.128/25 | unknown | - | Any traffic to the VIA3 network (VIA3 servers); all content is encrypted end to end | out | -

# The conferencing protocols' own ports, as their standards and the IANA
# port registry assign them.  A vendor's row for the same port wins a tie
# (it names a product and says what blocking breaks); these rules label the
# flows no vendor table claims.
#
# DOC is the standard's short id; TABLE says where in it the port is given.
# DIRECTION is '-': a standard port is a listening port, whoever uses it.
# BLOCKING says in plain words what stops working.
#
# Left out on purpose:
# - H.245, BFCP (RFC 8855/8856), T.38 and RTP/RTCP have no fixed port:
#   each call negotiates its own (H.245 in Q.931, the rest in SDP).  The
#   RTP profile's registered 5004/5005 (RFC 3551) are left out too: they
#   would outrank the vendors' media ranges that contain them.
# - H.323 Annex E (2517/UDP) carries H.225.0 without TPKT, which the q931
#   label does not cover.
# - HTTP/3 (QUIC) on UDP 443: many conferencing services put TURN or media
#   on UDP 443, and a port rule would mislabel them.

class standard

source rfc3261 | SIP: Session Initiation Protocol (RFC 3261) | Default ports: 5060 (UDP, TCP) and 5061 (TLS)
rule tcp/udp 5060 | sip | SIP | SIP signaling (calls, registration, presence) | - | SIP calls cannot be set up or registered
rule tcp 5061 | sip | SIP over TLS | SIP signaling over TLS (SIPS) | - | Secure SIP calls cannot be set up or registered

source itu-h225.0 | ITU-T H.225.0: Call signalling protocols and media stream packetization (H.323) | RAS and call signalling channel well-known ports (IANA h323gatedisc, h323gatestat, h323hostcall)
rule udp 1718 | h225-ras | H.225.0 RAS | Gatekeeper discovery (GRQ, multicast to 224.0.1.41) | - | Endpoints cannot find a gatekeeper automatically
rule udp 1719 | h225-ras | H.225.0 RAS | Gatekeeper registration, admission and status (RAS) | - | Endpoints cannot register with or get admission from a gatekeeper
rule tcp 1720 | q931 | H.225.0 call signalling (Q.931 over TPKT) | H.323 call setup | - | H.323 calls cannot be set up

source rfc8489 | Session Traversal Utilities for NAT (STUN) (RFC 8489) and TURN (RFC 8656) | Default ports (IANA stun, turn, stuns, turns): 3478 (UDP, TCP), 5349 (TLS, DTLS)
rule tcp/udp 3478 | stun | STUN/TURN | NAT discovery, connectivity checks and media relay (STUN, TURN) | - | Clients cannot learn their public address or relay media; calls through NAT fail or fall back to TCP/443
rule tcp 5349 | stun | STUN/TURN over TLS | STUN and TURN over TLS | - | Clients cannot reach the relay over TLS
rule udp 5349 | stun | STUN/TURN over DTLS | STUN and TURN over DTLS (RFC 7350) | - | Clients cannot reach the relay over DTLS

source rfc5780 | NAT Behavior Discovery Using STUN (RFC 5780) | Alternate port: 3479 by the convention of RFC 3489 servers (IANA assigns 3479 to another service)
rule udp 3479 | stun | STUN | STUN alternate port for NAT behaviour discovery | - | Clients cannot classify the NAT's mapping and filtering

source cisco-sccp | Cisco Skinny Client Control Protocol (SCCP) | IANA cisco-sccp 2000/tcp; 2443/tcp for SCCP over TLS by Cisco's convention
rule tcp 2000 | sccp | SCCP | Call control between Cisco IP phones and Cisco Unified Communications Manager | - | SCCP phones cannot register or place calls
rule tcp 2443 | sccp | SCCP over TLS (SCCPS) | Secure call control between Cisco IP phones and Cisco Unified Communications Manager | - | Secure SCCP phones cannot register or place calls

source rfc3525 | Gateway Control Protocol Version 1 (H.248.1/Megaco) (RFC 3525) | IANA megaco-h248 2944 (text encoding) and h248-binary 2945 (binary encoding)
rule tcp/udp 2944 | megaco | H.248/Megaco (text) | Media gateway control between a call controller and media gateways or media processors | - | Media gateways cannot be controlled
rule tcp/udp 2945 | megaco | H.248/Megaco (binary) | Media gateway control, binary encoding | - | Media gateways cannot be controlled

source rfc3435 | Media Gateway Control Protocol (MGCP) Version 1.0 (RFC 3435) | Default ports: gateways listen on 2427/UDP, call agents on 2727/UDP
rule udp 2427 | other | MGCP | MGCP commands to a media gateway | - | The call agent cannot control the gateway
rule udp 2727 | other | MGCP | MGCP commands and notifications to a call agent | - | Gateways cannot report to the call agent

source itu-t120 | ITU-T T.120 series (T.123, T.125 MCS) | IANA imtc-mcs 1503/tcp
rule tcp 1503 | t120 | T.120 | Data conferencing: whiteboard, application sharing, file transfer | - | Data collaboration in a conference is unavailable

source rfc6120 | Extensible Messaging and Presence Protocol (XMPP): Core (RFC 6120) | IANA xmpp-client 5222/tcp, xmpp-server 5269/tcp
rule tcp 5222 | xmpp | XMPP | Client to server: instant messaging and presence | - | Clients cannot sign in to chat and presence
rule tcp 5269 | xmpp | XMPP | Server to server federation | - | Messages and presence to other domains are not delivered

source rfc4511 | Lightweight Directory Access Protocol (LDAP): The Protocol (RFC 4511) | IANA ldap 389 (TCP, UDP) and ldaps 636
rule tcp/udp 389 | ldap | LDAP | Directory lookup and authentication | - | Directory search and directory logins fail
rule tcp 636 | ldap | LDAP over TLS (LDAPS) | Directory lookup and authentication over TLS | - | Secure directory search and directory logins fail

source rfc9110 | HTTP Semantics (RFC 9110) | Sections 4.2.1 and 4.2.2: http 80, https 443; IANA http-alt 8080
rule tcp 80 | http | HTTP | Web interfaces, provisioning and file downloads | - | Web administration and HTTP provisioning fail
rule tcp 8080 | http | HTTP | Alternate HTTP port: web interfaces and proxies | - | Services on the alternate HTTP port are unreachable
rule tcp 443 | tls | HTTPS | HTTP over TLS: secure web interfaces, cloud services, tunnelled media | - | Secure web access and cloud sign-in fail

source rfc4253 | The Secure Shell (SSH) Transport Layer Protocol (RFC 4253) | Section 4.1: port 22
rule tcp 22 | ssh | SSH | Secure remote shell and file transfer (SFTP, SCP) | - | Remote management over SSH fails

source rfc854 | Telnet Protocol Specification (RFC 854) | Telnet port 23
rule tcp 23 | telnet | Telnet | Remote terminal (clear text) | - | Remote management over Telnet fails

source rfc959 | File Transfer Protocol (FTP) (RFC 959) | IANA ftp 21 (control), ftp-data 20
rule tcp 21 | ftp | FTP | File transfer control connection | - | Software upgrade and log download over FTP fail
rule tcp 20 | ftp | FTP | File transfer data connection (active mode) | - | Active-mode FTP transfers fail

source rfc1350 | The TFTP Protocol (Revision 2) (RFC 1350) | Port 69
rule udp 69 | tftp | TFTP | Trivial file transfer: firmware and configuration downloads | - | Devices cannot download firmware or configuration over TFTP

source rfc3417 | Transport Mappings for SNMP (RFC 3417) | SNMP over UDP: agents 161, notification receivers 162
rule udp 161 | snmp | SNMP | Network management requests to an agent | - | Devices cannot be monitored or configured over SNMP
rule udp 162 | snmp | SNMP | SNMP traps and notifications | - | The management station receives no traps

source rfc2326 | Real Time Streaming Protocol (RTSP) (RFC 2326, RFC 7826) | IANA rtsp 554 (TCP, UDP)
rule tcp/udp 554 | other | RTSP | Streaming session control (recording, streaming playback) | - | Streaming sessions cannot be set up

# Avaya Port Matrix: Avaya Client SDK 4.x Communication Services Package,
# Issue 1.2, October 2020, transcribed from
# seeds/002_22b4c4b94ed60b67.txt: Tables 1 to 4 of section 2.
#
# How the matrix was read:
# - Every row is a connection from a source system and port to a
#   destination system and port.  The rule holds the destination port (the
#   listening one): the source is "Ephemeral (1024 – 65535)" on every row
#   but the two media rows.
# - The first product named is the Communication Services Package (the
#   client the SDK builds); when the other end is an Avaya product it is
#   named after it.  DIRECTION is the client's: out when it is the source,
#   in when it is the destination.
# - PROTOCOL is the "Network / Application Protocol" cell as printed.
#   FUNCTION is the "Description" cell, then the other system in brackets,
#   then the footnote a "(n)" mark points to, written out.  The matrix has
#   no "result of blocking" column: BLOCKING is '-'.
# - "5060 (1024-65535)": the port is the default and the bracket the range
#   it may be configured to (notes 3 and 4); the rule holds the default.
# - Every row's "Default Port State" is Closed; "Optionally Enabled /
#   Disabled" is not kept.
# - Tables 2, 3 and 4 list port changes from earlier releases.  Most of
#   their rows repeat rows of Table 1; they are transcribed under their own
#   table all the same, as rows of those tables.  Table 4 says "from ...
#   4.6" in a 4.x matrix (as printed); its two avayacloud.com rows are in
#   no other table.

class vendor
vendor Avaya

source 002_22b4c4b94ed60b67 | Avaya Port Matrix: Avaya Client SDK 4.x Communication Services Package | Table 1. Port for Avaya Client SDK Communication Services Package 4.x
product Avaya Client SDK Communication Services Package | Avaya Aura Device Services
rule tcp 443 | tls | TLS/HTTPS Web Sockets Server-Sent Events | File downloads for AADS (to HTTP servers used to support Avaya Aura Device Services) | out | -
product Avaya Client SDK Communication Services Package | Avaya Personal Profile Manager
rule tcp 80 | http | TCP/HTTP | File downloads for PPM (to HTTP servers used to support Personal Profile Manager) (note 7: does not apply to JavaScript platform) | out | -
rule tcp 443 | tls | TLS/HTTPS | File downloads for PPM (to HTTP servers used to support Personal Profile Manager) (note 7: does not apply to JavaScript platform) | out | -
product Avaya Client SDK Communication Services Package | Avaya Session Manager
rule tcp 5060 | sip | TCP/SIP | SIP signaling traffic (to Avaya Session Manager (SM), port configurable 1024-65535) (note 7: does not apply to JavaScript platform) | out | -
rule tcp 5061 | sip | TLS/SIPS | SIP signaling traffic (to Avaya Session Manager (SM), port configurable 1024-65535) (note 7: does not apply to JavaScript platform) | out | -
product Avaya Client SDK Communication Services Package | Avaya Session Border Controller
rule tcp 3478 | stun | TCP/STUN TCP/TURN | STUN/TURN Nat Traversal (to Avaya Session Border Controller) (note 5: applies to JavaScript platform only) | out | -
rule tcp 5349 | stun | TLS/STUN TLS /TURN | STUN/TURN Nat Traversal (to Avaya Session Border Controller) (note 5: applies to JavaScript platform only) | out | -
# The outgoing media row is split by a page footer: its source port cell
# ("Default Range is (5004 – 5203) Available Range is (1024-65535)") and
# its destination list ("... Soft Client, Avaya Session Border Controller.")
# and description run on after the footer.  Read as one row.  It names two
# ranges, the client's own 5004-5203 and the far end's 1024-65535: one rule
# each; FUNCTION says which end's range the rule holds.  The destinations
# are kinds of system rather than one product: the client alone is named.
product Avaya Client SDK Communication Services Package
rule udp 5004-5203 | rtp | UDP/RTP, UDP/RTCP, UDP/SRTP, UDP/SRTC | Media traffic (audio/video) for SIP calls, from the client's default media range (to Media Gateway, Conferencing Server, Application Server, Desk Phone, Soft Client, Avaya Session Border Controller; destination port negotiated in real time during call setup) | out | -
rule udp 1024-65535 catchall | rtp | UDP/RTP, UDP/RTCP, UDP/SRTP, UDP/SRTC | Media traffic (audio/video) for SIP calls, to the destination port negotiated in real time during call setup (to Media Gateway, Conferencing Server, Application Server, Desk Phone, Soft Client, Avaya Session Border Controller) | out | -
product Avaya Client SDK Communication Services Package | Avaya Session Border Controller
rule tcp 443 | tls | HTTPS | Media tunneled over HTTPS. (to Avaya Session Border Controller) | out | -
product Avaya Client SDK Communication Services Package
rule tcp 389 | ldap | TCP | Enterprise Directory Contact Lookup (to LDAP Server) (note 6: applies to MacOS and Windows platform only) | out | -
rule tcp 636 | ldap | TLS | Enterprise Directory Contact Lookup (to LDAP Server) (note 6: applies to MacOS and Windows platform only) | out | -
# Incoming media: the same two ranges, the client's 5004-5203 (configurable
# across 1024-65535) as destination, the far end's 1024-65535 as source.
rule udp 5004-5203 | rtp | UDP/RTP, UDP/RTCP, UDP/SRTP, UDP/SRTC | Media traffic (audio/video) for SIP calls, to the client's default media range (from Media Gateway, Conferencing Server, Application Server, Desk Phone, Soft Client, Avaya Session Border Controller) | in | -
rule udp 1024-65535 catchall | rtp | UDP/RTP, UDP/RTCP, UDP/SRTP, UDP/SRTC | Media traffic (audio/video) for SIP calls, from the far end's port 1024-65535 (from Media Gateway, Conferencing Server, Application Server, Desk Phone, Soft Client, Avaya Session Border Controller) | in | -
product Avaya Client SDK Communication Services Package | Avaya Multimedia Messaging
rule tcp 443 | tls | TLS/HTTPS WebSockets Server-Sent Events | Messaging traffic. (to Avaya Multimedia Messaging server, port configurable 1024-65535) | out | -
product Avaya Client SDK Communication Services Package
rule udp 53 | dns | UDP/DNS | Domain lookups, service discovery, (to DNS Servers) | out | -
product Avaya Client SDK Communication Services Package | Avaya Aura Web Gateway
rule tcp 443 | tls | TLS/HTTPS Web Sockets Server-Sent Events | HTTP to SIP Gateway supporting WebRTC (to Avaya Aura Web Gateway) (note 7: does not apply to JavaScript platform) | out | -
product Avaya Client SDK Communication Services Package | Avaya Aura Web Collaboration
rule tcp 80 | http | TCP/HTTP Web Sockets Server-Sent Events | Web collaboration (to Avaya Aura Web Collaboration) | out | -
rule tcp 443 | tls | TLS/HTTPS Web Sockets | Web collaboration (to Avaya Aura Web Collaboration) | out | -
product Avaya Client SDK Communication Services Package | Avaya Aura Media Server
rule udp 1024-65535 catchall | rtp | UDP/RTP, UDP/RTCP, UDP/SRTP, UDP/SRTCP | WebRTC Media traffic (to Avaya Aura Media Server) (note 5: applies to JavaScript platform only) | out | -
# "Equinix Conferencing" is printed so in Table 1; Table 2 has "Equinox".
product Avaya Client SDK Communication Services Package | Avaya Equinox Conferencing | Avaya Unified Portal | Avaya Equinox Meetings Online
rule tcp 443 | tls | TLS/HTTPS | Unified Conference Control Server (equinox conferencing) Unified Portal and Equinox Meetings Online interactions. (to Equinix Conferencing Unified Conference Control, Avaya Unified Portal, Avaya Equinox Meetings Online) | out | -
product Avaya Client SDK Communication Services Package
# BFCP to "1024 -65503": a peer's port anywhere in that range: catchall.
rule udp 1024-65503 catchall | bfcp | UDP/BFCP | Binary Floor Control Protocol for sharing video. (to BFCP Peer) (note 7: does not apply to JavaScript platform) | out | -
rule tcp 443 | tls | TCP/HTTPS | Google Analytics (to analytics.google.com) | out | -
rule tcp 80 | http | TCP/HTTP | File downloads for Configuration (to Web Server used to support configuration file.) | out | -
rule tcp 443 | tls | TLS/HTTPS | File downloads for Configuration (to Web Server used to support configuration file.) | out | -
rule tcp 80 | http | TCP/HTTP | Simple Certificate Enrollment Protocol for certificate distribution. (to Web Server to support SCEP) | out | -
rule tcp 443 | tls | TLS/HTTPS | Simple Certificate Enrollment Protocol for certificate distribution. (to Web Server to support SCEP) | out | -
rule tcp 443 | tls | TLS/HTTPS | Avaya Cloud/Zang account login (to Accounts.zang.io) | out | -
rule tcp 443 | tls | TLS/HTTPS | Avaya Cloud/Zang Spaces direct messaging. (to Spaces.zang.io) | out | -
rule tcp 443 | tls | HTTPS | Proxy Configuration usage determined by configuration. Proxy configuration retrieved from Operating System. (to HTTP Proxy) | out | -
rule tcp 80 | http | HTTP | Proxy Configuration usage determined by configuration. Proxy configuration retrieved from Operating System. (to HTTP Proxy) | out | -
product Avaya Client SDK Communication Services Package | Avaya IP Office
rule tcp 5060 | sip | TCP/SIP | SIP signaling traffic (to IP Office SIP Server, port configurable 1024-65535) (note 7: does not apply to JavaScript platform) | out | -
rule tcp 5061 | sip | TLS/SIPS | SIP signaling traffic (to IP Office SIP Server, port configurable 1024-65535) (note 7: does not apply to JavaScript platform) | out | -

source 002_22b4c4b94ed60b67 | Avaya Port Matrix: Avaya Client SDK 4.x Communication Services Package | Table 2. Port Changes From Avaya Client SDK Communication Services Package 3.3
# Every row here repeats a Table 1 row.  The two SIP rows point to a note
# "(8)" that the matrix's NOTES list (1 to 7) does not have.
product Avaya Client SDK Communication Services Package
rule tcp 443 | tls | TLS/HTTPS | Avaya Cloud/Zang account login (to Accounts.zang.io) | out | -
rule tcp 443 | tls | TLS/HTTPS | Zang Spaces Direct messaging. (to Spaces.zang.io) | out | -
product Avaya Client SDK Communication Services Package | Avaya Equinox Conferencing | Avaya Unified Portal | Avaya Equinox Meetings Online
rule tcp 443 | tls | TLS/HTTPS | Unified Conference Control Server (equinox conferencing) Unified Portal and Equinox Meetings Online interactions. (to Equinox Conferencing Unified Conference Control, Avaya Unified Portal, Avaya Equinox Meetings Online) | out | -
product Avaya Client SDK Communication Services Package
rule tcp 443 | tls | HTTPS | Proxy Configuration usage determined by configuration. Proxy configuration retrieved from Operating System. (to HTTP Proxy) | out | -
rule tcp 80 | http | HTTP | Proxy Configuration usage determined by configuration. Proxy configuration retrieved from Operating System. (to HTTP Proxy) | out | -
product Avaya Client SDK Communication Services Package | Avaya IP Office
rule tcp 5060 | sip | TCP/SIP | SIP signaling traffic (to IP Office SIP Server, port configurable 1024-65535) (note 8, not in the matrix's notes) | out | -
rule tcp 5061 | sip | TLS/SIPS | SIP signaling traffic (to IP Office SIP Server, port configurable 1024-65535) (note 8, not in the matrix's notes) | out | -

source 002_22b4c4b94ed60b67 | Avaya Port Matrix: Avaya Client SDK 4.x Communication Services Package | Table 3. Port Changes From Avaya Client SDK Communication Services Package 3.2
# Three rows repeat Table 1 rows; the last names the Avaya Unified Portal
# beside the Web Gateway, where Table 1 names the Web Gateway alone.  Its
# note "(8)" is not in the matrix's notes.
product Avaya Client SDK Communication Services Package
rule tcp 443 | tls | TLS/HTTPS | File downloads for Configuration (to Web Server to support configuration file.) | out | -
rule tcp 443 | tls | TLS/HTTPS | Simple Certificate Enrollment Protocol for certificate distribution. (to Web Server to support SCEP) | out | -
product Avaya Client SDK Communication Services Package | Avaya Session Border Controller
rule tcp 443 | tls | HTTPS | Media tunneled over HTTPS. (to Avaya Session Border Controller) | out | -
product Avaya Client SDK Communication Services Package | Avaya Aura Web Gateway | Avaya Unified Portal
rule tcp 443 | tls | TLS/HTTPS Web Sockets Server-Sent Events | HTTP to SIP Gateway supporting WebRTC (to Avaya Aura Web Gateway, Avaya Unified Portal) (note 8, not in the matrix's notes) | out | -

source 002_22b4c4b94ed60b67 | Avaya Port Matrix: Avaya Client SDK 4.x Communication Services Package | Table 4. Port Changes From Avaya Client SDK Communication Services Package 4.6
product Avaya Client SDK Communication Services Package
rule tcp 443 | tls | TLS/HTTPS | Avaya Cloud account login (to Accounts.avayacloud.com) | out | -
rule tcp 443 | tls | TLS/HTTPS | Avaya Cloud Spaces Direct messaging. (to Spaces.avayacloud.com) | out | -

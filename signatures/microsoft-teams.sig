# Microsoft Teams: the rows of the "Microsoft Teams" section of Microsoft's
# list of network endpoints, "Microsoft 365 URLs and IP address ranges"
# (learn.microsoft.com/en-us/microsoft-365/enterprise/urls-and-ip-address-ranges,
# Worldwide (+GCC) list), read 2026-12-07.
#
# Where the numbers come from:
# - The page's endpoint tables are not written in the page itself: it
#   includes a generated file, includes/office-365-worldwide-endpoints.md
#   of the MicrosoftDocs/microsoft-365-docs repository ("automatically
#   generated" from Microsoft's IP address and URL web service).  No stored
#   copy of the rendered page could be read, so the table was read from
#   that file.  The vendor's repository is stored only in older versions
#   (2022072800, 2023073100); the newest stored version, 2025063000
#   (generated 2025-06-30), is a copy of the same file in a fork of it, and
#   every number below is from that version (the URL of each `source`).
#   The page text around the table (stored version dated 04/02/2025) names
#   the columns: ID, Category, ER, Addresses, Ports.
# - One more version in the vendor's repository (commit 9915e97e) was seen
#   only as a search excerpt of its Exchange rows; its Teams rows could not
#   be read and its date is not known.  Older versions differ:
#   2023073100 also lists 13.107.64.0/18, 52.238.119.141/32 and
#   52.244.160.207/32, 2603:1063::/39 instead of /38,
#   rows 13 (*.broadcast.skype.com) and 22 (*.skypeforbusiness.com), and no
#   UDP 443 in row 12.  Those are not written here.
#
# How the table was read:
# - The table has no protocol, function, direction or blocking column.
#   PROTOCOL is the transport as the Ports cell prints it ("UDP", "TCP").
#   FUNCTION says what the port carries for Teams; the row's ID and
#   category are in the `source` line.  Every row is a connection from the
#   Teams client to Microsoft's service: DIRECTION out.  Required rows get a
#   short phrase of what stops working as BLOCKING; the table has no
#   blocking cell of its own.
# - One rule per port and subnet: a cell "UDP: 3478, 3479, 3480, 3481" is
#   four ports, not a range.  `net` takes one CIDR, IPv4 or IPv6.
# - ID 11, UDP 3478-3481 to the relay ranges: Teams media goes to
#   Microsoft's transport relays there, ICE and TURN (STUN) first; the app
#   is stun, as for any STUN/TURN relay port.
# - ID 12, TCP 443 is tls; TCP 80 is http; UDP 443 has no label of its own
#   in vcflow (QUIC by the port, the table does not say): other.
# - Left out, and why:
#   * IDs 16, 17, 19, 27, 127 and 180 (Default category) give host names
#     and TCP 443/80 only, without any subnet: a rule for them would claim
#     every HTTPS and HTTP flow for Teams, so none is written.  Their
#     Teams-specific host names (*.skype.com, join.secure.skypeassets.com,
#     mlccdnprod.azureedge.net) are product patterns, kept apart from this
#     file (for products.sig), as are the host names of ID 12.
#   * The table gives no client-side (source) port range; none is written.

class vendor
vendor Microsoft

source https://github.com/chhopkin/microsoft-365-docs/blob/0e68902b81661ce2046dd990f0dc976348e936c9/microsoft-365/includes/office-365-worldwide-endpoints.md | Microsoft 365 URLs and IP address ranges (read 2026-12-07; endpoints version 2025063000, table generated 2025-06-30) | Microsoft Teams, ID 11 (Optimize, Required, ER Yes): 52.112.0.0/14, 52.122.0.0/15, 2603:1063::/38; UDP 3478, 3479, 3480, 3481
product Microsoft Teams
rule udp 3478 net 52.112.0.0/14 | stun | UDP | Teams media through Microsoft's transport relays (STUN/TURN, then audio, video and screen sharing) | out | Teams media cannot use the UDP relays: it falls back to TCP or fails
rule udp 3479 net 52.112.0.0/14 | stun | UDP | Teams media through Microsoft's transport relays (STUN/TURN, then audio, video and screen sharing) | out | Teams media cannot use the UDP relays: it falls back to TCP or fails
rule udp 3480 net 52.112.0.0/14 | stun | UDP | Teams media through Microsoft's transport relays (STUN/TURN, then audio, video and screen sharing) | out | Teams media cannot use the UDP relays: it falls back to TCP or fails
rule udp 3481 net 52.112.0.0/14 | stun | UDP | Teams media through Microsoft's transport relays (STUN/TURN, then audio, video and screen sharing) | out | Teams media cannot use the UDP relays: it falls back to TCP or fails
rule udp 3478 net 52.122.0.0/15 | stun | UDP | Teams media through Microsoft's transport relays (STUN/TURN, then audio, video and screen sharing) | out | Teams media cannot use the UDP relays: it falls back to TCP or fails
rule udp 3479 net 52.122.0.0/15 | stun | UDP | Teams media through Microsoft's transport relays (STUN/TURN, then audio, video and screen sharing) | out | Teams media cannot use the UDP relays: it falls back to TCP or fails
rule udp 3480 net 52.122.0.0/15 | stun | UDP | Teams media through Microsoft's transport relays (STUN/TURN, then audio, video and screen sharing) | out | Teams media cannot use the UDP relays: it falls back to TCP or fails
rule udp 3481 net 52.122.0.0/15 | stun | UDP | Teams media through Microsoft's transport relays (STUN/TURN, then audio, video and screen sharing) | out | Teams media cannot use the UDP relays: it falls back to TCP or fails
rule udp 3478 net 2603:1063::/38 | stun | UDP | Teams media through Microsoft's transport relays (STUN/TURN, then audio, video and screen sharing) | out | Teams media cannot use the UDP relays: it falls back to TCP or fails
rule udp 3479 net 2603:1063::/38 | stun | UDP | Teams media through Microsoft's transport relays (STUN/TURN, then audio, video and screen sharing) | out | Teams media cannot use the UDP relays: it falls back to TCP or fails
rule udp 3480 net 2603:1063::/38 | stun | UDP | Teams media through Microsoft's transport relays (STUN/TURN, then audio, video and screen sharing) | out | Teams media cannot use the UDP relays: it falls back to TCP or fails
rule udp 3481 net 2603:1063::/38 | stun | UDP | Teams media through Microsoft's transport relays (STUN/TURN, then audio, video and screen sharing) | out | Teams media cannot use the UDP relays: it falls back to TCP or fails

source https://github.com/chhopkin/microsoft-365-docs/blob/0e68902b81661ce2046dd990f0dc976348e936c9/microsoft-365/includes/office-365-worldwide-endpoints.md | Microsoft 365 URLs and IP address ranges (read 2026-12-07; endpoints version 2025063000, table generated 2025-06-30) | Microsoft Teams, ID 12 (Allow, Required, ER Yes): *.lync.com, *.teams.cloud.microsoft, *.teams.microsoft.com, teams.cloud.microsoft, teams.microsoft.com; TCP 443, 80; UDP 443
product Microsoft Teams
rule tcp 443 net 52.112.0.0/14 | tls | TCP | Teams service connections over TLS (sign-in, chat, call signalling; media relayed over TCP when UDP is blocked) | out | Teams cannot connect to its service
rule tcp 443 net 52.122.0.0/15 | tls | TCP | Teams service connections over TLS (sign-in, chat, call signalling; media relayed over TCP when UDP is blocked) | out | Teams cannot connect to its service
rule tcp 443 net 2603:1027::/48 | tls | TCP | Teams service connections over TLS (sign-in, chat, call signalling; media relayed over TCP when UDP is blocked) | out | Teams cannot connect to its service
rule tcp 443 net 2603:1037::/48 | tls | TCP | Teams service connections over TLS (sign-in, chat, call signalling; media relayed over TCP when UDP is blocked) | out | Teams cannot connect to its service
rule tcp 443 net 2603:1047::/48 | tls | TCP | Teams service connections over TLS (sign-in, chat, call signalling; media relayed over TCP when UDP is blocked) | out | Teams cannot connect to its service
rule tcp 443 net 2603:1057::/48 | tls | TCP | Teams service connections over TLS (sign-in, chat, call signalling; media relayed over TCP when UDP is blocked) | out | Teams cannot connect to its service
rule tcp 443 net 2603:1063::/38 | tls | TCP | Teams service connections over TLS (sign-in, chat, call signalling; media relayed over TCP when UDP is blocked) | out | Teams cannot connect to its service
rule tcp 443 net 2620:1ec:6::/48 | tls | TCP | Teams service connections over TLS (sign-in, chat, call signalling; media relayed over TCP when UDP is blocked) | out | Teams cannot connect to its service
rule tcp 443 net 2620:1ec:40::/42 | tls | TCP | Teams service connections over TLS (sign-in, chat, call signalling; media relayed over TCP when UDP is blocked) | out | Teams cannot connect to its service
rule tcp 80 net 52.112.0.0/14 | http | TCP | Teams service connections over plain HTTP | out | Teams requests over HTTP fail
rule tcp 80 net 52.122.0.0/15 | http | TCP | Teams service connections over plain HTTP | out | Teams requests over HTTP fail
rule tcp 80 net 2603:1027::/48 | http | TCP | Teams service connections over plain HTTP | out | Teams requests over HTTP fail
rule tcp 80 net 2603:1037::/48 | http | TCP | Teams service connections over plain HTTP | out | Teams requests over HTTP fail
rule tcp 80 net 2603:1047::/48 | http | TCP | Teams service connections over plain HTTP | out | Teams requests over HTTP fail
rule tcp 80 net 2603:1057::/48 | http | TCP | Teams service connections over plain HTTP | out | Teams requests over HTTP fail
rule tcp 80 net 2603:1063::/38 | http | TCP | Teams service connections over plain HTTP | out | Teams requests over HTTP fail
rule tcp 80 net 2620:1ec:6::/48 | http | TCP | Teams service connections over plain HTTP | out | Teams requests over HTTP fail
rule tcp 80 net 2620:1ec:40::/42 | http | TCP | Teams service connections over plain HTTP | out | Teams requests over HTTP fail
rule udp 443 net 52.112.0.0/14 | other | UDP | UDP 443 to Teams services: QUIC (HTTP/3) by the port; the table names no protocol | out | -
rule udp 443 net 52.122.0.0/15 | other | UDP | UDP 443 to Teams services: QUIC (HTTP/3) by the port; the table names no protocol | out | -
rule udp 443 net 2603:1027::/48 | other | UDP | UDP 443 to Teams services: QUIC (HTTP/3) by the port; the table names no protocol | out | -
rule udp 443 net 2603:1037::/48 | other | UDP | UDP 443 to Teams services: QUIC (HTTP/3) by the port; the table names no protocol | out | -
rule udp 443 net 2603:1047::/48 | other | UDP | UDP 443 to Teams services: QUIC (HTTP/3) by the port; the table names no protocol | out | -
rule udp 443 net 2603:1057::/48 | other | UDP | UDP 443 to Teams services: QUIC (HTTP/3) by the port; the table names no protocol | out | -
rule udp 443 net 2603:1063::/38 | other | UDP | UDP 443 to Teams services: QUIC (HTTP/3) by the port; the table names no protocol | out | -
rule udp 443 net 2620:1ec:6::/48 | other | UDP | UDP 443 to Teams services: QUIC (HTTP/3) by the port; the table names no protocol | out | -
rule udp 443 net 2620:1ec:40::/42 | other | UDP | UDP 443 to Teams services: QUIC (HTTP/3) by the port; the table names no protocol | out | -

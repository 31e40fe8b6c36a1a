# Atea Anywhere "Firewall Requirements", transcribed from
# seeds/004_ddf9405be7d03485.txt: the tables of sections 2.1, 2.2, 2.3, 3
# and 4 (the section numbers are the table ids).
#
# How the document was read:
# - The products are the device endpoint types each section names (Cisco
#   Jabber, IP Phones, TelePresence systems; in section 4 a web browser
#   joining a Virtual Meeting Room) and the Atea Anywhere service (CUCM,
#   IM and Presence, Expressway MRA, VMR) they reach.  DIRECTION is the
#   customer devices': 2.1, 3 and 4 are "Outgoing" (out), 2.2 "Incoming"
#   (in), 2.3 between customer devices (both).
# - The port is the "Atea Anywhere (listening)" column.  Sections 3 and 4
#   also give the source port, ">=1024" on every row: not a rule.
# - 2.1 and 2.2 are traffic to and from 91.184.140.0/24 (over MPLS/VPN);
#   3 and 4 to 88.151.163.0/24 (over the internet): every rule of those
#   sections carries its subnet.  2.3 has none.
# - PROTOCOL is the "Protocol" cell ('-' where empty), FUNCTION the
#   "Purpose" cell.  The document has no blocking column: BLOCKING is '-'.
# - "69, 6969" is two ports: one rule each.  "TCP +UDP", "TCP and UDP",
#   "TCP / UDP" and "TCP + UDP" are tcp/udp.
# - The ICMP rows: ICMP has no ports ("It does not constitute a port as
#   indicated in the column heading"), so the rule says icmp any.  2.1
#   leaves the port cell empty; 2.2 prints "7" there (the echo service's
#   number, not an ICMP field): not used.

class vendor
vendor Atea

source 004_ddf9405be7d03485 | Atea Anywhere Firewall Requirements | 2.1 Outgoing from customer office site to Atea Anywhere (91.184.140.0/24)
product Cisco Jabber | Cisco IP Phone | Cisco TelePresence | Atea Anywhere
rule udp 69 net 91.184.140.0/24 | tftp | TFTP | Trivial File Transfer Protocol (TFTP) used to download firmware and configuration files | out | -
rule udp 6969 net 91.184.140.0/24 | tftp | TFTP | Trivial File Transfer Protocol (TFTP) used to download firmware and configuration files | out | -
rule tcp 80 net 91.184.140.0/24 | http | HTTP | HTTP Access | out | -
rule tcp 443 net 91.184.140.0/24 | tls | HTTPS | HTTPS Access | out | -
rule tcp 8080 net 91.184.140.0/24 | http | HTTP | URLs for XML applications, authentication, directories, services, etc. | out | -
rule udp 5070 net 91.184.140.0/24 | bfcp | BFCP | Binary Floor Control Protocol (BFCP) for video desktop sharing capabilities | out | -
rule tcp 2000 net 91.184.140.0/24 | sccp | SCCP | Skinny Client Control Protocol (SCCP) | out | -
rule tcp 2443 net 91.184.140.0/24 | sccp | SCCPS | Secure Skinny Client Control Protocol (SCCPS) | out | -
rule tcp 2445 net 91.184.140.0/24 | other | - | Provide trust verification service | out | -
rule tcp 3804 net 91.184.140.0/24 | other | CAPF | Certificate Authority Proxy Function (CAPF) listening port for issuing Locally Significant Certificates (LSCs) | out | -
rule tcp/udp 5060 net 91.184.140.0/24 | sip | SIP | Session Initiation Protocol (SIP) | out | -
rule tcp 5061 net 91.184.140.0/24 | sip | SIPS | Secure Session Initiation Protocol (SIPS) | out | -
# 6970: the Protocol cell says HTTPS, the Purpose "HTTP-based download";
# CUCM serves plain HTTP on 6970 (HTTPS on 6971/6972), so the app is http.
rule tcp 6970 net 91.184.140.0/24 | http | HTTPS | HTTP-based download of firmware and configuration files | out | -
# An empty line splits the table here (a page break); it is one table.
rule udp 16384-32767 catchall net 91.184.140.0/24 | rtp | RTP/SRTP | Real-Time Protocol (RTP), Secure Real-Time Protocol (SRTP) | out | -
rule tcp 8443 net 91.184.140.0/24 | tls | HTTPS | Traffic to Cisco Unified Communications Manager and Cisco Unified Communications Manager IM and Presence Service. | out | -
rule tcp 6972 net 91.184.140.0/24 | tls | HTTPS | Connects to the TFTP server to download client configuration files securely for Cisco Unified Communications Manager | out | -
rule tcp 5222 net 91.184.140.0/24 | xmpp | XMPP | Connects to Cisco Unified Presence or Cisco Unified Communications Manager IM and Presence Service for instant messaging and presence. | out | -
rule tcp 2444 net 91.184.140.0/24 | other | CTL-Client | Certificate Trust List (CTL) provider listening service in Cisco Unified Communications Manager | out | -
rule tcp 2748 net 91.184.140.0/24 | other | CTIQBE | Computer Telephony Interface (CTI) used for desk phone control. | out | -
rule icmp any net 91.184.140.0/24 | other | ICMP | Internet Control Message Protocol (ICMP) This protocol number carries echo-related traffic. It does not constitute a port as indicated in the column heading. | out | -

source 004_ddf9405be7d03485 | Atea Anywhere Firewall Requirements | 2.2 Incoming traffic from Atea Anywhere (91.184.140.0/24) to customer devices
product Cisco Jabber | Cisco IP Phone | Cisco TelePresence | Atea Anywhere
rule udp 16384-32767 catchall net 91.184.140.0/24 | rtp | RTP/SRTP | Real-Time Protocol (RTP), Secure Real-Time Protocol (SRTP) | in | -
rule tcp/udp 5060 net 91.184.140.0/24 | sip | SIP | Session Initiation Protocol (SIP) | in | -
rule tcp 5061 net 91.184.140.0/24 | sip | SIPS | Secure Session Initiation Protocol (SIPS) | in | -
# The Transport cell is empty; HTTP is TCP.
rule tcp 80 net 91.184.140.0/24 | http | HTTP | Web Requests From Cisco Unified Communications Manager to Phone | in | -
rule tcp 22 net 91.184.140.0/24 | ssh | SSH | Secure FTP service, SSH access | in | -
rule udp 5070 net 91.184.140.0/24 | bfcp | BFCP | Binary Floor Control Protocol (BFCP) for video desktop sharing capabilities | in | -
# Port cell "7": see the header.
rule icmp any net 91.184.140.0/24 | other | ICMP | Internet Control Message Protocol (ICMP) This protocol number carries echo-related traffic. It does not constitute a port as indicated in the column heading. | in | -

source 004_ddf9405be7d03485 | Atea Anywhere Firewall Requirements | 2.3 Traffic between customer devices (Bi-Directional)
product Cisco Jabber | Cisco IP Phone | Cisco TelePresence | Atea Anywhere
rule udp 16384-32767 catchall | rtp | RTP/SRTP | Real-Time Protocol (RTP), Secure Real-Time Protocol (SRTP) | both | -
rule tcp 49152-65535 catchall | other | - | IM-Only Screen Share | both | -
rule tcp/udp 37200 | other | SOCKS5 Bytestreams | Peer to peer file transfers. The client also uses this port to send screen captures. | both | -

source 004_ddf9405be7d03485 | Atea Anywhere Firewall Requirements | 3 Outgoing traffic to Atea Anywhere (88.151.163.0/24) over internet (MRA-mode)
product Cisco Jabber | Cisco IP Phone | Cisco TelePresence | Atea Anywhere
# This table's "Protocol" column holds the transport (TCP, UDP, TLS).
rule tcp 5222 net 88.151.163.0/24 | xmpp | TCP | XMPP (IM and Presence) | out | -
rule tcp 8443 net 88.151.163.0/24 | tls | TCP | HTTP proxy (UDS) | out | -
rule udp 36002-59999 catchall net 88.151.163.0/24 | rtp | UDP | Media | out | -
rule tcp 5061 net 88.151.163.0/24 | sip | TLS | SIP signaling | out | -

source 004_ddf9405be7d03485 | Atea Anywhere Firewall Requirements | 4 Outgoing traffic to Atea Anywhere VMR (Virtual Meeting Room) (88.151.163.0/24) over internet
product Atea Anywhere VMR | Atea Anywhere
rule tcp 443 net 88.151.163.0/24 | tls | TCP | HTTPS | out | -
rule tcp/udp 40000-49999 catchall net 88.151.163.0/24 | rtp | TCP + UDP | Media | out | -

# Cisco Webex: "Network Requirements for Webex Services", Cisco's help
# article WBX000028782,
#   https://help.webex.com/en-us/article/WBX000028782
# (also under .../WBX000028782/Network-Requirements-for-Webex-Services).
# Read on 2026-12-07 from the stored text of that page (retrieved
# 2026-09-01); the page's own revision history ends at 3/16/2026, the date
# the source lines give.  Every port, range and subnet below is from that
# text.  Tables used, each with its own `source`:
#   - "Webex Services – Port Numbers and Protocols" (the Webex app, Cisco
#     Video devices, Video Mesh Node to the Webex cloud);
#   - "IPv4 Subnets for Media Services" and "IPv6 Address Ranges for Media
#     Services" (section "IP subnets for Webex media services"): the
#     destinations of the media rows, which name that section;
#   - "Ports and Protocols for Webex SIP Services" (section "Network
#     requirements for SIP based Webex services");
#   - the port table of "Network Requirements for Webex Edge Audio".
# Host names (table "Cisco Webex Services URLs") are product patterns, kept
# apart from this file.
#
# How the page was read:
# - One rule a port and subnet: "5004 and 9000" is two ports; each media
#   row goes to each of the 32 IPv4 subnets and 3 IPv6 ranges.  The page
#   marks 14 IPv4 subnets with '*' (Azure data centres for Video
#   Integration for Microsoft Teams); their rules say so in FUNCTION.
#   44.234.52.192/26 is printed without '*'; it is written as printed.
# - Left out:
#     443 TLS "Webex HTTPS signaling" (All devices): the page says
#       signalling is reached by URL, not IP address, and that filtering
#       it by IP is not supported; with no subnet a rule would claim every
#       HTTPS flow for Webex.  The host-name patterns cover it.
#     123 UDP NTP and 53 UDP/TCP DNS: footnote (1) says they need not be
#       opened when NTP and DNS are inside the enterprise; they are no
#       Webex service and infrastructure.sig has them.
#     The SIP section also allows the AWS regions us-east-1, us-east-2,
#       eu-central-1, us-gov-west-2 and us-west-2; the page links to AWS's
#       own list and gives no ranges: only the media subnets are written.
#     The Webex Calling ports (another article, b2exve) and the FedRAMP
#       ranges (a separate PDF) are not part of this page's tables.
# - The SIP table and the Edge Audio table are written with the media
#   subnets.  The SIP section asks to allow SIP signalling and media to "the
#   IP subnets for Webex media services" and says SIP based Webex services
#   use the same media subnets; Edge Audio (SIP between Expressway and the
#   Webex cloud) is read as one of them, its table giving no subnet of its
#   own.  Without a subnet its 5061 rows would claim every SIP-over-TLS flow.
# - APP of the Webex media rows (UDP 5004/9000, UDP 50000-53000, TCP 5004):
#   other, not rtp.  The page says "SRTP over UDP/TCP", but in
#   ../shared/pcaps/webex.pcap the UDP 9000 flow to 62.109.229.158 (in
#   62.109.192.0/18) carries 8- and 42-byte datagrams beginning 01, 02 or
#   06 00 00 00: neither RTP version 2 nor STUN; tshark finds no protocol
#   and ndpiReader calls it Webex by address.  That is Webex's own framing,
#   so a recogniser's "not RTP" is no contradiction of these rows.  Media
#   over TLS on 443 is a TLS session on the wire: tls.  The SIP section's
#   media ("RTP/SRTP over UDP", to and from Expressway) is rtp.
# - DIRECTION is the customer side's: the Webex app or device (product
#   Cisco Webex) connects out; in the SIP and Edge Audio tables it is
#   Expressway E (first product), out towards the Webex cloud, in from it.
#   The SIP table gives source and destination ports; the rule takes the
#   destination port.  Media ranges over 10000 ports wide are catchall.
# - The tables have no blocking column.  BLOCKING says what the page says
#   happens (UDP blocked: fall back to TCP; TCP blocked: fall back to TLS),
#   else what stops working, in plain words.

class vendor
vendor Cisco

source https://help.webex.com/en-us/article/WBX000028782 | Network Requirements for Webex Services (read 2026-12-07; page dated 2026-03-16) | Webex Services – Port Numbers and Protocols: 5004 and 9000, SRTP over UDP, to the IP subnets for Webex media services (IPv4 Subnets for Media Services; IPv6 Address Ranges for Media Services)
product Cisco Webex
# UDP 5004: one rule a subnet.
rule udp 5004 net 4.152.214.0/24 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TCP 5004
rule udp 5004 net 4.158.208.0/24 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TCP 5004
rule udp 5004 net 4.175.120.0/24 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TCP 5004
rule udp 5004 net 4.152.180.0/24 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TCP 5004
rule udp 5004 net 20.50.235.0/24 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TCP 5004
rule udp 5004 net 20.53.87.0/24 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TCP 5004
rule udp 5004 net 20.57.87.0/24 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TCP 5004
rule udp 5004 net 20.68.154.0/24 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TCP 5004
rule udp 5004 net 20.76.127.0/24 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TCP 5004
rule udp 5004 net 20.108.99.0/24 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TCP 5004
rule udp 5004 net 20.120.238.0/23 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TCP 5004
rule udp 5004 net 23.89.0.0/16 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 5004 net 40.119.234.0/24 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TCP 5004
rule udp 5004 net 44.234.52.192/26 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 5004 net 52.232.210.0/24 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TCP 5004
rule udp 5004 net 62.109.192.0/18 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 5004 net 64.68.96.0/19 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 5004 net 66.163.32.0/19 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 5004 net 69.26.160.0/19 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 5004 net 114.29.192.0/19 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 5004 net 144.196.0.0/16 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 5004 net 150.253.128.0/17 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 5004 net 163.129.0.0/17 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 5004 net 170.72.0.0/16 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 5004 net 170.133.128.0/18 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 5004 net 173.39.224.0/19 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 5004 net 173.243.0.0/20 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 5004 net 207.182.160.0/19 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 5004 net 209.197.192.0/19 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 5004 net 210.4.192.0/20 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 5004 net 216.151.128.0/19 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 5004 net 4.144.190.0/24 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TCP 5004
rule udp 5004 net 2402:2500::/34 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 5004 net 2607:fcf0::/34 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 5004 net 2a00:a640::/34 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
# UDP 9000: one rule a subnet.
rule udp 9000 net 4.152.214.0/24 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TCP 5004
rule udp 9000 net 4.158.208.0/24 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TCP 5004
rule udp 9000 net 4.175.120.0/24 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TCP 5004
rule udp 9000 net 4.152.180.0/24 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TCP 5004
rule udp 9000 net 20.50.235.0/24 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TCP 5004
rule udp 9000 net 20.53.87.0/24 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TCP 5004
rule udp 9000 net 20.57.87.0/24 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TCP 5004
rule udp 9000 net 20.68.154.0/24 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TCP 5004
rule udp 9000 net 20.76.127.0/24 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TCP 5004
rule udp 9000 net 20.108.99.0/24 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TCP 5004
rule udp 9000 net 20.120.238.0/23 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TCP 5004
rule udp 9000 net 23.89.0.0/16 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 9000 net 40.119.234.0/24 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TCP 5004
rule udp 9000 net 44.234.52.192/26 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 9000 net 52.232.210.0/24 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TCP 5004
rule udp 9000 net 62.109.192.0/18 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 9000 net 64.68.96.0/19 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 9000 net 66.163.32.0/19 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 9000 net 69.26.160.0/19 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 9000 net 114.29.192.0/19 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 9000 net 144.196.0.0/16 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 9000 net 150.253.128.0/17 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 9000 net 163.129.0.0/17 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 9000 net 170.72.0.0/16 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 9000 net 170.133.128.0/18 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 9000 net 173.39.224.0/19 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 9000 net 173.243.0.0/20 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 9000 net 207.182.160.0/19 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 9000 net 209.197.192.0/19 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 9000 net 210.4.192.0/20 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 9000 net 216.151.128.0/19 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 9000 net 4.144.190.0/24 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TCP 5004
rule udp 9000 net 2402:2500::/34 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 9000 net 2607:fcf0::/34 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004
rule udp 9000 net 2a00:a640::/34 | other | SRTP over UDP | Encrypted audio, video, and content sharing on the Webex App and Cisco Video devices (Webex media framing, not bare RTP: see the header) | out | media falls back to TCP 5004

source https://help.webex.com/en-us/article/WBX000028782 | Network Requirements for Webex Services (read 2026-12-07; page dated 2026-03-16) | Webex Services – Port Numbers and Protocols: 50,000 – 53,000, SRTP over UDP (Video Mesh Node only)
product Cisco Webex
# The destination is the customer's own Video Mesh Node, so the row has no
# Webex subnet.  The range lies wholly in the ephemeral ports (49152-65535):
# any client's source port falls in it, and in the test captures it met an
# Ethereum, an OpenVPN, a Roblox and a plain RTP flow.  So it is catchall,
# weak evidence only.
rule udp 50000-53000 catchall | other | SRTP over UDP | Encrypted audio, video, and content sharing – Video Mesh Node only (Webex media framing, not bare RTP: see the header) | out | no media through the Video Mesh Node

source https://help.webex.com/en-us/article/WBX000028782 | Network Requirements for Webex Services (read 2026-12-07; page dated 2026-03-16) | Webex Services – Port Numbers and Protocols: 5004, SRTP over TCP, to the IP subnets for Webex media services (IPv4 Subnets for Media Services; IPv6 Address Ranges for Media Services)
product Cisco Webex
rule tcp 5004 net 4.152.214.0/24 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TLS on 443
rule tcp 5004 net 4.158.208.0/24 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TLS on 443
rule tcp 5004 net 4.175.120.0/24 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TLS on 443
rule tcp 5004 net 4.152.180.0/24 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TLS on 443
rule tcp 5004 net 20.50.235.0/24 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TLS on 443
rule tcp 5004 net 20.53.87.0/24 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TLS on 443
rule tcp 5004 net 20.57.87.0/24 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TLS on 443
rule tcp 5004 net 20.68.154.0/24 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TLS on 443
rule tcp 5004 net 20.76.127.0/24 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TLS on 443
rule tcp 5004 net 20.108.99.0/24 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TLS on 443
rule tcp 5004 net 20.120.238.0/23 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TLS on 443
rule tcp 5004 net 23.89.0.0/16 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) | out | media falls back to TLS on 443
rule tcp 5004 net 40.119.234.0/24 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TLS on 443
rule tcp 5004 net 44.234.52.192/26 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) | out | media falls back to TLS on 443
rule tcp 5004 net 52.232.210.0/24 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TLS on 443
rule tcp 5004 net 62.109.192.0/18 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) | out | media falls back to TLS on 443
rule tcp 5004 net 64.68.96.0/19 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) | out | media falls back to TLS on 443
rule tcp 5004 net 66.163.32.0/19 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) | out | media falls back to TLS on 443
rule tcp 5004 net 69.26.160.0/19 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) | out | media falls back to TLS on 443
rule tcp 5004 net 114.29.192.0/19 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) | out | media falls back to TLS on 443
rule tcp 5004 net 144.196.0.0/16 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) | out | media falls back to TLS on 443
rule tcp 5004 net 150.253.128.0/17 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) | out | media falls back to TLS on 443
rule tcp 5004 net 163.129.0.0/17 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) | out | media falls back to TLS on 443
rule tcp 5004 net 170.72.0.0/16 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) | out | media falls back to TLS on 443
rule tcp 5004 net 170.133.128.0/18 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) | out | media falls back to TLS on 443
rule tcp 5004 net 173.39.224.0/19 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) | out | media falls back to TLS on 443
rule tcp 5004 net 173.243.0.0/20 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) | out | media falls back to TLS on 443
rule tcp 5004 net 207.182.160.0/19 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) | out | media falls back to TLS on 443
rule tcp 5004 net 209.197.192.0/19 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) | out | media falls back to TLS on 443
rule tcp 5004 net 210.4.192.0/20 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) | out | media falls back to TLS on 443
rule tcp 5004 net 216.151.128.0/19 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) | out | media falls back to TLS on 443
rule tcp 5004 net 4.144.190.0/24 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) (Azure data centre, Video Integration for Microsoft Teams) | out | media falls back to TLS on 443
rule tcp 5004 net 2402:2500::/34 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) | out | media falls back to TLS on 443
rule tcp 5004 net 2607:fcf0::/34 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) | out | media falls back to TLS on 443
rule tcp 5004 net 2a00:a640::/34 | other | SRTP over TCP | Encrypted audio, video and content sharing over TCP, fallback if UDP cannot be used (Webex media framing) | out | media falls back to TLS on 443

source https://help.webex.com/en-us/article/WBX000028782 | Network Requirements for Webex Services (read 2026-12-07; page dated 2026-03-16) | Webex Services – Port Numbers and Protocols: 443, SRTP over TLS, to the IP subnets for Webex media services (IPv4 Subnets for Media Services; IPv6 Address Ranges for Media Services)
product Cisco Webex
# tls: on the wire this is a TLS session.  A Webex HTTPS signalling
# connection to an address in these subnets matches these rules too (the
# firewall row allows it), though their function is the media fallback.
rule tcp 443 net 4.152.214.0/24 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used (Azure data centre, Video Integration for Microsoft Teams) | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 4.158.208.0/24 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used (Azure data centre, Video Integration for Microsoft Teams) | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 4.175.120.0/24 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used (Azure data centre, Video Integration for Microsoft Teams) | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 4.152.180.0/24 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used (Azure data centre, Video Integration for Microsoft Teams) | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 20.50.235.0/24 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used (Azure data centre, Video Integration for Microsoft Teams) | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 20.53.87.0/24 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used (Azure data centre, Video Integration for Microsoft Teams) | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 20.57.87.0/24 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used (Azure data centre, Video Integration for Microsoft Teams) | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 20.68.154.0/24 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used (Azure data centre, Video Integration for Microsoft Teams) | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 20.76.127.0/24 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used (Azure data centre, Video Integration for Microsoft Teams) | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 20.108.99.0/24 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used (Azure data centre, Video Integration for Microsoft Teams) | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 20.120.238.0/23 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used (Azure data centre, Video Integration for Microsoft Teams) | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 23.89.0.0/16 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 40.119.234.0/24 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used (Azure data centre, Video Integration for Microsoft Teams) | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 44.234.52.192/26 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 52.232.210.0/24 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used (Azure data centre, Video Integration for Microsoft Teams) | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 62.109.192.0/18 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 64.68.96.0/19 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 66.163.32.0/19 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 69.26.160.0/19 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 114.29.192.0/19 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 144.196.0.0/16 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 150.253.128.0/17 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 163.129.0.0/17 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 170.72.0.0/16 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 170.133.128.0/18 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 173.39.224.0/19 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 173.243.0.0/20 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 207.182.160.0/19 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 209.197.192.0/19 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 210.4.192.0/20 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 216.151.128.0/19 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 4.144.190.0/24 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used (Azure data centre, Video Integration for Microsoft Teams) | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 2402:2500::/34 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 2607:fcf0::/34 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used | out | no media if UDP and TCP media are blocked too
rule tcp 443 net 2a00:a640::/34 | tls | SRTP over TLS | Encrypted audio, video and content sharing over TLS, fallback if UDP and TCP cannot be used | out | no media if UDP and TCP media are blocked too

source https://help.webex.com/en-us/article/WBX000028782 | Network Requirements for Webex Services (read 2026-12-07; page dated 2026-03-16) | Ports and Protocols for Webex SIP Services (Network requirements for SIP based Webex services), to the IP subnets for Webex media services (IPv4 Subnets for Media Services; IPv6 Address Ranges for Media Services)
product Cisco Expressway | Cisco Webex
# Expressway E to the Webex cloud: destination port 5060 - 5070 at the cloud.
rule tcp 5060-5070 net 4.152.214.0/24 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud (Azure data centre, Video Integration for Microsoft Teams) | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 4.158.208.0/24 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud (Azure data centre, Video Integration for Microsoft Teams) | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 4.175.120.0/24 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud (Azure data centre, Video Integration for Microsoft Teams) | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 4.152.180.0/24 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud (Azure data centre, Video Integration for Microsoft Teams) | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 20.50.235.0/24 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud (Azure data centre, Video Integration for Microsoft Teams) | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 20.53.87.0/24 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud (Azure data centre, Video Integration for Microsoft Teams) | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 20.57.87.0/24 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud (Azure data centre, Video Integration for Microsoft Teams) | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 20.68.154.0/24 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud (Azure data centre, Video Integration for Microsoft Teams) | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 20.76.127.0/24 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud (Azure data centre, Video Integration for Microsoft Teams) | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 20.108.99.0/24 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud (Azure data centre, Video Integration for Microsoft Teams) | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 20.120.238.0/23 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud (Azure data centre, Video Integration for Microsoft Teams) | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 23.89.0.0/16 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 40.119.234.0/24 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud (Azure data centre, Video Integration for Microsoft Teams) | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 44.234.52.192/26 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 52.232.210.0/24 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud (Azure data centre, Video Integration for Microsoft Teams) | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 62.109.192.0/18 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 64.68.96.0/19 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 66.163.32.0/19 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 69.26.160.0/19 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 114.29.192.0/19 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 144.196.0.0/16 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 150.253.128.0/17 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 163.129.0.0/17 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 170.72.0.0/16 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 170.133.128.0/18 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 173.39.224.0/19 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 173.243.0.0/20 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 207.182.160.0/19 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 209.197.192.0/19 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 210.4.192.0/20 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 216.151.128.0/19 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 4.144.190.0/24 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud (Azure data centre, Video Integration for Microsoft Teams) | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 2402:2500::/34 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 2607:fcf0::/34 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud | out | SIP calls to Webex cannot be set up
rule tcp 5060-5070 net 2a00:a640::/34 | sip | SIP over TCP/TLS/MTLS | SIP signaling from Expressway E to the Webex cloud | out | SIP calls to Webex cannot be set up
# The Webex cloud to Expressway E: destination port 5060 - 5070 at Expressway.
rule tcp 5060-5070 net 4.152.214.0/24 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E (Azure data centre, Video Integration for Microsoft Teams) | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 4.158.208.0/24 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E (Azure data centre, Video Integration for Microsoft Teams) | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 4.175.120.0/24 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E (Azure data centre, Video Integration for Microsoft Teams) | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 4.152.180.0/24 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E (Azure data centre, Video Integration for Microsoft Teams) | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 20.50.235.0/24 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E (Azure data centre, Video Integration for Microsoft Teams) | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 20.53.87.0/24 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E (Azure data centre, Video Integration for Microsoft Teams) | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 20.57.87.0/24 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E (Azure data centre, Video Integration for Microsoft Teams) | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 20.68.154.0/24 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E (Azure data centre, Video Integration for Microsoft Teams) | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 20.76.127.0/24 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E (Azure data centre, Video Integration for Microsoft Teams) | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 20.108.99.0/24 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E (Azure data centre, Video Integration for Microsoft Teams) | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 20.120.238.0/23 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E (Azure data centre, Video Integration for Microsoft Teams) | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 23.89.0.0/16 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 40.119.234.0/24 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E (Azure data centre, Video Integration for Microsoft Teams) | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 44.234.52.192/26 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 52.232.210.0/24 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E (Azure data centre, Video Integration for Microsoft Teams) | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 62.109.192.0/18 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 64.68.96.0/19 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 66.163.32.0/19 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 69.26.160.0/19 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 114.29.192.0/19 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 144.196.0.0/16 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 150.253.128.0/17 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 163.129.0.0/17 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 170.72.0.0/16 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 170.133.128.0/18 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 173.39.224.0/19 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 173.243.0.0/20 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 207.182.160.0/19 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 209.197.192.0/19 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 210.4.192.0/20 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 216.151.128.0/19 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 4.144.190.0/24 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E (Azure data centre, Video Integration for Microsoft Teams) | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 2402:2500::/34 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 2607:fcf0::/34 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E | in | SIP calls from Webex cannot reach Expressway
rule tcp 5060-5070 net 2a00:a640::/34 | sip | SIP over TCP/TLS/MTLS | SIP signaling from the Webex cloud to Expressway E | in | SIP calls from Webex cannot reach Expressway
# Expressway 36000 - 59999 to the Webex cloud 49152 - 59999: the rule is the
# destination (cloud) port range.
rule udp 49152-59999 catchall net 4.152.214.0/24 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud (Azure data centre, Video Integration for Microsoft Teams) | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 4.158.208.0/24 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud (Azure data centre, Video Integration for Microsoft Teams) | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 4.175.120.0/24 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud (Azure data centre, Video Integration for Microsoft Teams) | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 4.152.180.0/24 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud (Azure data centre, Video Integration for Microsoft Teams) | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 20.50.235.0/24 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud (Azure data centre, Video Integration for Microsoft Teams) | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 20.53.87.0/24 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud (Azure data centre, Video Integration for Microsoft Teams) | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 20.57.87.0/24 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud (Azure data centre, Video Integration for Microsoft Teams) | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 20.68.154.0/24 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud (Azure data centre, Video Integration for Microsoft Teams) | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 20.76.127.0/24 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud (Azure data centre, Video Integration for Microsoft Teams) | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 20.108.99.0/24 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud (Azure data centre, Video Integration for Microsoft Teams) | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 20.120.238.0/23 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud (Azure data centre, Video Integration for Microsoft Teams) | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 23.89.0.0/16 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 40.119.234.0/24 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud (Azure data centre, Video Integration for Microsoft Teams) | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 44.234.52.192/26 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 52.232.210.0/24 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud (Azure data centre, Video Integration for Microsoft Teams) | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 62.109.192.0/18 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 64.68.96.0/19 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 66.163.32.0/19 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 69.26.160.0/19 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 114.29.192.0/19 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 144.196.0.0/16 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 150.253.128.0/17 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 163.129.0.0/17 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 170.72.0.0/16 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 170.133.128.0/18 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 173.39.224.0/19 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 173.243.0.0/20 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 207.182.160.0/19 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 209.197.192.0/19 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 210.4.192.0/20 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 216.151.128.0/19 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 4.144.190.0/24 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud (Azure data centre, Video Integration for Microsoft Teams) | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 2402:2500::/34 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 2607:fcf0::/34 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud | out | no media on SIP calls with Webex
rule udp 49152-59999 catchall net 2a00:a640::/34 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from Expressway E to the Webex cloud | out | no media on SIP calls with Webex
# The Webex cloud 49152 - 59999 to Expressway 36000 - 59999: the rule is the
# destination (Expressway) port range.
rule udp 36000-59999 catchall net 4.152.214.0/24 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E (Azure data centre, Video Integration for Microsoft Teams) | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 4.158.208.0/24 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E (Azure data centre, Video Integration for Microsoft Teams) | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 4.175.120.0/24 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E (Azure data centre, Video Integration for Microsoft Teams) | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 4.152.180.0/24 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E (Azure data centre, Video Integration for Microsoft Teams) | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 20.50.235.0/24 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E (Azure data centre, Video Integration for Microsoft Teams) | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 20.53.87.0/24 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E (Azure data centre, Video Integration for Microsoft Teams) | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 20.57.87.0/24 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E (Azure data centre, Video Integration for Microsoft Teams) | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 20.68.154.0/24 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E (Azure data centre, Video Integration for Microsoft Teams) | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 20.76.127.0/24 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E (Azure data centre, Video Integration for Microsoft Teams) | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 20.108.99.0/24 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E (Azure data centre, Video Integration for Microsoft Teams) | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 20.120.238.0/23 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E (Azure data centre, Video Integration for Microsoft Teams) | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 23.89.0.0/16 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 40.119.234.0/24 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E (Azure data centre, Video Integration for Microsoft Teams) | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 44.234.52.192/26 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 52.232.210.0/24 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E (Azure data centre, Video Integration for Microsoft Teams) | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 62.109.192.0/18 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 64.68.96.0/19 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 66.163.32.0/19 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 69.26.160.0/19 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 114.29.192.0/19 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 144.196.0.0/16 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 150.253.128.0/17 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 163.129.0.0/17 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 170.72.0.0/16 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 170.133.128.0/18 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 173.39.224.0/19 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 173.243.0.0/20 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 207.182.160.0/19 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 209.197.192.0/19 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 210.4.192.0/20 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 216.151.128.0/19 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 4.144.190.0/24 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E (Azure data centre, Video Integration for Microsoft Teams) | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 2402:2500::/34 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 2607:fcf0::/34 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E | in | no media on SIP calls with Webex
rule udp 36000-59999 catchall net 2a00:a640::/34 | rtp | RTP/SRTP over UDP | Unencrypted/ Encrypted media from the Webex cloud to Expressway E | in | no media on SIP calls with Webex

source https://help.webex.com/en-us/article/WBX000028782 | Network Requirements for Webex Services (read 2026-12-07; page dated 2026-03-16) | Network Requirements for Webex Edge Audio, to the IP subnets for Webex media services (IPv4 Subnets for Media Services; IPv6 Address Ranges for Media Services)
product Cisco Expressway | Cisco Webex
# The table names no subnet; Edge Audio is a SIP based Webex service, and
# the SIP section sends its signalling and media to the media subnets (see
# the header), so each row gets each subnet.  "5061, 5062" and "5061,
# 5065" are two ports each.
rule tcp 5061 net 4.152.214.0/24 | sip | TCP | Inbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 4.158.208.0/24 | sip | TCP | Inbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 4.175.120.0/24 | sip | TCP | Inbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 4.152.180.0/24 | sip | TCP | Inbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 20.50.235.0/24 | sip | TCP | Inbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 20.53.87.0/24 | sip | TCP | Inbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 20.57.87.0/24 | sip | TCP | Inbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 20.68.154.0/24 | sip | TCP | Inbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 20.76.127.0/24 | sip | TCP | Inbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 20.108.99.0/24 | sip | TCP | Inbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 20.120.238.0/23 | sip | TCP | Inbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 23.89.0.0/16 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 40.119.234.0/24 | sip | TCP | Inbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 44.234.52.192/26 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 52.232.210.0/24 | sip | TCP | Inbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 62.109.192.0/18 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 64.68.96.0/19 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 66.163.32.0/19 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 69.26.160.0/19 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 114.29.192.0/19 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 144.196.0.0/16 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 150.253.128.0/17 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 163.129.0.0/17 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 170.72.0.0/16 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 170.133.128.0/18 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 173.39.224.0/19 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 173.243.0.0/20 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 207.182.160.0/19 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 209.197.192.0/19 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 210.4.192.0/20 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 216.151.128.0/19 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 4.144.190.0/24 | sip | TCP | Inbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 2402:2500::/34 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 2607:fcf0::/34 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 2a00:a640::/34 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 4.152.214.0/24 | sip | TCP | Inbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 4.158.208.0/24 | sip | TCP | Inbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 4.175.120.0/24 | sip | TCP | Inbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 4.152.180.0/24 | sip | TCP | Inbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 20.50.235.0/24 | sip | TCP | Inbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 20.53.87.0/24 | sip | TCP | Inbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 20.57.87.0/24 | sip | TCP | Inbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 20.68.154.0/24 | sip | TCP | Inbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 20.76.127.0/24 | sip | TCP | Inbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 20.108.99.0/24 | sip | TCP | Inbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 20.120.238.0/23 | sip | TCP | Inbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 23.89.0.0/16 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 40.119.234.0/24 | sip | TCP | Inbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 44.234.52.192/26 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 52.232.210.0/24 | sip | TCP | Inbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 62.109.192.0/18 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 64.68.96.0/19 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 66.163.32.0/19 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 69.26.160.0/19 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 114.29.192.0/19 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 144.196.0.0/16 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 150.253.128.0/17 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 163.129.0.0/17 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 170.72.0.0/16 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 170.133.128.0/18 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 173.39.224.0/19 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 173.243.0.0/20 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 207.182.160.0/19 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 209.197.192.0/19 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 210.4.192.0/20 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 216.151.128.0/19 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 4.144.190.0/24 | sip | TCP | Inbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 2402:2500::/34 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 2607:fcf0::/34 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5062 net 2a00:a640::/34 | sip | TCP | Inbound SIP signaling for Webex Edge Audio | in | Webex Edge Audio calls cannot reach Expressway
rule tcp 5061 net 4.152.214.0/24 | sip | TCP | Outbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 4.158.208.0/24 | sip | TCP | Outbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 4.175.120.0/24 | sip | TCP | Outbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 4.152.180.0/24 | sip | TCP | Outbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 20.50.235.0/24 | sip | TCP | Outbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 20.53.87.0/24 | sip | TCP | Outbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 20.57.87.0/24 | sip | TCP | Outbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 20.68.154.0/24 | sip | TCP | Outbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 20.76.127.0/24 | sip | TCP | Outbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 20.108.99.0/24 | sip | TCP | Outbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 20.120.238.0/23 | sip | TCP | Outbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 23.89.0.0/16 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 40.119.234.0/24 | sip | TCP | Outbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 44.234.52.192/26 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 52.232.210.0/24 | sip | TCP | Outbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 62.109.192.0/18 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 64.68.96.0/19 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 66.163.32.0/19 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 69.26.160.0/19 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 114.29.192.0/19 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 144.196.0.0/16 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 150.253.128.0/17 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 163.129.0.0/17 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 170.72.0.0/16 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 170.133.128.0/18 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 173.39.224.0/19 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 173.243.0.0/20 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 207.182.160.0/19 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 209.197.192.0/19 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 210.4.192.0/20 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 216.151.128.0/19 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 4.144.190.0/24 | sip | TCP | Outbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 2402:2500::/34 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 2607:fcf0::/34 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5061 net 2a00:a640::/34 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 4.152.214.0/24 | sip | TCP | Outbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 4.158.208.0/24 | sip | TCP | Outbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 4.175.120.0/24 | sip | TCP | Outbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 4.152.180.0/24 | sip | TCP | Outbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 20.50.235.0/24 | sip | TCP | Outbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 20.53.87.0/24 | sip | TCP | Outbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 20.57.87.0/24 | sip | TCP | Outbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 20.68.154.0/24 | sip | TCP | Outbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 20.76.127.0/24 | sip | TCP | Outbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 20.108.99.0/24 | sip | TCP | Outbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 20.120.238.0/23 | sip | TCP | Outbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 23.89.0.0/16 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 40.119.234.0/24 | sip | TCP | Outbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 44.234.52.192/26 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 52.232.210.0/24 | sip | TCP | Outbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 62.109.192.0/18 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 64.68.96.0/19 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 66.163.32.0/19 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 69.26.160.0/19 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 114.29.192.0/19 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 144.196.0.0/16 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 150.253.128.0/17 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 163.129.0.0/17 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 170.72.0.0/16 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 170.133.128.0/18 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 173.39.224.0/19 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 173.243.0.0/20 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 207.182.160.0/19 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 209.197.192.0/19 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 210.4.192.0/20 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 216.151.128.0/19 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 4.144.190.0/24 | sip | TCP | Outbound SIP signaling for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 2402:2500::/34 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 2607:fcf0::/34 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
rule tcp 5065 net 2a00:a640::/34 | sip | TCP | Outbound SIP signaling for Webex Edge Audio | out | Webex Edge Audio calls cannot be set up
# "Ephemeral Ports 8000 - 59999", TCP/UDP, inbound to Expressway: a range the
# table calls ephemeral, over 10000 ports wide: catchall.  It names no
# protocol beyond "Media Ports" over TCP and UDP: unknown.
rule tcp/udp 8000-59999 catchall net 4.152.214.0/24 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 4.158.208.0/24 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 4.175.120.0/24 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 4.152.180.0/24 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 20.50.235.0/24 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 20.53.87.0/24 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 20.57.87.0/24 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 20.68.154.0/24 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 20.76.127.0/24 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 20.108.99.0/24 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 20.120.238.0/23 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 23.89.0.0/16 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 40.119.234.0/24 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 44.234.52.192/26 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 52.232.210.0/24 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 62.109.192.0/18 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 64.68.96.0/19 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 66.163.32.0/19 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 69.26.160.0/19 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 114.29.192.0/19 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 144.196.0.0/16 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 150.253.128.0/17 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 163.129.0.0/17 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 170.72.0.0/16 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 170.133.128.0/18 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 173.39.224.0/19 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 173.243.0.0/20 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 207.182.160.0/19 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 209.197.192.0/19 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 210.4.192.0/20 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 216.151.128.0/19 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 4.144.190.0/24 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio (Azure data centre, Video Integration for Microsoft Teams) | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 2402:2500::/34 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 2607:fcf0::/34 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio | in | no media on Webex Edge Audio calls
rule tcp/udp 8000-59999 catchall net 2a00:a640::/34 | unknown | TCP/UDP | Media Ports: incoming media to Expressway for Webex Edge Audio | in | no media on Webex Edge Audio calls

# RADVISION Port Security Reference Guide, Version 7.5 (September 16, 2010),
# transcribed from seeds/001_6414488449543ba5.txt: Tables 1-1 to 1-31.
#
# How the guide was read:
# - PROTOCOL is the table's "Protocol" (or "Protocol/Use") cell as printed,
#   FUNCTION its "Functionality" cell, BLOCKING its "Result of Blocking Port
#   on Firewall" (or "Blocking in Application") cell; an empty cell is '-'.
#   The "Description" column (the remote party) is not kept.
# - DIRECTION is the "Direction" cell: In/Incoming = in, Out/Outgoing = out,
#   Both = both.  The PathFinder tables (1-21 to 1-24) say "X to Y" instead:
#   seen from the product of the table, traffic towards it is in, from it out.
# - "(configurable)" next to a port means the number is the default; the
#   rule holds the default.
# - A cell with two ports or ranges ("161/162", "24, 50000", "3339; 3340",
#   "12000-13200 16384-16984") becomes one rule per port or range.
# - Where a row names no transport, the protocol decides it (RTP is UDP);
#   where nothing decides it, the rule says tcp/udp and a comment says so.
# - Table 1-2, Table 1-6 and Table 1-10 are security-mode tables (which of
#   Telnet, FTP, SNMP and ICMP a mode turns on); they list no ports and give
#   no rules.
# - The tables were printed across pages; a "(continued)" header carries on
#   the same table.  Table 1-21's second continuation page repeats the first
#   one row for row (printed twice) and is transcribed once; Table 1-15
#   lists its port 21 row twice, transcribed once.
# - catchall marks the operating system's ephemeral ranges (1024-4999,
#   1024-5000, 1024/1025-65535, "Dynamically allocated", "Allocated by
#   operating system") and the tables' open-ended media ranges
#   (10000-65535, 6972-65535).  Narrow product ranges such as the XT1000's
#   3230-3248, though the table calls them "Ephemeral", are not catch-alls.
# - APP: RTP/RTCP ranges are rtp (a table's RTCP-only odd range is rtcp);
#   HTTPS is tls; XML APIs, control protocols of the product's own and
#   proprietary links are other; a row that mixes several H.323 protocols
#   over a wide range is unknown (its PROTOCOL cell says what it may carry).

class vendor
vendor RADVISION

source 001_6414488449543ba5 | RADVISION Port Security Reference Guide Version 7.5 | Table 1-1 Ports Supported by SCOPIA Elite 5200 Series MCU
product SCOPIA Elite 5200 Series MCU
# The table's header is printed again, without "(continued)", above 3337:
# it is the same table carried on, not a second copy.
rule tcp 21 | ftp | FTP (TCP) | Audio stream recording | out | Cannot record audio streams
rule tcp 22 | ssh | SSH (TCP) | MCU | both | Cannot view logs in real time (logs are collected on the compact flash card)
rule tcp 80 | http | HTTP (TCP) | MCU Administrator and Conference Control web user interfaces | both | Cannot administer MCU
rule udp 161 | snmp | SNMP (UDP) | Configuration and status | both | Cannot configure or check the status of the MCU via SNMP
rule udp 162 | snmp | SNMP (UDP) | SNMP Trap events | out | Cannot receive Traps
rule tcp 443 | tls | HTTPS (TCP) | Secure web interface | both | Cannot administer MCU
rule tcp 1024-1324 | h245 | H.245 (TCP) | H.245 signaling | both | Cannot connect H.323 calls
rule udp 1719 | h225-ras | RAS (UDP) | RAS signaling | both | Cannot communicate with H.323 gatekeeper
rule tcp 1720 | q931 | Q.931 (TCP) | Q.931 signaling | both | Cannot connect H.323 calls
rule tcp 2900 | other | Secondary Media Blade control (TCP) | Secondary Media Blade control protocol | both | Can be blocked—traffic is internal to the chassis only
rule tcp 3336 | other | XML (TCP) | MCU version 3 XML API | both | Cannot use MCU Conference Control web user interface. Cannot use version 3 XML API to control MCU
rule tcp 3337 | other | XML (TCP) | MCU version 3 Cascading XML API | both | Cannot cascade between two MCUs
rule tcp 3338 | other | XML (TCP) | Administration XML API | both | Cannot be blocked
rule tcp/udp 5060 | sip | SIP (TCP/UDP) | SIP signaling | both | Cannot connect SIP calls
rule udp 16384-16984 | rtp | RTP/RTCP (UDP) | RTP media | both | Cannot transmit/receive media streams

# Table 1-2 MCU Security Mode: no ports (see the header).

source 001_6414488449543ba5 | RADVISION Port Security Reference Guide Version 7.5 | Table 1-3 Secondary Media Blade-supported Ports (SCOPIA Elite 5200 Series MCU)
product Secondary Media Blade for SCOPIA Elite 5200 Series MCU
rule tcp 21 | ftp | TCP (FTP) | Software upgrade and video stream recording | both | Cannot record video streams. Upgrade traffic is internal to the chassis only.
rule tcp 22 | ssh | (TCP) SSH | MCU | both | Cannot view logs in real time (logs are collected on the compact flash card)
rule tcp 2900 | other | TCP (Secondary Media Blade control) | Secondary Media Blade control protocol | both | Can be blocked—traffic is internal to the chassis only
rule udp 12000-13200 | rtp | UDP (RTP/RTCP) | RTP/RTCP media | both | Cannot transmit/receive media streams

source 001_6414488449543ba5 | RADVISION Port Security Reference Guide Version 7.5 | Table 1-4 Ports Supported by SCOPIA Elite 5100 Series MCU and SCOPIA Elite 5215 MCU version 7.0 and later
product SCOPIA Elite 5100 Series MCU | SCOPIA Elite 5215 MCU
rule tcp 21 | ftp | FTP (TCP) | Audio stream recording | out | Cannot record audio streams
rule tcp 22 | ssh | SSH (TCP) | MCU logs | both | Cannot view logs in real time (logs are collected on the Compact Flash card)
rule tcp 80 | http | HTTP (TCP) | MCU Administrator and Conference Control web user interfaces | both | Cannot administer MCU
rule udp 161 | snmp | SNMP (UDP) | Configuration and status | both | Cannot configure or check the status of the MCU via SNMP
rule udp 162 | snmp | SNMP (UDP) | SNMP Trap events | out | Cannot receive Traps
rule tcp 443 | tls | HTTPS (TCP) | Secure web interface | both | Cannot administer MCU
rule tcp 1024-1174 | h245 | H.245 (TCP) | H.245 signaling | both | Cannot connect H.323 calls
rule udp 1719 | h225-ras | RAS (UDP) | RAS signaling | both | Cannot communicate with H.323 gatekeeper
rule tcp 1720 | q931 | Q.931 (TCP) | Q.931 signaling | both | Cannot connect H.323 calls
rule tcp 2900 | other | Secondary Media Blade control (TCP) | Secondary Media Blade control protocol | both | Can be blocked—traffic is internal to the chassis only
rule tcp 3336 | other | XML (TCP) | MCU version 3 XML API | both | Cannot use MCU Conference Control web user interface. Cannot use version 3 XML API to control MCU
rule tcp 3337 | other | XML (TCP) | MCU version 3 Cascading XML API | both | Cannot cascade between two MCUs
rule tcp 3338 | other | XML (TCP) | Administration XML API | both | Cannot be blocked
rule tcp 3339 | other | XML (TCP) | CLI to MCU | both | Can be blocked—traffic is internal to the chassis only
rule tcp 3340 | other | XML (TCP) | CLI to the media audio processor | both | Can be blocked—traffic is internal to the chassis only
rule tcp 3341 | other | XML (TCP) | CLI to MVP | both | Can be blocked—traffic is internal to the chassis only
rule tcp/udp 5060 | sip | SIP (TCP/UDP) | SIP signaling | both | Cannot connect SIP calls
# The media row gives two ranges in one cell, "12000-13200 16384-16984
# (configurable)": one rule each.
rule udp 12000-13200 | rtp | RTP/RTCP (UDP) | RTP media | both | Cannot transmit/receive media streams
rule udp 16384-16984 | rtp | RTP/RTCP (UDP) | RTP media | both | Cannot transmit/receive media streams

source 001_6414488449543ba5 | RADVISION Port Security Reference Guide Version 7.5 | Table 1-5 Ports Supported by SCOPIA MCU
product SCOPIA MCU
rule tcp 21 | ftp | FTP (TCP) | Audio stream recording | out | Cannot record audio stream
rule tcp 23 | telnet | Telnet (TCP) | MCU logs and initial configuration | both | Cannot view logs
rule tcp 80 | http | HTTP (TCP) | MCU Administrator and Conference Control web user interfaces | both | Cannot administer MCU
rule udp 161 | snmp | SNMP (UDP) | Configuration and status | both | Cannot configure or check the status of the MCU via SNMP
rule udp 162 | snmp | SNMP (UDP) | SNMP Trap events | out | Cannot receive Traps
rule tcp 443 | tls | HTTPS (TCP) | Secure web interface | both | Cannot administer MCU
rule tcp 1024-4999 catchall | h245 | H.245 (TCP) | H.245 signaling | both | Cannot connect H.323 calls
rule udp 1719 | h225-ras | RAS (UDP) | RAS signaling | both | Cannot communicate with H.323 gatekeeper
rule tcp 1720 | q931 | Q.931 (TCP) | Q.931 signaling | both | Cannot connect H.323 calls
# 1809 "RPC": the row names no transport and has no Functionality: tcp/udp.
rule tcp/udp 1809 | other | RPC | - | both | Cannot transmit/receive audio stream
rule tcp 2010 | other | MPI (TCP) | MP control protocol | both | Cannot use external MP
# 2946 is the MCU's end of the MCU-MVP link that Table 1-7 calls MEGACO.
rule tcp 2946 | megaco | MVP control (TCP) | MVP control protocol | both | Cannot use external MVP
rule tcp 3333 | other | DTI (TCP) | DCS control protocol | both | Cannot use external DCS
rule tcp 3336 | other | XML (TCP) | MCU version 3 XML API | both | Cannot use MCU Conference Control web user interface. Cannot use version 3 XML API to control MCU
rule tcp 3337 | other | XML (TCP) | MCU version 3 Cascading XML API | both | Cannot cascade between two MCUs
rule tcp/udp 5060 | sip | SIP (TCP/UDP) | SIP signaling | both | Cannot connect SIP calls
rule udp 6000-6999 | rtp | RTP/RTCP (UDP) | RTP/RTCP audio | both | Cannot transmit/receive audio stream
rule udp 10000-11000 | rtp | RTP/RTCP (UDP) | RTP media | both | Cannot transmit/receive media stream

# Table 1-6 SCOPIA MCU Security Modes: no ports (see the header).  The
# sentence above it refers to "Table 1-6" where it means Table 1-5.

source 001_6414488449543ba5 | RADVISION Port Security Reference Guide Version 7.5 | Table 1-7 MVP-supported Ports
product RADVISION MVP for SCOPIA MCU
rule tcp 21 | ftp | FTP (TCP) | Software upgrade and video stream recording | both | Cannot upgrade version
rule tcp 23 | telnet | Telnet (TCP) | MVP online log | both | Cannot view logs
# "161 (for future use)".
rule udp 161 | snmp | SNMP (UDP) | Configuration and status | both | Cannot configure or check the status of the MCU via SNMP
rule tcp 2946 | megaco | MEGACO (TCP) | Control protocol between MCU and MVP | both | MVP cannot connect to MCU
rule tcp 3340 | other | Font file client (TCP) | For receiving extended font files from the MCU. | both | Cannot work with different fonts
rule udp 10000-10575 | rtp | RTP/RTCP (UDP) | RTP/RTCP media | both | Cannot transmit/receive media stream

source 001_6414488449543ba5 | RADVISION Port Security Reference Guide Version 7.5 | Table 1-8 Gateway-supported Ports—Incoming Connections
product RADVISION Gateway
rule tcp 21 | ftp | FTP (TCP) | File Transfer Protocol | both | Cannot upgrade version or extract recordings
rule tcp 23 | telnet | Telnet (TCP) | Log | both | Cannot view logs
rule tcp 80 | http | HTTP (TCP) | Web interface | both | Cannot view Gateway web user interface
rule udp 161 | snmp | SNMP (UDP) | Configuration and status | both | Cannot configure or check the status of the Gateway via SNMP
rule tcp 443 | tls | HTTPS (TCP) | Secure web interface | both | Cannot administer the Gateway
rule tcp 1024-4999 catchall | h245 | H.245 (TCP) | H.245 | both | No H.245
rule tcp 1503 | t120 | TCP | T.120 data collaboration | both | Cannot establish a T.120 connection to/from the Gateway
rule udp 1619 | h225-ras | RAS (UDP)—IVR | RAS (receiving Gatekeeper notifications) | both | No RAS capabilities
rule tcp 1620 | q931 | Q.931 (TCP)—IVR | Q.931 | both | No signaling capabilities
rule udp 1719 | h225-ras | RAS (UDP) | RAS (receiving Gatekeeper notifications) | both | No RAS capabilities
rule tcp 1820 | q931 | Q.931 (TCP) | Q.931 (receiving Setup) | both | No signaling capabilities
rule udp 7222-7422 even | rtp | RTP (UDP) | RTP IVR (audio) | both | Cannot open audio
rule udp 7223-7421 odd | rtcp | RTCP (UDP) | RTCP IVR (audio) | both | Cannot open audio
rule udp 7622-7822 even | rtp | RTP (UDP) | RTP IVR (video) | both | Cannot open video
rule udp 7623-7821 odd | rtcp | RTCP (UDP) | RTCP IVR (video) | both | Cannot open video
rule udp 12002-12952 even | rtp | RTP (UDP) | For terminals connected to the Gateway and not to the IVR. | both | Cannot open media
rule udp 12003-12951 odd | rtcp | RTCP (UDP) | For terminals connected to the Gateway and not to the IVR. | both | Cannot open media

source 001_6414488449543ba5 | RADVISION Port Security Reference Guide Version 7.5 | Table 1-9 Gateway-supported Ports—Outgoing Connections
product RADVISION Gateway
rule udp 162 | snmp | SNMP traps (UDP) | Sending traps to server | out | Cannot send traps
rule udp 1719 | h225-ras | RAS (UDP) | RAS (sending RRQ/ARQ messages) | both | No RAS capabilities
rule tcp 1720 | q931 | Q.931 (TCP) | Q.931 (sending Setup/Connect messages) | both | No Q.931 capabilities

# Table 1-10 Gateway Security Modes: no ports (see the header).

source 001_6414488449543ba5 | RADVISION Port Security Reference Guide Version 7.5 | Table 1-11 Ports Supported by the 3G Gateway
product RADVISION 3G Gateway
rule tcp 21 | ftp | FTP (TCP); in use | File Transfer Protocol | both | Cannot upgrade version
rule tcp 23 | telnet | Telnet (TCP); in use | Gateway logs and initial configuration | both | Cannot view logs
rule tcp 80 | http | HTTP (TCP) | Gateway Administrator and Call Control web user interfaces | both | Cannot administer MCU
rule udp 161 | snmp | SNMP (UDP); in use | Configuration and status | both | Cannot configure or check the status of the Gateway via SNMP
rule udp 162 | snmp | SNMP (UDP); in use | SNMP Trap events | out | Cannot receive Traps
rule tcp 443 | tls | HTTPS (TCP); in use | Secure web interface | both | Cannot administer the Gateway
rule tcp 1024-4999 catchall | h245 | H.245 (TCP); in use | H.245 signaling. TCP connection to the SIU. | both | Cannot connect H.323 calls; no connection to SIU.
rule udp 1719 | h225-ras | RAS (UDP) | RAS signaling | both | Cannot communicate with H.323 gatekeeper
rule tcp 1820 | q931 | Q.931 (TCP) | Q.931 signaling | both | Cannot connect H.323 calls
# 2944 and 2945 are the H.248/Megaco ports; the table calls them MVP control.
rule tcp 2944 | megaco | MVP control (TCP); in use | MVP control protocol | both | Cannot use external MVP
rule tcp 2945 | megaco | MVP control (TCP); in use | MVP control protocol | both | Cannot use external MVP
rule tcp 3336 | other | TCP; in use | Conference control | both | Cannot use Gateway Conference Control web user interface.
rule tcp/udp 5060 | sip | SIP (TCP/UDP); in use | SIP signaling | both | Cannot connect SIP calls
rule udp 6000-7000 | rtp | RTP/RTCP (UDP); in use | RTP media | both | Cannot transmit/receive media streams
# "12000-13000 (non- configurable) RTP/RTCP" names no transport: RTP, so udp.
rule udp 12000-13000 | rtp | RTP/RTCP | RTP media | both | Cannot transmit/receive media streams
rule udp 123 | ntp | NTP (UDP) | Network time protocol | in | The Gateway will not have the most accurate time settings.

source 001_6414488449543ba5 | RADVISION Port Security Reference Guide Version 7.5 | Table 1-12 MSP-324M-supported Ports
product RADVISION MSP-324M
# The table has only Port Range, Protocol, Functionality and Direction, and
# two rows leave Direction empty.  "1024-5000 (may vary according to
# operating system configuration)" is the OS's ephemeral range carrying RTSP
# and H.323 without a transport: tcp/udp, catchall, app unknown.
rule tcp/udp 1024-5000 catchall | unknown | RTSP, H.323 | Dynamically allocated to ports | - | -
rule tcp 1720 | q931 | H.323 | Signaling | both | -
# "7000-9000 (configurable within maximum range of 5000-65535)".
rule udp 7000-9000 | rtp | RTP (UDP) | RTP transmission | - | -

source 001_6414488449543ba5 | RADVISION Port Security Reference Guide Version 7.5 | Table 1-13 IVP Server-supported Ports
product RADVISION IVP
# The table has two port columns, "IVP Server Port" and "External Server
# Port".  Rows with an IVP port give that port; the rows whose IVP port is
# "Dynamically allocated" are the IVP's connections out to an external
# server, and the rule holds the external server's port.
rule tcp 80 | http | HTTP | IVP administration | both | IVP Manager is not accessible.
rule udp 162 | snmp | SNMP | SNMP trap events | both | SNMP traps cannot be sent to/from the external trap server.
rule tcp 1099 | other | TCP | IVP Controller Management API | both | Cannot maintain a clustered IVP system. Cannot administer IVP from an external NMS.
rule tcp 1100 | other | TCP | IVP Monitor Management API | both | Cannot maintain a clustered IVP system. Cannot administer IVP from an external NMS.
rule tcp 1500 | http | HTTP | IVP Controller Push API | both | V2XML applications that based on the Push API from an external server will not function properly.
rule tcp/udp 5060 | sip | SIP (TCP, UDP) | B2BUA SIP signaling | both | SIP calls cannot be established.
rule tcp 8080 | http | HTTP | Tomcat web server | both | Tomcat web applications are not accessible from the external server
rule tcp 8127 | telnet | Telnet | IVP Controller Telnet logging | both | No Telnet logging of IVP Controller.
rule udp 161 | snmp | SNMP | SNMP configuration | both | IVP components cannot be managed by IVP Manager.
rule tcp 3271 | other | TCP (XML) | ECS XML API | both | H.323 calls cannot be established.
rule tcp 3336 | other | TCP (XML) | MCU XML API | both | Calls cannot be established.
rule tcp 3339 | other | TCP (XML) | B2BUA XML API | both | Not affected in standard setup (internal connection).
rule tcp 64010 | other | TCP (XML) | MSP XML API | both | Cannot play media through external MSP.

source 001_6414488449543ba5 | RADVISION Port Security Reference Guide Version 7.5 | Table 1-14 MSP-supported Ports
product RADVISION MSP-IVP
rule udp 161 | snmp | SNMP (UDP) | Receiving SNMP requests and sending responses | both | No effect
# "Allocated by operating system": the table gives no number, so the rule
# covers any port and is a catch-all (the trap receiver's own port, 162, is
# in standard.sig).
rule udp any catchall | snmp | SNMP (UDP) | Sending SNMP traps | out | No effect
rule udp 2049 | other | UDP | Remote file access (NFS) | both | Cannot access media files located on server outside the firewall (setup not recommended)
rule tcp/udp 5070 | sip | SIP (TCP\UDP) | Sending and receiving SIP messages | both | No effect
rule tcp 64010 | other | XML Management (TCP) | XML API | both | No effect
rule udp 6000-9000 | rtp | RTP/RTCP (UDP) | Sending and receiving RTP packets | both | Cannot transmit/receive media streams
# "Allocated by operating system", as above.
rule tcp any catchall | other | RTSP (TCP) | Used for RTSP negotiation | both | Cannot connect RTSP sessions

source 001_6414488449543ba5 | RADVISION Port Security Reference Guide Version 7.5 | Table 1-15 MVP/M II-supported Ports
product RADVISION MVP/M II SP
# The table prints its port 21 row twice, first and last, word for word:
# one rule.
rule tcp 21 | ftp | FTP (TCP) | Software upgrade and video stream recording | both | Cannot upgrade version
rule tcp 23 | telnet | Telnet (TCP) | MVP/M II online log | both | Cannot view logs
rule udp 161 | snmp | SNMP (UDP) | Configuration and status | both | Cannot configure or check the status of the Gateway via SNMP
rule tcp 3340 | other | Font file client (TCP) | For receiving extended font files from the MCU | both | Cannot work with different fonts
rule udp 10000-10240 | rtp | RTP/RTCP (UDP) | RTP/RTCP media | both | Cannot transmit/receive media streams

source 001_6414488449543ba5 | RADVISION Port Security Reference Guide Version 7.5 | Table 1-16 ECS-supported Ports—Incoming Connections (ECS as Server)
product SCOPIA ECS Gatekeeper
rule tcp 21 | ftp | FTP (TCP) | File Transfer Protocol for offline viewing of ECS logs and CDRs | both | Cannot view logs or retrieve CDR files
rule tcp 80 | http | HTTP (TCP) | Web interface | both | Cannot view ECS web user interface
rule udp 161 | snmp | SNMP (UDP) | Configuration and status | both | Cannot configure or check the status of the ECS
# The table adds that 1024-5000 is Windows' ephemeral range, its top set by
# the MaxUserPort registry value (5000 when absent): catchall.
rule tcp 1024-5000 catchall | h245 | H.245 (TCP) | H.245 routed calls | both | No H.245 (except in Q.931 routed and direct mode)
rule udp 1719 | h225-ras | RAS (UDP) | RAS | both | No RAS capabilities
rule tcp 1720 | q931 | Q.931 (TCP) | Q.931 routed calls | both | No signaling capabilities (except in direct mode)
# "ECS XML": TCP, as Table 1-13 gives for the same port.
rule tcp 3271 | other | ECS XML | Incoming XML connection | both | No incoming XML connection
# "Alternate Gatekeeper protocol" names no transport: tcp/udp.
rule tcp/udp 12378 | other | Alternate Gatekeeper protocol | Synchronization and negotiation between Alternate Gatekeepers | both | No Alternate Gatekeeper functionality

source 001_6414488449543ba5 | RADVISION Port Security Reference Guide Version 7.5 | Table 1-17 ECS-supported Ports—Outgoing Connections (ECS as Client)
product SCOPIA ECS Gatekeeper
rule tcp 23 | telnet | Telnet (TCP) | Control of Sony endpoints | both | No control over endpoints
rule tcp 53 | dns | DNS (TCP) | Query DNS for domains per call | both | DNS disabled
rule udp 162 | snmp | SNMP (UDP) | SNMP Trap events | out | No traps are sent
rule udp 1719 | h225-ras | RAS (UDP) | Sending LRQ messages to Neighbor Gatekeepers | both | No RAS

source 001_6414488449543ba5 | RADVISION Port Security Reference Guide Version 7.5 | Table 1-18 DCS-supported Ports
product RADVISION DCS
# This table's fifth column is "Blocking in Application"; empty cells are '-'.
rule tcp 21 | ftp | FTP (TCP) | Offline viewing of DCS logs | both | Can be blocked
rule tcp 23 | telnet | Telnet (TCP) | Real-time viewing of DCS logs | both | Can be blocked
rule tcp 80 | http | HTTP (TCP) | DCS configuration and monitoring via the web | both | Can be blocked
rule udp 161 | snmp | SNMP (UDP) | SNMP configuration | both | Can be blocked by stopping the Windows SNMP service
rule udp 162 | snmp | SNMP (UDP) | SNMP Trap events | out | Can be blocked by stopping the Windows SNMP service
rule tcp 1503 | t120 | T.120 (TCP) | DCS configuration | both | Can be blocked—blocking disables DCS functionality
rule tcp 3333 | other | DTI (TCP) | For use when the DCS works with an MCU | both | Can be blocked when the MCU is located on the LAN
rule tcp 9000-9099 | t120 | T.120 (TCP) | DCS configuration | both | Can be blocked—blocking disables DCS functionality

source 001_6414488449543ba5 | RADVISION Port Security Reference Guide Version 7.5 | Table 1-19 SCOPIA iVIEW Management Suite-supported Ports
product SCOPIA iVIEW Management Suite
rule tcp 23 | telnet | Telnet (TCP) | Sony PCS address book | both | SCOPIA iVIEW Management Suite cannot use Sony PCS address book feature.
rule tcp 25 | other | TCP | Connect SMTP server for sending email notifications | out | SCOPIA iVIEW Management Suite cannot send email notifications.
rule tcp 80 | http | HTTP (TCP) | SCOPIA iVIEW Management Suite web user interface | in | SCOPIA iVIEW Management Suite cannot view SCOPIA iVIEW Management Suite web interface
# "161/162 SNMP": two ports, one rule each; SNMP is UDP.
rule udp 161 | snmp | SNMP | Network management of any element | out | SCOPIA iVIEW Management Suite cannot operate the SNMP service with devices
rule udp 162 | snmp | SNMP | Network management of any element | out | SCOPIA iVIEW Management Suite cannot operate the SNMP service with devices
rule tcp 389 | ldap | TCP | LDAP servers communication | both | SCOPIA iVIEW Management Suite cannot work with LDAP Servers
rule tcp 443 | tls | TCP | Tomcat/JBoss SSL | in | SCOPIA iVIEW Management Suite cannot view SCOPIA iVIEW Management Suite web interface via HTTPS
rule tcp/udp 445 | other | TCP/UDP | Connection to Active Directory Server | out | NTLM SSO does not work
rule tcp 636 | ldap | LDAP over SSL | Connection to Directory Server | out | SCOPIA iVIEW Management Suite cannot connect to the Directory Server.
rule tcp 3336 | other | TCP | Communication to XMPP server | both | Cannot authenticate users from XMPP/SCOPIA Desktop Contact List
rule tcp 3339 | other | TCP | SCOPIA iVIEW Management Suite XML API | out | SCOPIA iVIEW Management Suite XML cannot communicate with the B2BUA component
rule tcp 3340 | other | TCP/TLS | Connection to SCOPIA Desktop | out | SCOPIA Desktop cannot use SCOPIA iVIEW Management Suite to place or manage calls
rule tcp 3341 | other | TCP | This port is used only when SCOPIA iVIEW Management Suite needs to integrate with the IBM Sametime. IBM Sametime application uses this port to connect to SCOPIA iVIEW Management Suite. | in | SCOPIA iVIEW Management Suite cannot work with IBM Sametime.
rule tcp/udp 3344 | other | TCP/UDP | Synchronization of object data between multiple SCOPIA iVIEW Management Suite installations. Only used in distributed environments. | both | SCOPIA iVIEW Management Suite cannot operate in a distributed deployment.
# "4444, 4445": two ports, one rule each.
rule tcp 4444 | other | TCP | Required by the JBoss application server for correct JBoss operation. | both | The port is not connected from a remote host; it is used by SCOPIA iVIEW Management Suite locally. SCOPIA iVIEW Management Suite cannot function if the port is occupied by another application.
rule tcp 4445 | other | TCP | Required by the JBoss application server for correct JBoss operation. | both | The port is not connected from a remote host; it is used by SCOPIA iVIEW Management Suite locally. SCOPIA iVIEW Management Suite cannot function if the port is occupied by another application.
rule tcp/udp 5060 | sip | SIP (TCP/UDP) | SIP signaling | in | Cannot connect SIP calls
rule tcp 5061 | sip | TLS | SIP signaling | both | No TLS connection will be available.
rule tcp 7800-7802 | other | TCP | Used for SCOPIA iVIEW Management Suite redundant deployments, for master/slave data synchronization | both | No redundancy
rule tcp 8011 | http | TCP | Provides web interface for internal ECS | both | SCOPIA iVIEW Management Suite client cannot access internal ECS web.
# "11098/11099": two ports, one rule each.
rule tcp 11098 | other | TCP | Required by the JBoss application server for correct JBoss operation. | both | The port is not connected from a remote host; it is used by SCOPIA iVIEW Management Suite locally. SCOPIA iVIEW Management Suite cannot function if the port is occupied by another application.
rule tcp 11099 | other | TCP | Required by the JBoss application server for correct JBoss operation. | both | The port is not connected from a remote host; it is used by SCOPIA iVIEW Management Suite locally. SCOPIA iVIEW Management Suite cannot function if the port is occupied by another application.
# "DIIOIP" is printed so (Domino's DIIOP, which runs over TCP).
rule tcp 63148 | other | DIIOIP | Only used when SCOPIA iVIEW Management Suite works with Domino Server | out | The Domino Server may not be connected with SCOPIA iVIEW Management Suite successfully.

source 001_6414488449543ba5 | RADVISION Port Security Reference Guide Version 7.5 | Table 1-20 iVIEW Network Manager-supported Ports
product iVIEW Network Manager
# This table's fifth column is "Blocking in Application"; empty cells are '-'.
rule tcp 7 | other | TCP | Element online status detection. | out | Cannot be blocked
rule tcp 21 | ftp | TCP | Downloading logs from ECS or from other devices which allow logs to be downloaded via FTP Importing and Exporting TANDBERG Local Address Book Upgrading software | out | -
rule tcp 22 | ssh | TCP | LifeSize endpoint detection Downloading PathFinder Server logs Detect and manage SCOPIA VC240 | out | -
rule tcp 23 | telnet | Telnet (TCP) | Element logs (v1.0), MCM control (v2.0) and endpoint control (v2.0). | out | Can be blocked (v2.0)
# "24, 50000": two ports, one rule each; the cell's text names both.
rule tcp 24 | telnet | Telnet (TCP) | 24—Polycom endpoint control | out | Can be blocked (v2.0)
rule tcp 50000 | telnet | Telnet (TCP) | 50000—Sony endpoint control | out | Can be blocked (v2.0)
rule udp 53 | dns | UDP | DNS query | out | Cannot parse domain name
rule tcp 80 | http | HTTP (TCP) | Web interface This is also used for TANDBERG MXP management (XML API via HTTP) | both | Cannot be blocked
rule udp 161 | snmp | SNMP | SNMP configuration to any managed element | both | Cannot be blocked
rule udp 162 | snmp | SNMP | SNMP Trap events: from any managed element to any third-party SNMP manager | both | Can be blocked
rule tcp 443 | tls | HTTPS (TCP) | Alternate web interface (for future use) | both | Can be blocked
rule tcp 3089 | other | TCP | Endpoint detection via PathFinder | out | -
rule tcp 3336 | other | XML (TCP) | MCU XML API port for connecting to MCU v4.0 and later | out | Can be blocked
rule tcp 8080 | http | HTTP (TCP) | PathFinder Server web interface | out | Can be blocked
rule tcp 8089 | other | XML (TCP) | PathFinder server XML API port for connecting to PathFinder Server v7.0 and later | out | Can be blocked
rule tcp 55003 | other | TCP | SCOPIA XT1000 | out | -

source 001_6414488449543ba5 | RADVISION Port Security Reference Guide Version 7.5 | Table 1-21 Ports Supported by SCOPIA PathFinder Server as Server
product SCOPIA PathFinder Server
# Printed over four pages; the third page (the second "(continued)")
# repeats the second one row for row, from 2777/UDP to 1720: transcribed
# once.  Direction: "Client to" / "External H.323 endpoint to SCOPIA
# PathFinder Server" is in.
rule tcp 22 | ssh | SSH/SFTP (TCP) | Initial configuration, log download and upgrade | in | Cannot initialize the server, download log and upgrade the server.
rule udp 1719 | h225-ras | UDP | H.460.18 RAS | in | H.460.18 endpoints cannot register through Pathfinder server, firewall traversal function based on H.460.18 and H.460.19 cannot function.
rule tcp 2776 | q931 | TCP | H.460.18 Call Signaling | in | H.460.18 endpoints cannot register through Pathfinder server.
rule udp 2776 | rtp | UDP | H.460.19 Multiplex Media Channel | in | H.460.18 endpoints cannot set up logical channels, media exchange of calls which traverse the firewall using H.460.18 and H.460.19 cannot function when using multiplexing.
rule tcp 2777 | h245 | TCP | H.460.18 and H.460.19 Call Control | in | H.460.18 endpoints cannot set up Call Control channel, firewall traversal function based on H.460.18 and H.460.19 cannot function.
rule udp 2777 | rtcp | UDP | H.460.19 Multiplex Media Control Channel | in | H.460.18 endpoints cannot set up logical channels, media exchange of calls which traverse the firewall using H.460.18 and H.460.19 cannot function when using multiplexing.
rule tcp 3089 | other | TCP | Signaling and media traversal | in | SCOPIA PathFinder Client cannot connect to SCOPIA PathFinder Server. Legacy H.323 endpoints behind the SCOPIA PathFinder Client cannot call external endpoints.
rule udp 3089 | other | UDP | Media traversal | in | Cannot use UDP to traverse media; can only use TCP to traverse media.
rule tcp 8080 | http | HTTP (TCP) | Web interface | in | Cannot configure SCOPIA PathFinder Server.
rule tcp 8089 | other | XML (TCP) | PathFinder version 7.0 XML API service | in | The External Management System cannot get SCOPIA PathFinder Server status or receive traps from SCOPIA PathFinder Server.
rule tcp/udp 1024-65535 catchall | unknown | TCP, UDP | Standard H.323 communication | in | Cannot communicate with server-side endpoints.
rule tcp 1720 | q931 | TCP, DPA | IP call signaling | in | No signaling capabilities: guest users cannot dial into internal endpoints
rule tcp 4000-5000 | unknown | TCP | H.323 call signaling and call control | in | Cannot setup/connect DPA mode calls
rule udp 4000-5000 | rtp | UDP | H.323 call media traversal | in | Cannot setup/connect DPA mode calls

source 001_6414488449543ba5 | RADVISION Port Security Reference Guide Version 7.5 | Table 1-22 Ports Supported by SCOPIA PathFinder Server as Client
product SCOPIA PathFinder Server
# Direction: "SCOPIA PathFinder Server to ..." is out.
rule udp 53 | dns | DNS (UDP) | Query DNS for domain per call | out | Cannot support domain name calls and dialing by URI.
rule tcp/udp 1024-65535 catchall | unknown | UDP and TCP | Standard H.323 communication | out | Cannot communicate with server-side H.323 entities. Cannot communicate with external H.323 entities through DPA.
rule udp 1719 | h225-ras | RAS (UDP) | Communication with gatekeeper | out | Cannot relay H.323 communication.
rule tcp 1720 | q931 | TCP | H.323 IP call signaling | out | No signaling capabilities: guest users cannot dial into internal endpoints
rule tcp 3089 | other | TCP | Neighbor server signaling and media connection | out | Cannot connect to neighbor server.
rule udp 3089 | other | UDP | Neighbor server media connection | out | Cannot traverse media to neighbor server using UDP.
rule tcp 4000-5000 | unknown | TCP | H.323 call signaling and call control | out | Cannot setup/connect DPA mode calls with external SCOPIA PathFinder Server
rule udp 4000-5000 | rtp | UDP | H.323 call media traversal | out | Cannot setup/connect DPA mode calls with external SCOPIA PathFinder Server

source 001_6414488449543ba5 | RADVISION Port Security Reference Guide Version 7.5 | Table 1-23 Ports Supported by SCOPIA PathFinder Client as Server
product SCOPIA PathFinder Client
# Direction: "H.323 entity to SCOPIA PathFinder Client" is in.
rule udp 1719 | h225-ras | RAS (UDP) | H.323 entity registration, admission and status communication | in | H.323 endpoints cannot register to SCOPIA PathFinder Client. The enterprise Gatekeeper cannot locate external endpoints through PathFinder.
rule tcp/udp 1025-65535 catchall | unknown | TCP and UDP | H.323 Call Signaling, Call Control and Media Communication | in | H.323 entities cannot set up calls through SCOPIA PathFinder.

source 001_6414488449543ba5 | RADVISION Port Security Reference Guide Version 7.5 | Table 1-24 Ports Supported by SCOPIA PathFinder Client as Client
product SCOPIA PathFinder Client
# Direction: "SCOPIA PathFinder Client to ..." is out.
rule tcp/udp 3089 | other | TCP and UDP | PathFinder tunneling service | out | SCOPIA PathFinder Client cannot connect to the SCOPIA PathFinder Server. Legacy H.323 endpoints behind the SCOPIA PathFinder Client cannot call external endpoints.
rule udp 3478 | stun | STUN (UDP) | STUN Binding Request | out | SCOPIA PathFinder Client cannot determine its public IP address. Smart Direct Media Connect cannot function.
rule tcp/udp 1024-65535 catchall | unknown | TCP and UDP | H.323 Call Signaling, Call Control and Media Communication | out | H.323 entities cannot set up calls through SCOPIA PathFinder.

source 001_6414488449543ba5 | RADVISION Port Security Reference Guide Version 7.5 | Table 1-25 Port Security—SCOPIA Desktop Server and Internal Network
product SCOPIA Desktop Server
# Tables 1-25 to 1-29 have no Direction column ('-') and, but for 1-28, no
# blocking column ('-'); their "Severity" cell is kept in brackets at the
# end of FUNCTION.  The Functionality cells carry HTML markup (<p>, <ul>,
# bullets), dropped here; the words are the table's.
# "139/445" and "137/138" are two ports each: one rule each.
# 10000-65535/UDP appears three times in this table with three different
# functions: three rules.
# 5269 is printed as UDP here (XMPP server-to-server is TCP, and Table 1-28
# says TCP): transcribed as printed.
rule tcp 80 | http | TCP | GUI—The alternative is to configure the GUI to run on port 443. [Optional] | - | -
rule tcp 8080 | http | TCP | GUI access to SCOPIA iVIEW Management Suite web pages if SCOPIA iVIEW Management Suite is deployed on the same PC as SCOPIA Desktop. [Optional] | - | -
rule tcp 443 | tls | TCP | Control connection between the SCOPIA Desktop Client and the SCOPIA Desktop Server. [Mandatory] | - | -
rule tcp 3340 | other | TCP | Meeting control connection between SCOPIA iVIEW Management Suite and the SCOPIA Desktop Server. [Mandatory] | - | -
rule tcp 3337 | other | TCP | Meeting cascading connection between the SCOPIA Desktop Server and the SCOPIA MCU. [Mandatory] | - | -
rule tcp 139 | other | TCP | From SCOPIA Desktop to Active Directory in order to do auto discovery and authentication. [Recommended for performing Active Directory authentication.] | - | -
rule tcp 445 | other | TCP | From SCOPIA Desktop to Active Directory in order to do auto discovery and authentication. [Recommended for performing Active Directory authentication.] | - | -
rule udp 10000-65535 catchall | rtp | UDP | Media connection between the SCOPIA Desktop Server and the SCOPIA MCU. Also open these ports between the SCOPIA Desktop Server and the MVP. [Mandatory] | - | -
rule udp 5269 | xmpp | UDP | SCOPIA Desktop Server to XMPP Server for performing proxy XMPP Client connections. [Optional] | - | -
rule udp 1719 | h225-ras | UDP | ECS Gatekeeper [Mandatory] | - | -
rule tcp 1720 | q931 | TCP | SCOPIA Desktop Server to ECS or MCU [Mandatory] | - | -
rule udp 137 | other | UDP | From SCOPIA Desktop to Active Directory in order to do auto discovery and authentication. [Recommended for performing Active Directory authentication.] | - | -
rule udp 138 | other | UDP | From SCOPIA Desktop to Active Directory in order to do auto discovery and authentication. [Recommended for performing Active Directory authentication.] | - | -
rule tcp 1024-65535 catchall | unknown | TCP | In deployments where the SCOPIA Desktop Server works in conjunction with the MCU only, this port range is used for establishing connection from SCOPIA Desktop Server to MCU. In deployments where the SCOPIA Desktop Server works in conjunction with the SCOPIA iVIEW Management Suite, this port range is used for establishing connection from SCOPIA Desktop Server to ECS. [Mandatory] | - | -
rule tcp 1025-65535 catchall | unknown | TCP | H.323 traffic between the SCOPIA Desktop Server and the SCOPIA MCU. [Mandatory] | - | -
rule udp 10000-65535 catchall | rtp | UDP | Media connection between the SCOPIA Desktop Client and Server. If not open, the connection will be tunneled via TCP port 443 and performance will not be optimal. An administrator can also control the range of the of the multimedia ports using the SCOPIA Desktop Server Administrator web interface (Client > Settings tab > Multimedia Ports area). [Recommended] | - | -
rule udp 6972-65535 catchall | rtp | UDP | Media connection between the SCOPIA Desktop Server and the SCOPIA Desktop Darwin server, if separated. [Mandatory] | - | -
rule tcp 7070 | other | TCP | Client-to-Server port for tunneled RTSP streaming. [Optional] | - | -
rule udp 10000-65535 catchall | rtp | UDP | Limit UDP ports opened on the firewall to allow SCOPIA Desktop to send RTP to the internal network (MCU). We recommend that you use a limited range between 2326 and 65535. If this option is used: Each Client-to-SCOPIA Desktop connection uses 2 UDP ports. Each SCOPIA Desktop Server-to-MCU connection uses 6 UDP ports. Each conference uses 6 UDP ports for server-to-server communication. Reserve 11 ports per user. To define the range, multiply the number of connections allowed by your license by 11. Add up to 60 ports to support the maximum of ten simultaneous recordings. [Optional] | - | -
rule udp 3478 | stun | UDP | The STUN access is for the SCOPIA Desktop client to communicate with the STUN Server. To acquire the true SIP PTP, open the UDP ports (10000-65535, 6972-65535, 10000-65535, 3478). If the UDP ports are not open, the STUN server will use the SCOPIA Desktop Server as a relay agent. [Optional] | - | -

source 001_6414488449543ba5 | RADVISION Port Security Reference Guide Version 7.5 | Table 1-26 Port Security—SCOPIA Desktop Server and Public Internet
product SCOPIA Desktop Server
rule tcp 80 | http | TCP | GUI access. The alternative is to configure the GUI to run on port 443. [Optional] | - | -
rule tcp 8080 | http | TCP | GUI access to an optional SCOPIA iVIEW Management Suite. [Optional] | - | -
rule tcp 443 | tls | TCP | Control connection between the SCOPIA Desktop Client and Server. [Mandatory] | - | -
rule udp 10000-65535 catchall | rtp | UDP | Media connection between the SCOPIA Desktop Client and Server. If not open, the connection will be tunneled via TCP port 443 and performance will not be optimal. Limit UDP ports opened on the firewall to allow conference clients to send RTP to SCOPIA Desktop. We recommend that you use a limited range between 10000 and 65535. If this option is used: Each Client-to-SCOPIA Desktop connection uses 2 UDP ports. Each SCOPIA Desktop Server-to-MCU connection uses 6 UDP ports. Each conference uses 6 UDP ports for server-to-server communication. We recommend that you reserve 11 ports per user. To define the range, multiply the number of connections allowed by your license by 11. Recordings use 6 ports per recording. Add up to 60 ports to support the maximum of ten simultaneous recordings. You can modify the media port range using the SCOPIA Desktop Server Administrator interface: Client > Settings tab > Multimedia Ports section. [Recommended] | - | -
rule tcp 7070 | other | TCP | Client-to-Server port for tunneled RTSP streaming. [Mandatory] | - | -

source 001_6414488449543ba5 | RADVISION Port Security Reference Guide Version 7.5 | Table 1-27 Port Security—SCOPIA Desktop Client-to-Client connection
product SCOPIA Desktop Client
# Both rows leave Severity empty; the second row leaves Functionality empty
# too and names no protocol beyond UDP (it follows the SIP PTP row: the
# call's media, but the table does not say so): app unknown, catchall.
rule udp 5060 | sip | SIP UDP | For establishing SIP PTP connection. | - | -
rule udp 1025-65535 catchall | unknown | UDP | - | - | -

source 001_6414488449543ba5 | RADVISION Port Security Reference Guide Version 7.5 | Table 1-28 Port Security—SCOPIA Desktop Server and XMPP Server
product SCOPIA Desktop Server
# This table does have a "Result of Blocking in Application" column.
rule tcp 5222 | xmpp | TCP | Direct SCOPIA Desktop Client to XMPP connection. | - | The SCOPIA Desktop Client tries to use port 443 for tunnelled connection to the SCOPIA Desktop Server.
rule tcp 5269 | xmpp | TCP | XMPP Server for supporting proxy XMPP connections from SCOPIA Desktop Server for SCOPIA Desktop Clients. | - | From SCOPIA Desktop Server
rule tcp 3336 | other | TCP | If XMPP Server is configured for SCOPIA iVIEW Management Suite authentication, it uses this port for XML communications. [Mandatory for SCOPIA iVIEW Management Suite authentication] | - | Users would not be able to log into XMPP Server.
rule tcp 389 | ldap | TCP | If XMPP Server is configured for LDAP server (either Active Directory or Domino), XMPP Server uses this port for LDAP communication for user authentication. [Mandatory for LDAP authentication] | - | Users would not be able to log into XMPP Server.

source 001_6414488449543ba5 | RADVISION Port Security Reference Guide Version 7.5 | Table 1-29 Port Security—SCOPIA XT Desktop Server and Internal Network
product SCOPIA XT Desktop Server
# "3336, 3337" is two ports: one rule each.  10000-65535/UDP appears twice
# with two functions: two rules.
rule tcp 80 | http | TCP | GUI—The alternative is to configure the GUI to run on port 443. [Optional] | - | -
rule tcp 443 | tls | TCP | Control connection between the SCOPIA XT Desktop Client and the SCOPIA XT Desktop Server. [Mandatory] | - | -
rule udp 10000-65535 catchall | rtp | UDP | Media connection between the SCOPIA XT Desktop Server and the SCOPIA XT1000 Series. [Mandatory] | - | -
rule tcp 1025-65535 catchall | unknown | TCP | H.323 traffic between the SCOPIA Desktop Server and the SCOPIA XT1000 Series. [Mandatory] | - | -
rule tcp 3336 | other | TCP | Cascade/XML control connections between SCOPIA Desktop Server and SCOPIA XT1000. [Mandatory] | - | -
rule tcp 3337 | other | TCP | Cascade/XML control connections between SCOPIA Desktop Server and SCOPIA XT1000. [Mandatory] | - | -
rule udp 10000-65535 catchall | rtp | UDP | Media connection between the SCOPIA XT Desktop Client and Server. If not open, the connection will be tunneled via TCP port 443 and performance will not be optimal. Limit UDP ports opened on the firewall to allow conference clients to send RTP to SCOPIA Desktop. We recommend that you use a limited range between 10000 and 65535. If this option is used: Each Client-to-SCOPIA Desktop connection uses 2 UDP ports. Each SCOPIA XT Desktop Server-to-MCU connection uses 6 UDP ports. Each conference uses 6 UDP ports for server-to-server communication. We recommend that you reserve 11 ports per user. To define the range, multiply the number of connections allowed by your license by 11. [Recommended] | - | -

source 001_6414488449543ba5 | RADVISION Port Security Reference Guide Version 7.5 | Table 1-30 Port Security—SCOPIA XT1000 and Internal Network
product SCOPIA XT1000
# The table has separate "Protocol/Use" and "Port Type" (transport)
# columns; PROTOCOL holds the first.  "3339; 3340" is two ports: one rule
# each.  1718 goes "Out to the multicast IP address 224.0.0.41 ("all GK")"
# as printed; H.225.0's gatekeeper discovery group is 224.0.1.41, so the
# rule carries no subnet rather than one of the two.
rule tcp 22 | ssh | SSH | Secure Shell | both | No secure shell
rule tcp 23 | telnet | Telnet | Telnet server | both | No Telnet access
rule udp 69 | tftp | TFTP | TFTP client or server | both | Cannot send or receive files via TFTP
rule tcp 80 | http | HTTP | WEB Server | both | No WEB server
rule udp 123 | ntp | SNTP | SNTP client | both | Cannot get the Internet UTC time
rule udp 161 | snmp | SNMP | SNTP Configuration and Status | both | Cannot configure or check the status of the terminal via SNMP
rule udp 162 | snmp | SNMP | SNTP Trap Events | out | The terminal cannot send SNMP events
rule tcp 55003 | other | AT Commands | API for Remote Management | both | Cannot send/receive commands
rule tcp 55099 | other | Software Upgrade | Software Upgrade | both | Cannot upgrade software
rule tcp 3338 | other | XML Commands | Remote Control | both | Cannot send/receive commands. SCOPIA Control and SCOPIA XT Desktop Server are not operational.
rule tcp 3339 | other | XML HINTS | Remote Control | out | Cannot send hints. SCOPIA Control and SCOPIA XT Desktop Server are not operational.
rule tcp 3340 | other | XML HINTS | Remote Control | out | Cannot send hints. SCOPIA Control and SCOPIA XT Desktop Server are not operational.
rule udp 1718 | h225-ras | H.225.0/ RAS | H.323 call signaling to a GK for "Gatekeeper Automatic Discovery" procedure | out | The H.323 endpoint cannot automatically discover a gatekeeper (only manual configuration available).
rule udp 1719 | h225-ras | H.225.0/ RAS | H.323 call signaling to a GK | both | The H.323 endpoint cannot use the services of a gatekeeper.
rule tcp 1720 | q931 | H.225.0/ Q.931 | H.323 call signaling (Q.931) | both | Cannot connect H.323 calls.
rule tcp 5060 | sip | SIP | SIP call signaling | both | Cannot connect SIP calls over TCP.
rule udp 5060 | sip | SIP | SIP call signaling | both | Cannot connect SIP calls over UDP.
# 3230-3248 carries Q.931, H.245, SIP and BFCP: app unknown.
rule tcp 3230-3248 | unknown | H.225.0/ Q.931 and H.245 and SIP | H.323 call control signaling (Q.931) and media control signaling (H.245) and SIP (TCP) call signaling and BFCP signaling | both | Cannot connect H.323 calls. Cannot connect SIP calls on TCP transport.
rule tcp 5070 | bfcp | BFCP | SIP content (presentation) video signaling | both | No SIP content video available.
rule udp 3230-3287 | rtp | RTP and RTCP | H.323 and SIP media (audio, video, H.224/data RTP) and media control (RTCP) | both | No media exchanged in the H.323 or SIP call.
rule udp 3478-3479 | stun | STUN | STUN client | both | Cannot discover the presence of a firewall or NAT (only manual configuration available).

source 001_6414488449543ba5 | RADVISION Port Security Reference Guide Version 7.5 | Table 1-31 Ports supported by SCOPIA VC240
product SCOPIA VC240
# This table's blocking column is "Result of Blocking on Firewall".
rule tcp 22 | ssh | TCP (SSH) | SCOPIA iVIEW Management Suite | both | SCOPIA iVIEW Management Suite does not communicate with the unit
rule tcp 23 | telnet | TCP (Telnet) | SCOPIA iVIEW Management Suite and administration | both | SCOPIA iVIEW Management Suite does not communicate with the unit
rule tcp 80 | http | HTTP (TCP) | Open APIs | both | Web server and open APIs do not function
rule udp 161 | snmp | UDP (SNMP) | Configuration and status | both | Cannot configure or check the status of the terminal via SNMP
rule udp 162 | snmp | UDP (SNMP) | SNMP trap events | out | Cannot receive traps
rule tcp 443 | tls | HTTPS (TCP) | Open APIs | both | Web server and open APIs do not function
rule tcp 1024-4999 catchall | h245 | TCP (H.245) | H.245 signaling | both | Cannot connect H.323 calls
rule udp 1719 | h225-ras | UDP (RAS) | RAS signaling | both | Cannot communicate with H.323 gatekeeper
rule tcp 1720 | q931 | TCP (Q.931) | Q.931 signaling | both | Cannot connect H.323 calls
# 4000 "RV shell cmd" names no transport: tcp/udp.
rule tcp/udp 4000 | other | RV shell cmd | Internal use | both | SCOPIA iVIEW Management Suite does not communicate with the unit
rule tcp/udp 5060 | sip | TCP/UDP (SIP) | SIP signaling | both | Cannot connect SIP calls
rule udp 10000-10299 | rtp | UDP (RTP/RTCP) | RTP media | both | Cannot transmit/receive media streams

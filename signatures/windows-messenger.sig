# Microsoft Knowledge Base article 903056, "Description of the Windows
# Messenger client basic protocol port usage for instant messaging, file
# transfer, audio, and video" (revision 4.1, June 29, 2007), transcribed
# from seeds/003_f187970cba1dd4d0.txt.
#
# The copy lost its tables: each section ends in "Collapse this table" and
# the table itself is gone.  What is left:
# - SIP ports in the prose of "TCP mode" and "TLS mode": server 5060/TCP,
#   5061/TCP (TLS).  Transcribed from the text here.
# - "Whiteboard and Application Sharing", "File transfer" and "Audio and
#   video" each had a table with the ports.  Their values are NOT in this
#   copy: they are taken from the same Microsoft article and its companion
#   posts, as recorded in seeds/README.md: T.120 on TCP 1503; file
#   transfer (TFTP over TCP) on TCP 6891-6900; audio and video as RTP/RTCP
#   pairs on dynamic UDP ports, 5004-65535 unless Group Policy narrows them.
# - A fourth table, under "Important", listed the Group Policy settings
#   that do not work in Office Communicator: settings, not ports; no rule.
# - The client also listens on a dynamic TCP port for SIP in TCP mode (its
#   range set by Group Policy); the article gives no range, so no rule.
# The article has no direction or blocking column: DIRECTION is the
# client's (out to the server's SIP ports, both ways for peer-to-peer
# sessions) and BLOCKING is '-'.  The table ids below are the article's
# section headings.

class vendor
vendor Microsoft

source 003_f187970cba1dd4d0 | Microsoft KB 903056: Windows Messenger client basic protocol port usage | TCP mode: IM and presence information, SIP over TCP (from the article's text)
product Windows Messenger | Office Communicator 2005 | Live Communications Server 2005
rule tcp 5060 | sip | SIP over TCP | IM and presence information (SIP signaling in clear text): the server listens on the default port 5060 | out | -

source 003_f187970cba1dd4d0 | Microsoft KB 903056: Windows Messenger client basic protocol port usage | TLS mode: IM and presence information, SIP over TLS (from the article's text)
product Windows Messenger | Office Communicator 2005 | Live Communications Server 2005
rule tcp 5061 | sip | SIP over TLS | IM and presence information (SIP signaling encrypted in TLS): by default the server listens on port 5061 | out | -

source 003_f187970cba1dd4d0 | Microsoft KB 903056: Windows Messenger client basic protocol port usage | Whiteboard and Application Sharing: table lost, values from the article as recorded in seeds/README.md
product Windows Messenger
rule tcp 1503 | t120 | T.120 | Whiteboard and Application Sharing; the port is fixed and cannot be changed | both | -

source 003_f187970cba1dd4d0 | Microsoft KB 903056: Windows Messenger client basic protocol port usage | File transfer: table lost, values from the article as recorded in seeds/README.md
product Windows Messenger
# The article calls it TFTP running over TCP.  RFC 1350 TFTP is a UDP
# protocol, so the app is other, not tftp.
rule tcp 6891-6900 | other | TFTP over TCP | Messenger file transfer; the port range is fixed and cannot be changed | both | -

source 003_f187970cba1dd4d0 | Microsoft KB 903056: Windows Messenger client basic protocol port usage | Audio and video: table lost, values from the article as recorded in seeds/README.md
product Windows Messenger
# Dynamic by default; Group Policy (HKEY_LOCAL_MACHINE\SOFTWARE\Policies\
# Microsoft\Communicator\PortRange) can narrow the range.
rule udp 5004-65535 catchall | rtp | RTP/RTCP (UDP) | Audio and video: RTP/RTCP on a pair of dynamic UDP ports | both | -

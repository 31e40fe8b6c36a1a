# Zoom's "Zoom network firewall or proxy server settings", the vendor's
# support article for the firewall rules of Zoom Meetings clients.  Read
# on 2026-12-07 from the stored copy of the Japanese edition of the
# article (support.zoom.com, KB0060561); the English edition (KB0060548)
# was not among the stored pages.  The stored copy carries no date.
#
# How the page was read:
# - The page has two tables with the columns Protocol | Ports | Source |
#   Destination and no captions: one for the web browsers of Zoom client
#   users, one for all Zoom clients.  Neither has a function or a
#   blocking column.
# - The web-browser table gives TCP 80, 443 and UDP 443 to the host names
#   *.zoom.us and *.zoom.com, with no addresses.  Rows on 80 and 443
#   without a subnet would claim every web flow for Zoom, so that table
#   gives no rule here; its host names are product patterns instead.
# - The client table gives "TCP 443, 8801, 8802" and "UDP 3478, 3479,
#   8801 - 8810" to a Destination cell that reads "IPv4:" and "IPv6:"
#   with the address lists empty: the live page fills them in when it is
#   shown, and the stored copy does not hold them.  So no subnet is
#   written anywhere in this file, and TCP 443 (which needs one) has no
#   rule.  The stored text breaks off inside the UDP row's Source cell;
#   the UDP row's Destination cell and any rows or tables after it could
#   not be read and are not transcribed.
# - 8801, 8802 and 8801-8810 are Zoom's own ports (no standard assigns
#   them), written without a subnet.  3478 and 3479 are not: they are
#   the STUN ports (standard.sig has rows for both) and other vendors'
#   tables list them too.  Without Zoom's addresses a rule on them would
#   say Zoom's table allows STUN to anyone; tried, it named "Zoom Meetings"
#   every STUN flow on 3478 in ../shared/pcaps/stun.pcap, Google's among
#   them.  So they get no rule until the subnets can be read; then each
#   subnet gives one rule on 3478 and one on 3479, app stun.
# - The UDP row names no protocol for 8801-8810.  Zoom's own packet
#   framing runs there (media inside a Zoom header, not bare RTP on the
#   wire), and the one flow to udp/8801 in ../shared/pcaps/stun.pcap
#   carries STUN and DTLS (TRUTH.txt: dtls,stun).  Several protocols on
#   one range: the app is unknown, the function says what is known.
#   Tried as other, that flow came out unexpected ("payload is stun").
#   For TCP 8801 and 8802 the page names nothing but TCP: unknown too.
# - PROTOCOL is the table's Protocol cell (TCP, UDP).  FUNCTION is ours:
#   the page has no such column.  DIRECTION is out: the page says the
#   rules are for outgoing traffic from the clients, and that the firewall
#   must let Zoom's replies back on the same connection.
# - BLOCKING: the page says that a client stuck in "connecting" or timing
#   out with a network error may be held up by the firewall; it says so
#   of the whole table, not of a row.  Every rule carries that phrase.

class vendor
vendor Zoom

source https://support.zoom.com/hc/ja/article?id=zm_kb&sysparm_article=KB0060561 | Zoom network firewall or proxy server settings, Japanese edition (read 2026-12-07; the stored copy gives no date) | Table of firewall rules for all Zoom clients (Protocol, Ports, Source, Destination)
product Zoom Meetings
# "TCP | 443, 8801, 8802 | all Zoom clients | IPv4: IPv6:" (lists empty
# in the stored copy): 443 left out, see the header.
rule tcp 8801 | unknown | TCP | Zoom client connection to the Zoom cloud (protocol not named by the page) | out | Client stuck connecting or times out with a network error
rule tcp 8802 | unknown | TCP | Zoom client connection to the Zoom cloud (protocol not named by the page) | out | Client stuck connecting or times out with a network error
# "UDP | 3478, 3479, 8801 - 8810 | all Zoom clients | ..." (the stored
# text ends inside this row): 3478 and 3479 left out, see the header.
rule udp 8801-8810 | unknown | UDP | Zoom media (Zoom's own packet framing over UDP) and its STUN and DTLS connectivity checks | out | Client stuck connecting or times out with a network error

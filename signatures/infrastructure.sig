# The network's own background traffic, which every capture of a
# conferencing LAN carries: address assignment, name resolution, time,
# discovery, Windows networking, ICMP.  Labelling it keeps it out of the
# "unknown" pile; none of it is a call.
#
# DOC is the standard's short id.  APP is other where the vocabulary has no
# label; mDNS and LLMNR are DNS messages on other ports, so dns.
# DIRECTION is '-'.  BLOCKING says in plain words what stops working.
#
# ARP is not IP and never reaches the flow table: no rule.

class infrastructure

source rfc2131 | Dynamic Host Configuration Protocol (RFC 2131) | BOOTP/DHCP ports: server 67/UDP, client 68/UDP
rule udp 67 | other | DHCP | DHCP server: address assignment, options for phones (TFTP server, VLAN) | - | Devices get no IPv4 address or provisioning options
rule udp 68 | other | DHCP | DHCP client: replies from the DHCP server | - | Devices get no IPv4 address or provisioning options

source rfc8415 | Dynamic Host Configuration Protocol for IPv6 (DHCPv6) (RFC 8415) | Clients listen on 546/UDP, servers and relays on 547/UDP
rule udp 546 | other | DHCPv6 | DHCPv6 client: replies from servers and relays | - | Devices get no DHCPv6 address or options
rule udp 547 | other | DHCPv6 | DHCPv6 server and relay agent | - | Devices get no DHCPv6 address or options

source rfc1035 | Domain Names: Implementation and Specification (RFC 1035) | Port 53 over UDP and TCP (TCP per RFC 7766)
rule tcp/udp 53 | dns | DNS | Name resolution, including SRV lookups for SIP, H.323 and XMPP servers | - | Names and service records do not resolve; calls to URIs fail

source rfc5905 | Network Time Protocol Version 4 (RFC 5905) | Port 123/UDP
rule udp 123 | ntp | NTP | Clock synchronisation (NTP, SNTP) | - | Clocks drift: certificates, logs and call records carry wrong times

source rfc6762 | Multicast DNS (RFC 6762) | Port 5353/UDP, groups 224.0.0.251 and ff02::fb
rule udp 5353 | dns | mDNS | Multicast DNS: name resolution and service discovery on the local link | - | Local devices and services are not discovered by name

source rfc4795 | Link-Local Multicast Name Resolution (LLMNR) (RFC 4795) | Port 5355 (UDP queries, TCP for long answers)
rule tcp/udp 5355 | dns | LLMNR | Link-local name resolution (Windows) | - | Local names do not resolve without DNS

source upnp-da | UPnP Device Architecture: Simple Service Discovery Protocol (SSDP) | Port 1900/UDP, group 239.255.255.250
rule udp 1900 | other | SSDP | UPnP device and service discovery | - | UPnP devices are not discovered

source rfc1002 | NetBIOS over TCP/UDP: Detailed Specifications (RFC 1001, RFC 1002) | Name service 137/UDP, datagram service 138/UDP, session service 139/TCP
rule udp 137 | other | NetBIOS-NS | NetBIOS name service (Windows name registration and lookup) | - | Windows names do not resolve on the local network
rule udp 138 | other | NetBIOS-DGM | NetBIOS datagram service (Windows browsing and announcements) | - | Windows network browsing fails
rule tcp 139 | other | NetBIOS-SSN | NetBIOS session service (SMB over NetBIOS) | - | File sharing and domain logons over NetBIOS fail

source ms-smb2 | Server Message Block (SMB) Protocol Versions 2 and 3 (MS-SMB2) | SMB directly over TCP: IANA microsoft-ds 445
rule tcp 445 | other | SMB | Windows file sharing, Active Directory logons and NTLM authentication | - | File sharing and Active Directory authentication fail

source rfc4861 | Neighbor Discovery for IPv6 (RFC 4861) and ICMPv6 (RFC 4443) | ICMPv6 messages (no ports)
rule icmpv6 any | other | ICMPv6 | IPv6 neighbour and router discovery, echo and error messages | - | IPv6 hosts cannot find their neighbours or router; IPv6 fails

source rfc792 | Internet Control Message Protocol (RFC 792) | ICMP messages (no ports): echo request and reply, errors
rule icmp any | other | ICMP | Echo request and reply (ping), unreachable and other error messages | - | Ping-based monitoring fails; path MTU discovery may break

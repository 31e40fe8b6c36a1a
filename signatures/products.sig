# Product strings seen in traffic, mapped to product names.
#
# A recogniser that reads a product string out of the bytes (SIP
# User-Agent or Server header, H.225.0 vendor and product id, SCCP device
# type name, STUN SOFTWARE attribute, TLS server name) looks it up here.
# GLOB is a shell pattern (fnmatch(3)) matched against the whole string
# without regard to case: "*Polycom*" finds Polycom anywhere in it.
# The first line that matches wins, so narrower patterns come first
# (Lync before Skype, SCOPIA before Avaya, one TANDBERG model before all).
#
# Every pattern is built on strings these products really send; an example
# of each is in the comment above it.  SIPp is left out: its stock
# scenarios send no User-Agent.

class products

# ---- Microsoft ----
# Teams Direct Routing SIP proxy:  Server: Microsoft.PSTNHub.SIPProxy v.2020.7.31.1 i.USWE2.3
ua Microsoft.PSTNHub.SIPProxy* | Microsoft Teams
# TLS server names of Teams, as the Microsoft 365 endpoints list gives
# them (learn.microsoft.com/en-us/microsoft-365/enterprise/urls-and-ip-address-ranges)
ua teams.microsoft.com | Microsoft Teams
ua *.teams.microsoft.com | Microsoft Teams
ua teams.cloud.microsoft | Microsoft Teams
ua *.teams.cloud.microsoft | Microsoft Teams
ua join.secure.skypeassets.com | Microsoft Teams
ua mlccdnprod.azureedge.net | Microsoft Teams
# UCCAPI/15.0.4971.1000 OC/15.0.4971.1000 (Skype for Business)
ua *(Skype for Business* | Skype for Business
# UCCAPI/15.0.4569.1503 OC/15.0.4569.1503 (Microsoft Lync)
# UCCAPI/4.0.7577.0 OC/4.0.7577.0 (Microsoft Lync 2010)
ua *(Microsoft Lync* | Microsoft Lync
# UCCAPI/3.5.6907.37 OC/3.5.6907.37 (Microsoft Office Communicator 2007 R2)
ua *(Microsoft Office Communicator* | Microsoft Office Communicator
# UCCAPI/2.0.6362.67 (no product in brackets)
ua UCCAPI/* | Microsoft Lync
# Skype for Business Online (lync.com) and Skype (skype.com) server names.
ua *.lync.com | Skype for Business
ua *Lync* | Microsoft Lync
ua *Skype* | Skype
# RTC/1.3.5470 (Messenger 5.1.0701)
ua RTC/*(Messenger* | Windows Messenger
# RTC/(Microsoft RTC), RTC/1.3
ua *Microsoft*RTC* | Microsoft RTC client
ua RTC/* | Microsoft RTC client

# ---- Cisco ----
# Jabber (Client Services Framework):  User-Agent: Cisco-CSF
ua Cisco-CSF* | Cisco Jabber
ua *Jabber* | Cisco Jabber
# SCCP device type names (as Wireshark names them): CSF is Jabber's.
ua CSF | Cisco Jabber
# Expressway / VCS:  TANDBERG/4352 (X8.10.2-b2bua-1.0)
ua TANDBERG/4352 * | Cisco Expressway
# Jabber Video (Movi):  TANDBERG/772 (MCX 4.3.12.13351) - Mac OS X
ua TANDBERG/* (MCX * | Cisco Jabber Video
# Endpoints:  TANDBERG/529 (ce9.1.4.3ae3106) Cisco-MX700ST,
# TANDBERG/512 (TC3.1.3.234045), TANDBERG/81 (F9.1 PAL); H.225.0 product id
# "Tandberg".
ua *TANDBERG* | Cisco TelePresence
ua *Cisco TelePresence* | Cisco TelePresence
# SCCP device types CiscoTelepresenceMcu, CiscoTelePresenceConductor ...
ua CiscoTelePresence* | Cisco TelePresence
ua Telepresence | Cisco TelePresence
# Phones:  Cisco-CP7960G/8.0, Cisco-CP8845/14.2, Cisco-CP-8841-3PCC/11.0
ua Cisco-CP* | Cisco IP Phone
# SCCP device types: Cisco 7940, Cisco 7925, Cisco 8945, Cisco 6941 ...
ua Cisco [6-9][0-9][0-9][0-9]* | Cisco IP Phone
ua Cisco IP Communicator | Cisco IP Communicator
# SCCP device types: Cisco SPA 504G, Cisco SPA 525G2 ...
ua Cisco SPA * | Cisco SPA phone
# SCCP device types ConferenceBridge, ConferenceBridgeDixieLand ...
ua ConferenceBridge* | Cisco conference bridge
# Server: Cisco-CUCM11.5
ua Cisco-CUCM* | Cisco Unified Communications Manager
# User-Agent: Cisco-SIPGateway/IOS-15.5.3.M1
ua Cisco-SIPGateway/* | Cisco IOS voice gateway
# TLS server names: radcom.webex.com, *.webex.com
ua *webex* | Cisco Webex
# "Network Requirements for Webex Services" (help.webex.com WBX000028782)
ua wbx2.com | Cisco Webex
ua *.wbx2.com | Cisco Webex
ua ciscospark.com | Cisco Webex
ua *.ciscospark.com | Cisco Webex
ua *.ciscosparkcontent.com | Cisco Webex

# ---- RADVISION (now Avaya): before Avaya, so "Avaya SCOPIA" is SCOPIA ----
ua *SCOPIA* | RADVISION SCOPIA
ua *RADVISION* | RADVISION SCOPIA

# ---- Avaya ----
# Avaya one-X Deskphone 7.1.15.1.3 b4475ea2e9a0
ua Avaya one-X Deskphone* | Avaya one-X Deskphone
# Server names from the Avaya Client SDK port matrix:
# Accounts.avayacloud.com, Spaces.avayacloud.com, Accounts.zang.io ...
ua *.avayacloud.com | Avaya Cloud
ua *.zang.io | Avaya Cloud
# Avaya H175 Collaboration Station ..., Avaya-SM/7.1.3.0, Avaya SIP Softphone
ua *Avaya* | Avaya

# ---- Polycom ----
# PolycomVVX-VVX_450-UA/6.4.3.5018
ua PolycomVVX* | Polycom VVX
# PolycomSoundPointIP-SPIP_650-UA/4.0.1
ua PolycomSoundPointIP* | Polycom SoundPoint IP
# Polycom HDX 8000 HD (Release - 2.5.0.8_ne-4035)
ua Polycom HDX* | Polycom HDX
ua *Polycom* | Polycom

# ---- Lifesize, Sony ----
# LifeSize Express_220/LS_EX2_4.7.11 (4); H.225.0: LifeSize Room 220
ua *LifeSize* | Lifesize
# H.225.0: SONY PCS-101 00::PCS-G70 ...
ua SONY PCS* | Sony PCS

# ---- cloud meeting services (TLS server names) ----
# Zoom's media framing (src/proto/zoom.c) names the product "Zoom"
ua Zoom | Zoom Meetings
# Zoom's firewall page (support.zoom.com KB0060561): zoom.us, *.zoom.us, *.zoom.com
ua zoom.us | Zoom Meetings
ua *.zoom.us | Zoom Meetings
ua *.zoom.com | Zoom Meetings
ua *.gotomeeting.com | GoToMeeting
ua *.bluejeans.com | BlueJeans
# Google's "Prepare your network for Meet" (support.google.com/a/answer/1279090)
ua meet.google.com | Google Meet
ua *.meet.google.com | Google Meet
ua meetings.googleapis.com | Google Meet
ua meetings.clients6.google.com | Google Meet
ua meet.jit.si | Jitsi Meet

# ---- PBXs, proxies, softswitches ----
# FPBX-15.0.16.42(16.6.2): FreePBX on Asterisk
ua FPBX-* | FreePBX
# Asterisk PBX 18.12.1
ua Asterisk* | Asterisk
# FreeSWITCH-mod_sofia/1.10.3-release.5~64bit
ua FreeSWITCH* | FreeSWITCH
# kamailio (5.8.3 (x86_64/linux))
ua kamailio* | Kamailio
# OpenSER (VERSION (ARCH/OS)): Kamailio's former name, same header format
ua OpenSER* | OpenSER
# OpenSIPS (3.5.0-dev (x86_64/linux))
ua OpenSIPS* | OpenSIPS
# Server: Sip EXpress router (0.8.12 (i386/linux))
ua Sip EXpress router* | SIP Express Router
# Server: Cirpack/v4.38e (gw_sip)
ua Cirpack/* | Cirpack softswitch

# ---- phones and softphones ----
# Grandstream GXP2170 1.0.11.46, Grandstream HT801 1.0.3.2
ua Grandstream* | Grandstream
# Yealink SIP-T46S 66.15.0.10, Yealink VCDesktop 1.x
ua Yealink* | Yealink
# snomD785/10.1.84.12, snom370/8.7.5.48
ua snom* | Snom
# X-Lite release 5.0.0 stamp 67284
ua X-Lite* | CounterPath X-Lite
# Bria 3 release 3.5.5 stamp 71243, Bria iOS release 3.9.5 stamp 38501.38502
ua Bria * | CounterPath Bria
# eyeBeam release 1102q stamp 51814
ua eyeBeam* | CounterPath eyeBeam
# Linphone/3.9.1 (belle-sip/1.4.2)
ua Linphone* | Linphone
# Ekiga/4.0.1
ua Ekiga* | Ekiga
# Zoiper r33688
ua Zoiper* | Zoiper
# Nero SIPPS IP Phone Version 2.0.51.16
ua Nero SIPPS* | Nero SIPPS

# ---- STUN SOFTWARE attribute, H.225.0 test tools ----
# Coturn-4.5.0.5 'dan Eider'
ua Coturn-* | coturn
# ice4j.org (Jitsi's ICE library)
ua ice4j.org | Jitsi
# H.225.0 product id: Callgen323 (OpenH323's call generator)
ua Callgen323* | callgen323

# Google Meet: the network requirements Google publishes for Meet in the
# Google Workspace Admin Help article "Prepare your network for Meet
# meetings & live streams" (support.google.com/a/answer/1279090), read
# 2026-12-07 from the stored copies of that page; none of them gives a date.
#
# How the page was read:
# - The page has no port table.  "Set up your network", Step 1 lists the
#   ports as bullets: outbound UDP 3478 and 19302-19309 for audio and
#   video; outbound UDP and TCP 443 for web traffic and user
#   authentication.  It says these ports are allowed without any IP limit,
#   and that TCP is used when the UDP ports are blocked, at lower meeting
#   quality: that is the BLOCKING cell of the media rule.
# - DIRECTION: every port is outbound from the Meet client (browser, app or
#   Meet hardware) to Google: out.
# - UDP 19302-19309 is Google's own range (no standard or other vendor's
#   table lists it), written without a subnet.  The media there is WebRTC:
#   ICE connectivity checks (STUN), then DTLS-SRTP, i.e. standard RTP/RTCP
#   headers on the wire once media flows.  The app is rtp, as the contract
#   labels a STUN-then-DTLS-then-SRTP flow by its media.
# - Left out, and why:
#   * The Meet media IP address ranges (Step 3 of the page, "Allow access to
#     Google IP address ranges").  Every stored copy of the page that could
#     be read ends before that section, so no subnet could be taken from
#     the page itself; none is written from memory or from third-party
#     copies.  Add them, with `net CIDR` rules, once the section is read.
#   * TCP 443 and UDP 443 ("web traffic and user authentication"): without
#     the page's subnets such a rule would claim every HTTPS and QUIC flow
#     for Meet, so no rule is written.
#   * UDP 3478 (listed with 19302-19309 for audio and video; STUN/TURN): the
#     protocol's own port, already in standard.sig.  Without the page's
#     subnets a Meet rule would claim every STUN flow on 3478 for Meet, so no
#     rule is written.  Its app would be stun.
# - Host names from Step 2 of the page are product patterns, kept apart from
#   this file (for products.sig).

class vendor
vendor Google

source https://support.google.com/a/answer/1279090?hl=en&ref_topic=7302981 | Prepare your network for Meet meetings & live streams (read 2026-12-07; the stored copy gives no date) | Set up your network, Step 1: Set up outbound ports for media traffic
product Google Meet
rule udp 19302-19309 | rtp | UDP | Audio and video (Meet media over WebRTC: ICE/STUN, DTLS-SRTP) | out | TCP is used instead; meeting quality can decrease

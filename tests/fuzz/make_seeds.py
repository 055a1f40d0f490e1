#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Writes the hand-made seed inputs of the fuzz targets.

Each target's seeds go to corpus/<target>/seed-<name> beside this script,
in the input format the target's source file describes (harness.h has the
topology: veth0 02:00:00:00:00:01 10.0.0.1/24 in netns "a", its peer veth1
02:00:00:00:00:02 10.0.0.2/24 in "b", UDP sockets on 7777 and 7778, veth0
is ifindex 3 in "a").  Entries found by fuzzing (other names) are kept.

Usage: make_seeds.py            (rewrites every seed-* file)
"""
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

MAC_A = bytes([2, 0, 0, 0, 0, 1])
MAC_B = bytes([2, 0, 0, 0, 0, 2])
BCAST = b"\xff" * 6
IP_A = bytes([10, 0, 0, 1])
IP_B = bytes([10, 0, 0, 2])
IP_OTHER = bytes([10, 0, 0, 77])
IFINDEX_VETH0 = 3


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ipv4(payload, proto, src=IP_B, dst=IP_A, opts=b"", ttl=64, frag=0,
         ident=0x1234, tot_len=None):
    ihl = 5 + len(opts) // 4
    if tot_len is None:
        tot_len = ihl * 4 + len(payload)
    hdr = struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, 0, tot_len, ident, frag,
                      ttl, proto, 0, src, dst) + opts
    c = csum(hdr)
    return hdr[:10] + struct.pack("!H", c) + hdr[12:] + payload


def icmp(typ, code, rest=b"\0\0\0\0", body=b""):
    msg = struct.pack("!BBH", typ, code, 0) + rest + body
    return msg[:2] + struct.pack("!H", csum(msg)) + msg[4:]


def udp(sport, dport, payload, src=IP_B, dst=IP_A, check=True):
    ulen = 8 + len(payload)
    hdr = struct.pack("!HHHH", sport, dport, ulen, 0)
    if not check:
        return hdr + payload
    ph = src + dst + struct.pack("!BBH", 0, 17, ulen)
    c = csum(ph + hdr + payload) or 0xFFFF
    return hdr[:6] + struct.pack("!H", c) + payload


def eth(payload, typ=0x0800, dst=MAC_A, src=MAC_B):
    return dst + src + struct.pack("!H", typ) + payload


def arp(op, sha=MAC_B, sip=IP_B, tha=b"\0" * 6, tip=IP_A, hlen=6, plen=4,
        hrd=1, pro=0x0800):
    return struct.pack("!HHBBH", hrd, pro, hlen, plen, op) + sha + sip + \
        tha + tip


# IPv4 options
OPT_RR = bytes([7, 11, 4]) + b"\0" * 8 + b"\0"          # RR, 2 slots, EOL
OPT_TS = bytes([68, 12, 5, 0]) + b"\0" * 8             # timestamps only
OPT_TS_ADDR = bytes([68, 20, 5, 1]) + b"\0" * 16       # address + stamp
OPT_NOP_EOL = bytes([1, 1, 1, 0])
OPT_BAD_LEN = bytes([7, 40, 4, 0])                     # RR longer than hdr
OPT_LSRR = bytes([131, 7, 4]) + IP_A + b"\0"           # source route
OPT_RA = bytes([148, 4, 0, 0])                         # router alert


def echo(ident=0x4242, seq=1, data=b"tuxnet-fuzz-seed"):
    return icmp(8, 0, struct.pack("!HH", ident, seq), data)


def quoted_udp(sport=7778, dport=9):
    """What an ICMP error quotes of the connected socket's datagram."""
    u = udp(sport, dport, b"hello", src=IP_A, dst=IP_B)
    return ipv4(u, 17, src=IP_A, dst=IP_B)[:28]


# ---- netlink ----

NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP = 1, 4, 0x300
NLM_F_CREATE, NLM_F_EXCL = 0x400, 0x200
RTM_NEWLINK, RTM_DELLINK, RTM_GETLINK = 16, 17, 18
RTM_NEWADDR, RTM_DELADDR, RTM_GETADDR = 20, 21, 22
RTM_NEWROUTE, RTM_DELROUTE, RTM_GETROUTE = 24, 25, 26
RTM_NEWNEIGH, RTM_DELNEIGH, RTM_GETNEIGH = 28, 29, 30
RTM_NEWQDISC, RTM_DELQDISC, RTM_GETQDISC = 36, 37, 38
NLM_F_REPLACE = 0x100
TCA_KIND, TCA_OPTIONS, TCA_RATE, TCA_STAB = 1, 2, 5, 8
TCA_INGRESS_BLOCK = 13
TC_H_ROOT, TC_H_INGRESS = 0xFFFFFFFF, 0xFFFFFFF1
IFLA_ADDRESS, IFLA_IFNAME, IFLA_MTU, IFLA_LINK = 1, 3, 4, 5
IFLA_LINKINFO, IFLA_NET_NS_FD = 18, 28
IFLA_INFO_KIND, IFLA_INFO_DATA = 1, 2
VETH_INFO_PEER = 1
IFA_ADDRESS, IFA_LOCAL, IFA_LABEL, IFA_BROADCAST = 1, 2, 3, 4
RTA_DST, RTA_OIF, RTA_GATEWAY, RTA_PRIORITY, RTA_TABLE = 1, 4, 5, 6, 15
NDA_DST, NDA_LLADDR = 1, 2
NLA_F_NESTED = 0x8000


def nla(typ, data):
    n = struct.pack("=HH", 4 + len(data), typ) + data
    return n + b"\0" * (-len(n) % 4)


def nlmsg(typ, flags, body, seq=1, length=None):
    if length is None:
        length = 16 + len(body)
    m = struct.pack("=IHHII", length, typ, flags, seq, 0) + body
    return m + b"\0" * (-len(m) % 4)


def ifinfomsg(index=0, flags=0, change=0, family=0):
    return struct.pack("=BxHiII", family, 0, index, flags, change)


def ifaddrmsg(prefixlen, index, family=2, flags=0, scope=0):
    return struct.pack("=BBBBI", family, prefixlen, flags, scope, index)


def rtmsg(dst_len=0, table=254, proto=3, scope=0, typ=1, family=2):
    return struct.pack("=BBBBBBBBI", family, dst_len, 0, 0, table, proto,
                       scope, typ, 0)


def ndmsg(index, state=0x80, family=2):
    return struct.pack("=BxxxiHBB", family, index, state, 0, 0)


def tcmsg(index, parent=TC_H_ROOT, handle=0):
    return struct.pack("=BxxxiIII", 0, index, handle, parent, 0)


def veth_newlink(name=b"vfz0", peer=b"vfz1"):
    peer_body = ifinfomsg() + nla(IFLA_IFNAME, peer + b"\0")
    info = nla(IFLA_INFO_KIND, b"veth\0") + \
        nla(IFLA_INFO_DATA | NLA_F_NESTED, nla(VETH_INFO_PEER, peer_body))
    return nlmsg(RTM_NEWLINK,
                 NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL,
                 ifinfomsg() + nla(IFLA_IFNAME, name + b"\0") +
                 nla(IFLA_LINKINFO | NLA_F_NESTED, info))


def seeds():
    s = {}
    # -- fuzz_eth: whole frames
    e = s.setdefault("eth", {})
    e["arp-request"] = eth(arp(1), 0x0806, dst=BCAST)
    e["arp-reply"] = eth(arp(2, tha=MAC_A), 0x0806)
    e["icmp-echo"] = eth(ipv4(echo(), 1))
    e["icmp-echo-bcast"] = eth(ipv4(echo(), 1, dst=bytes([10, 0, 0, 255])),
                               dst=BCAST)
    e["udp-bound"] = eth(ipv4(udp(5000, 7777, b"payload"), 17))
    e["udp-unbound"] = eth(ipv4(udp(5000, 9999, b"payload"), 17))
    e["ip-options-rr"] = eth(ipv4(echo(), 1, opts=OPT_RR))
    e["ip-frag-first"] = eth(ipv4(udp(5000, 7777, b"A" * 24)[:16], 17,
                                  frag=0x2000, tot_len=36))
    e["other-host"] = eth(ipv4(echo(), 1), dst=bytes([2, 0, 0, 0, 0, 9]))
    e["unknown-type"] = eth(b"\0" * 46, 0x88B5)
    e["vlan"] = eth(struct.pack("!HH", 5, 0x0800) + ipv4(echo(), 1), 0x8100)
    e["runt"] = MAC_A + MAC_B[:4]
    e["llc-length"] = eth(b"\xaa\xaa\x03" + b"\0" * 43, 46)
    # -- fuzz_arp: ARP payloads
    a = s.setdefault("arp", {})
    a["request"] = arp(1)
    a["reply"] = arp(2, tha=MAC_A)
    a["gratuitous"] = arp(1, sip=IP_B, tip=IP_B, tha=b"\0" * 6)
    a["request-other"] = arp(1, sip=IP_OTHER, tip=IP_A)
    a["request-not-ours"] = arp(1, tip=bytes([10, 0, 0, 9]))
    a["bad-hlen"] = arp(1, hlen=0)
    a["bad-hrd"] = arp(1, hrd=6)
    a["zero-sip"] = arp(1, sip=b"\0" * 4)   # duplicate address detection
    a["mcast-sip"] = arp(2, sip=bytes([224, 0, 0, 1]))
    a["truncated"] = arp(1)[:12]
    # -- fuzz_ipopt: mode byte + option bytes (0x01 echo, 0x02 UDP with
    # RECVOPTS/RETOPTS, 0x04 IP_OPTIONS, 0x08 IP_RETOPTS cmsg, 0x10 source
    # routes accepted)
    o = s.setdefault("ipopt", {})

    o["rr-ping"] = b"\x07" + bytes([1, 7, 39, 4]) + b"\0" * 36
    o["ts-only"] = b"\x07" + bytes([68, 40, 5, 0]) + b"\0" * 36
    o["ts-addr"] = b"\x07" + bytes([68, 36, 5, 1]) + b"\0" * 32
    o["ts-prespec"] = b"\x07" + bytes([68, 20, 5, 3]) + IP_A + b"\0" * 4 \
        + IP_B + b"\0" * 4
    o["ts-full-ovf"] = b"\x03" + bytes([68, 4, 5, 0xe0])
    o["lsrr"] = b"\x1f" + bytes([1, 131, 7, 4]) + IP_B
    o["ssrr-2"] = b"\x1f" + bytes([137, 11, 4]) + IP_B + IP_A + b"\0"
    o["lsrr-rcv-hop"] = b"\x13" + bytes([131, 11, 4]) + IP_A + IP_B + b"\0"
    o["ra"] = b"\x07" + bytes([148, 4, 0, 0])
    o["sec"] = b"\x07" + bytes([130, 11]) + b"\0" * 10
    o["cipso"] = b"\x07" + bytes([134, 10, 0, 0, 0, 1, 1, 4, 0, 0, 0, 0])
    o["rr-twice"] = b"\x03" + bytes([7, 7, 4]) + b"\0" * 4 + bytes([7, 3, 4, 0])
    o["eol-garbage"] = b"\x07" + bytes([0, 7, 3, 1])
    o["len-past-end"] = b"\x07" + bytes([1, 68, 12, 5])
    o["cmsg-rr"] = b"\x08" + bytes([7, 7, 4, 0, 0, 0, 0, 0])
    o["nothing"] = b"\x0f"
    # -- fuzz_ipv4: mode byte + packet (mode 0: as is, 1: fix checksum)
    p = s.setdefault("ipv4", {})
    p["echo"] = b"\0" + ipv4(echo(), 1)
    p["opt-nop-eol"] = b"\0" + ipv4(echo(), 1, opts=OPT_NOP_EOL)
    p["opt-rr"] = b"\0" + ipv4(echo(), 1, opts=OPT_RR)
    p["opt-ts"] = b"\0" + ipv4(echo(), 1, opts=OPT_TS)
    p["opt-ts-addr"] = b"\0" + ipv4(echo(), 1, opts=OPT_TS_ADDR)
    p["opt-lsrr"] = b"\0" + ipv4(echo(), 1, opts=OPT_LSRR)
    p["opt-ra-udp"] = b"\0" + ipv4(udp(5000, 7777, b"x"), 17, opts=OPT_RA)
    p["opt-bad-len"] = b"\x01" + ipv4(echo(), 1, opts=OPT_BAD_LEN)
    p["frag-first"] = b"\0" + ipv4(udp(5000, 7777, b"A" * 24)[:16], 17,
                                   frag=0x2000, tot_len=36)
    p["frag-last"] = b"\0" + ipv4(udp(5000, 7777, b"A" * 24)[16:], 17,
                                  frag=2, tot_len=36)
    p["bad-csum"] = b"\0" + bytes([0x45, 0, 0, 28, 0, 0, 0, 0, 64, 1, 0, 0]) \
        + IP_B + IP_A + echo(data=b"")[:8]
    p["fix-csum-ihl15"] = b"\x01" + bytes([0x4F]) + ipv4(echo(), 1)[1:]
    p["tot-len-short"] = b"\x03" + ipv4(echo(), 1, tot_len=16)
    p["ttl1-forward"] = b"\0" + ipv4(echo(), 1, dst=bytes([10, 0, 0, 9]),
                                     ttl=1)
    p["proto-unknown"] = b"\0" + ipv4(b"\0" * 8, 253)
    # -- fuzz_igmp: mode byte (bit 0 fix checksum, bits 1-2 destination:
    # 224.0.0.1, 239.1.2.3, 224.0.0.22, 10.0.0.1; bits 4-5 force version)
    g = s.setdefault("igmp", {})
    g["v1-query"] = b"\x01" + bytes([0x11, 0, 0, 0, 0, 0, 0, 0])
    g["v2-general-query"] = b"\x01" + bytes([0x11, 100, 0, 0, 0, 0, 0, 0])
    g["v2-group-query"] = b"\x03" + bytes([0x11, 10, 0, 0, 239, 1, 2, 3])
    g["v3-general-query"] = b"\x01" + bytes([0x11, 100, 0, 0, 0, 0, 0, 0,
                                             0x02, 125, 0, 0])
    g["v3-group-query"] = b"\x03" + bytes([0x11, 0x8f, 0, 0, 239, 1, 2, 3,
                                           0x02, 125, 0, 0])
    g["v3-source-query"] = b"\x03" + bytes([0x11, 20, 0, 0, 232, 1, 1, 1,
                                            0x02, 125, 0, 2,
                                            10, 0, 0, 2, 10, 0, 0, 77])
    g["v3-query-in-v2-mode"] = b"\x21" + bytes([0x11, 20, 0, 0, 0, 0, 0, 0,
                                                0, 0, 0, 0])
    g["v2-report"] = b"\x03" + bytes([0x16, 0, 0, 0, 239, 1, 2, 3])
    g["v1-report-v1-mode"] = b"\x13" + bytes([0x12, 0, 0, 0, 239, 1, 2, 3])
    g["v3-report"] = b"\x05" + bytes([0x22, 0, 0, 0, 0, 0, 0, 1,
                                      4, 0, 0, 0, 239, 1, 2, 3])
    g["leave"] = b"\x05" + bytes([0x17, 0, 0, 0, 239, 1, 2, 3])
    g["short"] = b"\x01" + bytes([0x11, 1, 0, 0])
    g["bad-csum"] = b"\x00" + bytes([0x11, 100, 0, 0, 0, 0, 0, 0])
    g["unicast-query"] = b"\x07" + bytes([0x11, 100, 0, 0, 0, 0, 0, 0])
    # -- fuzz_icmp: mode byte (bit 0 fix checksum, bits 1-2 addresses)
    c = s.setdefault("icmp", {})
    c["echo-request"] = b"\0" + echo()
    c["echo-request-bcast"] = b"\x02" + echo()
    c["echo-reply"] = b"\0" + icmp(0, 0, struct.pack("!HH", 1, 1), b"x")
    c["port-unreach-udp"] = b"\0" + icmp(3, 3, body=quoted_udp())
    c["frag-needed"] = b"\0" + icmp(3, 4, struct.pack("!HH", 0, 576),
                                    quoted_udp())
    c["time-exceeded-udp"] = b"\0" + icmp(11, 0, body=quoted_udp())
    c["param-problem"] = b"\0" + icmp(12, 0, bytes([20, 0, 0, 0]),
                                      quoted_udp())
    c["redirect"] = b"\0" + icmp(5, 1, bytes([10, 0, 0, 3]), quoted_udp())
    c["source-quench"] = b"\0" + icmp(4, 0, body=quoted_udp())
    c["timestamp"] = b"\0" + icmp(13, 0, struct.pack("!HH", 7, 1),
                                  b"\0" * 12)
    c["addr-mask"] = b"\0" + icmp(17, 0, struct.pack("!HH", 7, 1),
                                  b"\0" * 4)
    c["unreach-short-quote"] = b"\x01" + icmp(3, 3, body=quoted_udp()[:20])
    c["bad-csum"] = b"\0" + echo()[:2] + b"\0\0" + echo()[4:]
    c["unknown-type"] = b"\x01" + icmp(42, 0)
    # -- fuzz_udp: mode byte (bit 0 fix checksum, 1-2 addresses, 3 length)
    u = s.setdefault("udp", {})
    u["bound"] = b"\0" + udp(5000, 7777, b"hello")
    u["bound-nocsum"] = b"\0" + udp(5000, 7777, b"hello", check=False)
    u["connected"] = b"\0" + udp(9, 7778, b"reply")
    u["connected-wrong-peer"] = b"\x01" + udp(10, 7778, b"reply")
    u["unbound-port"] = b"\0" + udp(5000, 9999, b"hello")
    u["bcast"] = b"\x03" + udp(5000, 7777, b"to all")
    u["bad-len"] = b"\x01" + struct.pack("!HHHH", 5000, 7777, 200, 0) + b"x"
    u["short-len"] = b"\x01" + struct.pack("!HHHH", 5000, 7777, 4, 0)
    u["truncated"] = b"\0" + udp(5000, 7777, b"")[:5]
    # -- fuzz_frag: records (delay, u16 length, IPv4 packet)
    f = s.setdefault("frag", {})
    data = udp(5000, 7777, b"B" * 40)

    def frag(chunk, off, more, ident=0x77):
        return ipv4(chunk, 17, frag=(0x2000 if more else 0) | (off // 8),
                    ident=ident)

    def rec(pkt, delay=0):
        return struct.pack("!BH", delay, len(pkt)) + pkt
    f["two-in-order"] = rec(frag(data[:24], 0, 1)) + \
        rec(frag(data[24:], 24, 0), 1)
    f["two-reversed"] = rec(frag(data[24:], 24, 0)) + \
        rec(frag(data[:24], 0, 1), 1)
    f["overlap"] = rec(frag(data[:32], 0, 1)) + rec(frag(data[24:], 24, 0))
    f["duplicate"] = rec(frag(data[:24], 0, 1)) + \
        rec(frag(data[:24], 0, 1)) + rec(frag(data[24:], 24, 0))
    f["timeout"] = rec(frag(data[:24], 0, 1)) + \
        rec(frag(data[24:], 24, 0), 240)
    f["hole"] = rec(frag(data[:8], 0, 1)) + rec(frag(data[24:], 24, 0))
    f["too-big"] = rec(frag(b"C" * 16, 65528, 0))
    # -- fuzz_rtnetlink: datagrams on a NETLINK_ROUTE socket
    r = s.setdefault("rtnetlink", {})
    dump = NLM_F_REQUEST | NLM_F_DUMP
    new = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL
    ack = NLM_F_REQUEST | NLM_F_ACK
    r["getlink-dump"] = nlmsg(RTM_GETLINK, dump, ifinfomsg())
    r["getlink-one"] = nlmsg(RTM_GETLINK, ack, ifinfomsg(IFINDEX_VETH0))
    r["getlink-name"] = nlmsg(RTM_GETLINK, ack,
                              ifinfomsg() + nla(IFLA_IFNAME, b"veth0\0"))
    r["getaddr-dump"] = nlmsg(RTM_GETADDR, dump, ifaddrmsg(0, 0))
    r["getroute-dump"] = nlmsg(RTM_GETROUTE, dump, rtmsg(table=0))
    r["getroute-one"] = nlmsg(RTM_GETROUTE, ack,
                              rtmsg(dst_len=32) + nla(RTA_DST, IP_B))
    r["getneigh-dump"] = nlmsg(RTM_GETNEIGH, dump, ndmsg(0))
    r["newlink-veth"] = veth_newlink()
    r["setlink-down"] = nlmsg(RTM_NEWLINK, ack,
                              ifinfomsg(IFINDEX_VETH0, 0, 1))
    r["setlink-mtu"] = nlmsg(RTM_NEWLINK, ack, ifinfomsg(IFINDEX_VETH0) +
                             nla(IFLA_MTU, struct.pack("=I", 1400)))
    r["dellink"] = nlmsg(RTM_DELLINK, ack, ifinfomsg(IFINDEX_VETH0))
    r["newaddr"] = nlmsg(RTM_NEWADDR, new, ifaddrmsg(24, IFINDEX_VETH0) +
                         nla(IFA_LOCAL, bytes([10, 0, 1, 1])) +
                         nla(IFA_ADDRESS, bytes([10, 0, 1, 1])) +
                         nla(IFA_BROADCAST, bytes([10, 0, 1, 255])))
    r["deladdr"] = nlmsg(RTM_DELADDR, ack, ifaddrmsg(24, IFINDEX_VETH0) +
                         nla(IFA_LOCAL, IP_A))
    r["newroute-via"] = nlmsg(RTM_NEWROUTE, new, rtmsg(dst_len=16) +
                              nla(RTA_DST, bytes([192, 168, 0, 0])) +
                              nla(RTA_GATEWAY, IP_B) +
                              nla(RTA_OIF, struct.pack("=I", IFINDEX_VETH0)))
    r["newroute-default"] = nlmsg(RTM_NEWROUTE, new, rtmsg() +
                                  nla(RTA_GATEWAY, IP_B))
    r["delroute"] = nlmsg(RTM_DELROUTE, ack, rtmsg(dst_len=24, proto=0,
                                                   scope=255, typ=0) +
                          nla(RTA_DST, bytes([10, 0, 0, 0])))
    r["newneigh"] = nlmsg(RTM_NEWNEIGH, new, ndmsg(IFINDEX_VETH0) +
                          nla(NDA_DST, bytes([10, 0, 0, 5])) +
                          nla(NDA_LLADDR, bytes([2, 0, 0, 0, 0, 5])))
    r["delneigh"] = nlmsg(RTM_DELNEIGH, ack, ndmsg(IFINDEX_VETH0) +
                          nla(NDA_DST, IP_B))
    r["two-messages"] = nlmsg(RTM_GETLINK, dump, ifinfomsg()) + \
        nlmsg(RTM_GETADDR, dump, ifaddrmsg(0, 0), seq=2)
    r["len-short"] = nlmsg(RTM_GETLINK, ack, ifinfomsg(), length=12)
    r["len-long"] = nlmsg(RTM_GETLINK, ack, ifinfomsg(), length=4096)
    r["body-short"] = nlmsg(RTM_NEWADDR, new, b"\2\x18")
    r["attr-len-zero"] = nlmsg(RTM_NEWADDR, new, ifaddrmsg(24, 3) +
                               struct.pack("=HH", 0, IFA_LOCAL))
    r["attr-len-long"] = nlmsg(RTM_NEWADDR, new, ifaddrmsg(24, 3) +
                               struct.pack("=HH", 200, IFA_LOCAL) + IP_A)
    # qdiscs (tc): add/replace/change/del/get and dumps, good and bad
    kind = lambda k: nla(TCA_KIND, k + b"\0")
    fifo = lambda n: nla(TCA_OPTIONS, struct.pack("=I", n))
    r["qdisc-dump"] = nlmsg(RTM_GETQDISC, dump, tcmsg(0, 0))
    r["qdisc-add-pfifo"] = nlmsg(RTM_NEWQDISC, new, tcmsg(IFINDEX_VETH0) +
                                 kind(b"pfifo") + fifo(10))
    r["qdisc-add-bfifo-handle"] = nlmsg(
        RTM_NEWQDISC, new, tcmsg(IFINDEX_VETH0, handle=0x50000) +
        kind(b"bfifo"))
    r["qdisc-replace-fast"] = nlmsg(
        RTM_NEWQDISC, ack | NLM_F_CREATE | NLM_F_REPLACE,
        tcmsg(IFINDEX_VETH0) + kind(b"pfifo_fast"))
    r["qdisc-add-then-change"] = \
        nlmsg(RTM_NEWQDISC, new, tcmsg(IFINDEX_VETH0, handle=0x10000) +
              kind(b"pfifo")) + \
        nlmsg(RTM_NEWQDISC, ack, tcmsg(IFINDEX_VETH0, 0, 0x10000) +
              kind(b"pfifo") + fifo(3), seq=2) + \
        nlmsg(RTM_NEWQDISC, ack, tcmsg(IFINDEX_VETH0) + kind(b"bfifo"),
              seq=3) + \
        nlmsg(RTM_GETQDISC, dump, tcmsg(0, 0), seq=4) + \
        nlmsg(RTM_DELQDISC, ack, tcmsg(IFINDEX_VETH0), seq=5)
    r["qdisc-add-netem"] = nlmsg(RTM_NEWQDISC, new, tcmsg(IFINDEX_VETH0) +
                                 kind(b"netem"))
    # netem: the qopt, then its attributes inside TCA_OPTIONS
    def netem(attrs=b"", lat=6250, limit=1000, loss=0, gap=0, dup=0, jit=0):
        body = struct.pack("=IIIIII", lat, limit, loss, gap, dup, jit) + attrs
        return nla(TCA_OPTIONS, body)
    pct = lambda p: int(p * 0xFFFFFFFF)
    r["qdisc-netem-delay"] = nlmsg(RTM_NEWQDISC, new, tcmsg(IFINDEX_VETH0) +
                                   kind(b"netem") + netem())
    r["qdisc-netem-all"] = nlmsg(
        RTM_NEWQDISC, new, tcmsg(IFINDEX_VETH0) + kind(b"netem") +
        netem(nla(1, struct.pack("=III", pct(.25), 0, 0)) +
              nla(3, struct.pack("=II", pct(.25), pct(.5))) +
              nla(4, struct.pack("=II", pct(.01), 0)) +
              nla(6, struct.pack("=IiIi", 125000, 14, 53, -5)) +
              nla(7, struct.pack("=I", 1)) +
              nla(12, struct.pack("=qqiiqq", 1000000, 5000000, 10, 3000,
                                  0, 0)) +
              nla(14, struct.pack("=Q", 42)) +
              nla(2, struct.pack("=4h", -100, 0, 100, 200)),
              loss=pct(.1), gap=1, dup=pct(.02), jit=600)) + \
        nlmsg(RTM_GETQDISC, dump, tcmsg(0, 0), seq=2)
    r["qdisc-netem-loss-models"] = \
        nlmsg(RTM_NEWQDISC, new, tcmsg(IFINDEX_VETH0, handle=0x10000) +
              kind(b"netem") +
              netem(nla(5, nla(1, struct.pack("=5I", pct(.05), pct(.95),
                                              pct(.1), pct(.9), pct(.02)))))) + \
        nlmsg(RTM_NEWQDISC, ack, tcmsg(IFINDEX_VETH0) + kind(b"netem") +
              netem(nla(5, nla(2, struct.pack("=4I", 1, 2, 3, 4))) +
                    nla(8, struct.pack("=Q", 10**10)) +
                    nla(10, struct.pack("=q", -5)) +
                    nla(11, struct.pack("=q", 1 << 40))), seq=2) + \
        nlmsg(RTM_GETQDISC, dump, tcmsg(0, 0), seq=3)
    r["qdisc-netem-bad"] = \
        nlmsg(RTM_NEWQDISC, new, tcmsg(IFINDEX_VETH0) + kind(b"netem") +
              nla(TCA_OPTIONS, b"\0" * 20)) + \
        nlmsg(RTM_NEWQDISC, new, tcmsg(IFINDEX_VETH0) + kind(b"netem") +
              netem(nla(2, b"") + nla(1, b"\1\2")), seq=2) + \
        nlmsg(RTM_NEWQDISC, new, tcmsg(IFINDEX_VETH0) + kind(b"netem") +
              netem(nla(5, nla(3, b"\0" * 4))), seq=3) + \
        nlmsg(RTM_NEWQDISC, new, tcmsg(IFINDEX_VETH0) + kind(b"netem") +
              netem(nla(12, struct.pack("=qqiiqq", 0, 0, 0, 0, 5, -1 << 62))),
              seq=4)
    r["qdisc-add-nokind"] = nlmsg(RTM_NEWQDISC, new, tcmsg(IFINDEX_VETH0))
    r["qdisc-opt-short"] = nlmsg(RTM_NEWQDISC, new, tcmsg(IFINDEX_VETH0) +
                                 kind(b"bfifo") + nla(TCA_OPTIONS, b"\1"))
    r["qdisc-stab"] = nlmsg(RTM_NEWQDISC, new, tcmsg(IFINDEX_VETH0) +
                            kind(b"pfifo") + nla(TCA_STAB, b""))
    r["qdisc-block"] = nlmsg(RTM_NEWQDISC, new, tcmsg(IFINDEX_VETH0) +
                             kind(b"pfifo") +
                             nla(TCA_INGRESS_BLOCK, struct.pack("=I", 1)))
    r["qdisc-ingress"] = nlmsg(RTM_NEWQDISC, new,
                               tcmsg(IFINDEX_VETH0, TC_H_INGRESS,
                                     0xFFFF0000) + kind(b"ingress"))
    r["qdisc-parent-class"] = nlmsg(RTM_NEWQDISC, new,
                                    tcmsg(IFINDEX_VETH0, 0x10001) +
                                    kind(b"pfifo"))
    r["qdisc-get-root"] = nlmsg(RTM_GETQDISC, ack, tcmsg(IFINDEX_VETH0))
    r["qdisc-del-default"] = nlmsg(RTM_DELQDISC, ack, tcmsg(IFINDEX_VETH0))
    r["qdisc-del-handle"] = nlmsg(RTM_DELQDISC, ack,
                                  tcmsg(IFINDEX_VETH0, 0, 0x10000))
    r["unknown-type"] = nlmsg(99, ack, b"\0" * 16)
    r["noop-done"] = nlmsg(1, ack, b"") + nlmsg(3, 0, b"\0\0\0\0")

    # -- fuzz_sockopt: records u8 op|sock<<3, u8 sel, u8 len, data
    def rec(op, sock, sel, data=b""):
        return bytes([op | sock << 3, sel, len(data)]) + data

    def setopt(sock, idx, data):
        return rec(0, sock, idx, data)

    def send(sock, sel, payload, asel=0, control=b""):
        return rec(3, sock, sel, bytes([asel, len(control)]) + control +
                   payload)

    def cmsg(level, typ, data, length=None):
        n = 16 + len(data) if length is None else length
        pad = (-len(data)) % 8
        return struct.pack("=Qii", n, level, typ) + data + b"\0" * pad

    i32 = lambda v: struct.pack("=i", v)
    port = lambda p: struct.pack(">H", p)
    ipo = s.setdefault("sockopt", {})
    ipo["timeo-huge"] = (setopt(0, 21, struct.pack("=qq", 2**63 - 1, 999999))
                         + setopt(0, 23, struct.pack("=qq", -1, 0)) +
                         rec(1, 0, 21, b"\0\x10") + rec(4, 0, 0))
    ipo["bufs-negative"] = (setopt(0, 10, i32(-1)) + setopt(0, 12, i32(2**31 - 1))
                            + setopt(0, 11, i32(-2**31)) +
                            rec(1, 0, 10, b"\0\x04") + rec(1, 0, 9, b"\0\x01"))
    ipo["no-check-send"] = (setopt(1, 15, i32(1)) +
                            send(1, 0x01, port(5555) + b"hello"))
    ipo["hdrincl-icmp"] = send(3, 0x81, ipv4(echo(), 1, src=IP_A, dst=IP_B))
    ipo["hdrincl-ihl-short"] = send(3, 0x81, b"\x43" + ipv4(echo(), 1)[1:])
    ipo["hdrincl-opts"] = send(3, 0x81, ipv4(echo(), 1, opts=OPT_RR))
    ipo["raw-icmp-empty"] = send(2, 0x01, b"") + send(2, 0x01, b"\x08")
    ipo["ping-echo"] = (send(6, 0x01, echo()) + rec(4, 6, 0x01) +
                        rec(4, 6, 0x05))
    ipo["cmsg-ttl-tos"] = send(0, 0x01, port(5555) + b"x",
                               control=cmsg(0, 2, i32(7)) +
                               cmsg(0, 1, i32(0x10)))
    ipo["cmsg-pktinfo"] = send(0, 0x01, port(5555) + b"x",
                               control=cmsg(0, 8, struct.pack(
                                   "=i4s4s", 0, IP_A, IP_A)))
    ipo["cmsg-bad-len"] = send(0, 0x00, port(5555) + b"x",
                               control=cmsg(0, 2, i32(7), length=0xffff))
    ipo["cmsg-short"] = send(4, 0x00, b"abc", control=b"\x08" + b"\0" * 7)
    ipo["ioctl-ifconf"] = rec(2, 0, 6, i32(200) + b"\0" * 12)
    ipo["ioctl-mtu"] = rec(2, 0, 18, b"veth0".ljust(16, b"\0") + i32(70000))
    ipo["ioctl-name-unterminated"] = rec(2, 0, 7, b"v" * 40)
    ipo["recverr-unreach"] = (setopt(0, 45, i32(1)) +
                              send(0, 0x01, port(9) + b"lost") +
                              rec(4, 0, 0x05) + rec(4, 0, 0x04))
    ipo["cork-close"] = (setopt(7, 68, i32(1)) +
                         send(7, 0x04, port(5555) + b"part1") +
                         send(7, 0x01, port(5555) + b"part2") + rec(7, 7, 0))
    ipo["fragments"] = send(0, 0x61, b"\xff\x15\xb3")
    ipo["bind-connect"] = (rec(5, 1, 1, port(0)) + rec(6, 1, 0, port(5555)) +
                           rec(5, 6, 3, b"") + rec(5, 6, 5, b"") +
                           rec(6, 2, 4, port(0)))
    G = bytes([239, 1, 2, 3])
    ipo["mcast-join-filter"] = (
        setopt(0, 66, G + IP_A + i32(0)) +
        setopt(0, 74, G + IP_A + bytes([10, 0, 0, 9])) +
        rec(1, 0, 76, b"\0\x18\0" + G + IP_A + i32(0) + i32(1)) +
        setopt(1, 72, G + IP_A + IP_B) +
        setopt(1, 76, G + IP_A + i32(1) + i32(2) + IP_B + bytes([10, 0, 0, 7])) +
        setopt(2, 77, struct.pack("=I4x", IFINDEX_VETH0) +
               struct.pack("=H2x4s", 2, G) + b"\0" * 120) +
        rec(1, 2, 79, b"\0\xa0\0" + struct.pack("=I4x", IFINDEX_VETH0) +
            struct.pack("=H2x4s", 2, G) + b"\0" * 120 + i32(0) + i32(1)) +
        setopt(0, 71, G + IP_A + i32(0)) + rec(7, 1, 0))
    ipo["random-level"] = (rec(0, 0, 0xfc, b"\x05\x29abcd") +
                           rec(1, 2, 0xfd, b"\x01\x08"))

    # -- fuzz_rtnetlink_state: scripts of records (see its header comment)
    t = s.setdefault("rtnetlink_state", {})
    V0 = IFINDEX_VETH0

    def raw(msg):
        return bytes([0]) + struct.pack("<H", len(msg)) + msg
    t["move-fd-and-back"] = bytes([1, 2, 7, V0, 5, 24, 0, 8, V0, 9, 0x80, 2,
                                   4, V0, 2, 0, 3, 2, 11, 0, 11, 1, 11, 3,
                                   4, V0, 0, 0, 3, 0, 11, 0, 2, 2])
    t["veth-peer-elsewhere"] = bytes([1, 3, 6, 0x10, 3, 11, 0, 10, 4, 1, 0,
                                      10, 5, 3, 2, 3, 3, 11, 0, 9, 4, 2, 3,
                                      3, 0, 11, 0])
    t["nsid-then-target"] = bytes([5, 1, 7, 4, V0, 7, 1, 3, 1, 11, 4, 11, 0,
                                   9, V0, 12, 20])
    t["del-ns-holding-devices"] = bytes([1, 2, 6, 0x10, 2, 4, V0, 2, 0,
                                         2, 2, 12, 10, 11, 0, 11, 4])
    t["lo-and-bad-targets"] = bytes([4, 1, 0, 2, 4, 1, 0, 3, 4, 1, 0, 0,
                                     4, V0, 200, 1, 4, V0, 9, 0, 5, 9, 1])
    t["rename-up"] = bytes([10, V0, 3, 0, 10, V0, 3, 3, 10, V0, 3, 5,
                            11, 0])
    t["raw-dump"] = raw(nlmsg(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP,
                              ifinfomsg())) + bytes([11, 0x81])

    # -- fuzz_tools: tool byte (0 ip, 1 ping, 2 sysctl, 3 hostname), the
    # arguments separated by NULs, then after two NULs a file's content
    t = s.setdefault("tools", {})

    def tool(which, args, file=None):
        data = bytes([which]) + b"\0".join(a.encode() for a in args)
        if file is not None:
            data += b"\0\0" + file
        return data

    for name, args in [
            ("ip-link", ["-s", "-s", "link"]),
            ("ip-addr", ["-4", "addr", "show", "dev", "veth0"]),
            ("ip-route-get", ["route", "get", "10.0.0.2"]),
            ("ip-mtu-huge", ["link", "set", "veth0", "mtu", "70000"]),
            ("ip-mtu-neg", ["link", "set", "veth0", "mtu", "-1"]),
            ("ip-txqlen", ["link", "set", "dev", "veth0", "txqueuelen",
                           "4294967296"]),
            ("ip-plen", ["addr", "add", "10.0.0.5/33", "dev", "veth0"]),
            ("ip-lft", ["addr", "add", "10.0.0.6/24", "dev", "veth0",
                        "valid_lft", "100", "preferred_lft", "200"]),
            ("ip-metric", ["route", "add", "10.9.0.0/16", "via", "10.0.0.2",
                           "metric", "4294967295", "table", "4294967295"]),
            ("ip-route-flush", ["route", "flush", "table", "all"]),
            ("ip-route-mtu", ["route", "add", "10.8.0.0/16", "dev", "veth0",
                              "mtu", "lock", "70000", "hoplimit", "255",
                              "advmss", "0x10"]),
            ("ip-group", ["link", "set", "veth0", "group", "4294967296"]),
            ("ip-loops", ["-loops", "-1", "-rc", "1", "addr", "flush", "dev",
                          "veth0"]),
            ("ip-neigh-nud", ["neigh", "add", "10.0.0.9", "lladdr",
                              "02:00:00:00:00:09", "dev", "veth0", "nud",
                              "0x80"]),
            ("ip-veth", ["link", "add", "v1", "mtu", "9000", "type", "veth",
                         "peer", "name", "v2", "txqueuelen", "0"]),
            ("ip-netns", ["netns", "add", "x"]),
            ("ip-netns-exec", ["netns", "exec", "a", "true"]),
            ("ip-n", ["-n", "b", "-br", "addr"]),
            ("ping-count", ["-c", "3", "-i", "0.2", "10.0.0.2"]),
            ("ping-70000", ["-c", "2", "-s", "70000", "10.0.0.2"]),
            ("ping-65507", ["-c", "1", "-s", "65507", "10.0.0.1"]),
            ("ping-forever", ["10.0.0.2"]),
            ("ping-flood", ["-i", "0", "-q", "10.0.0.2"]),
            ("ping-deadline", ["-w", "2147483647", "-W", "0.5", "10.0.0.77"]),
            ("ping-count-max", ["-c", "9223372036854775807", "10.0.0.2"]),
            ("ping-bcast", ["-b", "-c", "2", "-p", "ff00", "-s", "100",
                            "10.0.0.255"]),
            ("ping-preload", ["-l", "65536", "-S", "1", "-Q", "0x10", "-t",
                              "1", "-c", "1", "10.0.0.2"]),
            ("ping-bad-i", ["-i", "1e400", "10.0.0.2"]),
            ("ping-bad-W", ["-W", "nan", "-c", "1", "10.0.0.77"]),
            ("ping-O", ["-O", "-D", "-c", "2", "-i", "0.002", "10.0.0.77"]),
            ("ping-R", ["-R", "-c", "2", "-i", "0.2", "10.0.0.2"]),
            ("ping-T", ["-T", "tsandaddr", "-c", "1", "localhost"]),
            ("ping-prespec", ["-T", "tsprespec", "-c", "1", "10.0.0.1",
                              "10.0.0.2"]),
            ("ping-route", ["-c", "1", "10.0.0.1", "10.0.0.2"]),
            ("ping-r-A-l", ["-r", "-A", "-l", "3", "-B", "-U", "-n", "-c",
                            "3", "10.0.0.2"]),
            ("ping-name", ["-m", "7", "-c", "1", "no-such-name"]),
            ("sysctl-all", ["-a"]),
            ("sysctl-ttl", ["-w", "net.ipv4.ip_default_ttl=70000",
                            "net.ipv4.ip_local_port_range=1 70000"]),
            ("sysctl-pattern", ["-r", "^net\\.ipv4\\.(conf|neigh)", "-a"]),
            ("hostname-show", []),
            ("hostname-long", ["x" * 300]),
            ("hostname-short", ["-s"]),
    ]:
        t[name] = tool({"ip": 0, "pi": 1, "sy": 2, "ho": 3}[name[:2]], args)
    t["sysctl-p"] = tool(2, ["-p", "/etc/sysctl.conf"],
                         b"net.ipv4.ip_forward = 1\n; c\n-net.ipv4.nope=1\n"
                         b"net.ipv4.ip_default_ttl=-1\n" + b"k" * 600 + b"\n")
    t["hostname-F"] = tool(3, ["-F", "/etc/hostname"],
                           b"# c\n  name.example  \n" + b"y" * 100)
    return s


def main():
    for target, files in seeds().items():
        d = os.path.join(HERE, "corpus", target)
        os.makedirs(d, exist_ok=True)
        for name in os.listdir(d):
            if name.startswith("seed-"):
                os.unlink(os.path.join(d, name))
        for name, data in files.items():
            with open(os.path.join(d, "seed-" + name), "wb") as fh:
                fh.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())

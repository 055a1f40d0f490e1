#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Writes the hand-made seeds of fuzz_rpc: streams of tuxnetd requests.

The wire format is rpc/rpc.h's: a 72-byte header (len, op, nblob,
version, err, reserved, ret, arg[6]) and blobs (len, flags, bytes padded
to 8).  Each seed is a short client session; the malformed ones end with a
request the daemon must refuse.  Files go to corpus/rpc/seed-*; others
(found by fuzzing) are kept.

Usage: make_rpc_seeds.py
"""
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VERSION = 1
HDR = "=IHBBiIq6q"

(NONE, NETNS_ADD, NETNS_DEL, NETNS_SET, NETNS_LIST, SOCKET, SOCKETPAIR, BIND,
 CONNECT, LISTEN, ACCEPT4, SENDTO, RECVFROM, SENDMSG, RECVMSG, GETSOCKNAME,
 GETPEERNAME, SETSOCKOPT, GETSOCKOPT, SHUTDOWN, FCNTL, IOCTL, CLOSE, POLL,
 SELECT, EPOLL_CREATE1, EPOLL_CTL, EPOLL_WAIT, OPEN, READ, WRITE, GETDENTS64,
 GETHOSTNAME, SETHOSTNAME, CLOCK_GETTIME, NANOSLEEP, INTERRUPT,
 REFUSED) = range(38)

AF_INET, AF_UNIX, SOCK_DGRAM, SOCK_NONBLOCK = 2, 1, 2, 0o4000
MSG_DONTWAIT = 0x40
SOL_SOCKET, SO_RCVBUF, SO_TYPE, IPPROTO_IP, IP_TTL = 1, 8, 3, 0, 2
SIOCGIFFLAGS, SIOCSIFFLAGS, SIOCGIFCONF = 0x8913, 0x8914, 0x8912
F_GETFL, F_SETFL, O_NONBLOCK = 3, 4, 0o4000
EPOLL_CTL_ADD, EPOLLIN = 1, 1
FD = 3  # the first fd a client gets


def blob(data):
    if data is None:
        return struct.pack("=II", 0, 1)
    pad = (-len(data)) % 8
    return struct.pack("=II", len(data), 0) + data + b"\0" * pad


def req(op, args=(), blobs=(), version=VERSION, length=None, nblob=None):
    a = list(args) + [0] * (6 - len(args))
    body = b"".join(blob(b) for b in blobs)
    n = 72 + len(body) if length is None else length
    nb = len(blobs) if nblob is None else nblob
    return struct.pack(HDR, n, op, nb, version, 0, 0, 0, *a) + body


def sin(port, addr=(127, 0, 0, 1)):
    return struct.pack("=HH4B8x", AF_INET, port, *addr)


def ifreq(name, flags=0):
    return name.ljust(16, b"\0") + struct.pack("=H", flags) + b"\0" * 22


def lo_up():
    return (req(SOCKET, (AF_INET, SOCK_DGRAM, 0)) +
            req(IOCTL, (FD, SIOCSIFFLAGS), [ifreq(b"lo", 1)]))


def seeds():
    s = {}
    s["netns"] = (req(NETNS_ADD, blobs=[b"x\0"]) +
                  req(NETNS_ADD, blobs=[b"x\0"]) +
                  req(NETNS_LIST, (256,)) +
                  req(NETNS_SET, blobs=[b"x\0"]) +
                  req(NETNS_SET, blobs=[None]) +
                  req(NETNS_DEL, blobs=[b"x\0"]) +
                  req(NETNS_DEL, blobs=[b"nope\0"]))
    s["udp-loop"] = (lo_up() +
                     req(BIND, (FD, 16), [sin(7000)]) +
                     req(SENDTO, (FD, 0, 16), [b"hello", sin(7000)]) +
                     req(RECVFROM, (FD, 64, MSG_DONTWAIT, 16)) +
                     req(GETSOCKNAME, (FD, 16)) +
                     req(GETPEERNAME, (FD, 16)) +
                     req(RECVFROM, (FD, 64, 0, -1)) +  # blocks: interrupted
                     req(CLOSE, (FD,)))
    s["msg"] = (lo_up() +
                req(BIND, (FD, 16), [sin(7001)]) +
                req(SENDMSG, (FD, 0, 16, 0),
                    [sin(7001), None, struct.pack("=QQ", 2, 3), b"abcde"]) +
                req(RECVMSG, (FD, MSG_DONTWAIT, 16, 64),
                    [struct.pack("=QQ", 1, 8)]))
    s["options"] = (req(SOCKET, (AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0)) +
                    req(SETSOCKOPT, (FD, SOL_SOCKET, SO_RCVBUF, 4),
                        [struct.pack("=i", 4096)]) +
                    req(GETSOCKOPT, (FD, SOL_SOCKET, SO_RCVBUF, 4)) +
                    req(SETSOCKOPT, (FD, IPPROTO_IP, IP_TTL, 4),
                        [struct.pack("=i", 7)]) +
                    req(GETSOCKOPT, (FD, IPPROTO_IP, IP_TTL, 4)) +
                    req(GETSOCKOPT, (FD, SOL_SOCKET, SO_TYPE, 2)) +
                    req(FCNTL, (FD, F_GETFL)) +
                    req(FCNTL, (FD, F_SETFL, O_NONBLOCK)) +
                    req(IOCTL, (FD, SIOCGIFFLAGS), [ifreq(b"lo")]) +
                    req(IOCTL, (FD, SIOCGIFCONF, 200, 1)) +
                    req(SHUTDOWN, (FD, 2)))
    s["wait"] = (req(SOCKET, (AF_INET, SOCK_DGRAM, 0)) +
                 req(EPOLL_CREATE1, (0,)) +
                 req(EPOLL_CTL, (FD + 1, EPOLL_CTL_ADD, FD),
                     [struct.pack("=IQ", EPOLLIN, 7)]) +
                 req(EPOLL_WAIT, (FD + 1, 8, 0)) +
                 req(POLL, (1, 0), [struct.pack("=ihh", FD, 1, 0)]) +
                 req(SELECT, (FD + 1, 1, 0, 0),
                     [b"\x08" + b"\0" * 127, None, None]) +
                 req(POLL, (1, -1), [struct.pack("=ihh", FD, 1, 0)]) +
                 req(SOCKETPAIR, (AF_UNIX, 1, 0)))
    s["files"] = (req(OPEN, (0, 0), [b"/proc/sys/fs/file-nr\0"]) +
                  req(READ, (FD, 100)) +
                  req(OPEN, (0o200000, 0), [b"/proc/net\0"]) +
                  req(GETDENTS64, (FD + 1, 4096)) +
                  req(OPEN, (1, 0), [b"/proc/sys/fs/file-max\0"]) +
                  req(WRITE, (FD + 2,), [b"100\n"]) +
                  req(OPEN, (1, 0), [b"/proc/sys/user/max_net_namespaces\0"]) +
                  req(WRITE, (FD + 3,), [b"1\n"]) +
                  req(NETNS_ADD, blobs=[b"y\0"]) +
                  req(NETNS_ADD, blobs=[b"z\0"]) +
                  req(CLOSE, (FD,)) + req(CLOSE, (FD,)))
    s["time"] = (req(GETHOSTNAME, (64,)) +
                 req(SETHOSTNAME, blobs=[b"fuzzhost"]) +
                 req(GETHOSTNAME, (4,)) +
                 req(CLOCK_GETTIME, (1,)) +
                 req(NANOSLEEP, (0, 1000)) +
                 req(INTERRUPT) +
                 req(NANOSLEEP, (1, 0)))
    s["bad-version"] = req(GETHOSTNAME, (64,), version=9) + req(CLOSE, (99,))
    s["bad-nblob"] = req(CLOSE, (FD,), nblob=9) + req(99) + req(NONE)
    s["bad-blob-len"] = (req(OPEN, (0, 0), [b"/proc\0"])[:72] +
                         struct.pack("=II", 4000, 0) + b"\0" * 8)
    s["too-long"] = req(CLOSE, (FD,), length=(1 << 20) + 1)
    s["too-short"] = req(CLOSE, (FD,), length=8)
    s["cut"] = req(GETHOSTNAME, (64,)) + req(SETHOSTNAME, blobs=[b"abc"])[:40]
    return s


def main():
    d = os.path.join(HERE, "corpus", "rpc")
    os.makedirs(d, exist_ok=True)
    for name in os.listdir(d):
        if name.startswith("seed-"):
            os.unlink(os.path.join(d, name))
    for name, data in seeds().items():
        with open(os.path.join(d, "seed-" + name), "wb") as fh:
            fh.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Writes RTM_NEWQDISC messages of netem, as a kernel dumps them, to stdout
(raw, one after another: what `tc monitor file` reads).  The options are
chosen to reach every branch of tc's netem printing: each attribute alone,
edge values (the smallest percentages, times at each unit's boundary, the
largest ticks, 64-bit rates), and then random combinations from a fixed
seed.  Used by tc_netem_print.sh."""
import random
import struct
import sys

U32 = 0xFFFFFFFF


def attr(t, data):
    n = 4 + len(data)
    return struct.pack("=HH", n, t) + data + b"\0" * ((4 - n % 4) % 4)


def msg(opts, handle=0x80010000, parent=0xFFFFFFFF, stats=None, flags=0):
    body = struct.pack("=BxxxiIII", 0, 1, handle, parent, 2)
    body += attr(1, b"netem\0") + attr(2, opts)
    if stats:
        basic = struct.pack("=QI4x", stats[0], stats[1])
        queue = struct.pack("=IIIII", *stats[2:])
        body += attr(7, attr(1, basic) + attr(3, queue))
    return struct.pack("=IHHII", 16 + len(body), 36, flags, 0, 0) + body


def qopt(lat=0, limit=1000, loss=0, gap=0, dup=0, jit=0):
    return struct.pack("=IIIIII", lat, limit, loss, gap, dup, jit)


def corr(d, l, u):
    return attr(1, struct.pack("=III", d, l, u))


def reorder(p, c):
    return attr(3, struct.pack("=II", p, c))


def corrupt(p, c):
    return attr(4, struct.pack("=II", p, c))


def rate(r, po=0, cs=0, co=0):
    return attr(6, struct.pack("=IiIi", r, po, cs, co))


def slot(mn, mx, pk=0, by=0, dd=0, dj=0):
    return attr(12, struct.pack("=qqiiqq", mn, mx, pk, by, dd, dj))


def gi(*p):
    return attr(5, attr(1, struct.pack("=5I", *p)))


def ge(*p):
    return attr(5, attr(2, struct.pack("=4I", *p)))


P = lambda x: round(x * U32)
out = []
# each alone, and edges
for lat in (0, 1, 15, 16, 62, 15625, 15626, 15624999, 15625000, U32):
    out.append(qopt(lat=lat, jit=lat // 3))
for p in (0, 1, 2, 429, 430, P(.001), P(.01), P(.5), P(.999999), U32 - 1, U32):
    out.append(qopt(loss=p, dup=p) + corr(p, p, p))
    out.append(qopt(lat=100) + reorder(p, p) + corrupt(p, U32 - p))
for r in (1, 7, 125, 999, 1000, 123456, 125000, 187500, 999999999, U32):
    out.append(qopt() + rate(r, -r % 100, r % 60, -(r % 7)))
for r in (1 << 32, 10**10, 12345678901234, 2**63):
    out.append(qopt() + rate(U32) + attr(8, struct.pack("=Q", r)))
for t in (0, 1, 999, 1000, 1001, 999999, 10**6, 1234567, 10**9, 10**12):
    out.append(qopt() + slot(t, 2 * t, t % 5, t % 3000))
    out.append(qopt() + slot(0, 0, 3, 0, t, t // 2 + 1))
out.append(qopt() + gi(P(.05), P(.95), P(.1), P(.9), P(.02)) +
           attr(7, struct.pack("=I", 1)))
out.append(qopt() + ge(P(.01), P(.99), P(.2), P(.3)))
out.append(qopt(gap=5) + attr(7, struct.pack("=I", 0)))
out.append(qopt() + attr(10, struct.pack("=q", 5 * 10**12)) +
           attr(14, struct.pack("=Q", 42)))
# random combinations
rnd = random.Random(20261206)
pick = lambda: rnd.choice([0, rnd.randrange(U32 + 1), P(rnd.random() / 10)])
for _ in range(300):
    o = qopt(lat=rnd.choice([0, rnd.randrange(U32 + 1), rnd.randrange(10**6)]),
             limit=rnd.randrange(U32 + 1), loss=pick(),
             gap=rnd.choice([0, rnd.randrange(100)]), dup=pick(),
             jit=rnd.choice([0, rnd.randrange(10**6)]))
    if rnd.random() < .6:
        o += corr(pick(), pick(), pick())
    if rnd.random() < .6:
        o += reorder(pick(), pick())
    if rnd.random() < .6:
        o += corrupt(pick(), pick())
    if rnd.random() < .5:
        o += rate(rnd.randrange(U32 + 1), rnd.randrange(-100, 100),
                  rnd.choice([0, 53, rnd.randrange(2000)]),
                  rnd.randrange(-10, 10))
    if rnd.random() < .3:
        o += attr(7, struct.pack("=I", rnd.randrange(3)))
    if rnd.random() < .3:
        o += rnd.choice([gi(*(pick() for _ in range(5))),
                         ge(*(pick() for _ in range(4)))])
    if rnd.random() < .3:
        mn = rnd.randrange(10**10)
        o += rnd.choice([slot(mn, mn + rnd.randrange(10**9),
                              rnd.randrange(100), rnd.randrange(10**5)),
                         slot(0, 0, 0, 0, rnd.randrange(10**9),
                              rnd.randrange(1, 10**8))])
    o += attr(14, struct.pack("=Q", rnd.randrange(2**64)))
    out.append(o)
stats = (123456789, 4242, 3, 4500, 17, 2, 5)
sys.stdout.buffer.write(b"".join(
    msg(o, stats=stats if i % 2 else None,
        flags=[0, 0x500, 0x600][i % 3]) for i, o in enumerate(out)))

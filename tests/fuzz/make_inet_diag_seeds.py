#!/usr/bin/env python3
# make_inet_diag_seeds.py: writes corpus/inet_diag/seed-*: SOCK_DIAG_BY_FAMILY
# requests as ss sends them (UDP, raw, TCP with its listener, connections,
# TIME-WAIT sock, dump_one and SOCK_DESTROY, AF_INET6), with
# filter bytecode (port comparisons, host conditions, and/or/not, dev, mark),
# a malformed program, INET_DIAG_REQ_PROTOCOL, one socket by id and cookie,
# SOCK_DESTROY, the old TCPDIAG_GETSOCK, a bad family, a short message.
# Run from tests/fuzz/.
import struct,os
d = "corpus/inet_diag"
op=lambda c,y,n: struct.pack("=BBH",c,y,n)
def req(fam, proto, states=0xfff, ext=0, flags=0x301, typ=20, attrs=b"", sport=0, dport=0, src=0, dst=0, cookie=(0xffffffff,0xffffffff), ifidx=0):
    r=struct.pack("=BBBBI",fam,proto,ext,0,states)
    r+=struct.pack(">HH",sport,dport)+struct.pack(">I",src)+b"\0"*12+struct.pack(">I",dst)+b"\0"*12+struct.pack("=III",ifidx,*cookie)
    body=r+attrs
    return struct.pack("=IHHII",16+len(body),typ,flags,1,0)+body
def bc(b):
    a=struct.pack("=HH",4+len(b),1)+b
    return a+b"\0"*((4-len(a)%4)%4)
def hostcond(code, fam, plen, port, addr):
    return op(code, 16, 20)+struct.pack("=BBxxi",fam,plen,port)+struct.pack(">I",addr)
seeds={
 'udp-all': req(2,17),
 'udp-est-mem': req(2,17,states=2,ext=(1<<0)|(1<<6)),
 'raw-all': req(2,255,ext=0xff),
 'tcp-none': req(2,6,ext=0xff),
 'inet6-udp': req(10,17),
 'udp-sge': req(2,17,attrs=bc(op(2,8,12)+op(0,0,1024))),
 'udp-dst-and-sport': req(2,17,attrs=bc(hostcond(8,2,8,-1,0x0a000000)[:0]+op(8,16,24)+struct.pack("=BBxxi",2,8,-1)+struct.pack(">I",0x0a000000)+hostcond(7,0,0,53,0))),
 'udp-not-auto': req(2,17,attrs=bc(op(6,4,8)+op(1,4,8))),
 'udp-or': req(2,17,attrs=bc(op(2,8,12)+op(0,0,10)+op(1,4,8)+op(1,4,16)+op(5,8,12)+op(0,0,20)+op(1,4,8))),
 'udp-dev-mark': req(2,17,attrs=bc(op(9,8,24)+struct.pack("=I",2)+op(10,12,16)+struct.pack("=II",0,0))),
 'udp-bad-jump': req(2,17,attrs=bc(op(1,4,6))),
 'udp-proto-attr': req(2,17,attrs=struct.pack("=HHI",8,8,255)),
 'udp-one': req(2,17,flags=1,dport=7777,dst=0x0a000001),
 'udp-one-cookie': req(2,17,flags=1,dport=7777,cookie=(5,0)),
 'raw-one': req(2,255,flags=1)[:16+3]+b"\1"+req(2,255,flags=1)[20:],
 'destroy': req(2,17,flags=5,typ=21),
 'old-tcpdiag': req(2,6,typ=18),
 'bad-family': req(99,17),
 'short': struct.pack("=IHHII",18,20,0x301,1,0)+b"\2\21",
 'two-msgs': req(2,17)+req(2,255),
 'tcp-tw-sport': req(2,6,states=1<<6,attrs=bc(op(5,8,12)+op(0,0,80))),
 'tcp-listen-info': req(2,6,states=1<<10,ext=(1<<0)|(1<<1)|(1<<3)|(1<<6)),
 'tcp-one-listener': req(2,6,flags=1,sport=80,src=0x7f000001),
 'tcp-destroy-listener': req(2,6,flags=5,typ=21,sport=80,src=0x7f000001),
 'tcp-destroy-all': req(2,6,typ=21,flags=5,sport=80,src=0x7f000001)+req(2,6,ext=0xff),
}
for k,v in seeds.items():
    open(os.path.join(d,'seed-'+k),'wb').write(v)

# SPDX-License-Identifier: BSD-2-Clause
# Reference for tests/unit/tcp_cubic.c: Linux 6.18 tcp_cubic integer arithmetic
# (HZ=1000, default parameters) written again, independently, in Python.
# Prints the cwnd per 100 ms round the C test expects.  Run: python3 tcp_cubic_ref.py
M32=0xffffffff
V=[0,54,54,54,118,118,118,118,123,129,134,138,143,147,151,156,157,161,164,168,170,173,176,179,181,185,187,190,192,194,197,199,200,202,204,206,209,211,213,215,217,219,221,222,224,225,227,229,231,232,234,236,237,239,240,242,244,245,246,248,250,251,252,254]
def root(a):
    b=a.bit_length()
    if b<7: return (V[a]+35)>>6
    b=((b*84)>>8)-1
    sh=a>>(b*3)
    x=(((V[sh]+10)<<b)&M32)>>6
    x=(2*x+((a//(x*(x-1)))&M32))&M32
    return ((x*341)&M32)>>10
HZ=1000; BETA=717; CUBE_RTT=410; CUBE_FACTOR=(1<<40)//410; BETA_SCALE=8*(1024+BETA)//3//(1024-BETA)
def s32(x):
    x&=M32; return x-(1<<32) if x>>31 else x
class S: pass
def new():
    s=S(); s.cwnd=0; s.ssth=0; s.cnt_ai=0
    for f in 'cnt last_max last_cwnd last_time origin K delay_min epoch ack_cnt tcp_cwnd'.split(): setattr(s,f,0)
    return s
def update(s,now,cwnd,acked):
    s.ack_cnt+=acked
    if s.last_cwnd==cwnd and s32(now-s.last_time)<=HZ//32: return
    if not(s.epoch and now==s.last_time):
        s.last_cwnd=cwnd; s.last_time=now
        if s.epoch==0:
            s.epoch=now; s.ack_cnt=acked; s.tcp_cwnd=cwnd
            if s.last_max<=cwnd: s.K=0; s.origin=cwnd
            else: s.K=root(CUBE_FACTOR*(s.last_max-cwnd)); s.origin=s.last_max
        t=s32(now-s.epoch)+ (s.delay_min+999)//1000
        t=(t<<10)//HZ
        offs= s.K-t if t<s.K else t-s.K
        delta=((CUBE_RTT*offs*offs*offs)>>40)&M32
        tgt=(s.origin-delta)&M32 if t<s.K else (s.origin+delta)&M32
        s.cnt = cwnd//(tgt-cwnd) if tgt>cwnd else 100*cwnd
        if s.last_max==0 and s.cnt>20: s.cnt=20
    d=(cwnd*BETA_SCALE)>>3
    while s.ack_cnt>d: s.ack_cnt-=d; s.tcp_cwnd+=1
    if s.tcp_cwnd>cwnd:
        mc=cwnd//(s.tcp_cwnd-cwnd)
        if s.cnt>mc: s.cnt=mc
    s.cnt=max(s.cnt,2)
def ai(s,w,acked):
    if s.cnt_ai>=w: s.cnt_ai=0; s.cwnd+=1
    s.cnt_ai+=acked
    if s.cnt_ai>=w:
        d=s.cnt_ai//w; s.cnt_ai-=d*w; s.cwnd+=d
def cong_avoid(s,now,acked):
    if s.cwnd<s.ssth:
        c=min(s.cwnd+acked,s.ssth); acked-=c-s.cwnd; s.cwnd=c
        if not acked: return
    update(s,now,s.cwnd,acked); ai(s,s.cnt,acked)
def ssthresh(s):
    s.epoch=0
    if s.cwnd<s.last_max: s.last_max=(s.cwnd*(1024+BETA))//2048
    else: s.last_max=s.cwnd
    return max((s.cwnd*BETA)//1024,2)
RTT_NS=100_000_000
def run_rounds(s,t0_ns,rounds,out):
    t=t0_ns
    for r in range(rounds):
        n=s.cwnd
        for i in range(n):
            now=(t+(i+1)*RTT_NS//n)//1_000_000
            cong_avoid(s,now,1)
        t+=RTT_NS
        out.append(s.cwnd)
    return t
# scenario A
s=new(); s.cwnd=100; s.ssth=100; s.delay_min=100000
s.ssth=ssthresh(s); print("ssthresh",s.ssth,"last_max",s.last_max)
s.cwnd=s.ssth; s.cnt_ai=0
out=[]; t=run_rounds(s,0,60,out)
print("K",s.K,"origin",s.origin)
print("A",out)
# second loss at that cwnd (fast convergence if < last_max)
c=s.cwnd
s.ssth=ssthresh(s); print("loss2 at",c,"ssth",s.ssth,"last_max",s.last_max)
s.cwnd=s.ssth; s.cnt_ai=0
out=[]; t=run_rounds(s,t,20,out); print("K2",s.K,"B",out)
import math
for a in [1,7,63,64,1000,27000,1<<30,CUBE_FACTOR*30,CUBE_FACTOR*1000]:
    print(a,root(a),round(a**(1/3),2))
# scenario C: B for 5 rounds then loss below W_max
s=new(); s.cwnd=100; s.ssth=100; s.delay_min=100000
s.ssth=ssthresh(s); s.cwnd=s.ssth
out=[]; t=run_rounds(s,0,60,out)
s.ssth=ssthresh(s); s.cwnd=s.ssth; s.cnt_ai=0
out=[]; t=run_rounds(s,t,5,out); print("B5",out)
c=s.cwnd; s.ssth=ssthresh(s); print("loss3 at",c,"ssth",s.ssth,"last_max",s.last_max)
s.cwnd=s.ssth; s.cnt_ai=0
out=[]; t=run_rounds(s,t,20,out); print("K3",s.K,"C",out)

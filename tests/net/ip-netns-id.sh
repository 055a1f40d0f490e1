#!/bin/bash
# ip-netns-id: `ip netns set`, `list-id`, `pids` and `identify PID`.
#
# Covers: ids given by hand and with "auto" (the lowest free one), an id or
# a peer already taken, bad values and their messages (iproute2 names the
# word after a negative value: "(null)" at the end of the line), list-id
# (all, target-nsid, nsid, -j), ids seen from another namespace, `ip netns
# list` with ids; pids and identify of a process started by `ip netns exec`
# and of one that is in no named namespace; missing names and extra words.
#
# Lab script: `tuxnet lab tests/net/ip-netns-id.sh`; Linux's output is
# ip-netns-id.linux.out.
set -e
export LC_ALL=C

# run CMD...: show the command, run it, show its exit status; the script goes on.
run() { echo "\$ $*"; local rc=0; "$@" || rc=$?; echo "exit $rc"; }

ip netns add a
ip netns add b
ip netns add c

echo "== set =="
run ip netns list-id
run ip netns set a 5
run ip netns set b auto
run ip netns set a 6
run ip netns set c 5
run ip netns set c auto
run ip netns list-id
run ip netns list
run ip netns set nope 1
run ip netns set a
run ip netns set
run ip netns set a foo
run ip netns set a -2
run ip netns set a 0x10

echo "== list-id =="
run ip -n a netns set b 3
run ip -n a netns list-id
run ip netns list-id nsid 5
run ip netns list-id nsid 9
run ip netns list-id target-nsid 5
run ip netns list-id target-nsid 9
run ip netns list-id nsid x
run ip netns list-id nsid -1
run ip netns list-id nsid 5 nsid 3
run ip netns list-id foo
run ip -j netns list-id
run ip -j -p netns list-id target-nsid 5
run ip -j netns list

echo "== pids and identify =="
run ip netns pids a
run ip netns pids nope
run ip netns pids
run ip netns pids a b
ip netns exec b sleep 30 &
sleeper=$!
# wait until the sleeper has started in b (ip has exec'd sleep)
while [ "$(cat /proc/$sleeper/comm)" != sleep ]; do :; done
echo "\$ ip netns pids b"
[ "$(ip netns pids b)" = "$sleeper" ] && echo "the sleeper" || ip netns pids b
echo "\$ ip netns identify SLEEPER"
ip netns identify $sleeper
echo "\$ ip netns identify SELF"
ip netns identify $$
run ip netns identify 999999999
run ip netns identify 1x
run ip netns exec c ip netns identify
kill $sleeper
wait $sleeper || true
run ip netns pids b

#!/bin/bash
# linux-lab.sh SCRIPT [ARG...]: Linux's own lab, the oracle for `tuxnet lab`.
#
# Runs SCRIPT with bash, as root, with Linux's ip, ping, sysctl and hostname,
# in fresh mount, network and UTS namespaces: /run is a private tmpfs, so
# `ip netns add` works and every namespace the script makes dies with it;
# nothing the script does reaches the machine's own network or host name.
# Exits with the script's status.
if [ $# -lt 1 ]; then
	echo "usage: $0 SCRIPT [ARG...]" >&2
	exit 2
fi
if [ "$(id -u)" != 0 ]; then
	echo "$0: Linux's lab needs root (tuxnet's does not: tuxnet lab SCRIPT)" >&2
	exit 2
fi
exec unshare --mount --net --uts --propagation private \
	bash -c 'mount -t tmpfs linux-lab /run && mkdir -p /run/netns && exec bash "$@"' linux-lab "$@"

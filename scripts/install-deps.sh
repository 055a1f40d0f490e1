#!/usr/bin/env bash
# Installs what the build and the tests need, on Debian, when something is
# missing: the compilers and CMake, clang's sanitizer runtime,
# clang-format, clang-tidy and cppcheck, and Linux's own tools the
# comparison tests run (iproute2, iputils-ping, procps, hostname,
# net-tools, util-linux, netcat-openbsd, ethtool).  Needs root for apt-get;
# without it, says what is missing and goes on (tests that need root skip).
set -u
need=()
have() { command -v "$1" >/dev/null 2>&1; }
have cc || need+=(build-essential)
have make || need+=(make)
have cmake || need+=(cmake)
have clang || need+=(clang)
have clang-format || need+=(clang-format)
# make tidy, and the clean directories make test checks
have run-clang-tidy || need+=(clang-tidy)
have cppcheck || need+=(cppcheck)
have ip || need+=(iproute2)
have netstat || need+=(net-tools)
have ping || need+=(iputils-ping)
have sysctl || need+=(procps)
have hostname || need+=(hostname)
have unshare || need+=(util-linux)
# packetdrill scripts' `ethtool -K` lines, run for real on Linux (own.sh --kernel)
have ethtool || need+=(ethtool)
[ -x /bin/nc.openbsd ] || need+=(netcat-openbsd)
# clang's ASan/UBSan runtime (make asan)
if have clang && ! echo 'int main(void){return 0;}' |
	clang -fsanitize=address,undefined -x c - -o /dev/null 2>/dev/null; then
	need+=(libclang-rt-14-dev)
fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && have apt-get; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq &&
		apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
	exit $?
fi
echo "install-deps: missing ${need[*]} (run as root to install them)" >&2
exit 0

#!/usr/bin/env bash
# docs/check-names.sh: does every name docs/*.md gives in backticks exist?
#
#   `name()`       a function or function-like macro: the tree must define it
#                  (a line in a .c file starting with its type or its name,
#                  not a prototype; a static inline or a #define in a .h)
#   `struct name`  a struct: the tree must have `struct name {`, unless it is
#                  one of the host's ABI types listed below
#   `dir/file.c`   a path in the tree (one starting with a top-level folder
#                  of the project): it must exist
#
# Names in fenced code blocks are not checked (they are quoted from the
# code); host calls are written with their manual section, `poll(2)`, which
# is not a `name()`.  Prints each missing name with the file that mentions
# it; exits 1 if any is missing, 0 otherwise.  --defs and --structs print
# the index of the tree instead.
# shellcheck disable=SC2016 # the single-quoted $ are awk's
set -u
cd "$(dirname "$0")/.." || exit 2

# Types of the host's ABI (<sys/socket.h>, <linux/rtnetlink.h> ...) that the
# docs name: tuxnet uses them, it does not define them.
host_structs=" sockaddr sockaddr_in sockaddr_nl sockaddr_storage msghdr cmsghdr
iovec nlmsghdr nlmsgerr ifinfomsg ifaddrmsg rtmsg ndmsg rtattr rtgenmsg ifreq
ifconf pollfd epoll_event timespec timeval sock_extended_err iphdr udphdr
icmphdr ethhdr arphdr rtnl_link_stats64 linux_dirent64 "
host_structs=" $(printf '%s' "$host_structs" | tr '\n' ' ') "

sources=(src include tools rpc daemon client hostlib tests bench examples)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Every function defined in the tree, and every function-like macro.
find "${sources[@]}" -name '*.c' -type f -print0 2>/dev/null |
	xargs -0 awk '
		/^[A-Za-z_]/ && !/;[ \t]*$/ && !/^(typedef|struct [A-Za-z_0-9]+ *\{|enum|union)/ {
			line = $0
			p = index(line, "(")
			if (p > 1) {
				head = substr(line, 1, p - 1)
				if (match(head, /[A-Za-z_][A-Za-z_0-9]*$/))
					print substr(head, RSTART, RLENGTH)
			}
		}' >"$tmp/defs"
find "${sources[@]}" \( -name '*.h' -o -name '*.c' \) -type f -print0 2>/dev/null |
	xargs -0 sed -nE \
		-e 's/^#[ \t]*define[ \t]+([A-Za-z_][A-Za-z_0-9]*)\(.*/\1/p' \
		-e 's/^static inline .*[ *]([A-Za-z_][A-Za-z_0-9]*)\(.*/\1/p' \
		-e 's/^static inline ([A-Za-z_][A-Za-z_0-9]*)\(.*/\1/p' \
		>>"$tmp/defs"
# A static inline whose name starts a line of its own.
find "${sources[@]}" -name '*.h' -type f -print0 2>/dev/null |
	xargs -0 awk '
		prev ~ /^static inline/ && /^[A-Za-z_][A-Za-z_0-9]*\(/ {
			sub(/\(.*/, ""); print
		}
		{ prev = $0 }' >>"$tmp/defs"
sort -u -o "$tmp/defs" "$tmp/defs"

# Every struct defined in the tree.
find "${sources[@]}" \( -name '*.h' -o -name '*.c' \) -type f -print0 2>/dev/null |
	xargs -0 sed -nE 's/^[ \t]*(static )?(const )?struct ([A-Za-z_][A-Za-z_0-9]*)[ \t]*\{.*/\3/p' |
	sort -u >"$tmp/structs"

# --defs, --structs: print the index (to see why a name is not found).
case "${1:-}" in
--defs) cat "$tmp/defs"; exit 0 ;;
--structs) cat "$tmp/structs"; exit 0 ;;
esac

missing=0
report() {
	echo "$1: $2 does not exist in the tree"
	missing=$((missing + 1))
}

for md in docs/*.md; do
	# Inline code spans, outside fenced blocks, one per line.
	awk '
		/^[ \t]*```/ { fence = !fence; next }
		!fence {
			line = $0
			while (match(line, /`[^`]+`/)) {
				print substr(line, RSTART + 1, RLENGTH - 2)
				line = substr(line, RSTART + RLENGTH)
			}
		}' "$md" >"$tmp/spans"

	grep -oE '[A-Za-z_][A-Za-z_0-9]*\(\)' "$tmp/spans" | sed 's/()$//' |
		sort -u | while read -r name; do
		grep -qxF "$name" "$tmp/defs" || echo "$name()"
	done >"$tmp/miss"

	grep -oE '^struct [A-Za-z_][A-Za-z_0-9]*' "$tmp/spans" |
		sed 's/^struct //' | sort -u | while read -r name; do
		case "$host_structs" in *" $name "*) continue ;; esac
		grep -qxF "$name" "$tmp/structs" || echo "struct $name"
	done >>"$tmp/miss"

	grep -E '^(src|include|tools|daemon|client|hostlib|tests|bench|examples|docs)/[A-Za-z0-9_./-]*$' \
		"$tmp/spans" | sort -u | while read -r path; do
		[ -e "$path" ] || echo "$path"
	done >>"$tmp/miss"

	while read -r name; do
		report "$md" "$name"
	done <"$tmp/miss"
done

if [ "$missing" -ne 0 ]; then
	echo "$missing name(s) missing"
	exit 1
fi
echo "docs: every name exists"
exit 0

/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Basic types and helpers every file of the stack uses: fixed-width integers
 * with the kernel's names, network-order types, container_of, ERR_PTR,
 * WARN_ON_ONCE and the allocation wrappers.  Linux: include/linux/types.h,
 * compiler.h, err.h, bug.h.
 */
#ifndef _NET_TYPES_H
#define _NET_TYPES_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <arpa/inet.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

/* Network byte order.  Converted only at the edges (htons/ntohl ...). */
typedef uint16_t __be16;
typedef uint32_t __be32;
typedef uint16_t __sum16;
typedef uint32_t __wsum;

#define likely(x)      __builtin_expect(!!(x), 1)
#define unlikely(x)    __builtin_expect(!!(x), 0)
#define __maybe_unused __attribute__((unused))
#define __aligned(x)   __attribute__((aligned(x)))
#define __packed       __attribute__((packed))
#define __printf(a, b) __attribute__((format(printf, a, b)))
#define fallthrough    __attribute__((fallthrough))

#define ARRAY_SIZE(a)  (sizeof(a) / sizeof((a)[0]))

#define container_of(ptr, type, member) \
	((type *)(void *)((char *)(ptr)-offsetof(type, member)))

#define min_t(type, a, b)	 ((type)(a) < (type)(b) ? (type)(a) : (type)(b))
#define max_t(type, a, b)	 ((type)(a) > (type)(b) ? (type)(a) : (type)(b))
#define clamp_t(type, v, lo, hi) min_t(type, max_t(type, v, lo), hi)
#define ALIGN(x, a)		 (((x) + ((a)-1)) & ~((__typeof__(x))(a)-1))
#define DIV_ROUND_UP(n, d)	 (((n) + (d)-1) / (d))

#define BUILD_BUG_ON(cond)	 _Static_assert(!(cond), #cond)

/* Pointers that carry an errno (include/linux/err.h). */
#define MAX_ERRNO 4095
static inline void *ERR_PTR(long error)
{
	return (void *)error;
}

static inline long PTR_ERR(const void *ptr)
{
	return (long)ptr;
}

static inline bool IS_ERR(const void *ptr)
{
	return (unsigned long)ptr >= (unsigned long)-MAX_ERRNO;
}

static inline bool IS_ERR_OR_NULL(const void *ptr)
{
	return !ptr || IS_ERR(ptr);
}

/*
 * WARN_ON_ONCE(cond): "cannot happen, but we survive it".  Prints once per
 * call site and evaluates to @cond so it can guard the recovery path.
 */
#define WARN_ON_ONCE(cond)                                              \
	({                                                              \
		static bool warned_;                                    \
		bool c_ = !!(cond);                                     \
		if (unlikely(c_) && !warned_) {                         \
			warned_ = true;                                 \
			(void)fprintf(stderr,                           \
				      "tuxnet: WARNING at %s:%d: %s\n", \
				      __FILE__, __LINE__, #cond);       \
		}                                                       \
		unlikely(c_);                                           \
	})
#define WARN_ON(cond) WARN_ON_ONCE(cond)

/* BUG_ON(cond): going on would corrupt state. */
#define BUG_ON(cond)                                                        \
	do {                                                                \
		if (unlikely(cond)) {                                       \
			(void)fprintf(stderr, "tuxnet: BUG at %s:%d: %s\n", \
				      __FILE__, __LINE__, #cond);           \
			abort();                                            \
		}                                                           \
	} while (0)

/*
 * Allocation.  The stack never aborts on a failed allocation: callers handle
 * NULL.  GFP_KERNEL and GFP_ATOMIC are for the reader; __GFP_NOFAIL marks
 * the few allocations that may not fail (a BUG_ON follows them), which
 * fault injection therefore spares, as Linux's failslab does.
 */
#define GFP_KERNEL   0
#define GFP_ATOMIC   1
#define __GFP_NOFAIL 2

/* gfpflags_allow_blocking - may an allocation with @gfp sleep (process
 * context)?  Linux: include/linux/gfp.h. */
static inline bool gfpflags_allow_blocking(int gfp)
{
	return !(gfp & GFP_ATOMIC);
}

/*
 * Fault injection (Linux: /proc/thread-self/fail-nth): when set to N, the
 * thread's Nth allocation from now fails, once (src/lib/fault-inject.c).
 */
extern __thread unsigned long tn_fail_nth;

static inline bool should_failslab(int gfp)
{
	if (__builtin_expect(!tn_fail_nth, 1) || (gfp & __GFP_NOFAIL))
		return false;
	return --tn_fail_nth == 0;
}

static inline void *kmalloc(size_t size, int gfp)
{
	if (should_failslab(gfp))
		return NULL;
	return malloc(size);
}

static inline void *kzalloc(size_t size, int gfp)
{
	if (should_failslab(gfp))
		return NULL;
	return calloc(1, size);
}

static inline void *kmemdup(const void *src, size_t len, int gfp)
{
	void *p = kmalloc(len, gfp);

	if (p)
		memcpy(p, src, len);
	return p;
}

/*
 * strscpy - copy the string @src into @dst of @size bytes, always
 * terminated (lib/string.c): the length copied, or -E2BIG if @src was cut.
 */
static inline long strscpy(char *dst, const char *src, size_t size)
{
	size_t len = strnlen(src, size);

	if (!size)
		return -E2BIG;
	if (len == size) {
		memcpy(dst, src, size - 1);
		dst[size - 1] = '\0';
		return -E2BIG;
	}
	memcpy(dst, src, len + 1);
	return (long)len;
}

static inline void kfree(const void *p)
{
	free((void *)p);
}

/* Logging (include/linux/net.h).  net_dbg compiles out. */
#define net_err(fmt, ...)  (void)fprintf(stderr, "tuxnet: " fmt, ##__VA_ARGS__)
#define net_warn(fmt, ...) (void)fprintf(stderr, "tuxnet: " fmt, ##__VA_ARGS__)
#define net_info(fmt, ...) (void)fprintf(stderr, "tuxnet: " fmt, ##__VA_ARGS__)
#define net_dbg(fmt, ...)                                          \
	do {                                                       \
		if (0)                                             \
			(void)fprintf(stderr, fmt, ##__VA_ARGS__); \
	} while (0)

#endif /* _NET_TYPES_H */

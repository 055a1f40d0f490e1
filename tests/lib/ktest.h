/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ktest: the smallest test harness that does the job.  A test program is a
 * list of KTEST() functions; main() runs them and exits non-zero if any
 * KT_ASSERT failed.  A failed assertion ends only its own test.
 */
#ifndef TUXNET_KTEST_H
#define TUXNET_KTEST_H

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ktest {
	const char *name;
	void (*fn)(void);
};

extern jmp_buf ktest_jmp;
extern int ktest_failed;

#define KT_ASSERT(cond)                                                    \
	do {                                                               \
		if (!(cond)) {                                             \
			fprintf(stderr, "  %s:%d: assertion failed: %s\n", \
				__FILE__, __LINE__, #cond);                \
			longjmp(ktest_jmp, 1);                             \
		}                                                          \
	} while (0)

#define KT_EQ(a, b)                                                         \
	do {                                                                \
		long long ka_ = (long long)(a), kb_ = (long long)(b);       \
		if (ka_ != kb_) {                                           \
			fprintf(stderr,                                     \
				"  %s:%d: %s == %s failed: %lld != %lld\n", \
				__FILE__, __LINE__, #a, #b, ka_, kb_);      \
			longjmp(ktest_jmp, 1);                              \
		}                                                           \
	} while (0)

#define KT_STREQ(a, b)                                                         \
	do {                                                                   \
		const char *ka_ = (a), *kb_ = (b);                             \
		if (strcmp(ka_, kb_) != 0) {                                   \
			fprintf(stderr,                                        \
				"  %s:%d: %s == %s failed:\n<<%s>>\n<<%s>>\n", \
				__FILE__, __LINE__, #a, #b, ka_, kb_);         \
			longjmp(ktest_jmp, 1);                                 \
		}                                                              \
	} while (0)

/* KTEST_MAIN(t1, t2, ...) defines main() running the listed tests. */
#define KTEST_MAIN(...)                                               \
	jmp_buf ktest_jmp;                                            \
	int ktest_failed;                                             \
	int main(void)                                                \
	{                                                             \
		static const struct ktest tests_[] = { __VA_ARGS__ }; \
		int passed_ = 0;                                      \
		/* volatile: it lives across longjmp */               \
		for (volatile size_t i_ = 0;                          \
		     i_ < sizeof(tests_) / sizeof(tests_[0]); i_++) { \
			if (setjmp(ktest_jmp) == 0) {                 \
				tests_[i_].fn();                      \
				passed_++;                            \
				printf("ok   %s\n", tests_[i_].name); \
			} else {                                      \
				ktest_failed++;                       \
				printf("FAIL %s\n", tests_[i_].name); \
			}                                             \
		}                                                     \
		return ktest_failed ? 1 : 0;                          \
	}

#define KT(fn)          \
	{               \
#fn, fn \
	}

#endif /* TUXNET_KTEST_H */

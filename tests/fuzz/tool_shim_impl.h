/* SPDX-License-Identifier: BSD-2-Clause */
/* The harness's side of tool_shim.h: one tool run at a time. */
#ifndef TN_FUZZ_TOOL_SHIM_IMPL_H
#define TN_FUZZ_TOOL_SHIM_IMPL_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>

/*
 * fuzz_tool_begin - a run starts: exit() will longjmp to @env; fopen()
 * serves @file (NULL: no file exists)
 */
void fuzz_tool_begin(jmp_buf *env, const uint8_t *file, size_t file_len);
/* fuzz_tool_status - the status the tool passed to exit() */
int fuzz_tool_status(void);
/* fuzz_tool_end - free what the tool still holds, close its files */
void fuzz_tool_end(void);

#endif /* TN_FUZZ_TOOL_SHIM_IMPL_H */

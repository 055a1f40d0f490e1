// SPDX-License-Identifier: BSD-2-Clause
/* placeholder */
int pd_so_placeholder(void);
int pd_so_placeholder(void)
{
	return 0;
}

// SPDX-License-Identifier: BSD-2-Clause
/*
 * fuzz_pkt: the .pkt parser of tuxnet-packetdrill (tools/packetdrill).
 * The input is a mode byte and a script's text.  Every input is parsed
 * twice (same result: events and outcome); what parses then goes through
 * the rest of the runner that needs no stack: every packet event is built
 * as an inbound packet (which must then pass the checksum verifier) and
 * every python block and $((...)) is evaluated.  Mode 0x01 also runs the
 * script on a fresh stack (system calls with whatever arguments, shell
 * lines, packets in and out, virtual time), when it has at most 16 events.
 * Oracle: no crash, leak or sanitizer report, and the live-object counters
 * of the stack back at zero (tn_stack_destroy checks them in Debug).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "pd.h"
#include "packet.h"
#include "run.h"

#define MAX_INPUT 8192

static void exercise(const struct pd_script *s)
{
	static uint8_t buf[PD_PKT_MAX];
	struct pd_config cfg;
	struct pd_flow flow;
	struct pd_tcp_info info;
	char err[512];
	long long v;
	int i, len;

	pd_config_defaults(&cfg);
	memset(&flow, 0, sizeof(flow));
	memset(&info, 0, sizeof(info));
	info.len = PD_TCP_INFO_SIZE;
	flow.local_ip = 0x0100a8c0; /* 192.168.0.1 */
	flow.remote_ip = 0x010200c0; /* 192.0.2.1 */
	flow.local_port = flow.remote_port = 8080;
	for (i = 0; i < s->nevents; i++) {
		const struct pd_event *ev = &s->events[i];

		if (ev->kind == PD_EV_PACKET) {
			len = pd_packet_build(&cfg, &flow, ev->pkt, buf,
					      sizeof(buf), err, sizeof(err));
			if (len > 0 && pd_packet_verify(buf, (size_t)len, err,
							sizeof(err)))
				abort(); /* the builder's checksums are wrong */
		} else if (ev->kind == PD_EV_CODE) {
			(void)pd_code_eval(ev->text, &info, 0, err,
					   sizeof(err));
			(void)pd_code_eval(ev->text, NULL, 95, err,
					   sizeof(err));
		} else if (ev->kind == PD_EV_SHELL) {
			(void)pd_eval_int(ev->text, &v);
		}
	}
}

/* At most ten virtual minutes: longer runs only step through timers. */
static bool short_script(const struct pd_script *s)
{
	int i;

	for (i = 0; i < s->nevents; i++)
		if (s->events[i].time.usecs > 600000000LL ||
		    s->events[i].time.end_usecs > 600000000LL)
			return false;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pd_script a, b;
	char text[MAX_INPUT + 1], ea[256], eb[256];
	int ra, rb;
	uint8_t mode;

	if (!size)
		return 0;
	mode = data[0];
	data++;
	size--;
	if (size > MAX_INPUT)
		size = MAX_INPUT;
	memcpy(text, data, size);
	text[size] = '\0';
	ra = pd_parse("fuzz.pkt", text, &a, ea, sizeof(ea));
	rb = pd_parse("fuzz.pkt", text, &b, eb, sizeof(eb));
	if (ra != rb || a.nevents != b.nevents || (ra && strcmp(ea, eb)))
		abort();
	if (!ra) {
		exercise(&a);
		if ((mode & 0x01) && a.nevents <= 16 && short_script(&a)) {
			struct pd_config cfg;

			pd_config_defaults(&cfg);
			cfg.tolerance_usecs = 1000000;
			(void)pd_run_script(&cfg, &a, ea, sizeof(ea));
		}
	}
	pd_script_free(&a);
	pd_script_free(&b);
	return 0;
}

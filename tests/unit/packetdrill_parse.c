// SPDX-License-Identifier: BSD-2-Clause
/*
 * The .pkt parser of tuxnet-packetdrill: what a script becomes, field by
 * field (times and their anchors, packets with options, system calls and
 * their argument trees, shell and python blocks, options), and the errors
 * with their lines.
 */
#include <string.h>

#include "ktest.h"
#include "pd.h"
#include "run.h"

static struct pd_script s;
static char err[256];

static void parse_ok(const char *text)
{
	int rc = pd_parse("t.pkt", text, &s, err, sizeof(err));

	if (rc)
		fprintf(stderr, "  parse error: %s\n", err);
	KT_EQ(rc, 0);
}

static void test_times(void)
{
	parse_ok("0 close(3) = 0\n"
		 "+.25 close(3) = 0\n"
		 "* > udp (1)\n"
		 "+0...0.100 read(4, ..., 2000) = 2000\n"
		 "1.5~+2 < udp (2)\n"
		 "+.1...+0.2 close(3) = 0\n");
	KT_EQ(s.nevents, 6);
	KT_EQ(s.events[0].time.kind, PD_T_ABS);
	KT_EQ(s.events[1].time.kind, PD_T_REL);
	KT_EQ(s.events[1].time.usecs, 250000);
	KT_EQ(s.events[2].time.kind, PD_T_ANY);
	KT_ASSERT(s.events[3].sc->blocking);
	KT_EQ(s.events[3].time.end_kind, PD_T_REL); /* same anchor */
	KT_EQ(s.events[3].time.end_usecs, 100000);
	KT_EQ(s.events[4].time.usecs, 1500000);
	KT_EQ(s.events[4].time.end_kind, PD_T_REL);
	KT_EQ(s.events[4].time.end_usecs, 2000000);
	KT_EQ(s.events[5].line, 6);
	pd_script_free(&s);
}

static void test_tcp_packet(void)
{
	const struct pd_packet *p;

	parse_ok("+0 < SE. 0:0(0) ack 1 win 32767 <mss 1000,nop,wscale 6,"
		 "nop,nop,sackOK,TS val 5 ecr 7,sack 1:2 3:4>\n"
		 "+0 > [ect0] P. 1:1001(1000) ack 1\n"
		 "+0 > . 1:1(0) ack 1 <...>\n");
	p = s.events[0].pkt;
	KT_EQ(p->dir, '<');
	KT_EQ(p->proto, PD_TCP);
	KT_STREQ(p->flags, "SE.");
	KT_ASSERT(p->has_ack && p->ack == 1 && p->has_win && p->win == 32767);
	KT_EQ(p->opts_mode, PD_OPTS_LIST);
	KT_EQ(p->nopts, 8);
	KT_EQ(p->opts[0].kind, PD_OPT_MSS);
	KT_EQ(p->opts[0].val, 1000);
	KT_EQ(p->opts[2].val, 6);
	KT_EQ(p->opts[6].kind, PD_OPT_TS);
	KT_EQ(p->opts[6].ecr, 7);
	KT_EQ(p->opts[7].nsack, 2);
	KT_EQ(p->opts[7].sack[1][1], 4);
	p = s.events[1].pkt;
	KT_EQ(p->ecn, 2);
	KT_EQ(p->seq, 1);
	KT_EQ(p->len, 1000);
	KT_EQ(p->opts_mode, PD_OPTS_NONE); /* no options at all */
	KT_EQ(s.events[2].pkt->opts_mode, PD_OPTS_ANY);
	pd_script_free(&s);
}

static void test_udp_icmp(void)
{
	const struct pd_packet *p;

	parse_ok("0 < udp 1>2 (30)\n"
		 "0 > udp (5)\n"
		 "0 < icmp unreachable frag_needed mtu 1200 [1:1461(1460)]\n"
		 "0 > icmp echo_reply\n");
	p = s.events[0].pkt;
	KT_ASSERT(p->proto == PD_UDP && p->has_ports && p->sport == 1 &&
		  p->dport == 2 && p->len == 30);
	KT_ASSERT(!s.events[1].pkt->has_ports);
	p = s.events[2].pkt;
	KT_STREQ(p->icmp_type, "unreachable");
	KT_STREQ(p->icmp_code, "frag_needed");
	KT_ASSERT(p->has_mtu && p->mtu == 1200 && p->has_quote);
	KT_EQ(p->quote_end, 1461);
	KT_STREQ(s.events[3].pkt->icmp_code, "");
	pd_script_free(&s);
}

static void test_syscall_args(void)
{
	const struct pd_syscall *c;
	const struct pd_expr *m;

	parse_ok("0 recvmsg(3, {msg_name(...)=..., msg_iov(1)=[{..., 1000}],"
		 " msg_flags=0, msg_control=[{cmsg_level=SOL_TCP,"
		 " cmsg_type=TCP_CM_INQ, cmsg_data=9000}]}, 0) = 1000\n"
		 "0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0\n"
		 "0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now "
		 "in progress)\n"
		 "0 fcntl(3, F_GETFL) = 0x2 (flags O_RDWR)\n");
	c = s.events[0].sc;
	KT_STREQ(c->name, "recvmsg");
	KT_EQ(c->nargs, 3);
	m = c->args[1];
	KT_EQ(m->kind, PD_E_STRUCT);
	KT_EQ(m->nkids, 4);
	KT_EQ(m->kids[0]->kind, PD_E_FIELD);
	KT_STREQ(m->kids[0]->str, "msg_name");
	KT_EQ(m->kids[0]->arg->kind, PD_E_ELLIPSIS);
	KT_EQ(m->kids[1]->arg->num, 1);
	KT_EQ(m->kids[1]->val->kind, PD_E_LIST);
	KT_EQ(m->kids[3]->val->kids[0]->kids[2]->val->num, 9000);
	KT_EQ(s.events[1].sc->args[2]->kind, PD_E_OR);
	KT_EQ(s.events[2].sc->ret->num, -1);
	KT_STREQ(s.events[2].sc->err, "EINPROGRESS");
	KT_EQ(s.events[3].sc->ret->num, 2);
	KT_ASSERT(!s.events[3].sc->err);
	pd_script_free(&s);
}

static void test_blocks_and_options(void)
{
	parse_ok("// comment\n--mss=1000\n--strict_segments\n"
		 "`../common/defaults.sh\nsysctl -q a=1`\n"
		 "/* c */ 0 `nstat -n`\n"
		 "+0 %{ assert 1 == 1 }%\n"
		 "`/tmp/sysctl_restore_${PPID}.sh`\n");
	KT_EQ(s.nopts, 2);
	KT_STREQ(s.opt_name[0], "mss");
	KT_STREQ(s.opt_value[0], "1000");
	KT_STREQ(s.opt_value[1], "");
	KT_STREQ(s.init_command, "../common/defaults.sh\nsysctl -q a=1");
	KT_EQ(s.nevents, 3);
	KT_EQ(s.events[0].kind, PD_EV_SHELL);
	KT_EQ(s.events[1].kind, PD_EV_CODE);
	KT_STREQ(s.events[1].text, " assert 1 == 1 ");
	KT_EQ(s.events[2].kind, PD_EV_SHELL);
	pd_script_free(&s);
}

static void test_errors(void)
{
	static const struct {
		const char *text, *err;
	} bad[] = {
		{ "0 close(3)\n", "1: expected '='" },
		{ "0 > . 1:3(1) ack 1\n",
		  "1: 1:3(1): length is not end - start" },
		{ "\n\n0 > S 0:0(0) <mss 1,bogus>\n",
		  "3: unknown TCP option 'bogus'" },
		{ "0 < udp (70000)\n", "1: UDP length 70000 too large" },
		{ "0 %{ assert 1\n", "1: missing closing '}%'" },
		{ "x close(3) = 0\n", "1: expected a time " },
		{ "0 > ? 1:1(0)\n", "1: expected TCP flags, udp or icmp" },
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		KT_EQ(pd_parse("t.pkt", bad[i].text, &s, err, sizeof(err)), -1);
		if (strncmp(err, bad[i].err, strlen(bad[i].err) - 1))
			fprintf(stderr, "  got '%s' for %s", err, bad[i].text);
		KT_ASSERT(!strncmp(err, bad[i].err, strlen(bad[i].err) - 1));
		pd_script_free(&s);
	}
}

static void test_python(void)
{
	struct pd_tcp_info ti;

	memset(&ti, 0, sizeof(ti));
	ti.len = PD_TCP_INFO_SIZE;
	ti.base.tcpi_snd_cwnd = 10;
	ti.base.tcpi_ca_state = 3;
	ti.base.tcpi_busy_time = 50000;
	ti.tcpi_rcv_wnd = 64512;
	ti.tcpi_total_rto = 3;
	ti.tcpi_accecn_opt_seen = 2;
	KT_EQ(pd_code_eval("assert tcpi_snd_cwnd == 10, tcpi_snd_cwnd\n"
			   "assert tcpi_ca_state == TCP_CA_Recovery # x\n"
			   "assert 49000 <= tcpi_busy_time <= 52000; \\\n"
			   "  assert 0 == tcpi_rwnd_limited, 'r=%d' % 0",
			   &ti, 0, err, sizeof(err)),
	      0);
	KT_EQ(pd_code_eval("assert 1 < 2 < 2", &ti, 0, err, sizeof(err)), -1);
	KT_STREQ(err, "AssertionError: assert 1 < 2 < 2");
	KT_EQ(pd_code_eval("assert tcpi_bogus == 1", &ti, 0, err, sizeof(err)),
	      -1);
	KT_STREQ(err, "unknown name 'tcpi_bogus'");
	KT_EQ(pd_code_eval("x = 1", &ti, 0, err, sizeof(err)), -1);
	/* found by fuzz_pkt: python has no overflow, we fail instead of UB */
	KT_EQ(pd_code_eval("assert 9223372036854775807 + 1 > 0", &ti, 0, err,
			   sizeof(err)),
	      -1);
	KT_STREQ(err, "integer overflow");
	KT_EQ(pd_code_eval("assert -(-9223372036854775807 - 1) > 0", &ti, 0,
			   err, sizeof(err)),
	      -1);
	KT_EQ(pd_code_eval("assert ((((((((((((((((((((((((((((((((((((((((((("
			   "((((((((((((((((((((((((((1",
			   &ti, 0, err, sizeof(err)),
	      -1);
	KT_STREQ(err, "expression nested too deep");
	KT_EQ(pd_code_eval("assert (2 + 3) * 4 // 3 == 6 and not 0 or 0", &ti,
			   0, err, sizeof(err)),
	      0);
	/* Linux 6.18's fields after tcpi_snd_wnd, up to the last one */
	KT_EQ(pd_code_eval(
		      "assert tcpi_rcv_wnd == 64512 and tcpi_total_rto == 3"
		      " and tcpi_accecn_opt_seen == 2",
		      &ti, 0, err, sizeof(err)),
	      0);
	/* a kernel whose TCP_INFO ends earlier does not have them */
	ti.len = sizeof(struct tcp_info);
	KT_EQ(pd_code_eval("assert tcpi_snd_wnd == 0", &ti, 0, err,
			   sizeof(err)),
	      0);
	KT_EQ(pd_code_eval("assert tcpi_rcv_wnd == 64512", &ti, 0, err,
			   sizeof(err)),
	      -1);
	KT_STREQ(err, "tcpi_rcv_wnd: not in this TCP_INFO (232 bytes)");
}

KTEST_MAIN(KT(test_times), KT(test_tcp_packet), KT(test_udp_icmp),
	   KT(test_syscall_args), KT(test_blocks_and_options), KT(test_errors),
	   KT(test_python))

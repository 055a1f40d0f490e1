// SPDX-License-Identifier: BSD-2-Clause
/*
 * The IPv4 MIB counters of each namespace (RFC 4293 IP-MIB, RFC 2011,
 * RFC 2012, RFC 2013 and Linux's own) and their text: /proc/net/snmp and
 * /proc/net/netstat, line for line as Linux prints them, which `netstat -s`
 * and `nstat` parse.  Linux: net/ipv4/proc.c, net/ipv4/af_inet.c
 * (ipv4_mib_init_net).
 */
#include <net/icmp.h>
#include <net/init.h>
#include <net/inetdevice.h>
#include <net/net_namespace.h>
#include <net/ip.h>
#include <net/proc_fs.h>
#include <net/raw.h>
#include <net/snmp.h>
#include <net/tcp.h>
#include <net/udp.h>

struct snmp_mib {
	const char *name;
	int entry;
};

#define SNMP_MIB_ITEM(_name, _entry)               \
	{                                          \
		.name = (_name), .entry = (_entry) \
	}
#define SNMP_MIB_SENTINEL                \
	{                                \
		.name = NULL, .entry = 0 \
	}

static const struct snmp_mib snmp4_ipstats_list[] = {
	SNMP_MIB_ITEM("InReceives", IPSTATS_MIB_INPKTS),
	SNMP_MIB_ITEM("InHdrErrors", IPSTATS_MIB_INHDRERRORS),
	SNMP_MIB_ITEM("InAddrErrors", IPSTATS_MIB_INADDRERRORS),
	SNMP_MIB_ITEM("ForwDatagrams", IPSTATS_MIB_OUTFORWDATAGRAMS),
	SNMP_MIB_ITEM("InUnknownProtos", IPSTATS_MIB_INUNKNOWNPROTOS),
	SNMP_MIB_ITEM("InDiscards", IPSTATS_MIB_INDISCARDS),
	SNMP_MIB_ITEM("InDelivers", IPSTATS_MIB_INDELIVERS),
	SNMP_MIB_ITEM("OutRequests", IPSTATS_MIB_OUTREQUESTS),
	SNMP_MIB_ITEM("OutDiscards", IPSTATS_MIB_OUTDISCARDS),
	SNMP_MIB_ITEM("OutNoRoutes", IPSTATS_MIB_OUTNOROUTES),
	SNMP_MIB_ITEM("ReasmTimeout", IPSTATS_MIB_REASMTIMEOUT),
	SNMP_MIB_ITEM("ReasmReqds", IPSTATS_MIB_REASMREQDS),
	SNMP_MIB_ITEM("ReasmOKs", IPSTATS_MIB_REASMOKS),
	SNMP_MIB_ITEM("ReasmFails", IPSTATS_MIB_REASMFAILS),
	SNMP_MIB_ITEM("FragOKs", IPSTATS_MIB_FRAGOKS),
	SNMP_MIB_ITEM("FragFails", IPSTATS_MIB_FRAGFAILS),
	SNMP_MIB_ITEM("FragCreates", IPSTATS_MIB_FRAGCREATES),
	SNMP_MIB_ITEM("OutTransmits", IPSTATS_MIB_OUTPKTS),
	SNMP_MIB_SENTINEL
};

/* ICMP types counted in the Icmp: line (the rest only in IcmpMsg:). */
static const struct {
	const char *name;
	int index;
} icmpmibmap[] = {
	{ "DestUnreachs", 3 }, { "TimeExcds", 11 },    { "ParmProbs", 12 },
	{ "SrcQuenchs", 4 },   { "Redirects", 5 },     { "Echos", 8 },
	{ "EchoReps", 0 },     { "Timestamps", 13 },   { "TimestampReps", 14 },
	{ "AddrMasks", 17 },   { "AddrMaskReps", 18 }, { NULL, 0 },
};

static const struct snmp_mib snmp4_tcp_list[] = {
	SNMP_MIB_ITEM("RtoAlgorithm", TCP_MIB_RTOALGORITHM),
	SNMP_MIB_ITEM("RtoMin", TCP_MIB_RTOMIN),
	SNMP_MIB_ITEM("RtoMax", TCP_MIB_RTOMAX),
	SNMP_MIB_ITEM("MaxConn", TCP_MIB_MAXCONN),
	SNMP_MIB_ITEM("ActiveOpens", TCP_MIB_ACTIVEOPENS),
	SNMP_MIB_ITEM("PassiveOpens", TCP_MIB_PASSIVEOPENS),
	SNMP_MIB_ITEM("AttemptFails", TCP_MIB_ATTEMPTFAILS),
	SNMP_MIB_ITEM("EstabResets", TCP_MIB_ESTABRESETS),
	SNMP_MIB_ITEM("CurrEstab", TCP_MIB_CURRESTAB),
	SNMP_MIB_ITEM("InSegs", TCP_MIB_INSEGS),
	SNMP_MIB_ITEM("OutSegs", TCP_MIB_OUTSEGS),
	SNMP_MIB_ITEM("RetransSegs", TCP_MIB_RETRANSSEGS),
	SNMP_MIB_ITEM("InErrs", TCP_MIB_INERRS),
	SNMP_MIB_ITEM("OutRsts", TCP_MIB_OUTRSTS),
	SNMP_MIB_ITEM("InCsumErrors", TCP_MIB_CSUMERRORS),
	SNMP_MIB_SENTINEL
};

static const struct snmp_mib snmp4_udp_list[] = {
	SNMP_MIB_ITEM("InDatagrams", UDP_MIB_INDATAGRAMS),
	SNMP_MIB_ITEM("NoPorts", UDP_MIB_NOPORTS),
	SNMP_MIB_ITEM("InErrors", UDP_MIB_INERRORS),
	SNMP_MIB_ITEM("OutDatagrams", UDP_MIB_OUTDATAGRAMS),
	SNMP_MIB_ITEM("RcvbufErrors", UDP_MIB_RCVBUFERRORS),
	SNMP_MIB_ITEM("SndbufErrors", UDP_MIB_SNDBUFERRORS),
	SNMP_MIB_ITEM("InCsumErrors", UDP_MIB_CSUMERRORS),
	SNMP_MIB_ITEM("IgnoredMulti", UDP_MIB_IGNOREDMULTI),
	SNMP_MIB_ITEM("MemErrors", UDP_MIB_MEMERRORS),
	SNMP_MIB_SENTINEL
};

/*
 * TcpExt: in Linux 6.18's order (which is not the enum's).  Counters the
 * uapi header of the build host predates (6.2+) are listed with
 * SNMP_MIB_UNCOUNTED and show 0 until something counts them.
 */
#define SNMP_MIB_UNCOUNTED (-1)
static const struct snmp_mib snmp4_net_list[] = {
	SNMP_MIB_ITEM("SyncookiesSent", LINUX_MIB_SYNCOOKIESSENT),
	SNMP_MIB_ITEM("SyncookiesRecv", LINUX_MIB_SYNCOOKIESRECV),
	SNMP_MIB_ITEM("SyncookiesFailed", LINUX_MIB_SYNCOOKIESFAILED),
	SNMP_MIB_ITEM("EmbryonicRsts", LINUX_MIB_EMBRYONICRSTS),
	SNMP_MIB_ITEM("PruneCalled", LINUX_MIB_PRUNECALLED),
	SNMP_MIB_ITEM("RcvPruned", LINUX_MIB_RCVPRUNED),
	SNMP_MIB_ITEM("OfoPruned", LINUX_MIB_OFOPRUNED),
	SNMP_MIB_ITEM("OutOfWindowIcmps", LINUX_MIB_OUTOFWINDOWICMPS),
	SNMP_MIB_ITEM("LockDroppedIcmps", LINUX_MIB_LOCKDROPPEDICMPS),
	SNMP_MIB_ITEM("ArpFilter", LINUX_MIB_ARPFILTER),
	SNMP_MIB_ITEM("TW", LINUX_MIB_TIMEWAITED),
	SNMP_MIB_ITEM("TWRecycled", LINUX_MIB_TIMEWAITRECYCLED),
	SNMP_MIB_ITEM("TWKilled", LINUX_MIB_TIMEWAITKILLED),
	SNMP_MIB_ITEM("PAWSActive", LINUX_MIB_PAWSACTIVEREJECTED),
	SNMP_MIB_ITEM("PAWSEstab", LINUX_MIB_PAWSESTABREJECTED),
	SNMP_MIB_ITEM("BeyondWindow", LINUX_MIB_BEYOND_WINDOW),
	SNMP_MIB_ITEM("TSEcrRejected", SNMP_MIB_UNCOUNTED),
	SNMP_MIB_ITEM("PAWSOldAck", SNMP_MIB_UNCOUNTED),
	SNMP_MIB_ITEM("PAWSTimewait", SNMP_MIB_UNCOUNTED),
	SNMP_MIB_ITEM("DelayedACKs", LINUX_MIB_DELAYEDACKS),
	SNMP_MIB_ITEM("DelayedACKLocked", LINUX_MIB_DELAYEDACKLOCKED),
	SNMP_MIB_ITEM("DelayedACKLost", LINUX_MIB_DELAYEDACKLOST),
	SNMP_MIB_ITEM("ListenOverflows", LINUX_MIB_LISTENOVERFLOWS),
	SNMP_MIB_ITEM("ListenDrops", LINUX_MIB_LISTENDROPS),
	SNMP_MIB_ITEM("TCPHPHits", LINUX_MIB_TCPHPHITS),
	SNMP_MIB_ITEM("TCPPureAcks", LINUX_MIB_TCPPUREACKS),
	SNMP_MIB_ITEM("TCPHPAcks", LINUX_MIB_TCPHPACKS),
	SNMP_MIB_ITEM("TCPRenoRecovery", LINUX_MIB_TCPRENORECOVERY),
	SNMP_MIB_ITEM("TCPSackRecovery", LINUX_MIB_TCPSACKRECOVERY),
	SNMP_MIB_ITEM("TCPSACKReneging", LINUX_MIB_TCPSACKRENEGING),
	SNMP_MIB_ITEM("TCPSACKReorder", LINUX_MIB_TCPSACKREORDER),
	SNMP_MIB_ITEM("TCPRenoReorder", LINUX_MIB_TCPRENOREORDER),
	SNMP_MIB_ITEM("TCPTSReorder", LINUX_MIB_TCPTSREORDER),
	SNMP_MIB_ITEM("TCPFullUndo", LINUX_MIB_TCPFULLUNDO),
	SNMP_MIB_ITEM("TCPPartialUndo", LINUX_MIB_TCPPARTIALUNDO),
	SNMP_MIB_ITEM("TCPDSACKUndo", LINUX_MIB_TCPDSACKUNDO),
	SNMP_MIB_ITEM("TCPLossUndo", LINUX_MIB_TCPLOSSUNDO),
	SNMP_MIB_ITEM("TCPLostRetransmit", LINUX_MIB_TCPLOSTRETRANSMIT),
	SNMP_MIB_ITEM("TCPRenoFailures", LINUX_MIB_TCPRENOFAILURES),
	SNMP_MIB_ITEM("TCPSackFailures", LINUX_MIB_TCPSACKFAILURES),
	SNMP_MIB_ITEM("TCPLossFailures", LINUX_MIB_TCPLOSSFAILURES),
	SNMP_MIB_ITEM("TCPFastRetrans", LINUX_MIB_TCPFASTRETRANS),
	SNMP_MIB_ITEM("TCPSlowStartRetrans", LINUX_MIB_TCPSLOWSTARTRETRANS),
	SNMP_MIB_ITEM("TCPTimeouts", LINUX_MIB_TCPTIMEOUTS),
	SNMP_MIB_ITEM("TCPLossProbes", LINUX_MIB_TCPLOSSPROBES),
	SNMP_MIB_ITEM("TCPLossProbeRecovery", LINUX_MIB_TCPLOSSPROBERECOVERY),
	SNMP_MIB_ITEM("TCPRenoRecoveryFail", LINUX_MIB_TCPRENORECOVERYFAIL),
	SNMP_MIB_ITEM("TCPSackRecoveryFail", LINUX_MIB_TCPSACKRECOVERYFAIL),
	SNMP_MIB_ITEM("TCPRcvCollapsed", LINUX_MIB_TCPRCVCOLLAPSED),
	SNMP_MIB_ITEM("TCPBacklogCoalesce", LINUX_MIB_TCPBACKLOGCOALESCE),
	SNMP_MIB_ITEM("TCPDSACKOldSent", LINUX_MIB_TCPDSACKOLDSENT),
	SNMP_MIB_ITEM("TCPDSACKOfoSent", LINUX_MIB_TCPDSACKOFOSENT),
	SNMP_MIB_ITEM("TCPDSACKRecv", LINUX_MIB_TCPDSACKRECV),
	SNMP_MIB_ITEM("TCPDSACKOfoRecv", LINUX_MIB_TCPDSACKOFORECV),
	SNMP_MIB_ITEM("TCPAbortOnData", LINUX_MIB_TCPABORTONDATA),
	SNMP_MIB_ITEM("TCPAbortOnClose", LINUX_MIB_TCPABORTONCLOSE),
	SNMP_MIB_ITEM("TCPAbortOnMemory", LINUX_MIB_TCPABORTONMEMORY),
	SNMP_MIB_ITEM("TCPAbortOnTimeout", LINUX_MIB_TCPABORTONTIMEOUT),
	SNMP_MIB_ITEM("TCPAbortOnLinger", LINUX_MIB_TCPABORTONLINGER),
	SNMP_MIB_ITEM("TCPAbortFailed", LINUX_MIB_TCPABORTFAILED),
	SNMP_MIB_ITEM("TCPMemoryPressures", LINUX_MIB_TCPMEMORYPRESSURES),
	SNMP_MIB_ITEM("TCPMemoryPressuresChrono",
		      LINUX_MIB_TCPMEMORYPRESSURESCHRONO),
	SNMP_MIB_ITEM("TCPSACKDiscard", LINUX_MIB_TCPSACKDISCARD),
	SNMP_MIB_ITEM("TCPDSACKIgnoredOld", LINUX_MIB_TCPDSACKIGNOREDOLD),
	SNMP_MIB_ITEM("TCPDSACKIgnoredNoUndo", LINUX_MIB_TCPDSACKIGNOREDNOUNDO),
	SNMP_MIB_ITEM("TCPSpuriousRTOs", LINUX_MIB_TCPSPURIOUSRTOS),
	SNMP_MIB_ITEM("TCPMD5NotFound", LINUX_MIB_TCPMD5NOTFOUND),
	SNMP_MIB_ITEM("TCPMD5Unexpected", LINUX_MIB_TCPMD5UNEXPECTED),
	SNMP_MIB_ITEM("TCPMD5Failure", LINUX_MIB_TCPMD5FAILURE),
	SNMP_MIB_ITEM("TCPSackShifted", LINUX_MIB_SACKSHIFTED),
	SNMP_MIB_ITEM("TCPSackMerged", LINUX_MIB_SACKMERGED),
	SNMP_MIB_ITEM("TCPSackShiftFallback", LINUX_MIB_SACKSHIFTFALLBACK),
	SNMP_MIB_ITEM("TCPBacklogDrop", LINUX_MIB_TCPBACKLOGDROP),
	SNMP_MIB_ITEM("PFMemallocDrop", LINUX_MIB_PFMEMALLOCDROP),
	SNMP_MIB_ITEM("TCPMinTTLDrop", LINUX_MIB_TCPMINTTLDROP),
	SNMP_MIB_ITEM("TCPDeferAcceptDrop", LINUX_MIB_TCPDEFERACCEPTDROP),
	SNMP_MIB_ITEM("IPReversePathFilter", LINUX_MIB_IPRPFILTER),
	SNMP_MIB_ITEM("TCPTimeWaitOverflow", LINUX_MIB_TCPTIMEWAITOVERFLOW),
	SNMP_MIB_ITEM("TCPReqQFullDoCookies", LINUX_MIB_TCPREQQFULLDOCOOKIES),
	SNMP_MIB_ITEM("TCPReqQFullDrop", LINUX_MIB_TCPREQQFULLDROP),
	SNMP_MIB_ITEM("TCPRetransFail", LINUX_MIB_TCPRETRANSFAIL),
	SNMP_MIB_ITEM("TCPRcvCoalesce", LINUX_MIB_TCPRCVCOALESCE),
	SNMP_MIB_ITEM("TCPOFOQueue", LINUX_MIB_TCPOFOQUEUE),
	SNMP_MIB_ITEM("TCPOFODrop", LINUX_MIB_TCPOFODROP),
	SNMP_MIB_ITEM("TCPOFOMerge", LINUX_MIB_TCPOFOMERGE),
	SNMP_MIB_ITEM("TCPChallengeACK", LINUX_MIB_TCPCHALLENGEACK),
	SNMP_MIB_ITEM("TCPSYNChallenge", LINUX_MIB_TCPSYNCHALLENGE),
	SNMP_MIB_ITEM("TCPFastOpenActive", LINUX_MIB_TCPFASTOPENACTIVE),
	SNMP_MIB_ITEM("TCPFastOpenActiveFail", LINUX_MIB_TCPFASTOPENACTIVEFAIL),
	SNMP_MIB_ITEM("TCPFastOpenPassive", LINUX_MIB_TCPFASTOPENPASSIVE),
	SNMP_MIB_ITEM("TCPFastOpenPassiveFail",
		      LINUX_MIB_TCPFASTOPENPASSIVEFAIL),
	SNMP_MIB_ITEM("TCPFastOpenListenOverflow",
		      LINUX_MIB_TCPFASTOPENLISTENOVERFLOW),
	SNMP_MIB_ITEM("TCPFastOpenCookieReqd", LINUX_MIB_TCPFASTOPENCOOKIEREQD),
	SNMP_MIB_ITEM("TCPFastOpenBlackhole", LINUX_MIB_TCPFASTOPENBLACKHOLE),
	SNMP_MIB_ITEM("TCPSpuriousRtxHostQueues",
		      LINUX_MIB_TCPSPURIOUS_RTX_HOSTQUEUES),
	SNMP_MIB_ITEM("BusyPollRxPackets", LINUX_MIB_BUSYPOLLRXPACKETS),
	SNMP_MIB_ITEM("TCPAutoCorking", LINUX_MIB_TCPAUTOCORKING),
	SNMP_MIB_ITEM("TCPFromZeroWindowAdv", LINUX_MIB_TCPFROMZEROWINDOWADV),
	SNMP_MIB_ITEM("TCPToZeroWindowAdv", LINUX_MIB_TCPTOZEROWINDOWADV),
	SNMP_MIB_ITEM("TCPWantZeroWindowAdv", LINUX_MIB_TCPWANTZEROWINDOWADV),
	SNMP_MIB_ITEM("TCPSynRetrans", LINUX_MIB_TCPSYNRETRANS),
	SNMP_MIB_ITEM("TCPOrigDataSent", LINUX_MIB_TCPORIGDATASENT),
	SNMP_MIB_ITEM("TCPHystartTrainDetect", LINUX_MIB_TCPHYSTARTTRAINDETECT),
	SNMP_MIB_ITEM("TCPHystartTrainCwnd", LINUX_MIB_TCPHYSTARTTRAINCWND),
	SNMP_MIB_ITEM("TCPHystartDelayDetect", LINUX_MIB_TCPHYSTARTDELAYDETECT),
	SNMP_MIB_ITEM("TCPHystartDelayCwnd", LINUX_MIB_TCPHYSTARTDELAYCWND),
	SNMP_MIB_ITEM("TCPACKSkippedSynRecv", LINUX_MIB_TCPACKSKIPPEDSYNRECV),
	SNMP_MIB_ITEM("TCPACKSkippedPAWS", LINUX_MIB_TCPACKSKIPPEDPAWS),
	SNMP_MIB_ITEM("TCPACKSkippedSeq", LINUX_MIB_TCPACKSKIPPEDSEQ),
	SNMP_MIB_ITEM("TCPACKSkippedFinWait2", LINUX_MIB_TCPACKSKIPPEDFINWAIT2),
	SNMP_MIB_ITEM("TCPACKSkippedTimeWait", LINUX_MIB_TCPACKSKIPPEDTIMEWAIT),
	SNMP_MIB_ITEM("TCPACKSkippedChallenge",
		      LINUX_MIB_TCPACKSKIPPEDCHALLENGE),
	SNMP_MIB_ITEM("TCPWinProbe", LINUX_MIB_TCPWINPROBE),
	SNMP_MIB_ITEM("TCPKeepAlive", LINUX_MIB_TCPKEEPALIVE),
	SNMP_MIB_ITEM("TCPMTUPFail", LINUX_MIB_TCPMTUPFAIL),
	SNMP_MIB_ITEM("TCPMTUPSuccess", LINUX_MIB_TCPMTUPSUCCESS),
	SNMP_MIB_ITEM("TCPDelivered", LINUX_MIB_TCPDELIVERED),
	SNMP_MIB_ITEM("TCPDeliveredCE", LINUX_MIB_TCPDELIVEREDCE),
	SNMP_MIB_ITEM("TCPAckCompressed", LINUX_MIB_TCPACKCOMPRESSED),
	SNMP_MIB_ITEM("TCPZeroWindowDrop", LINUX_MIB_TCPZEROWINDOWDROP),
	SNMP_MIB_ITEM("TCPRcvQDrop", LINUX_MIB_TCPRCVQDROP),
	SNMP_MIB_ITEM("TCPWqueueTooBig", LINUX_MIB_TCPWQUEUETOOBIG),
	SNMP_MIB_ITEM("TCPFastOpenPassiveAltKey",
		      LINUX_MIB_TCPFASTOPENPASSIVEALTKEY),
	SNMP_MIB_ITEM("TcpTimeoutRehash", LINUX_MIB_TCPTIMEOUTREHASH),
	SNMP_MIB_ITEM("TcpDuplicateDataRehash",
		      LINUX_MIB_TCPDUPLICATEDATAREHASH),
	SNMP_MIB_ITEM("TCPDSACKRecvSegs", LINUX_MIB_TCPDSACKRECVSEGS),
	SNMP_MIB_ITEM("TCPDSACKIgnoredDubious",
		      LINUX_MIB_TCPDSACKIGNOREDDUBIOUS),
	SNMP_MIB_ITEM("TCPMigrateReqSuccess", LINUX_MIB_TCPMIGRATEREQSUCCESS),
	SNMP_MIB_ITEM("TCPMigrateReqFailure", LINUX_MIB_TCPMIGRATEREQFAILURE),
	SNMP_MIB_ITEM("TCPPLBRehash", SNMP_MIB_UNCOUNTED),
	SNMP_MIB_ITEM("TCPAORequired", SNMP_MIB_UNCOUNTED),
	SNMP_MIB_ITEM("TCPAOBad", SNMP_MIB_UNCOUNTED),
	SNMP_MIB_ITEM("TCPAOKeyNotFound", SNMP_MIB_UNCOUNTED),
	SNMP_MIB_ITEM("TCPAOGood", SNMP_MIB_UNCOUNTED),
	SNMP_MIB_ITEM("TCPAODroppedIcmps", SNMP_MIB_UNCOUNTED),
	SNMP_MIB_SENTINEL
};

static const struct snmp_mib snmp4_ipextstats_list[] = {
	SNMP_MIB_ITEM("InNoRoutes", IPSTATS_MIB_INNOROUTES),
	SNMP_MIB_ITEM("InTruncatedPkts", IPSTATS_MIB_INTRUNCATEDPKTS),
	SNMP_MIB_ITEM("InMcastPkts", IPSTATS_MIB_INMCASTPKTS),
	SNMP_MIB_ITEM("OutMcastPkts", IPSTATS_MIB_OUTMCASTPKTS),
	SNMP_MIB_ITEM("InBcastPkts", IPSTATS_MIB_INBCASTPKTS),
	SNMP_MIB_ITEM("OutBcastPkts", IPSTATS_MIB_OUTBCASTPKTS),
	SNMP_MIB_ITEM("InOctets", IPSTATS_MIB_INOCTETS),
	SNMP_MIB_ITEM("OutOctets", IPSTATS_MIB_OUTOCTETS),
	SNMP_MIB_ITEM("InMcastOctets", IPSTATS_MIB_INMCASTOCTETS),
	SNMP_MIB_ITEM("OutMcastOctets", IPSTATS_MIB_OUTMCASTOCTETS),
	SNMP_MIB_ITEM("InBcastOctets", IPSTATS_MIB_INBCASTOCTETS),
	SNMP_MIB_ITEM("OutBcastOctets", IPSTATS_MIB_OUTBCASTOCTETS),
	SNMP_MIB_ITEM("InCsumErrors", IPSTATS_MIB_CSUMERRORS),
	SNMP_MIB_ITEM("InNoECTPkts", IPSTATS_MIB_NOECTPKTS),
	SNMP_MIB_ITEM("InECT1Pkts", IPSTATS_MIB_ECT1PKTS),
	SNMP_MIB_ITEM("InECT0Pkts", IPSTATS_MIB_ECT0PKTS),
	SNMP_MIB_ITEM("InCEPkts", IPSTATS_MIB_CEPKTS),
	SNMP_MIB_ITEM("ReasmOverlaps", IPSTATS_MIB_REASM_OVERLAPS),
	SNMP_MIB_SENTINEL
};

/*
 * MPTcpExt: tuxnet has no MPTCP; Linux 6.18 prints these names and zeros
 * until a namespace's first MPTCP socket, which is what tuxnet always
 * shows.
 */
static const char *const mptcp_names[] = {
	"MPCapableSYNRX",
	"MPCapableSYNTX",
	"MPCapableSYNACKRX",
	"MPCapableACKRX",
	"MPCapableFallbackACK",
	"MPCapableFallbackSYNACK",
	"MPCapableSYNTXDrop",
	"MPCapableSYNTXDisabled",
	"MPCapableEndpAttempt",
	"MPFallbackTokenInit",
	"MPTCPRetrans",
	"MPJoinNoTokenFound",
	"MPJoinSynRx",
	"MPJoinSynBackupRx",
	"MPJoinSynAckRx",
	"MPJoinSynAckBackupRx",
	"MPJoinSynAckHMacFailure",
	"MPJoinAckRx",
	"MPJoinAckHMacFailure",
	"MPJoinRejected",
	"MPJoinSynTx",
	"MPJoinSynTxCreatSkErr",
	"MPJoinSynTxBindErr",
	"MPJoinSynTxConnectErr",
	"DSSNotMatching",
	"DSSCorruptionFallback",
	"DSSCorruptionReset",
	"InfiniteMapTx",
	"InfiniteMapRx",
	"DSSNoMatchTCP",
	"DataCsumErr",
	"OFOQueueTail",
	"OFOQueue",
	"OFOMerge",
	"NoDSSInWindow",
	"DuplicateData",
	"AddAddr",
	"AddAddrTx",
	"AddAddrTxDrop",
	"EchoAdd",
	"EchoAddTx",
	"EchoAddTxDrop",
	"PortAdd",
	"AddAddrDrop",
	"MPJoinPortSynRx",
	"MPJoinPortSynAckRx",
	"MPJoinPortAckRx",
	"MismatchPortSynRx",
	"MismatchPortAckRx",
	"RmAddr",
	"RmAddrDrop",
	"RmAddrTx",
	"RmAddrTxDrop",
	"RmSubflow",
	"MPPrioTx",
	"MPPrioRx",
	"MPFailTx",
	"MPFailRx",
	"MPFastcloseTx",
	"MPFastcloseRx",
	"MPRstTx",
	"MPRstRx",
	"SubflowStale",
	"SubflowRecover",
	"SndWndShared",
	"RcvWndShared",
	"RcvWndConflictUpdate",
	"RcvWndConflict",
	"MPCurrEstab",
	"Blackhole",
	"MPCapableDataFallback",
	"MD5SigFallback",
	"DssFallback",
	"SimultConnectFallback",
	"FallbackFailed",
	"WinProbe",
	NULL,
};

/* ---- /proc/net/snmp ---- */

static void snmp_seq_show_ipstats(struct seq_file *seq, struct net *net)
{
	const struct ipstats_mib *ip = net->ipv4.ip_statistics;
	int forwarding = 0, i;

	if (net->ipv4.devconf_all)
		forwarding = IPV4_DEVCONF_ALL(net, FORWARDING);
	seq_puts(seq, "Ip: Forwarding DefaultTTL");
	for (i = 0; snmp4_ipstats_list[i].name; i++)
		seq_printf(seq, " %s", snmp4_ipstats_list[i].name);
	seq_printf(seq, "\nIp: %d %d", forwarding ? 1 : 2,
		   net->ipv4.sysctl_ip_default_ttl);
	for (i = 0; snmp4_ipstats_list[i].name; i++)
		seq_printf(seq, " %llu",
			   (unsigned long long)
				   ip->mibs[snmp4_ipstats_list[i].entry]);
}

static void icmp_put(struct seq_file *seq, struct net *net)
{
	const unsigned long *icmp = net->ipv4.icmp_statistics->mibs;
	const unsigned long *msg = net->ipv4.icmpmsg_statistics->mibs;
	int i;

	seq_puts(seq, "\nIcmp: InMsgs InErrors InCsumErrors");
	for (i = 0; icmpmibmap[i].name; i++)
		seq_printf(seq, " In%s", icmpmibmap[i].name);
	seq_puts(seq, " OutMsgs OutErrors OutRateLimitGlobal OutRateLimitHost");
	for (i = 0; icmpmibmap[i].name; i++)
		seq_printf(seq, " Out%s", icmpmibmap[i].name);
	seq_printf(seq, "\nIcmp: %lu %lu %lu", icmp[ICMP_MIB_INMSGS],
		   icmp[ICMP_MIB_INERRORS], icmp[ICMP_MIB_CSUMERRORS]);
	for (i = 0; icmpmibmap[i].name; i++)
		seq_printf(seq, " %lu", msg[icmpmibmap[i].index]);
	seq_printf(seq, " %lu %lu %lu %lu", icmp[ICMP_MIB_OUTMSGS],
		   icmp[ICMP_MIB_OUTERRORS], icmp[ICMP_MIB_RATELIMITGLOBAL],
		   icmp[ICMP_MIB_RATELIMITHOST]);
	for (i = 0; icmpmibmap[i].name; i++)
		seq_printf(seq, " %lu", msg[icmpmibmap[i].index | 0x100]);
}

#define PERLINE 16

static void icmpmsg_put_line(struct seq_file *seq, const unsigned long *vals,
			     const unsigned short *type, int count)
{
	int j;

	if (!count)
		return;
	seq_puts(seq, "\nIcmpMsg:");
	for (j = 0; j < count; ++j)
		seq_printf(seq, " %sType%u", type[j] & 0x100 ? "Out" : "In",
			   type[j] & 0xff);
	seq_puts(seq, "\nIcmpMsg:");
	for (j = 0; j < count; ++j)
		seq_printf(seq, " %lu", vals[j]);
}

/* IcmpMsg: every type seen, in or out, sixteen to a pair of lines. */
static void icmpmsg_put(struct seq_file *seq, struct net *net)
{
	const unsigned long *msg = net->ipv4.icmpmsg_statistics->mibs;
	unsigned short type[PERLINE];
	unsigned long vals[PERLINE];
	int i, count = 0;

	for (i = 0; i < ICMPMSG_MIB_MAX; i++) {
		if (msg[i]) {
			type[count] = (unsigned short)i;
			vals[count++] = msg[i];
		}
		if (count == PERLINE) {
			icmpmsg_put_line(seq, vals, type, count);
			count = 0;
		}
	}
	icmpmsg_put_line(seq, vals, type, count);
}

static void snmp_seq_show_tcp_udp(struct seq_file *seq, struct net *net)
{
	const unsigned long *tcp = net->ipv4.tcp_statistics->mibs;
	const unsigned long *udp = net->ipv4.udp_statistics->mibs;
	int i;

	seq_puts(seq, "\nTcp:");
	for (i = 0; snmp4_tcp_list[i].name; i++)
		seq_printf(seq, " %s", snmp4_tcp_list[i].name);
	seq_puts(seq, "\nTcp:");
	for (i = 0; snmp4_tcp_list[i].name; i++) {
		unsigned long v = tcp[snmp4_tcp_list[i].entry];

		if (snmp4_tcp_list[i].entry == TCP_MIB_MAXCONN)
			seq_printf(seq, " %ld", (long)v);
		else
			seq_printf(seq, " %lu", v);
	}
	seq_puts(seq, "\nUdp:");
	for (i = 0; snmp4_udp_list[i].name; i++)
		seq_printf(seq, " %s", snmp4_udp_list[i].name);
	seq_puts(seq, "\nUdp:");
	for (i = 0; snmp4_udp_list[i].name; i++)
		seq_printf(seq, " %lu", udp[snmp4_udp_list[i].entry]);
	/* UDP-Lite has the same MIB; tuxnet has no UDP-Lite: all zero. */
	seq_puts(seq, "\nUdpLite:");
	for (i = 0; snmp4_udp_list[i].name; i++)
		seq_printf(seq, " %s", snmp4_udp_list[i].name);
	seq_puts(seq, "\nUdpLite:");
	for (i = 0; snmp4_udp_list[i].name; i++)
		seq_puts(seq, " 0");
	seq_putc(seq, '\n');
}

static int snmp_seq_show(struct seq_file *seq, void *v)
{
	struct net *net = seq_file_net(seq);

	(void)v;
	if (!net->ipv4.ip_statistics)
		return 0;
	snmp_seq_show_ipstats(seq, net);
	icmp_put(seq, net);
	icmpmsg_put(seq, net);
	snmp_seq_show_tcp_udp(seq, net);
	return 0;
}

/* ---- /proc/net/netstat ---- */

static int netstat_seq_show(struct seq_file *seq, void *v)
{
	struct net *net = seq_file_net(seq);
	const struct ipstats_mib *ip = net->ipv4.ip_statistics;
	const struct linux_mib *lm = net->ipv4.net_statistics;
	int i;

	(void)v;
	if (!ip || !lm)
		return 0;
	seq_puts(seq, "TcpExt:");
	for (i = 0; snmp4_net_list[i].name; i++)
		seq_printf(seq, " %s", snmp4_net_list[i].name);
	seq_puts(seq, "\nTcpExt:");
	for (i = 0; snmp4_net_list[i].name; i++)
		seq_printf(seq, " %lu",
			   snmp4_net_list[i].entry == SNMP_MIB_UNCOUNTED
				   ? 0UL
				   : lm->mibs[snmp4_net_list[i].entry]);
	seq_puts(seq, "\nIpExt:");
	for (i = 0; snmp4_ipextstats_list[i].name; i++)
		seq_printf(seq, " %s", snmp4_ipextstats_list[i].name);
	seq_puts(seq, "\nIpExt:");
	for (i = 0; snmp4_ipextstats_list[i].name; i++)
		seq_printf(seq, " %llu",
			   (unsigned long long)
				   ip->mibs[snmp4_ipextstats_list[i].entry]);
	seq_puts(seq, "\nMPTcpExt:");
	for (i = 0; mptcp_names[i]; i++)
		seq_printf(seq, " %s", mptcp_names[i]);
	seq_puts(seq, "\nMPTcpExt:");
	for (i = 0; mptcp_names[i]; i++)
		seq_puts(seq, " 0");
	seq_putc(seq, '\n');
	return 0;
}

/* ---- per-namespace counters ---- */

static void ipv4_mib_exit_net(struct net *net)
{
	kfree(net->ipv4.ip_statistics);
	kfree(net->ipv4.icmp_statistics);
	kfree(net->ipv4.icmpmsg_statistics);
	kfree(net->ipv4.udp_statistics);
	kfree(net->ipv4.net_statistics);
	kfree(net->ipv4.tcp_statistics);
	net->ipv4.ip_statistics = NULL;
	net->ipv4.icmp_statistics = NULL;
	net->ipv4.icmpmsg_statistics = NULL;
	net->ipv4.udp_statistics = NULL;
	net->ipv4.net_statistics = NULL;
	net->ipv4.tcp_statistics = NULL;
}

static int ipv4_mib_init_net(struct net *net)
{
	struct netns_ipv4 *v4 = &net->ipv4;

	v4->ip_statistics = kzalloc(sizeof(*v4->ip_statistics), GFP_KERNEL);
	v4->icmp_statistics = kzalloc(sizeof(*v4->icmp_statistics), GFP_KERNEL);
	v4->icmpmsg_statistics =
		kzalloc(sizeof(*v4->icmpmsg_statistics), GFP_KERNEL);
	v4->udp_statistics = kzalloc(sizeof(*v4->udp_statistics), GFP_KERNEL);
	v4->net_statistics = kzalloc(sizeof(*v4->net_statistics), GFP_KERNEL);
	v4->tcp_statistics = kzalloc(sizeof(*v4->tcp_statistics), GFP_KERNEL);
	if (!v4->ip_statistics || !v4->icmp_statistics ||
	    !v4->icmpmsg_statistics || !v4->udp_statistics ||
	    !v4->net_statistics || !v4->tcp_statistics) {
		ipv4_mib_exit_net(net);
		return -ENOMEM;
	}
	/* The constants of RFC 2012's tcp group (Linux's tcp_mib_init). */
	v4->tcp_statistics->mibs[TCP_MIB_RTOALGORITHM] = 1;
	v4->tcp_statistics->mibs[TCP_MIB_RTOMIN] = 200;
	v4->tcp_statistics->mibs[TCP_MIB_RTOMAX] = 120000;
	v4->tcp_statistics->mibs[TCP_MIB_MAXCONN] = (unsigned long)-1L;
	return 0;
}

static struct pernet_operations ipv4_mib_ops = {
	.init = ipv4_mib_init_net,
	.exit = ipv4_mib_exit_net,
};

/* Hashed sockets of a UDP or raw table. */
static int sockstat_count(struct hlist_head *heads, unsigned int n,
			  size_t stride)
{
	unsigned int i;
	int inuse = 0;

	for (i = 0; i < n; i++) {
		struct hlist_head *head =
			(struct hlist_head *)((char *)heads + i * stride);
		struct sock *sk;

		hlist_for_each_entry(sk, head, sk_node)
			inuse++;
	}
	return inuse;
}

/*
 * The TCP line's figures, as Linux counts them: inuse the full socks in
 * the tables (listeners and connections, not TIME-WAIT or request
 * socks), tw the TIME-WAIT socks, orphan the stack's orphans.  alloc
 * counts the socks in the tables (Linux also counts those not hashed
 * yet).
 */
static void sockstat_tcp(struct net *net, int *inuse, int *tw)
{
	struct inet_hashinfo *h = net->ipv4.tcp_hashinfo;
	struct sock_common *skc;
	unsigned int b;

	*inuse = 0;
	*tw = 0;
	if (!h)
		return;
	/* the tables are the stack's: this namespace's socks only */
	for (b = 0; b <= h->lhash_mask; b++)
		hlist_for_each_entry(skc, &h->lhash[b], skc_node)
			if (net_eq(skc->skc_net, net))
				(*inuse)++;
	for (b = 0; b <= h->ehash_mask && net->ipv4.tcp_ehash_count; b++) {
		hlist_for_each_entry(skc, &h->ehash[b], skc_node) {
			if (!net_eq(skc->skc_net, net))
				continue;
			if (skc->skc_state == TCP_TIME_WAIT)
				(*tw)++;
			else if (skc->skc_state != TCP_NEW_SYN_RECV)
				(*inuse)++;
		}
	}
}

/* a protocol's pages as /proc/net/sockstat shows them (Linux's
 * proto_memory_allocated: what the limits see, never below 0) */
static long sockstat_mem(const struct proto_mem *m)
{
	return m->allocated > 0 ? m->allocated : 0;
}

/*
 * /proc/net/sockstat, Linux's lines (`ss -s` reads them).  TCP's and
 * UDP's mem are the stack's pools (struct proto_mem), the same in every
 * namespace, as Linux's are the machine's.
 */
static int sockstat_seq_show(struct seq_file *seq, void *v)
{
	struct net *net = seq_file_net(seq);
	struct udp_table *udp = net->ipv4.udp_table;
	struct raw_hashinfo *raw = net->ipv4.raw_hash;
	struct inet_stack *is = inet_stack(net->st);
	unsigned int frags;
	long frag_mem;
	int udp_inuse = 0, raw_inuse = 0, tcp_inuse, tcp_tw;

	(void)v;
	if (udp)
		udp_inuse = sockstat_count(&udp->hash[0].head, udp->mask + 1,
					   sizeof(udp->hash[0]));
	if (raw)
		raw_inuse = sockstat_count(raw->ht, RAW_HTABLE_SIZE,
					   sizeof(raw->ht[0]));
	sockstat_tcp(net, &tcp_inuse, &tcp_tw);
	ip_frag_stats(net, &frags, &frag_mem);
	seq_printf(seq, "sockets: used %d\n", net->core.sock_inuse);
	seq_printf(seq, "TCP: inuse %d orphan %d tw %d alloc %d mem %ld\n",
		   tcp_inuse, tcp_orphan_count(net->st), tcp_tw, tcp_inuse,
		   sockstat_mem(&is->tcp_memory));
	seq_printf(seq, "UDP: inuse %d mem %ld\n", udp_inuse,
		   sockstat_mem(&is->udp_memory));
	seq_printf(seq, "UDPLITE: inuse %d\n", 0);
	seq_printf(seq, "RAW: inuse %d\n", raw_inuse);
	seq_printf(seq, "FRAG: inuse %u memory %ld\n", frags, frag_mem);
	return 0;
}

int ipv4_mib_init(struct tn_stack *st)
{
	int err;

	(void)st;
	err = register_pernet_subsys(&ipv4_mib_ops);
	if (err)
		return err;
	err = proc_create_net_single("snmp", 0444, snmp_seq_show);
	if (!err)
		err = proc_create_net_single("netstat", 0444, netstat_seq_show);
	if (!err)
		err = proc_create_net_single("sockstat", 0444,
					     sockstat_seq_show);
	if (err)
		ipv4_mib_exit(st);
	return err;
}

void ipv4_mib_exit(struct tn_stack *st)
{
	(void)st;
	remove_proc_entry("sockstat", NULL);
	remove_proc_entry("netstat", NULL);
	remove_proc_entry("snmp", NULL);
	unregister_pernet_subsys(&ipv4_mib_ops);
}

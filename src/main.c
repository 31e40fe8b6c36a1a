/* \summary: vcflow: classify video-conferencing flows in captures */
/*
 * The pipeline, top to bottom: capture -> decode -> flow table ->
 * recognisers and signatures -> labels -> output.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <netinet/in.h>
#include <pcap/pcap.h>
#include <grp.h>
#include <poll.h>
#include <pthread.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "vcflow-version.h"
#include "vcflow/call.h"
#include "vcflow/capture.h"
#include "vcflow/outfile.h"
#include "vcflow/save.h"
#include "vcflow/classify.h"
#include "vcflow/decode.h"
#include "vcflow/diagnose.h"
#include "vcflow/flow.h"
#include "vcflow/fnv.h"
#include "vcflow/lanes.h"
#include "vcflow/output.h"
#include "vcflow/pipeline.h"
#include "vcflow/report.h"
#include "vcflow/sha1.h"
#include "vcflow/sig.h"
#include "vcflow/sip.h"
#include "vcflow/text.h"
#include "vcflow/workers.h"

#define EXIT_RUNTIME 1
#define EXIT_USAGE 2
#define EXIT_FINDING 3 /* diagnose --fail-on: a finding that bad was made */

#define US_PER_SEC 1000000ULL
#define ERRLEN 1024
#define MAX_SIG_PATHS 64
#define MAX_PRODUCTS 64
/* Offline defaults: long enough that a SIP registration refresh or a RAS
 * keepalive minutes apart stays one flow. */
#define DEFAULT_UDP_TIMEOUT_S 600
#define DEFAULT_TCP_TIMEOUT_S 3600
#define DEFAULT_OTHER_TIMEOUT_S 600
#define CLOSED_LINGER_S 5
#define DEFAULT_MAX_FLOWS 1000000
#define PROGRESS_INTERVAL_S 1
/* Live: a long call's media is written every so often, as NetFlow does. */
#define DEFAULT_LIVE_ACTIVE_TIMEOUT_S 1800
/* A span port's second copy of a packet comes within microseconds. */
#define DEDUP_WINDOW_US 2000
#define DEDUP_SLOTS 4096
#define BYTES_PER_MB 1000000UL
/* Live: the longest a quiet link leaves the read loop asleep (idle
 * flows, --duration): as long as the ring may hold a frame back. */
#define LIVE_WAIT_MS 100
/* Live: a ring of 128 blocks of 256 KiB, which holds some 70,000 frames
 * of a site's mix, and flows for a small monitoring host. */
#define DEFAULT_LIVE_BUFFER_KIB (32 * 1024)
#define DEFAULT_LIVE_MAX_FLOWS 100000

/* Set by the signal handlers; the only state outside main's run.
 * stop_requested counts the signals that end the run. */
static volatile sig_atomic_t stop_requested;
static volatile sig_atomic_t stats_requested;
static volatile sig_atomic_t reopen_requested;
/* SIGHUP reopens the -o and -w files (log rotation) when there are any,
 * and otherwise ends the run as SIGTERM does. */
static volatile sig_atomic_t hup_reopens;

struct options {
	struct capture_opts cap;
	enum output_format format;
	const char *sig_paths[MAX_SIG_PATHS];
	size_t n_sig_paths;
	bool no_default_sigs;
	bool list_sigs;
	bool version; /* -V */
	const char *check_sigs;
	const char *products[MAX_PRODUCTS];
	size_t n_products;
	bool unexpected_only;
	const char *call_filter; /* --call ID */
	bool all_rows; /* -v, --all-rows */
	const char *save_unexpected;
	const char *write_file;
	const char *out_file; /* -o: the records, else standard output */
	const char *sensor;   /* --sensor, else the host name */
	long count; /* -c */
	uint64_t udp_timeout_us, tcp_timeout_us, other_timeout_us;
	size_t max_flows;
	bool max_flows_set;
	uint64_t active_timeout_us; /* 0: offline default, never */
	bool active_set;
	const char *drop_user; /* -Z */
	bool dedup;
	bool diagnose; /* the diagnose subcommand */
	bool report;   /* the report subcommand: diagnose, with -o the page */
	bool quiet;    /* -q: text output is only the summary lines */
	struct diag_options diag;
	int fail_on;   /* severity, or -1 */
	uint64_t duration_us;		/* --duration; 0 = until stopped */
	unsigned long rotate_mb;	/* -C */
	unsigned long rotate_secs;	/* -G */
	unsigned workers;		/* --workers; 0: one, no threads */
	bool fanout;			/* --fanout: a socket a worker */
};


/* Recent frames' hashes, to drop a span port's duplicate copies. */
struct dedup {
	uint64_t hash[DEDUP_SLOTS];
	uint64_t ts[DEDUP_SLOTS];
};

struct run {
	struct call_table *calls; /* calls assembled for their records */
	const struct options *opt;
	struct capture *cap; /* the -r files or the -i interface */
	pcap_t *pcap;	     /* capture_pcap(): owned by cap */
	struct lanes lanes;  /* decode -> flows -> recognisers, a thread each */
	struct run_sinks sinks; /* what the lanes' flows tell */
	/* --fanout: frames the lanes read, and whether they are to stop
	 * (the input ended or failed, -c, --duration) */
	_Atomic uint64_t fanout_read;
	_Atomic bool fanout_stop, fanout_failed;
	uint64_t started_us;
	pthread_mutex_t writer_lock; /* --fanout: the -w file, one at a time */
	pcap_dumper_t *writer;
	unsigned writer_index;	/* -C/-G: files written so far */
	char writer_name[PATH_MAX];
	uint64_t writer_opened_us;
	struct dedup *dedup;
	struct sig_set sigs;
	struct output *out;
	FILE *records; /* where the records go: the -o file or stdout */
	struct run_stats stats;
	struct saver *saver; /* --save-unexpected */
	struct diagnosis *diagnosis; /* diagnose only */
	char sensor[JSON_SENSOR_MAX]; /* --sensor, else the host name */
	int worst;		     /* worst severity found, or -1 */
};

static void usage(FILE *out)
{
	fputs("usage: vcflow -r FILE [options] [BPF expression]\n"
	      "       vcflow -i IFACE [options] [BPF expression]\n"
	      "       vcflow diagnose -r FILE | -i IFACE [options] "
	      "[--fail-on SEVERITY] [--home-net CIDR] [--ladder]\n"
	      "       vcflow report -r FILE | -i IFACE [options] -o REPORT.html\n"
	      "       vcflow -D | --list-signatures | --check-signatures PATH\n"
	      "\n"
	      "  -r FILE                 read a pcap or pcapng file ('-' for "
	      "stdin)\n"
	      "  -i IFACE                capture live on an interface\n"
	      "  -F text|json|csv        output format (text)\n"
	      "  -q                      text: print only the summary lines\n"
	      "  -o FILE                 append the records to FILE, not "
	      "standard output\n"
	      "                          (SIGHUP reopens it: log rotation)\n"
	      "  --sensor NAME           the sensor every JSON record names "
	      "(the host name)\n"
	      "  -S, --signatures PATH   add a signature file or folder "
	      "(repeatable)\n"
	      "  --no-default-signatures load only the -S signatures\n"
	      "  --product PATTERN       only these products are deployed "
	      "(glob, repeatable)\n"
	      "  --unexpected            show only flows no table expects\n"
	      "  --call ID               show only this call's flows and record\n"
	      "  -v, --verbose, --all-rows\n"
	      "                          list every table row that allows a "
	      "flow\n"
	      "  --save-unexpected FILE  write the packets of flagged flows to "
	      "a pcap\n"
	      "  -w FILE                 write every packet read to a pcap\n"
	      "  -s SNAPLEN              snapshot length (live)\n"
	      "  -p                      don't put the interface in promiscuous "
	      "mode\n"
	      "  -B KIB                  kernel buffer size in KiB (live; 32768)\n"
	      "  -c COUNT                stop after COUNT packets\n"
	      "  -D                      list interfaces\n"
	      "  -Z USER                 drop root privileges after opening "
	      "the interface\n"
	      "  --udp-timeout SECS      idle timeout of UDP flows (600)\n"
	      "  --tcp-timeout SECS      idle timeout of TCP flows (3600)\n"
	      "  --other-timeout SECS    idle timeout of other flows (600)\n"
	      "  --max-flows N           live flows kept at most (100000 live, "
	      "1000000 from a file)\n"
	      "  --active-timeout SECS   write long flows in pieces this long "
	      "(live: 1800)\n"
	      "  --dedup                 drop a span port's duplicate copies of "
	      "a packet\n"
	      "  --duration SECS         stop capturing after SECS seconds\n"
	      "  --workers N|auto        split the flows across N threads "
	      "(auto: one a core)\n"
	      "  --fanout                live, with --workers: a socket a "
	      "worker, the kernel\n"
	      "                          sharing the flows (not for tunnelled "
	      "traffic)\n"
	      "  -C MB                   with -w: start a new file every MB "
	      "megabytes\n"
	      "  -G SECS                 with -w: start a new file every SECS "
	      "seconds\n"
	      "  --list-signatures       print every rule loaded and exit\n"
	      "  --check-signatures PATH validate signature files and exit\n"
	      "  -h, --help              this help\n"
	      "  -V, --version           print the version\n"
	      "\ndiagnose only:\n"
	      "  --fail-on SEVERITY      exit 3 when a finding this bad or "
	      "worse is made\n"
	      "                          (info, warning, error, critical)\n"
	      "  --home-net CIDR         addresses that are inside "
	      "(repeatable)\n"
	      "  --ladder                draw each SIP call as a sequence "
	      "diagram\n"
	      "  --nft-family F, --nft-table T, --nft-chain C\n"
	      "                          where suggested rules go (inet filter "
	      "forward)\n",
	      out);
}

static int usage_error(const char *fmt, const char *arg)
{
	fputs("vcflow: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs(" (vcflow --help lists the options)\n", stderr);
	return EXIT_USAGE;
}

static bool parse_ulong(const char *s, unsigned long max, unsigned long *v)
{
	char *end;

	if (!s || !*s || *s == '-')
		return false;
	errno = 0;
	*v = strtoul(s, &end, 10);
	return !*end && !errno && *v <= max;
}

enum long_only {
	OPT_NO_DEFAULT_SIGS = 256,
	OPT_LIST_SIGS,
	OPT_CHECK_SIGS,
	OPT_PRODUCT,
	OPT_UNEXPECTED,
	OPT_SAVE_UNEXPECTED,
	OPT_UDP_TIMEOUT,
	OPT_TCP_TIMEOUT,
	OPT_OTHER_TIMEOUT,
	OPT_MAX_FLOWS,
	OPT_ACTIVE_TIMEOUT,
	OPT_DEDUP,
	OPT_DURATION,
	OPT_FAIL_ON,
	OPT_HOME_NET,
	OPT_LADDER,
	OPT_NFT_FAMILY,
	OPT_NFT_TABLE,
	OPT_NFT_CHAIN,
	OPT_ALL_ROWS,
	OPT_CALL,
	OPT_SENSOR,
	OPT_WORKERS,
	OPT_FANOUT,
};

static const struct option long_options[] = {
	{ "signatures", required_argument, NULL, 'S' },
	{ "no-default-signatures", no_argument, NULL, OPT_NO_DEFAULT_SIGS },
	{ "list-signatures", no_argument, NULL, OPT_LIST_SIGS },
	{ "check-signatures", required_argument, NULL, OPT_CHECK_SIGS },
	{ "product", required_argument, NULL, OPT_PRODUCT },
	{ "unexpected", no_argument, NULL, OPT_UNEXPECTED },
	{ "save-unexpected", required_argument, NULL, OPT_SAVE_UNEXPECTED },
	{ "udp-timeout", required_argument, NULL, OPT_UDP_TIMEOUT },
	{ "tcp-timeout", required_argument, NULL, OPT_TCP_TIMEOUT },
	{ "other-timeout", required_argument, NULL, OPT_OTHER_TIMEOUT },
	{ "max-flows", required_argument, NULL, OPT_MAX_FLOWS },
	{ "active-timeout", required_argument, NULL, OPT_ACTIVE_TIMEOUT },
	{ "dedup", no_argument, NULL, OPT_DEDUP },
	{ "duration", required_argument, NULL, OPT_DURATION },
	{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
	{ "home-net", required_argument, NULL, OPT_HOME_NET },
	{ "ladder", no_argument, NULL, OPT_LADDER },
	{ "nft-family", required_argument, NULL, OPT_NFT_FAMILY },
	{ "nft-table", required_argument, NULL, OPT_NFT_TABLE },
	{ "nft-chain", required_argument, NULL, OPT_NFT_CHAIN },
	{ "all-rows", no_argument, NULL, OPT_ALL_ROWS },
	{ "call", required_argument, NULL, OPT_CALL },
	{ "sensor", required_argument, NULL, OPT_SENSOR },
	{ "workers", required_argument, NULL, OPT_WORKERS },
	{ "fanout", no_argument, NULL, OPT_FANOUT },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static int parse_timeout(const char *arg, const char *what, uint64_t *us)
{
	unsigned long v;

	if (!parse_ulong(arg, 365UL * 24 * 3600, &v) || v == 0)
		return usage_error(what, arg);
	*us = (uint64_t)v * US_PER_SEC;
	return 0;
}

/* Joins the words after the options into one BPF expression. */
static char *join_words(int argc, char **argv)
{
	size_t len = 1;
	char *s;

	for (int i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	s = calloc(1, len);
	if (!s)
		return NULL;
	for (int i = 0; i < argc; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, argv[i]);
	}
	return s;
}

/* Whether writing `out` would overwrite `in`, or a file inside the folder
 * `in` (the run reads every capture there). */
static bool writes_over(const char *out, const char *in)
{
	struct stat so, si;
	char *dir, *copy;
	bool same;

	if (stat(in, &si) != 0)
		return false;
	if (stat(out, &so) == 0 && so.st_dev == si.st_dev &&
	    so.st_ino == si.st_ino)
		return true;
	if (!S_ISDIR(si.st_mode) || !(copy = strdup(out)))
		return false;
	dir = dirname(copy);
	same = stat(dir, &so) == 0 && so.st_dev == si.st_dev &&
	       so.st_ino == si.st_ino;
	free(copy);
	return same;
}

/* Standard input at most once; no output written over an input.  Returns
 * -1 to go on, or an exit status. */
static int check_inputs(const struct options *o)
{
	const char *outs[] = { o->write_file, o->save_unexpected, o->out_file };
	bool stdin_seen = false;

	for (size_t i = 0; i < o->cap.n_files; i++) {
		const char *f = o->cap.files[i];
		if (!strcmp(f, "-")) {
			if (stdin_seen)
				return usage_error("%s", "-r - (standard input) "
							 "given twice");
			stdin_seen = true;
			continue;
		}
		for (size_t k = 0; k < sizeof outs / sizeof *outs; k++)
			if (outs[k] && writes_over(outs[k], f))
				return usage_error("%s: an output would "
						   "overwrite an input",
						   outs[k]);
	}
	return -1;
}

/* Returns -1 to go on, or an exit status. */
static int parse_options(int argc, char **argv, struct options *o,
			 bool *list_ifaces)
{
	int c;
	unsigned long v;

	o->cap.promisc = true;
	o->udp_timeout_us = DEFAULT_UDP_TIMEOUT_S * US_PER_SEC;
	o->tcp_timeout_us = DEFAULT_TCP_TIMEOUT_S * US_PER_SEC;
	o->other_timeout_us = DEFAULT_OTHER_TIMEOUT_S * US_PER_SEC;
	o->max_flows = DEFAULT_MAX_FLOWS;
	o->count = -1;
	opterr = 0; /* our own one-line messages */
	while ((c = getopt_long(argc, argv, "+:r:i:F:S:w:o:s:pqvB:c:DZ:C:G:hV",
				long_options, NULL)) != -1) {
		int rc = 0;
		switch (c) {
		case 'r':
			if (!*optarg)
				return usage_error("%s", "-r needs a file name");
			if (o->cap.n_files == CAPTURE_MAX_FILES)
				return usage_error("too many -r (%s)", optarg);
			o->cap.files[o->cap.n_files++] = optarg;
			break;
		case 'i':
			o->cap.iface = optarg;
			break;
		case 'F':
			if (!strcmp(optarg, "text"))
				o->format = OUT_TEXT;
			else if (!strcmp(optarg, "json"))
				o->format = OUT_JSON;
			else if (!strcmp(optarg, "csv"))
				o->format = OUT_CSV;
			else
				return usage_error("unknown output format "
						   "'%s' (text, json or csv)",
						   optarg);
			break;
		case 'S':
			if (o->n_sig_paths == MAX_SIG_PATHS)
				return usage_error("too many -S (%s)", optarg);
			o->sig_paths[o->n_sig_paths++] = optarg;
			break;
		case 'w':
			o->write_file = optarg;
			break;
		case 'o':
			o->out_file = optarg;
			break;
		case OPT_SENSOR:
			if (!*optarg)
				return usage_error("%s", "--sensor needs a "
							 "name");
			o->sensor = optarg;
			break;
		case 's':
			if (!parse_ulong(optarg, 262144, &v))
				return usage_error("bad snapshot length '%s'",
						   optarg);
			o->cap.snaplen = (int)v;
			break;
		case 'p':
			o->cap.promisc = false;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'v':
		case OPT_ALL_ROWS:
			o->all_rows = true;
			break;
		case 'B':
			if (!parse_ulong(optarg, INT_MAX / 1024, &v) || !v)
				return usage_error("bad buffer size '%s'",
						   optarg);
			o->cap.buffer_kib = (int)v;
			break;
		case 'c':
			if (!parse_ulong(optarg, LONG_MAX, &v) || !v)
				return usage_error("bad count '%s'", optarg);
			o->count = (long)v;
			break;
		case 'D':
			*list_ifaces = true;
			break;
		case 'Z':
			o->drop_user = optarg;
			break;
		case OPT_NO_DEFAULT_SIGS:
			o->no_default_sigs = true;
			break;
		case OPT_LIST_SIGS:
			o->list_sigs = true;
			break;
		case OPT_CHECK_SIGS:
			o->check_sigs = optarg;
			break;
		case OPT_PRODUCT:
			if (o->n_products == MAX_PRODUCTS)
				return usage_error("too many --product (%s)",
						   optarg);
			o->products[o->n_products++] = optarg;
			break;
		case OPT_UNEXPECTED:
			o->unexpected_only = true;
			break;
		case OPT_CALL:
			o->call_filter = optarg;
			break;
		case OPT_SAVE_UNEXPECTED:
			o->save_unexpected = optarg;
			break;
		case OPT_UDP_TIMEOUT:
			rc = parse_timeout(optarg, "bad --udp-timeout '%s'",
					   &o->udp_timeout_us);
			break;
		case OPT_TCP_TIMEOUT:
			rc = parse_timeout(optarg, "bad --tcp-timeout '%s'",
					   &o->tcp_timeout_us);
			break;
		case OPT_OTHER_TIMEOUT:
			rc = parse_timeout(optarg, "bad --other-timeout '%s'",
					   &o->other_timeout_us);
			break;
		case OPT_WORKERS:
			if (!strcmp(optarg, "auto"))
				v = workers_auto();
			else if (!parse_ulong(optarg, WORKERS_MAX, &v) || !v)
				return usage_error("bad --workers '%s' (1 to "
						   "64, or auto)",
						   optarg);
			o->workers = v > 1 ? (unsigned)v : 0;
			break;
		case OPT_FANOUT:
			o->fanout = true;
			break;
		case OPT_MAX_FLOWS:
			if (!parse_ulong(optarg, 100000000UL, &v) || !v)
				return usage_error("bad --max-flows '%s'",
						   optarg);
			o->max_flows = v;
			o->max_flows_set = true;
			break;
		case OPT_ACTIVE_TIMEOUT:
			rc = parse_timeout(optarg, "bad --active-timeout '%s'",
					   &o->active_timeout_us);
			o->active_set = true;
			break;
		case OPT_DEDUP:
			o->dedup = true;
			break;
		case OPT_FAIL_ON: {
			enum severity sev;
			if (!severity_parse(optarg, &sev))
				return usage_error("unknown severity '%s' (info, "
						   "warning, error or critical)",
						   optarg);
			o->fail_on = (int)sev;
			break;
		}
		case OPT_HOME_NET:
			if (o->diag.n_home == DIAG_MAX_HOME_NETS)
				return usage_error("too many --home-net (%s)",
						   optarg);
			if (!cidr_parse(optarg, &o->diag.home[o->diag.n_home]))
				return usage_error("bad --home-net '%s' (a CIDR "
						   "prefix such as 10.0.0.0/8)",
						   optarg);
			o->diag.n_home++;
			break;
		case OPT_LADDER:
			o->diag.ladder = true;
			break;
		case OPT_NFT_FAMILY:
			if (strcmp(optarg, "inet") && strcmp(optarg, "ip") &&
			    strcmp(optarg, "ip6") && strcmp(optarg, "bridge"))
				return usage_error("bad --nft-family '%s' (inet, "
						   "ip, ip6 or bridge)",
						   optarg);
			o->diag.nft_family = optarg;
			break;
		case OPT_NFT_TABLE:
			o->diag.nft_table = optarg;
			break;
		case OPT_NFT_CHAIN:
			o->diag.nft_chain = optarg;
			break;
		case OPT_DURATION:
			rc = parse_timeout(optarg, "bad --duration '%s'",
					   &o->duration_us);
			break;
		case 'C':
			if (!parse_ulong(optarg, 1000000UL, &o->rotate_mb) ||
			    !o->rotate_mb)
				return usage_error("bad -C size '%s' (MB)",
						   optarg);
			break;
		case 'G':
			if (!parse_ulong(optarg, 365UL * 86400, &o->rotate_secs) ||
			    !o->rotate_secs)
				return usage_error("bad -G interval '%s' "
						   "(seconds)",
						   optarg);
			break;
		case 'h':
			usage(stdout);
			return EXIT_SUCCESS;
		case 'V':
			o->version = true;
			break;
		case ':':
			return usage_error("option '%s' needs an argument",
					   argv[optind - 1]);
		default:
			return usage_error("unknown option '%s'",
					   argv[optind - 1]);
		}
		if (rc)
			return rc;
	}
	if (optind < argc) {
		o->cap.filter = join_words(argc - optind, argv + optind);
		if (!o->cap.filter)
			return EXIT_RUNTIME;
	}
	if (*list_ifaces || o->list_sigs || o->check_sigs || o->version)
		return -1;
	if (!o->diagnose && (o->fail_on >= 0 || o->diag.n_home || o->diag.ladder ||
			     o->diag.nft_family || o->diag.nft_table ||
			     o->diag.nft_chain))
		return usage_error("%s", "--fail-on, --home-net, --ladder and "
					 "--nft-* go with 'vcflow diagnose'");
	if (o->report) {
		/* The page holds what diagnose -F json writes, with the
		 * flows and the ladders. */
		if (!o->out_file)
			return usage_error("%s", "report writes a page: give "
						 "-o REPORT.html");
		if (o->format != OUT_TEXT)
			return usage_error("%s", "report writes HTML: no -F");
		o->format = OUT_JSON;
		o->diag.ladder = true;
	}
	o->diag.json = o->format == OUT_JSON;
	if (o->diagnose && o->cap.iface && !o->report)
		o->diag.as_they_happen = stdout;
	if (o->diagnose && o->format == OUT_CSV)
		return usage_error("%s", "diagnose writes text or json");
	if (!o->cap.n_files && !o->cap.iface)
		return usage_error("%s", "nothing to read: give -r FILE or "
					 "-i IFACE");
	if (o->cap.n_files && o->cap.iface)
		return usage_error("%s", "give -r or -i, not both");
	int rc = check_inputs(o);
	if (rc >= 0)
		return rc;
	if ((o->rotate_mb || o->rotate_secs) && !o->write_file)
		return usage_error("%s", "-C and -G rotate the -w file: give -w");
	if (o->cap.iface && !o->active_set)
		o->active_timeout_us = DEFAULT_LIVE_ACTIVE_TIMEOUT_S * US_PER_SEC;
	if (o->cap.iface && !o->cap.buffer_kib)
		o->cap.buffer_kib = DEFAULT_LIVE_BUFFER_KIB;
	if (o->cap.iface && !o->max_flows_set)
		o->max_flows = DEFAULT_LIVE_MAX_FLOWS;
	if (o->save_unexpected && o->cap.iface)
		return usage_error("%s", "--save-unexpected needs -r FILE "
					 "(with -i, use -w and run again)");
	if (o->fanout && (!o->cap.iface || !o->workers))
		return usage_error("%s", "--fanout shares an interface's flows "
					 "among workers: give -i and --workers "
					 "2 or more");
	o->cap.fanout = o->fanout ? o->workers : 0;
	return -1;
}

/* ---- signatures ---- */

/* The in-tree signatures when this binary runs from its build folder,
 * else the installed ones. */
static const char *default_sigdir(void)
{
	char exe[PATH_MAX], probe[PATH_MAX + 32];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	struct stat st;

	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(probe, sizeof probe, "%s/../build.ninja", exe);
			if (stat(probe, &st) == 0 &&
			    stat(VCFLOW_SRC_SIGDIR, &st) == 0)
				return VCFLOW_SRC_SIGDIR;
		}
	}
	return VCFLOW_SIGDIR;
}

static int load_signatures(struct sig_set *set, const struct options *o)
{
	char err[ERRLEN];

	sig_set_init(set);
	if (!o->no_default_sigs &&
	    sig_load_path(set, default_sigdir(), err, sizeof err) < 0) {
		fprintf(stderr, "vcflow: %s\n", err);
		return -1;
	}
	for (size_t i = 0; i < o->n_sig_paths; i++) {
		if (sig_load_path(set, o->sig_paths[i], err, sizeof err) < 0) {
			fprintf(stderr, "vcflow: %s\n", err);
			return -1;
		}
	}
	if (o->n_products)
		sig_limit_products(set, o->products, o->n_products);
	if (sig_build_index(set) < 0) {
		fprintf(stderr, "vcflow: out of memory indexing the signatures\n");
		return -1;
	}
	return 0;
}

#define SIG_FILES_MAX 1024
#define SIG_DIGEST_HEX 12 /* the short hash -V shows */

/*
 * -V: the version, the commit built from and the signature set that a run
 * with the same options loads: its files and a short SHA-1 of their names
 * and contents, so two sensors can tell whether they match alike.
 */
static int print_version(const struct options *o)
{
	const char *files[SIG_FILES_MAX];
	struct sig_set set;
	char *buf = NULL;
	size_t len = 0, n;
	uint8_t digest[SHA1_DIGEST_LEN];
	FILE *all;
	int rc = 0;

	printf("vcflow %s, commit %s\n%s\n", VCFLOW_VERSION, VCFLOW_COMMIT,
	       pcap_lib_version());
	if (load_signatures(&set, o) < 0) {
		sig_set_free(&set);
		return -1;
	}
	n = sig_files(&set, files, SIG_FILES_MAX);
	if (n > SIG_FILES_MAX)
		n = SIG_FILES_MAX;
	if (!(all = open_memstream(&buf, &len))) {
		sig_set_free(&set);
		fprintf(stderr, "vcflow: out of memory\n");
		return -1;
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		const char *base = strrchr(files[i], '/');
		FILE *f = fopen(files[i], "rb");
		char chunk[8192];
		size_t got;

		fprintf(all, "%s%c", base ? base + 1 : files[i], 0);
		while (f && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
			fwrite(chunk, 1, got, all);
		if (!f || ferror(f)) {
			fprintf(stderr, "vcflow: %s: %s\n", files[i],
				strerror(errno ? errno : EIO));
			rc = -1;
		}
		if (f)
			fclose(f);
	}
	if (fclose(all) != 0 && rc == 0) {
		fprintf(stderr, "vcflow: out of memory\n");
		rc = -1;
	}
	if (rc == 0) {
		sha1((const uint8_t *)buf, len, digest);
		printf("signatures ");
		for (int i = 0; i < SIG_DIGEST_HEX / 2; i++)
			printf("%02x", digest[i]);
		printf(": %zu files, %zu rules, %zu product patterns\n", n,
		       set.n_rules, set.n_uas);
		for (size_t i = 0; i < n; i++)
			printf("  %s\n", files[i]);
	}
	free(buf);
	sig_set_free(&set);
	return rc;
}

static uint64_t clock_us(clockid_t clock)
{
	struct timespec t;

	clock_gettime(clock, &t);
	return (uint64_t)t.tv_sec * US_PER_SEC + (uint64_t)t.tv_nsec / 1000;
}

/* libpcap's own read timeout does not return to us on a quiet link (with
 * a TPACKET_V3 ring it waits for the kernel to hand over a block, which an
 * empty block never is), so live capture is non-blocking and waits here,
 * where a handed-over block, a signal or the timeout gets the loop going. */
static void wait_for_packets(pcap_t *p)
{
	struct pollfd pfd = { .fd = pcap_get_selectable_fd(p), .events = POLLIN };

	if (pfd.fd >= 0)
		poll(&pfd, 1, LIVE_WAIT_MS);
}

/* Signals reach the main thread only (the workers' threads block them),
 * which passes a stop on to them (run.interrupted, run.fanout_stop). */
static void on_signal(int sig)
{
	int saved = errno;

	if (sig == SIGUSR1)
		stats_requested = 1;
	else if (sig == SIGHUP && hup_reopens)
		reopen_requested = 1;
	else
		stop_requested = stop_requested + 1; /* counted: see saver_finish */
	errno = saved;
}

/* Bytes of an IP header a router rewrites on the way: IPv4's TTL (8) and
 * header checksum (10-11) (RFC 791), IPv6's hop limit (7) (RFC 8200). */
#define IPV4_TTL_OFF 8u
#define IPV4_CSUM_OFF 10u
#define IPV6_HOPLIMIT_OFF 7u

/*
 * The packet a span port copied, whatever wraps it: the innermost IP
 * packet without the bytes routers rewrite, so the same packet seen by two
 * taps under different outer headers hashes alike; the whole frame when it
 * is not IP.
 */
static uint64_t packet_hash(int dlt, const uint8_t *data, size_t len)
{
	struct packet pkt;

	if (decode_packet(dlt, data, len, &pkt) != DECODE_OK || !pkt.ip)
		return fnv1a(FNV1A_OFFSET, data, len) ^ len;
	const uint8_t *ip = pkt.ip;
	size_t n = pkt.ip_caplen;
	uint64_t h = FNV1A_OFFSET;
	if (pkt.ip_version == 4 && n > IPV4_CSUM_OFF + 1) {
		h = fnv1a(h, ip, IPV4_TTL_OFF);
		h = fnv1a(h, ip + IPV4_TTL_OFF + 1,
			  IPV4_CSUM_OFF - IPV4_TTL_OFF - 1);
		h = fnv1a(h, ip + IPV4_CSUM_OFF + 2, n - IPV4_CSUM_OFF - 2);
	} else if (pkt.ip_version == 6 && n > IPV6_HOPLIMIT_OFF) {
		h = fnv1a(h, ip, IPV6_HOPLIMIT_OFF);
		h = fnv1a(h, ip + IPV6_HOPLIMIT_OFF + 1,
			  n - IPV6_HOPLIMIT_OFF - 1);
	} else {
		h = fnv1a(h, ip, n);
	}
	return h ^ n;
}

/* True when the same packet was seen within the window: a span port's
 * second copy (ingress and egress both mirrored, or two taps). */
static bool is_duplicate(struct dedup *d, int dlt, const uint8_t *data,
			 size_t len, uint64_t ts)
{
	uint64_t h = packet_hash(dlt, data, len);
	size_t slot = h % DEDUP_SLOTS;
	bool dup = d->hash[slot] == h && ts >= d->ts[slot] &&
		   ts - d->ts[slot] <= DEDUP_WINDOW_US;

	d->hash[slot] = h;
	d->ts[slot] = ts;
	return dup;
}

/* Ends the -w file in hand; -1 when what was written did not all reach
 * the disk (reported). */
/* --dedup: a span port's second copy of a frame is counted, not read
 * on. */
static bool span_copy(struct dedup *d, struct run_stats *s,
		      const struct capture_frame *fr, uint64_t ts)
{
	if (!d || !is_duplicate(d, fr->dlt, fr->data, fr->hdr->caplen, ts))
		return false;
	s->read++;
	s->duplicates++;
	return true;
}

static int close_writer(struct run *r)
{
	int rc = 0;

	if (!r->writer)
		return 0;
	if (pcap_dump_flush(r->writer) != 0 || ferror(pcap_dump_file(r->writer))) {
		fprintf(stderr, "vcflow: %s: %s\n", r->writer_name,
			strerror(errno ? errno : EIO));
		rc = -1;
	}
	pcap_dump_close(r->writer);
	r->writer = NULL;
	return rc;
}

/* -w with -C/-G: tcpdump's naming, FILE, FILE1, FILE2 ... */
static int open_writer(struct run *r, uint64_t now)
{
	const struct options *o = r->opt;
	char *name = r->writer_name;

	if (close_writer(r) < 0)
		return -1;
	if (r->writer_index == 0)
		snprintf(name, sizeof r->writer_name, "%s", o->write_file);
	else
		snprintf(name, sizeof r->writer_name, "%s%u", o->write_file,
			 r->writer_index);
	r->writer_index++;
	r->writer_opened_us = now;
	r->writer = pcap_dump_open(r->pcap, name);
	if (!r->writer) {
		fprintf(stderr, "vcflow: %s: %s\n", name, pcap_geterr(r->pcap));
		return -1;
	}
	return 0;
}

static int write_frame(struct run *r, const struct pcap_pkthdr *h,
		       const uint8_t *data, uint64_t ts)
{
	const struct options *o = r->opt;

	if (!r->writer)
		return 0;
	if (!r->writer_opened_us)
		r->writer_opened_us = ts; /* the first file's clock starts now */
	if ((o->rotate_secs &&
	     ts >= r->writer_opened_us + o->rotate_secs * US_PER_SEC) ||
	    (o->rotate_mb &&
	     pcap_dump_ftell(r->writer) >= (long)(o->rotate_mb * BYTES_PER_MB))) {
		if (open_writer(r, ts) < 0)
			return -1;
	}
	pcap_dump((u_char *)r->writer, h, data);
	if (ferror(pcap_dump_file(r->writer))) {
		fprintf(stderr, "vcflow: %s: %s\n", r->writer_name,
			strerror(errno ? errno : EIO));
		return -1;
	}
	return 0;
}

/* Frames read so far: the reader's own count, and what it handed to the
 * workers (whose counts are theirs until the run ends). */
static uint64_t frames_read(const struct run *r)
{
	if (!r->lanes.workers)
		return r->stats.read;
	return r->stats.read + workers_dispatched(r->lanes.workers) +
	       r->fanout_read;
}

static void print_live_stats(struct run *r)
{
	struct pcap_stat ps;
	struct flow_stats fs;

	if (r->lanes.workers) {
		/* The workers' counts are theirs until the run ends. */
		fprintf(stderr, "vcflow: %llu packets read, %llu duplicates "
				"dropped, %u workers",
			(unsigned long long)frames_read(r),
			(unsigned long long)r->stats.duplicates, r->lanes.n);
	} else {
		flow_table_stats(r->lanes.lane[0].pipe.flows, &fs);
		fprintf(stderr, "vcflow: %llu packets read, %llu in flows, "
				"%llu duplicates dropped, %llu flows seen, "
				"%llu live, %llu evicted",
			(unsigned long long)r->stats.read,
			(unsigned long long)r->stats.in_flows,
			(unsigned long long)r->stats.duplicates,
			(unsigned long long)fs.created,
			(unsigned long long)fs.live,
			(unsigned long long)fs.evicted);
	}
	if (r->stats.live && capture_stats(r->cap, &ps) == 0)
		fprintf(stderr, ", kernel: %u received, %u dropped, "
				"interface: %u dropped",
			ps.ps_recv, ps.ps_drop, ps.ps_ifdrop);
	fputc('\n', stderr);
}

/* Whether `name` is still the file the stream writes to: log rotation
 * has not moved it away. */
static bool still_named(FILE *f, const char *name)
{
	struct stat by_name, held;

	return stat(name, &by_name) == 0 && fstat(fileno(f), &held) == 0 &&
	       by_name.st_dev == held.st_dev && by_name.st_ino == held.st_ino;
}

/* The -w file again under its own name, after log rotation moved it; the
 * file in hand is kept while its name is still its own (reopening it
 * would truncate it). */
static int reopen_writer(struct run *r)
{
	if (!r->writer)
		return 0;
	if (still_named(pcap_dump_file(r->writer), r->writer_name))
		return 0;
	if (close_writer(r) < 0)
		return -1;
	r->writer = pcap_dump_open(r->pcap, r->writer_name);
	if (!r->writer) {
		fprintf(stderr, "vcflow: %s: %s\n", r->writer_name,
			pcap_geterr(r->pcap));
		return -1;
	}
	return 0;
}

/* The -o file, appended to: a restarted sensor keeps what it wrote.
 * NULL when it cannot be opened (reported). */
static FILE *open_records(const char *name)
{
	FILE *f = fopen(name, "a");

	if (!f)
		fprintf(stderr, "vcflow: %s: %s\n", name, strerror(errno));
	return f;
}

/*
 * The -o file again under its own name, after log rotation moved it.  The
 * new file takes over the stream's descriptor, so the writers holding the
 * stream go on unchanged; while the name is still the file in hand nothing
 * changes.  -1 when what was written did not reach the old file or the new
 * one cannot be opened (reported; the old file stays in use).
 */
static int reopen_records(struct run *r)
{
	const char *name = r->opt->out_file;
	int fd;

	if (!name || !r->records || r->opt->report)
		return 0;
	if (fflush(r->records) != 0 || ferror(r->records)) {
		fprintf(stderr, "vcflow: %s: %s\n", name,
			strerror(errno ? errno : EIO));
		return -1;
	}
	if (still_named(r->records, name))
		return 0;
	fd = open(name, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0 || dup2(fd, fileno(r->records)) < 0) {
		fprintf(stderr, "vcflow: %s: %s\n", name, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

/* What a signal asked for between two frames: statistics (SIGUSR1), the
 * -o and -w files reopened (SIGHUP). */
static int serve_requests(struct run *r)
{
	if (stats_requested) {
		stats_requested = 0;
		print_live_stats(r);
	}
	if (reopen_requested) {
		reopen_requested = 0;
		if (r->lanes.workers)
			workers_lock(r->lanes.workers); /* no record half written */
		int rc = reopen_records(r);
		if (r->lanes.workers)
			workers_unlock(r->lanes.workers);
		pthread_mutex_lock(&r->writer_lock);
		int wrc = reopen_writer(r);
		pthread_mutex_unlock(&r->writer_lock);
		return wrc < 0 ? -1 : rc;
	}
	return 0;
}

static void progress(struct run *r, time_t *last, long total)
{
	time_t now = time(NULL);
	uint64_t done, all;

	if (now - *last < PROGRESS_INTERVAL_S || total <= 0)
		return;
	capture_progress(r->cap, &done, &all);
	if (!all)
		return;
	*last = now;
	fprintf(stderr, "\rvcflow: %3llu%%  %llu packets",
		(unsigned long long)(done * 100 / all),
		(unsigned long long)frames_read(r));
}

/* The bytes of all the -r files, when they are all files and stderr is a
 * terminal to show progress on; else 0. */
static long file_size_for_progress(const struct run *r)
{
	uint64_t done, all;

	if (r->stats.live || !isatty(2))
		return 0;
	capture_progress(r->cap, &done, &all);
	return all > LONG_MAX ? LONG_MAX : (long)all;
}

/* Returns 0 at the end of input, -1 on a read error (reported). */
/*
 * --fanout: lane l's turn at its own socket: what is waiting, a batch at
 * most, else a wait for the link.  Lane 0, in the main thread, also
 * serves what signals ask and keeps --duration.  false once the lanes are
 * to stop.
 */
#define FANOUT_BATCH 256

static bool fanout_stop(struct run *r)
{
	r->fanout_stop = true;
	return false;
}

static bool fanout_pump(void *lane)
{
	struct lane *l = lane;
	struct run *r = l->lanes->owner;
	const struct options *o = r->opt;
	struct capture_frame fr;
	char err[ERRLEN];

	if (l->index == 0 && stop_requested) { /* this thread's signals */
		r->sinks.interrupted = true;
		return fanout_stop(r);
	}
	if (r->fanout_stop)
		return false;
	if (l->index == 0) {
		if (serve_requests(r) < 0) {
			r->fanout_failed = true;
			return fanout_stop(r);
		}
		if (o->duration_us && clock_us(CLOCK_MONOTONIC) -
						r->started_us >=
					      o->duration_us)
			return fanout_stop(r);
	}
	for (int n = 0; n < FANOUT_BATCH; n++) {
		enum capture_status rc =
			capture_next_at(r->cap, l->index, &fr, err, sizeof err);
		if (rc == CAPTURE_WAIT) {
			uint64_t now;
			wait_for_packets(capture_pcap_at(r->cap, l->index));
			now = clock_us(CLOCK_REALTIME);
			/* A quiet link still ends its idle flows, and calls,
			 * on time. */
			workers_fanout_time(r->lanes.workers, l->index, now);
			flow_table_expire(l->pipe.flows, now);
			workers_enter(r->lanes.workers, l->index);
			workers_leave(r->lanes.workers, l->index);
			return true;
		}
		if (rc != CAPTURE_FRAME) {
			if (rc == CAPTURE_ERROR) {
				fprintf(stderr, "vcflow: %s\n", err);
				r->fanout_failed = true;
			}
			return fanout_stop(r);
		}
		uint64_t ts = capture_ts_us(fr.hdr);
		pthread_mutex_lock(&r->writer_lock);
		int wrc = write_frame(r, fr.hdr, fr.data, ts);
		pthread_mutex_unlock(&r->writer_lock);
		if (wrc < 0) {
			r->fanout_failed = true;
			return fanout_stop(r);
		}
		if (span_copy(l->dedup, &l->stats, &fr, ts))
			continue;
		workers_fanout_time(r->lanes.workers, l->index, ts);
		pipeline_frame(&l->pipe, fr.dlt, fr.hdr, fr.data);
		if (++r->fanout_read >= (uint64_t)o->count && o->count > 0)
			return fanout_stop(r);
	}
	return true;
}

static int read_packets(struct run *r)
{
	const struct options *o = r->opt;
	struct capture_frame fr;
	char err[ERRLEN];
	long total = file_size_for_progress(r);
	time_t last = time(NULL);
	uint64_t started = clock_us(CLOCK_MONOTONIC), first_ts = 0;
	bool any = false; /* a frame was read: first_ts holds its time */
	enum capture_status rc;

	if (o->fanout) { /* the workers read; lane 0 in this thread */
		r->started_us = started;
		if (workers_run_fanout(r->lanes.workers, err, sizeof err) < 0) {
			fprintf(stderr, "vcflow: %s\n", err);
			return -1;
		}
		return r->fanout_failed ? -1 : 0;
	}
	while (!stop_requested) {
		rc = capture_next(r->cap, &fr, err, sizeof err);
		if (rc == CAPTURE_WAIT) { /* live, non-blocking: nothing waiting */
			if (r->lanes.workers)
				workers_flush(r->lanes.workers);
			wait_for_packets(r->pcap);
			/* A quiet link still ends its idle flows on time. */
			if (r->lanes.workers) {
				workers_clock(r->lanes.workers,
					      clock_us(CLOCK_REALTIME));
			} else {
				flow_table_expire(r->lanes.lane[0].pipe.flows,
						  clock_us(CLOCK_REALTIME));
				call_tick(r->calls, clock_us(CLOCK_REALTIME));
			}
			if (serve_requests(r) < 0)
				return -1;
			if (o->duration_us &&
			    clock_us(CLOCK_MONOTONIC) - started >= o->duration_us)
				break;
			continue;
		}
		if (rc == CAPTURE_END)
			break;
		if (rc == CAPTURE_INTERRUPTED) {
			if (stop_requested)
				break; /* what was read is reported */
			fprintf(stderr, "vcflow: %s: read interrupted\n",
				capture_name(r->cap));
			return -1;
		}
		if (rc == CAPTURE_ERROR) {
			if (total)
				fputc('\n', stderr);
			fprintf(stderr, "vcflow: %s\n", err);
			return -1;
		}
		const struct pcap_pkthdr *h = fr.hdr;
		const u_char *data = fr.data;
		if (r->writer && fr.dlt != capture_link_type(r->cap)) {
			if (total)
				fputc('\n', stderr);
			fprintf(stderr, "vcflow: %s: link type %s, where the -w "
					"file holds %s: -w writes one link type\n",
				capture_name(r->cap),
				pcap_datalink_val_to_name(fr.dlt),
				pcap_datalink_val_to_name(
					capture_link_type(r->cap)));
			return -1;
		}
		uint64_t ts = capture_ts_us(h);
		if (!any)
			first_ts = ts;
		any = true;
		if (write_frame(r, h, data, ts) < 0)
			return -1;
		if (r->saver &&
		    saver_frame(r->saver, fr.dlt, h, data, err, sizeof err) < 0) {
			fprintf(stderr, "vcflow: %s\n", err);
			return -1;
		}
		if (span_copy(r->dedup, &r->stats, &fr, ts))
			continue;
		if (r->lanes.workers) {
			workers_frame(r->lanes.workers, fr.dlt, h, data);
		} else {
			pipeline_frame(&r->lanes.lane[0].pipe, fr.dlt, h, data);
			call_tick(r->calls, ts);
		}
		if (serve_requests(r) < 0)
			return -1;
		/* Live, the clock's duration; from a file, the capture's. */
		if (o->duration_us &&
		    (r->stats.live
			     ? clock_us(CLOCK_MONOTONIC) - started >= o->duration_us
			     : ts >= first_ts + o->duration_us))
			break;
		if (o->count > 0 && frames_read(r) >= (uint64_t)o->count)
			break;
		if (total)
			progress(r, &last, total);
	}
	if (total)
		fputs("\r                                    \r", stderr);
	return 0;
}

static int drop_privileges(const char *user)
{
	struct passwd *pw = getpwnam(user);

	if (!pw) {
		fprintf(stderr, "vcflow: -Z %s: no such user\n", user);
		return -1;
	}
	if (setgroups(0, NULL) < 0 || setgid(pw->pw_gid) < 0 ||
	    setuid(pw->pw_uid) < 0 ||
	    (pw->pw_uid != 0 && (setuid(0) == 0 || geteuid() == 0))) {
		fprintf(stderr, "vcflow: -Z %s: cannot drop root privileges\n",
			user);
		return -1;
	}
	return 0;
}

/* A SIP message the classifier read, for the calls, with its flow. */
static void on_call_written(void *ctx, const struct call *c)
{
	struct run *r = ctx;

	if (!r->opt->call_filter || call_named(c, r->opt->call_filter))
		output_call(r->out, c);
}

/* The lanes, a worker each (one without --workers), and what their
 * flows tell: the run's calls, diagnosis, saver, records and counts. */
static int start_lanes(struct run *r, const struct flow_timeouts *t)
{
	const struct options *o = r->opt;
	struct run_sinks *s = &r->sinks;
	unsigned n = o->workers ? o->workers : 1;
	char err[ERRLEN];

	s->calls = r->calls;
	s->out = r->out;
	s->records = r->records;
	s->diagnosis = r->diagnosis;
	s->saver = r->saver;
	s->stats = &r->stats;
	s->call_filter = o->call_filter;
	s->unexpected_only = o->unexpected_only;
	s->report = o->report;
	s->json_flows = o->format == OUT_JSON && (!o->diagnose || o->report);
	s->live = o->cap.iface != NULL;
	s->all_rows = o->all_rows;
	s->sensor = r->sensor;
	r->lanes.owner = r;
	if (lanes_start(&r->lanes, s, n, &r->sigs, t, o->max_flows, o->fanout,
			fanout_pump, err, sizeof err) < 0) {
		fprintf(stderr, "vcflow: %s\n", err);
		return -1;
	}
	/* A frame's span copies share its flow, so its socket's lane. */
	for (unsigned i = 0; o->fanout && o->dedup && i < n; i++)
		if (!(r->lanes.lane[i].dedup =
			      calloc(1, sizeof *r->lanes.lane[i].dedup))) {
			fprintf(stderr, "vcflow: out of memory\n");
			return -1;
		}
	return 0;
}

static int start(struct run *r, const struct options *o)
{
	char err[ERRLEN];
	struct flow_timeouts t = {
		.tcp_us = o->tcp_timeout_us,
		.udp_us = o->udp_timeout_us,
		.other_us = o->other_timeout_us,
		.closed_us = CLOSED_LINGER_S * US_PER_SEC,
		.active_us = o->active_timeout_us,
		/* diagnose -i: an unanswered flow is a finding once certain */
		.unanswered_us = o->diagnose && o->cap.iface ? DIAG_UNANSWERED_US
							     : 0,
	};

	r->cap = capture_open(&o->cap, err, sizeof err);
	if (!r->cap) {
		fprintf(stderr, "vcflow: %s\n", err);
		return -1;
	}
	r->pcap = capture_pcap(r->cap);
	if (o->save_unexpected &&
	    !(r->saver = saver_open(o->save_unexpected,
				    capture_link_type(r->cap), o->cap.snaplen,
				    err, sizeof err))) {
		fprintf(stderr, "vcflow: %s\n", err);
		return -1;
	}
	if (o->drop_user && drop_privileges(o->drop_user) < 0)
		return -1;
	if (o->write_file && open_writer(r, 0) < 0)
		return -1;
	r->records = stdout;
	if (o->report && !(r->records = tmpfile())) {
		fprintf(stderr, "vcflow: a temporary file for the report: %s\n",
			strerror(errno));
		return -1;
	}
	if (o->out_file && !o->report &&
	    !(r->records = open_records(o->out_file)))
		return -1;
	if (o->dedup && !(r->dedup = calloc(1, sizeof *r->dedup))) {
		fprintf(stderr, "vcflow: out of memory\n");
		return -1;
	}
	r->out = output_new(r->records, o->format, o->cap.iface != NULL,
			    o->all_rows);
	if (r->out) {
		const char *no_colour = getenv("NO_COLOR");
		output_set_sensor(r->out, r->sensor);
		output_set_text_style(r->out, o->quiet,
				      isatty(fileno(r->records)) &&
					      !(no_colour && *no_colour));
	}
	/* A call's record waits for its media flows to idle out. */
	r->calls = call_table_new(CALL_MAX_DEFAULT,
				  o->udp_timeout_us + CLOSED_LINGER_S * US_PER_SEC,
				  on_call_written, r);
	if (o->diagnose) {
		struct diag_options dopt = o->diag;
		dopt.max_flows = o->max_flows;
		dopt.stop = &stop_requested;
		dopt.sensor = r->sensor;
		if (dopt.as_they_happen)
			dopt.as_they_happen = r->records;
		r->diagnosis = diagnosis_new(&dopt);
	}
	if (!r->out || !r->calls || (o->diagnose && !r->diagnosis)) {
		fprintf(stderr, "vcflow: out of memory\n");
		return -1;
	}
	r->stats.live = o->cap.iface != NULL;
	return start_lanes(r, &t);
}

static void finish(struct run *r, bool interrupted)
{
	struct pcap_stat ps;

	lanes_end(&r->lanes, interrupted);
	/* Calls after their flows, before the summary. */
	if (r->calls && r->out) {
		call_table_flush(r->calls, interrupted ? CALL_END_SIGNAL
						       : CALL_END_EOF);
		if (r->diagnosis)
			output_calls_section(r->out);
	}
	if (r->stats.live && r->cap && capture_stats(r->cap, &ps) == 0) {
		r->stats.kernel_received = ps.ps_recv;
		r->stats.kernel_dropped = ps.ps_drop;
		r->stats.if_dropped = ps.ps_ifdrop;
	}
	if (r->diagnosis) {
		classify_each_expectation(r->lanes.lane[0].pipe.classifier,
					  diagnosis_expectation,
					  r->diagnosis);
		r->worst = diagnosis_report(r->diagnosis, r->records);
		if (r->opt->report && r->out)
			output_finish(r->out, &r->stats); /* the stats record */
		fflush(r->records);
	} else if (r->out) {
		output_finish(r->out, &r->stats);
	}
}

static void cleanup(struct run *r)
{
	if (r->writer)
		pcap_dump_close(r->writer);
	r->writer = NULL;
	capture_close(r->cap); /* and r->pcap, which it owns */
	for (unsigned i = 0; i < r->lanes.n; i++)
		free(r->lanes.lane[i].dedup);
	lanes_free(&r->lanes);
	output_free(r->out);
	sig_set_free(&r->sigs);
	saver_free(r->saver);
	free(r->dedup);
	diagnosis_free(r->diagnosis);
	call_table_free(r->calls);
	if (r->records && r->records != stdout)
		fclose(r->records);
	r->records = NULL;
	pthread_mutex_destroy(&r->writer_lock);
}

/* The records as a whole, on standard output or in the -o file: what
 * stdio could not write is an error.  The -o file is closed. */
static int output_written(struct run *r)
{
	FILE *out = r->records ? r->records : stdout;
	bool ok = fflush(out) == 0 && !ferror(out);

	if (out != stdout) {
		ok = fclose(out) == 0 && ok;
		r->records = NULL;
	}
	if (ok)
		return 0;
	fprintf(stderr, "vcflow: %s: %s\n",
		out != stdout ? r->opt->out_file : "standard output",
		strerror(errno ? errno : EIO));
	return -1;
}

static int finish_saving(struct run *r)
{
	char err[ERRLEN];

	if (r->sinks.save_failed) {
		fprintf(stderr, "vcflow: %s: out of memory remembering the "
				"flagged flows\n",
			r->opt->save_unexpected);
		return -1;
	}
	if (saver_finish(r->saver, &stop_requested, err, sizeof err) < 0) {
		fprintf(stderr, "vcflow: %s\n", err);
		return -1;
	}
	return 0;
}

/*
 * report: the page, from the records the run wrote to its temporary file.
 * It is written whole (outfile.h: beside -o, renamed over it once
 * complete; a device or a pipe in place); "-o -" writes it to standard
 * output.
 */
static int write_report(struct run *r)
{
	const struct options *o = r->opt;
	struct report_source src = { o->cap.files, o->cap.n_files,
				     o->cap.iface, VCFLOW_VERSION, r->sensor };
	struct report_counts n;
	bool to_stdout = !strcmp(o->out_file, "-");
	struct outfile page = { .fp = stdout };
	char err[ERRLEN];
	int rc;

	if (fflush(r->records) != 0 || ferror(r->records)) {
		fprintf(stderr, "vcflow: the report's temporary file: %s\n",
			strerror(errno ? errno : EIO));
		return -1;
	}
	if (!to_stdout && outfile_open(&page, o->out_file, err, sizeof err) < 0) {
		fprintf(stderr, "vcflow: %s\n", err);
		return -1;
	}
	errno = 0;
	rc = report_write(page.fp, r->records, &src, &n);
	if (rc < 0) {
		snprintf(err, sizeof err, "%s: %s", o->out_file,
			 strerror(errno ? errno : EIO));
		if (!to_stdout)
			outfile_discard(&page);
	} else if (!to_stdout) {
		rc = outfile_close(&page, err, sizeof err);
	}
	if (rc < 0) {
		fprintf(stderr, "vcflow: %s\n", err);
		return -1;
	}
	if (!o->quiet && !to_stdout)
		fprintf(stderr, "vcflow: %s: %zu flows, %zu calls, %zu "
				"findings\n",
			o->out_file, n.flows, n.calls, n.findings);
	return 0;
}

static int run_capture(const struct options *o)
{
	struct run r;
	int status = EXIT_SUCCESS;

	memset(&r, 0, sizeof r);
	r.opt = o;
	pthread_mutex_init(&r.writer_lock, NULL);
	r.worst = -1;
	if (load_signatures(&r.sigs, o) < 0) {
		sig_set_free(&r.sigs);
		pthread_mutex_destroy(&r.writer_lock);
		return EXIT_RUNTIME;
	}
	/* The signals that end the run break a blocked read (no
	 * SA_RESTART); those that ask for something between two frames
	 * don't. */
	struct sigaction stop, ask;
	memset(&stop, 0, sizeof stop);
	stop.sa_handler = on_signal;
	ask = stop;
	ask.sa_flags = SA_RESTART;
	hup_reopens = o->write_file || (o->out_file && !o->report);
	/* The name every JSON record carries, cut as a host name's room. */
	snprintf(r.sensor, sizeof r.sensor, "%s", o->sensor ? o->sensor : "");
	sigaction(SIGINT, &stop, NULL);
	sigaction(SIGTERM, &stop, NULL);
	sigaction(SIGUSR1, &ask, NULL);
	sigaction(SIGHUP, hup_reopens ? &ask : &stop, NULL);
	if (start(&r, o) < 0) {
		cleanup(&r);
		return EXIT_RUNTIME;
	}
	if (read_packets(&r) < 0)
		status = EXIT_RUNTIME;
	/* Flows read before an error are still reported. */
	finish(&r, stop_requested != 0);
	/* What was read before a damaged capture stopped the run is saved
	 * too, as its flows were reported. */
	if (r.saver && finish_saving(&r) < 0)
		status = EXIT_RUNTIME;
	if (close_writer(&r) < 0)
		status = EXIT_RUNTIME;
	if (o->report && r.records && write_report(&r) < 0)
		status = EXIT_RUNTIME;
	if (output_written(&r) < 0)
		status = EXIT_RUNTIME;
	if (status == EXIT_SUCCESS && o->fail_on >= 0 && r.worst >= o->fail_on)
		status = EXIT_FINDING;
	cleanup(&r);
	return status;
}

int main(int argc, char **argv)
{
	struct options o;
	bool list_ifaces = false;
	char err[ERRLEN];
	int rc;

	memset(&o, 0, sizeof o);
	o.fail_on = -1;
	if (argc > 1 && (strcmp(argv[1], "diagnose") == 0 ||
			 strcmp(argv[1], "report") == 0)) {
		o.diagnose = true;
		o.report = argv[1][0] == 'r';
		argv[1] = argv[0];
		argc--;
		argv++;
	}
	rc = parse_options(argc, argv, &o, &list_ifaces);
	if (rc >= 0)
		return rc;
	sip_library_init();
	if (list_ifaces) {
		if (capture_list_interfaces(stdout, err, sizeof err) < 0) {
			fprintf(stderr, "vcflow: %s\n", err);
			return EXIT_RUNTIME;
		}
		return EXIT_SUCCESS;
	}
	if (o.version)
		return print_version(&o) < 0 ? EXIT_RUNTIME : EXIT_SUCCESS;
	if (o.check_sigs) {
		struct sig_set s;
		sig_set_init(&s);
		rc = sig_load_path(&s, o.check_sigs, err, sizeof err);
		if (rc < 0)
			fprintf(stderr, "vcflow: %s\n", err);
		else
			printf("%s: %zu rules, %zu product patterns: OK\n",
			       o.check_sigs, s.n_rules, s.n_uas);
		sig_set_free(&s);
		return rc < 0 ? EXIT_RUNTIME : EXIT_SUCCESS;
	}
	if (o.list_sigs) {
		struct sig_set s;
		if (load_signatures(&s, &o) < 0) {
			sig_set_free(&s);
			return EXIT_RUNTIME;
		}
		sig_print(stdout, &s);
		sig_set_free(&s);
		return EXIT_SUCCESS;
	}
	char host[256];
	if (!o.sensor && gethostname(host, sizeof host) == 0) {
		host[sizeof host - 1] = '\0';
		o.sensor = host;
	}
	rc = run_capture(&o);
	free((char *)o.cap.filter);
	return rc;
}

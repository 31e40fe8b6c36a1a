/* \summary: pcapgen OUTDIR: writes vcflow's test captures, the same bytes on
 * every run */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "pcapgen.h"

static void usage(void)
{
	fprintf(stderr,
		"usage: pcapgen [-l] OUTDIR\n"
		"  writes the test captures into OUTDIR and OUTDIR/bad\n"
		"  -l  also print each capture's flow table (Markdown)\n");
}

int main(int argc, char **argv)
{
	static int (*const writers[])(const char *) = {
		write_demo,	    write_sip_rtp, write_h323,
		write_sccp,	    write_bfcp,	   write_stun,
		write_stun_tcp,	    write_unlisted, write_vlan,
		write_ipv6,	    write_links,   write_frag,
		write_sip_tcp,	    write_rtcp_compound,
		write_tcp_states,   write_dscp,	   write_bad_captures,
	};
	int argi = 1;

	if (argi < argc && strcmp(argv[argi], "-l") == 0) {
		cap_set_listing(true);
		argi++;
	}
	if (argi + 1 != argc) {
		usage();
		return 2;
	}
	const char *dir = argv[argi];
	mkdir(dir, 0755);
	for (size_t i = 0; i < sizeof writers / sizeof writers[0]; i++)
		if (writers[i](dir) != 0)
			return 1;
	return 0;
}

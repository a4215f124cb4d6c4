/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * anchor-gen COMMAND [options]
 *   nas-pcap     N UEs' protected uplink NAS over NGAP/SCTP as a pcap, with
 *                the contexts for anchorgw and the expected core-side output
 *   subscribers  the subscriber CSV (anchor-subscriber import) of the UEs
 *                `register` simulates
 *   register     N UEs + a gNB registering through anchorgw on its tap
 *                interface, every answer checked on the UE side
 */
#include <stdio.h>
#include <string.h>

#include "gen.h"

int
main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "nas-pcap") == 0)
		return gen_nas_pcap_main(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "subscribers") == 0)
		return gen_subscribers_main(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "register") == 0)
		return gen_register_main(argc - 1, argv + 1);
	fprintf(stderr, "usage: anchor-gen nas-pcap|subscribers|register [--help]\n");
	return 2;
}

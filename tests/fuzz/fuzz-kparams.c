// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kernel-parameters.txt, as the audit reads it for the module-parameter class:
 * kernel_params_parse() on the input, then lookups of fixed names. A hostile file
 * must cost bounded time and memory, and leak nothing.
 */
#include <string.h>

#include "audit/kernel-params.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const fixed[][2] = {
		{ "usbcore", "autosuspend" },
		{ "kernel", "panic" },
		{ "loop", "max_loop" },
		{ "", "" },
		{ "x", "" },
	};
	struct kernel_params *kp;

	if (kernel_params_parse((const char *)data, size, &kp) < 0)
		return 0;
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		kernel_params_lookup(kp, fixed[i][0], fixed[i][1]);
	kernel_params_free(kp);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What lines into paths, kinds and patterns. The wildcard tests take one row each of
 * ABI-FORMAT.md's table, with What lines quoted from linux-6.12's Documentation/ABI
 * (file:line given above each), and check both what a pattern matches and what it
 * must not.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "abi/abi-internal.h"
#include "unit.h"

#define STRS(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* An assertion reported at @line of this file, with a formatted message. */
static void _printf_(3, 4) assert_at(bool ok, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	CU_assertImplementation(ok, (unsigned int)line, msg, __FILE__, "", CU_FALSE);
}

/* Read @text as a What line, then check it matches all of @yes and none of @no. */
static void check_what(const char *text, const char *const *yes, const char *const *no,
		       int line)
{
	char *path = NULL, *trailing = NULL;
	struct abi_pattern *p = NULL;
	const char *why = NULL;
	bool is_dir;

	CU_ASSERT_EQUAL_FATAL(abi_what_normalize(text, &path, &trailing, &is_dir), 0);
	assert_at(abi_pattern_compile(path, &p, &why) == 0, line, "'%s' compiles (%s)",
		  path, why ? why : "");
	for (; p && *yes; yes++)
		assert_at(abi_pattern_match(p, *yes), line, "'%s' matches '%s'", text,
			  *yes);
	for (; p && *no; no++)
		assert_at(!abi_pattern_match(p, *no), line, "'%s' does not match '%s'",
			  text, *no);
	abi_pattern_free(p);
	free(path);
	free(trailing);
}

#define CHECK(text, yes, no) check_what(text, yes, no, __LINE__)

/* ---- one test per row of the wildcard table ---- */

static void test_row_placeholder(void)
{
	/* testing/sysfs-class-net:223 */
	CHECK("/sys/class/net/<iface>/mtu",
	      STRS("/sys/class/net/eth0/mtu", "/sys/class/net/wlp2s0/mtu",
		   "/sys/class/net/lo/mtu/"),
	      STRS("/sys/class/net/mtu", "/sys/class/net/eth0/queues/mtu",
		   "/sys/class/net/eth0/mtu/x", "/sys/class/net/eth0",
		   "/sys/class/net//mtu", "/proc/class/net/eth0/mtu",
		   "sys/class/net/eth0/mtu"));
	/* stable/sysfs-class-infiniband:678, a placeholder alone: `<N>` */
	CHECK("/sys/class/infiniband/hfi1_X/ports/<N>/sc2vl/[0-31]",
	      STRS("/sys/class/infiniband/hfi1_0/ports/1/sc2vl/31"),
	      STRS("/sys/class/infiniband/hfi1_0/ports/1/2/sc2vl/31"));
}

static void test_row_several_placeholders(void)
{
	/* obsolete/sysfs-driver-hid-roccat-lua:1 */
	CHECK("/sys/bus/usb/devices/<busnum>-<devnum>:<config num>.<interface num>"
	      "/control",
	      STRS("/sys/bus/usb/devices/1-2:1.0/control",
		   "/sys/bus/usb/devices/3-1.4:1.2/control"),
	      STRS("/sys/bus/usb/devices/usb1/control",
		   "/sys/bus/usb/devices/1-2/control",
		   "/sys/bus/usb/devices/1-2:1/control",
		   "/sys/bus/usb/devices/-2:1.0/control",
		   "/sys/bus/usb/devices/1-2:1.0/x/control"));
	/* stable/sysfs-bus-usb:63 */
	CHECK("/sys/bus/usb/devices/<busnum>-<port[.port]>...:<config num>-"
	      "<interface num>/supports_autosuspend",
	      STRS("/sys/bus/usb/devices/1-2:1-0/supports_autosuspend",
		   "/sys/bus/usb/devices/1-2.3.4:1-0/supports_autosuspend"),
	      STRS("/sys/bus/usb/devices/1-2:1.0/supports_autosuspend",
		   "/sys/bus/usb/devices/1-2/3:1-0/supports_autosuspend"));
}

static void test_row_capital_placeholders(void)
{
	/* testing/sysfs-devices-system-cpu:56 */
	CHECK("/sys/devices/system/cpu/cpuX/node",
	      STRS("/sys/devices/system/cpu/cpu0/node",
		   "/sys/devices/system/cpu/cpu127/node"),
	      STRS("/sys/devices/system/cpu/cpu/node",
		   "/sys/devices/system/cpu/cpu0/1/node",
		   "/sys/devices/system/cpu/cpuX/node/x"));
	/* testing/sysfs-bus-iio:141 */
	CHECK("/sys/bus/iio/devices/iio:deviceX/in_voltageY_raw",
	      STRS("/sys/bus/iio/devices/iio:device0/in_voltage3_raw"),
	      STRS("/sys/bus/iio/devices/iio:device0/in_voltage_raw",
		   "/sys/bus/iio/devices/iio:device/in_voltage3_raw"));
	/* testing/sysfs-bus-cxl:230 and 436 */
	CHECK("/sys/bus/cxl/devices/decoderX.Y", STRS("/sys/bus/cxl/devices/decoder0.1"),
	      STRS("/sys/bus/cxl/devices/decoder0", "/sys/bus/cxl/devices/decoder0."));
	CHECK("/sys/bus/cxl/devices/regionZ/uuid",
	      STRS("/sys/bus/cxl/devices/region4/uuid"),
	      STRS("/sys/bus/cxl/devices/region/uuid"));
	/* testing/sysfs-driver-toshiba_acpi:1: capitals among capitals are literal */
	CHECK("/sys/devices/LNXSYSTM:00/LNXSYBUS:00/TOS{1900,620{0,7,8}}:00"
	      "/kbd_backlight_mode",
	      STRS("/sys/devices/LNXSYSTM:00/LNXSYBUS:00/TOS1900:00/kbd_backlight_mode"),
	      STRS("/sys/devices/LNASYSTM:00/LNXSYBUS:00/TOS1900:00/kbd_backlight_mode",
		   "/sys/devices/LNXSYSTM:00/LNXSYBUS:00/TAS1900:00/kbd_backlight_mode",
		   "/sys/devices/LNXSYSTM:01/LNXSYBUS:00/TOS1900:00/kbd_backlight_mode"));
	/* testing/sysfs-class-net-cdc_ncm:161: camelCase USB names are literal */
	CHECK("/sys/class/net/<iface>/cdc_ncm/wNtbOutMaxDatagrams",
	      STRS("/sys/class/net/usb0/cdc_ncm/wNtbOutMaxDatagrams"),
	      STRS("/sys/class/net/usb0/cdc_ncm/wXYtbOutMaxDatagrams"));
}

static void test_row_star_in_component(void)
{
	/* testing/sysfs-bus-platform-devices-ampere-smpro:1 */
	CHECK("/sys/bus/platform/devices/smpro-errmon.*"
	      "/error_[core|mem|pcie|other]_[ce|ue]",
	      STRS("/sys/bus/platform/devices/smpro-errmon.1.auto/error_core_ce",
		   "/sys/bus/platform/devices/smpro-errmon./error_other_ue"),
	      STRS("/sys/bus/platform/devices/smpro-errmon.1/2/error_core_ce",
		   "/sys/bus/platform/devices/smpro-errmon1/error_core_ce"));
	/* testing/sysfs-bus-pci-devices-pvpanic:15 */
	CHECK("/sys/devices/pci0000:00/*/QEMU0001:00/events",
	      STRS("/sys/devices/pci0000:00/0000:00:03.0/QEMU0001:00/events"),
	      STRS("/sys/devices/pci0000:00/QEMU0001:00/events",
		   "/sys/devices/pci0000:00/a/b/QEMU0001:00/events"));
}

static void test_row_star_component(void)
{
	/* testing/sysfs-module:44 */
	CHECK("/sys/module/*/initstate", STRS("/sys/module/ext4/initstate"),
	      STRS("/sys/module/initstate", "/sys/module/ext4/parameters/initstate",
		   "/sys/module/ext4/initstate/x"));
}

static void test_row_dots(void)
{
	/* testing/sysfs-bus-iio:1009 */
	CHECK("/sys/.../events/in_voltageY_raw_thresh_rising_value",
	      STRS("/sys/events/in_voltage0_raw_thresh_rising_value",
		   "/sys/bus/iio/devices/iio:device0/events"
		   "/in_voltage0_raw_thresh_rising_value"),
	      STRS("/proc/events/in_voltage0_raw_thresh_rising_value",
		   "/sys/bus/iio/devices/iio:device0/events/x"
		   "/in_voltage0_raw_thresh_rising_value"));
	/* testing/sysfs-devices-platform-soc-ipa:60: a leading `...` is under /sys */
	CHECK(".../XXXXXXX.ipa/endpoint_id/modem_rx",
	      STRS("/sys/devices/platform/soc@0/1e40000.ipa/endpoint_id/modem_rx",
		   "/sys/1e40000.ipa/endpoint_id/modem_rx"),
	      STRS("/proc/1e40000.ipa/endpoint_id/modem_rx",
		   "/sys/devices/platform/.ipa/endpoint_id/modem_rx"));
	/* testing/pstore:1: a trailing `...` is the directory and all below */
	CHECK("/sys/fs/pstore/...",
	      STRS("/sys/fs/pstore", "/sys/fs/pstore/dmesg-ramoops-0"),
	      STRS("/sys/fs/pstorex", "/sys/fs"));
	/* testing/sysfs-bus-soundwire-slave:1: `...` inside a name is any run */
	CHECK("/sys/bus/soundwire/devices/sdw:.../status",
	      STRS("/sys/bus/soundwire/devices/sdw:0:0:025d:0711:01/status",
		   "/sys/bus/soundwire/devices/sdw:/status"),
	      STRS("/sys/bus/soundwire/devices/sdw:0/1/status",
		   "/sys/bus/soundwire/devices/sdw0/status"));
	/* testing/sysfs-platform-brcmstb-gisb-arb:1: `..` alone, read as `...` */
	CHECK("/sys/devices/../../gisb_arb_timeout",
	      STRS("/sys/devices/platform/f0400000.gisb/gisb_arb_timeout"),
	      STRS("/sys/gisb_arb_timeout"));
}

static void test_row_digit_classes(void)
{
	/* stable/sysfs-class-rfkill:17 */
	CHECK("/sys/class/rfkill/rfkill[0-9]+/name",
	      STRS("/sys/class/rfkill/rfkill0/name", "/sys/class/rfkill/rfkill12/name"),
	      STRS("/sys/class/rfkill/rfkill/name", "/sys/class/rfkill/rfkillx/name",
		   "/sys/class/rfkill/rfkill1a/name"));
	/* obsolete/sysfs-driver-hid-roccat-pyra:66: a single-digit range */
	CHECK("/sys/bus/usb/devices/<busnum>-<devnum>:<config num>.<interface num>"
	      "/<hid-bus>:<vendor-id>:<product-id>.<num>/pyra/roccatpyra<minor>"
	      "/profile[1-5]_buttons",
	      STRS("/sys/bus/usb/devices/1-1:1.0/0003:1E7D:2C24.0001/pyra/roccatpyra0"
		   "/profile5_buttons"),
	      STRS("/sys/bus/usb/devices/1-1:1.0/0003:1E7D:2C24.0001/pyra/roccatpyra0"
		   "/profile0_buttons",
		   "/sys/bus/usb/devices/1-1:1.0/0003:1E7D:2C24.0001/pyra/roccatpyra0"
		   "/profile12_buttons"));
	/* testing/sysfs-bus-cxl:508 */
	CHECK("/sys/bus/cxl/devices/regionZ/target[0..N]",
	      STRS("/sys/bus/cxl/devices/region0/target0",
		   "/sys/bus/cxl/devices/region0/target15"),
	      STRS("/sys/bus/cxl/devices/region0/target",
		   "/sys/bus/cxl/devices/region0/targetN"));
	/* testing/sysfs-bus-coresight-devices-tpdm:105 */
	CHECK("/sys/bus/coresight/devices/<tpdm-name>/dsb_edge/edcmr[0:7]",
	      STRS("/sys/bus/coresight/devices/tpdm0/dsb_edge/edcmr7"),
	      STRS("/sys/bus/coresight/devices/tpdm0/dsb_edge/edcmr8",
		   "/sys/bus/coresight/devices/tpdm0/dsb_edge/edcmr10"));
	/* testing/debugfs-hisi-zip:1 */
	CHECK("/sys/kernel/debug/hisi_zip/<bdf>/comp_core[01]/regs",
	      STRS("/sys/kernel/debug/hisi_zip/0000:75:00.0/comp_core1/regs"),
	      STRS("/sys/kernel/debug/hisi_zip/0000:75:00.0/comp_core2/regs",
		   "/sys/kernel/debug/hisi_zip/0000:75:00.0/comp_core01/regs"));
	/* testing/debugfs-driver-genwqe:67 */
	CHECK("/sys/kernel/debug/genwqe/genwqe<n>_card/vf<0..14>_jobtimeout_msec",
	      STRS("/sys/kernel/debug/genwqe/genwqe0_card/vf14_jobtimeout_msec"),
	      STRS("/sys/kernel/debug/genwqe/genwqe0_card/vf_jobtimeout_msec",
		   "/sys/kernel/debug/genwqe/genwqe0_card/vfa_jobtimeout_msec"));
	/* testing/sysfs-bus-intel_th-devices-gth:8 */
	CHECK("/sys/bus/intel_th/devices/<intel_th_id>-gth/outputs/[0-7]_port",
	      STRS("/sys/bus/intel_th/devices/0-gth/outputs/3_port"),
	      STRS("/sys/bus/intel_th/devices/0-gth/outputs/8_port",
		   "/sys/bus/intel_th/devices/0-gth/outputs/_port"));
}

static void test_row_alternatives(void)
{
	/* testing/sysfs-bus-cxl:243 */
	CHECK("/sys/bus/cxl/devices/decoderX.Y/{start,size}",
	      STRS("/sys/bus/cxl/devices/decoder0.0/start",
		   "/sys/bus/cxl/devices/decoder0.0/size"),
	      STRS("/sys/bus/cxl/devices/decoder0.0/start,size",
		   "/sys/bus/cxl/devices/decoder0.0/{start,size}",
		   "/sys/bus/cxl/devices/decoder0.0/stsize"));
	/* testing/sysfs-driver-toshiba_acpi:33, nested */
	CHECK("/sys/devices/LNXSYSTM:00/LNXSYBUS:00/TOS{1900,620{0,7,8}}:00/position",
	      STRS("/sys/devices/LNXSYSTM:00/LNXSYBUS:00/TOS6207:00/position",
		   "/sys/devices/LNXSYSTM:00/LNXSYBUS:00/TOS6200:00/position"),
	      STRS("/sys/devices/LNXSYSTM:00/LNXSYBUS:00/TOS6201:00/position",
		   "/sys/devices/LNXSYSTM:00/LNXSYBUS:00/TOS620:00/position"));
	/* testing/sysfs-class-tee:1, an empty option */
	CHECK("/sys/class/tee/tee{,priv}X/rpmb_routing_model",
	      STRS("/sys/class/tee/tee0/rpmb_routing_model",
		   "/sys/class/tee/teepriv0/rpmb_routing_model"),
	      STRS("/sys/class/tee/tee/rpmb_routing_model"));
	/* testing/sysfs-class-typec:115 */
	CHECK("/sys/class/typec/<port>-{partner|cable}/usb_power_delivery_revision",
	      STRS("/sys/class/typec/port0-cable/usb_power_delivery_revision"),
	      STRS("/sys/class/typec/port0-plug/usb_power_delivery_revision"));
	/* testing/sysfs-bus-coresight-devices-etm3x:1 */
	CHECK("/sys/bus/coresight/devices/<memory_map>.[etm|ptm]/enable_source",
	      STRS("/sys/bus/coresight/devices/2201c000.ptm/enable_source"),
	      STRS("/sys/bus/coresight/devices/2201c000.stm/enable_source"));
	/* testing/sysfs-bus-platform-devices-ampere-smpro:1 as ABI-FORMAT.md quotes it */
	CHECK("/sys/bus/platform/devices/smpro-errmon.*/error_[core\\|mem\\|pcie]_ce",
	      STRS("/sys/bus/platform/devices/smpro-errmon.0/error_pcie_ce"),
	      STRS("/sys/bus/platform/devices/smpro-errmon.0/error_core|mem_ce"));
	/* obsolete/sysfs-class-typec:4 */
	CHECK("/sys/class/typec/<port|partner|cable>/<dev>/svid",
	      STRS("/sys/class/typec/partner/port0-partner.0/svid"),
	      STRS("/sys/class/typec/port0/svid"));
	/* testing/debugfs-driver-qat_telemetry:105, `/` between options */
	CHECK("/sys/kernel/debug/qat_<device>_<BDF>/telemetry/rp_<A/B/C/D>_data",
	      STRS("/sys/kernel/debug/qat_4xxx_0000:6b:00.0/telemetry/rp_D_data"),
	      STRS("/sys/kernel/debug/qat_4xxx_0000:6b:00.0/telemetry/rp_E_data",
		   "/sys/kernel/debug/qat_4xxx_0000:6b:00.0/telemetry/rp_A/B_data"));
}

static void test_row_trailing_slash(void)
{
	/* testing/sysfs-kernel-mm-hugepages:1 */
	CHECK("/sys/kernel/mm/hugepages/",
	      STRS("/sys/kernel/mm/hugepages", "/sys/kernel/mm/hugepages/"),
	      STRS("/sys/kernel/mm/hugepages/hugepages-2048kB", "/sys/kernel/mm"));
}

static void test_row_value(void)
{
	/* testing/sysfs-bus-iio-accel-adxl372:1 */
	CHECK("/sys/bus/iio/devices/triggerX/name = \"adxl372-devX-peak\"",
	      STRS("/sys/bus/iio/devices/trigger0/name"),
	      STRS("/sys/bus/iio/devices/trigger0/name = \"adxl372-dev0-peak\""));
}

static void test_row_trailing_word(void)
{
	/* removed/o2cb:1 and testing/sysfs-bus-pci-devices-pvpanic:2 */
	CHECK("/sys/o2cb symlink", STRS("/sys/o2cb"), STRS("/sys/o2cb/symlink"));
	CHECK("/sys/bus/pci/drivers/pvpanic-pci/0000:00:0*.0/capability for PCI",
	      STRS("/sys/bus/pci/drivers/pvpanic-pci/0000:00:03.0/capability"),
	      STRS("/sys/bus/pci/drivers/pvpanic-pci/0000:00:03.0/capability for PCI"));
}

static void test_row_backslash(void)
{
	/* testing/sysfs-platform-wilco-ec:1 */
	CHECK("/sys/bus/platform/devices/GOOG000C\\:00/boot_on_ac",
	      STRS("/sys/bus/platform/devices/GOOG000C:00/boot_on_ac"),
	      STRS("/sys/bus/platform/devices/GOOG000C\\:00/boot_on_ac"));
	/* testing/sysfs-driver-aspeed-uart-routing:1: `\*` is a star */
	CHECK("/sys/bus/platform/drivers/aspeed-uart-routing/\\*/uart\\*",
	      STRS("/sys/bus/platform/drivers/aspeed-uart-routing/1e789098.lpc/uart1"),
	      STRS("/sys/bus/platform/drivers/aspeed-uart-routing/1e789098.lpc/io1"));
}

static void test_row_other_brackets(void)
{
	/* testing/sysfs-bus-i2c-devices-lm3533:1 */
	CHECK("/sys/bus/i2c/devices/.../output_hvled[n]",
	      STRS("/sys/bus/i2c/devices/0-0036/output_hvled1"),
	      STRS("/sys/bus/i2c/devices/0-0036/output_lvled1"));
	/* testing/debugfs-driver-dcc:27 */
	CHECK("/sys/kernel/debug/dcc/.../[list-number]/config",
	      STRS("/sys/kernel/debug/dcc/117f000.dma/3/config"),
	      STRS("/sys/kernel/debug/dcc/117f000.dma/config/x"));
	/* testing/sysfs-ata:50 */
	CHECK("/sys/class/ata_link/linkX[.Y]/sata_spd",
	      STRS("/sys/class/ata_link/link1/sata_spd",
		   "/sys/class/ata_link/link1.2/sata_spd"),
	      STRS("/sys/class/ata_link/link/sata_spd"));
	/* stable/sysfs-platform-wmi-bmof:1 */
	CHECK("/sys/bus/wmi/devices/05901221-D566-11D1-B2F0-00A0C9062910[-X]/bmof",
	      STRS("/sys/bus/wmi/devices/05901221-D566-11D1-B2F0-00A0C9062910/bmof",
		   "/sys/bus/wmi/devices/05901221-D566-11D1-B2F0-00A0C9062910-1/bmof"),
	      STRS("/sys/bus/wmi/devices/05901221-D566-11D1-B2F0-00A0C9062911/bmof"));
	/* stable/sysfs-bus-firewire:54 */
	CHECK("/sys/bus/firewire/devices/fw[0-9]+[.][0-9]+/",
	      STRS("/sys/bus/firewire/devices/fw1.0"),
	      STRS("/sys/bus/firewire/devices/fw1", "/sys/bus/firewire/devices/fw.0"));
}

/*
 * testing/configfs-tsm:1, testing/sysfs-platform-usbip-vudc:1,
 * testing/sysfs-devices-system-xen_cpu:12
 */
static void test_row_not_in_table(void)
{
	CHECK("/sys/kernel/config/tsm/report/$name/inblob",
	      STRS("/sys/kernel/config/tsm/report/report0/inblob"),
	      STRS("/sys/kernel/config/tsm/report/inblob"));
	CHECK("/sys/devices/platform/usbip-vudc.%d/dev_desc",
	      STRS("/sys/devices/platform/usbip-vudc.0/dev_desc"),
	      STRS("/sys/devices/platform/usbip-vudc.a/dev_desc"));
	CHECK("/sys/devices/system/xen_cpu/xen_cpu#/online",
	      STRS("/sys/devices/system/xen_cpu/xen_cpu12/online"),
	      STRS("/sys/devices/system/xen_cpu/xen_cpu#/online"));
}

static void test_anchored(void)
{
	/* testing/sysfs-devices:1: no prefix matching */
	CHECK("/sys/devices", STRS("/sys/devices", "/sys/devices/", "//sys//devices"),
	      STRS("/sys/devices/system", "/sys", "/sys/devicesx", "/", ""));
}

/* ---- normalize, classify, prepare ---- */

static void test_normalize(void)
{
	static const struct {
		const char *text, *path, *trailing;
		bool is_dir;
	} cases[] = {
		{ "/sys/bus/platform/devices/GOOG000C\\:00/version",
		  "/sys/bus/platform/devices/GOOG000C:00/version", NULL, false },
		{ "/sys/kernel/debug/\\_foo\\\\", "/sys/kernel/debug/_foo\\", NULL,
		  false },
		{ "/sys/bus/iio/devices/triggerX/name = \"bmg160-any-motion-devX\"",
		  "/sys/bus/iio/devices/triggerX/name", NULL, false },
		{ "/sys/o2cb symlink", "/sys/o2cb", "symlink", false },
		{ "/sys/devices/pci0000:00/*/QEMU0001:00/capability for MMIO",
		  "/sys/devices/pci0000:00/*/QEMU0001:00/capability", "for MMIO", false },
		{ "/sys/class/powercap/<control type>/<power zone>",
		  "/sys/class/powercap/<control type>/<power zone>", NULL, false },
		{ "  /sys/kernel/mm/hugepages/\t", "/sys/kernel/mm/hugepages", NULL,
		  true },
		{ ".../XXXXXXX.ipa/endpoint_id/", ".../XXXXXXX.ipa/endpoint_id", NULL,
		  true },
		{ "/kvd/", "/kvd", NULL, true },
		{ "/", "/", NULL, true },
		{ "/sys/class/power_supply/<supply_name>/voltage_max,",
		  "/sys/class/power_supply/<supply_name>/voltage_max", NULL, false },
		{ "/sys/class/thermal/cooling_deviceX/stats/time_in_state_ms:",
		  "/sys/class/thermal/cooling_deviceX/stats/time_in_state_ms", NULL,
		  false },
		{ "/sys/foo/bar.", "/sys/foo/bar", NULL, false },
		{ "/dev/pstore/...", "/dev/pstore/...", NULL, false },
		{ "/sys/devices/../..", "/sys/devices/../..", NULL, false },
		{ "tcp_dma_copybreak sysctl", "tcp_dma_copybreak sysctl", NULL, false },
		{ "Audit Login UID", "Audit Login UID", NULL, false },
		{ "", "", NULL, false },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const char *text = cases[i].text, *want = cases[i].trailing;
		char *path, *trailing;
		bool is_dir, ok;
		int r;

		r = abi_what_normalize(text, &path, &trailing, &is_dir);
		CU_ASSERT_EQUAL_FATAL(r, 0);
		assert_at(!strcmp(path, cases[i].path), __LINE__, "path of '%s' is '%s'",
			  text, path);
		ok = want ? trailing && !strcmp(trailing, want) : !trailing;
		assert_at(ok, __LINE__, "trailing text of '%s' is '%s'", text,
			  trailing ? trailing : "");
		assert_at(is_dir == cases[i].is_dir, __LINE__, "is_dir of '%s'", text);
		free(path);
		free(trailing);
	}
}

static void test_classify(void)
{
	static const struct {
		const char *path;
		enum abi_what_kind kind;
	} cases[] = {
		{ "/sys/kernel/debug/dcc/.../ready", ABI_WHAT_DEBUGFS },
		{ "/sys/kernel/debug", ABI_WHAT_DEBUGFS },
		{ "/sys/kernel/tracing/events", ABI_WHAT_TRACEFS },
		{ "/sys/kernel/config/tsm/report/$name/inblob", ABI_WHAT_CONFIGFS },
		{ "/config/usb-gadget/gadget/webusb", ABI_WHAT_CONFIGFS },
		{ "/sys", ABI_WHAT_SYSFS },
		{ "/sys/kernel/debugfoo", ABI_WHAT_SYSFS },
		{ "/sys/class/net/<iface>/mtu", ABI_WHAT_SYSFS },
		{ ".../XXXXXXX.ipa/version", ABI_WHAT_SYSFS },
		{ "/proc/diskstats", ABI_WHAT_PROCFS },
		{ "/proc", ABI_WHAT_PROCFS },
		{ "/dev/kmsg", ABI_WHAT_DEV },
		{ "/kvd/linear", ABI_WHAT_OTHER_PATH },
		{ "/sysfoo", ABI_WHAT_OTHER_PATH },
		{ "/configfs", ABI_WHAT_OTHER_PATH },
		{ "tcp_dma_copybreak sysctl", ABI_WHAT_PROSE },
		{ "$(readlink -f /sys/bus/dax/devices/daxX.Y)/../dax_region/id",
		  ABI_WHAT_PROSE },
		{ "", ABI_WHAT_PROSE },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		assert_at(abi_what_classify(cases[i].path) == cases[i].kind, __LINE__,
			  "'%s' is %s", cases[i].path, abi_what_kind_name(cases[i].kind));
}

struct seen {
	size_t n;
	enum abi_diag_kind kind;
	unsigned int line;
	char message[256];
};

static void on_diag(void *data, const struct abi_diag *d)
{
	struct seen *s = data;

	s->n++;
	s->kind = d->kind;
	s->line = d->loc.line;
	snprintf(s->message, sizeof(s->message), "%s", d->message);
}

struct prep {
	struct abi_ctx *ctx;
	struct abi_arena *arena;
	struct abi_what w;
	struct seen seen;
};

/* Prepare a What of @text on line 7 of "testing/x"; its strings live in the arena. */
static void prepare(struct prep *p, const char *text)
{
	abi_what_release(&p->w);
	p->seen = (struct seen){ .n = 0 };
	p->w = (struct abi_what){ .text = text, .line = 7 };
	CU_ASSERT_EQUAL(abi_what_prepare(p->ctx, p->arena, "testing/x", &p->w), 0);
}

static void test_prepare(void)
{
	struct prep p = { .ctx = NULL };

	CU_ASSERT_EQUAL_FATAL(abi_ctx_new(&p.ctx), 0);
	CU_ASSERT_EQUAL_FATAL(abi_arena_new(&p.arena), 0);
	abi_ctx_set_diag_fn(p.ctx, on_diag, &p.seen);

	prepare(&p, "/sys/class/net/<iface>/mtu");
	CU_ASSERT_EQUAL(p.seen.n, 0);
	CU_ASSERT_EQUAL(p.w.kind, ABI_WHAT_SYSFS);
	CU_ASSERT_PTR_NOT_NULL(p.w.pattern);
	CU_ASSERT(abi_pattern_match(p.w.pattern, "/sys/class/net/eth0/mtu"));
	/* a value is a known convention, not trailing prose */
	prepare(&p, "/sys/bus/iio/devices/triggerX/name = \"adxl372-devX-peak\"");
	CU_ASSERT_EQUAL(p.seen.n, 0);
	CU_ASSERT_STRING_EQUAL(p.w.path, "/sys/bus/iio/devices/triggerX/name");
	CU_ASSERT_PTR_NULL(p.w.trailing);
	prepare(&p, "/sys/kernel/mm/hugepages/");
	CU_ASSERT_EQUAL(p.seen.n, 0);
	CU_ASSERT(p.w.is_dir);
	prepare(&p, "/proc/diskstats");
	CU_ASSERT_EQUAL(p.w.kind, ABI_WHAT_PROCFS);
	CU_ASSERT_PTR_NOT_NULL(p.w.pattern);

	prepare(&p, "");
	CU_ASSERT_EQUAL(p.seen.n, 1);
	CU_ASSERT_EQUAL(p.seen.kind, ABI_DIAG_WHAT_EMPTY);
	CU_ASSERT_EQUAL(p.seen.line, 7);
	CU_ASSERT_PTR_NULL(p.w.pattern);

	prepare(&p, "tcp_dma_copybreak sysctl");
	CU_ASSERT_EQUAL(p.seen.n, 1);
	CU_ASSERT_EQUAL(p.seen.kind, ABI_DIAG_WHAT_NOT_PATH);
	CU_ASSERT_STRING_EQUAL(p.seen.message,
			       "'tcp_dma_copybreak sysctl' is not a path");
	CU_ASSERT_EQUAL(p.w.kind, ABI_WHAT_PROSE);
	CU_ASSERT_PTR_NULL(p.w.pattern);

	prepare(&p, "/sys/o2cb symlink");
	CU_ASSERT_EQUAL(p.seen.n, 1);
	CU_ASSERT_EQUAL(p.seen.kind, ABI_DIAG_WHAT_TRAILING_TEXT);
	CU_ASSERT_STRING_EQUAL(p.seen.message,
			       "text 'symlink' after the path '/sys/o2cb'");
	CU_ASSERT_STRING_EQUAL(p.w.trailing, "symlink");

	prepare(&p, "/sys/class/net/<iface/mtu");
	CU_ASSERT_EQUAL(p.seen.n, 1);
	CU_ASSERT_EQUAL(p.seen.kind, ABI_DIAG_WHAT_BAD_PATTERN);
	CU_ASSERT_STRING_EQUAL(p.seen.message,
			       "cannot compile "
			       "'/sys/class/net/<iface/mtu': unclosed bracket");
	CU_ASSERT_PTR_NULL(p.w.pattern);
	CU_ASSERT_EQUAL(abi_ctx_diag_count(p.ctx, ABI_DIAG_WHAT_BAD_PATTERN), 1);

	abi_what_release(&p.w);
	abi_arena_free(p.arena);
	abi_ctx_free(p.ctx);
}

/* ---- compiling ---- */

static void expect_bad(const char *path, const char *why_part, int line)
{
	struct abi_pattern *p = NULL;
	const char *why = NULL;

	assert_at(abi_pattern_compile(path, &p, &why) == -EINVAL, line, "'%s' fails",
		  path);
	assert_at(!p, line, "'%s' fails with no pattern", path);
	assert_at(why && strstr(why, why_part), line, "'%s': '%s'", path, why ? why : "");
	abi_pattern_free(p);
}

#define EXPECT_BAD(path, why) expect_bad(path, why, __LINE__)

#define AB2 "{a,b}/{a,b}"
#define AB4 AB2 "/" AB2

static void test_bad_patterns(void)
{
	struct abi_pattern *p = NULL;

	EXPECT_BAD("/sys/class/net/<iface/mtu", "unclosed");
	EXPECT_BAD("/sys/class/net/iface>/mtu", "unbalanced");
	EXPECT_BAD("/sys/class/net/<iface]/mtu", "mismatched");
	EXPECT_BAD("/sys/{{{{{{{{{{{{{{{{{a}}}}}}}}}}}}}}}}}", "nested");
	EXPECT_BAD("", "empty");
	EXPECT_BAD("sys/class", "absolute");
	/* 9 components of {a,b}: 512 variants */
	EXPECT_BAD("/sys/" AB4 "/" AB4 "/{a,b}", "variants");
	CU_ASSERT_EQUAL(abi_pattern_compile(NULL, &p, NULL), -EINVAL);

	/* 8 of them, 256 variants: the limit, allowed */
	CU_ASSERT_EQUAL_FATAL(abi_pattern_compile("/sys/" AB4 "/" AB4, &p, NULL), 0);
	CU_ASSERT_EQUAL(abi_pattern_variant_count(p), ABI_PATTERN_MAX_VARIANTS);
	CU_ASSERT(abi_pattern_match(p, "/sys/a/b/a/b/a/b/b/b"));
	CU_ASSERT(!abi_pattern_match(p, "/sys/a/b/a/b/a/b/b/c"));
	abi_pattern_free(p);
	abi_pattern_free(NULL);
}

static void test_components(void)
{
	const char *cxl = "/sys/bus/cxl/devices/decoderX.Y/{start,size}";
	const struct abi_comp *c;
	struct abi_pattern *p;
	size_t n;

	CU_ASSERT_EQUAL_FATAL(abi_pattern_compile(cxl, &p, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(abi_pattern_variant_count(p), 2);
	c = abi_pattern_variant(p, 1, &n);
	CU_ASSERT_EQUAL_FATAL(n, 6);
	CU_ASSERT_EQUAL(c[0].type, ABI_COMP_LITERAL);
	CU_ASSERT_STRING_EQUAL(c[0].literal, "sys");
	CU_ASSERT_EQUAL(c[4].type, ABI_COMP_GLOB);
	CU_ASSERT(abi_glob_match(c[4].glob, "decoder3.0", 10));
	CU_ASSERT(!abi_glob_match(c[4].glob, "decoder3/0", 10));
	/* an alternative expands into a literal the index can hash */
	CU_ASSERT_EQUAL(c[5].type, ABI_COMP_LITERAL);
	CU_ASSERT_STRING_EQUAL(c[5].literal, "size");
	abi_pattern_free(p);

	/* a leading `...`, `//` dropped, `.../...` merged */
	CU_ASSERT_EQUAL_FATAL(abi_pattern_compile(".../a//.../.../b", &p, NULL), 0);
	c = abi_pattern_variant(p, 0, &n);
	CU_ASSERT_EQUAL_FATAL(n, 5);
	CU_ASSERT_EQUAL(c[0].type, ABI_COMP_LITERAL);
	CU_ASSERT_EQUAL(c[1].type, ABI_COMP_DEEP);
	CU_ASSERT_EQUAL(c[2].type, ABI_COMP_LITERAL);
	CU_ASSERT_EQUAL(c[3].type, ABI_COMP_DEEP);
	CU_ASSERT_EQUAL(c[4].type, ABI_COMP_LITERAL);
	abi_pattern_free(p);

	/* `rp_<A/B/C/D>_data` is one component with four options */
	CU_ASSERT_EQUAL_FATAL(abi_pattern_compile("/x/rp_<A/B/C/D>_data", &p, NULL), 0);
	CU_ASSERT_EQUAL(abi_pattern_variant_count(p), 4);
	c = abi_pattern_variant(p, 3, &n);
	CU_ASSERT_EQUAL_FATAL(n, 2);
	CU_ASSERT_STRING_EQUAL(c[1].literal, "rp_D_data");
	abi_pattern_free(p);
}

static void expect_describe(const char *path, const char *want, int line)
{
	struct abi_pattern *p = NULL;
	char *got;

	assert_at(abi_pattern_compile(path, &p, NULL) == 0, line, "'%s' compiles", path);
	if (!p)
		return;
	got = abi_pattern_describe(p);
	assert_at(got && !strcmp(got, want), line, "'%s' is described as '%s'", path,
		  got ? got : "(null)");
	free(got);
	abi_pattern_free(p);
}

#define EXPECT_DESCRIBE(path, want) expect_describe(path, want, __LINE__)

static void test_describe(void)
{
	EXPECT_DESCRIBE("/sys/devices/system/cpu/cpuX/online",
			"/sys/devices/system/cpu/cpu<+>/online");
	EXPECT_DESCRIBE("/sys/bus/cxl/devices/decoderX.Y/{start,size}",
			"/sys/bus/cxl/devices/decoder<+>.<+>/start | "
			"/sys/bus/cxl/devices/decoder<+>.<+>/size");
	EXPECT_DESCRIBE(".../XXXXXXX.ipa/version", "/sys/**/<+>.ipa/version");
	EXPECT_DESCRIBE("/sys/module/*/initstate", "/sys/module/<*>/initstate");
	EXPECT_DESCRIBE("/sys/class/rfkill/rfkill[0-9]+/name",
			"/sys/class/rfkill/rfkill<#>/name");
	EXPECT_DESCRIBE("/x/profile[1-5]_buttons/f[01]/g[1-5]+/h[0-9]",
			"/x/profile[1-5]_buttons/f[0-1]/g[1-5]+/h[0-9]");
	EXPECT_DESCRIBE("/x/edcmr[0:7]/vf<0..14>/target[0..N]",
			"/x/edcmr[0-7]/vf<#>/target<#>");
	EXPECT_DESCRIBE("/x/<busnum>-<devnum>/sdw:.../[n]", "/x/<+>-<+>/sdw:<*>/<*>");
	EXPECT_DESCRIBE("/x/<a><b>/c*d*", "/x/<+><+>/c<*>d<*>");
	EXPECT_DESCRIBE("/sys/devices/LNXSYSTM:00", "/sys/devices/LNXSYSTM:00");
	EXPECT_DESCRIBE("/", "/");
}

/* ---- no blow-up ---- */

/* "/sys/" then @n times @unit then @tail */
static char *repeat(const char *unit, size_t n, const char *tail)
{
	size_t ul = strlen(unit), tl = strlen(tail);
	char *s = malloc(5 + n * ul + tl + 1), *o = s;

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	memcpy(o, "/sys/", 5);
	o += 5;
	for (size_t i = 0; i < n; i++, o += ul)
		memcpy(o, unit, ul);
	memcpy(o, tail, tl + 1);
	return s;
}

static bool compile_match(const char *pattern, const char *path)
{
	struct abi_pattern *p = NULL;
	bool ok;

	CU_ASSERT_EQUAL_FATAL(abi_pattern_compile(pattern, &p, NULL), 0);
	ok = abi_pattern_match(p, path);
	abi_pattern_free(p);
	return ok;
}

/*
 * Each variant of a What is built apart, so a long line with alternatives cost a copy
 * per variant: 4 MB and 256 variants took 1 GB. The expansion is bounded per What...
 */
static void test_expansion_budget(void)
{
	const size_t len = ABI_PATTERN_MAX_EXPANDED / 256 + 1;
	char *line = repeat("a", len, "{0,1}{0,1}{0,1}{0,1}{0,1}{0,1}{0,1}{0,1}");
	char *ok = repeat("a", ABI_PATTERN_MAX_LEN, "");
	struct abi_pattern *p = (struct abi_pattern *)1;
	const char *why = NULL;

	CU_ASSERT_EQUAL(abi_pattern_compile(line, &p, &why), -EINVAL);
	CU_ASSERT_PTR_NULL(p);
	CU_ASSERT_STRING_EQUAL(why,
			       "longer than 65536 bytes after expanding alternatives");
	/* one variant is never copied: any path's length compiles... */
	ok[ABI_PATTERN_MAX_LEN] = '\0';
	CU_ASSERT_EQUAL(abi_pattern_compile(ok, &p, &why), 0);
	abi_pattern_free(p);
	/* ... and nothing longer, which would cost an index node per component */
	ok[ABI_PATTERN_MAX_LEN] = 'a';
	CU_ASSERT_EQUAL(abi_pattern_compile(ok, &p, &why), -EINVAL);
	CU_ASSERT_STRING_EQUAL(why, "longer than 4096 bytes, the longest path there is");
	free(line);
	free(ok);
}

/* ... and over a whole tree, so that many small lines cannot add up either. */
static void test_tree_expansion_budget(void)
{
	/* 256 variants of 52 bytes: 13,312 bytes each, 1,260 of them fill 16 MiB */
	const size_t n = 2000, per = 256 * 52;
	size_t size = n * 64 + 64, at = 0, compiled = 0, spent = 0;
	char *text = malloc(size);
	struct unit_file files[] = { { "testing/sysfs-many", text }, { NULL } };
	struct unit_loaded l;
	char *dir;

	CU_ASSERT_FATAL(text != NULL);
	for (size_t i = 0; i < n; i++)
		at += (size_t)snprintf(text + at, size - at,
				       "What:\t/sys/x%05zu/"
				       "{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}\n",
				       i);
	snprintf(text + at, size - at, "Description:\tx\n");
	dir = unit_tree_new(files);
	unit_load(dir, &l);
	CU_ASSERT_EQUAL_FATAL(l.r, 0);
	CU_ASSERT_EQUAL_FATAL(l.tree->n_entries, 1);
	for (size_t w = 0; w < l.tree->entries[0]->n_whats; w++)
		compiled += l.tree->entries[0]->whats[w].pattern != NULL;
	for (size_t i = 0; i < l.n_diags; i++)
		spent += l.diags[i].kind == ABI_DIAG_WHAT_BAD_PATTERN &&
			 strstr(l.diags[i].message, "in all") != NULL;
	CU_ASSERT_EQUAL(compiled, ABI_TREE_MAX_EXPANDED / per);
	/* the first that did not fit says why (the unit loader keeps the first 256 diagnostics) */
	CU_ASSERT(spent > 0);
	unit_loaded_free(&l);
	unit_tree_remove(dir);
	free(text);
}

static void test_many_wildcards(void)
{
	char *a200 = repeat("a", 200, ""), *a150b = repeat("a", 150, "b");
	char *d200 = repeat("1", 200, ""), *d199x = repeat("1", 199, "x");
	char *a1500 = repeat("a", 1500, ""), *a1499b = repeat("a", 1499, "b");
	char *pat;

	/* 2,000 wildcards between literals (a path's 4096 bytes hold no more): a
	 * backtracking matcher would never return */
	pat = repeat("*a", 2000, "b");
	CU_ASSERT(!compile_match(pat, a200));
	CU_ASSERT(!compile_match(pat, a150b));
	free(pat);
	pat = repeat("[0-9]+a", 580, "");
	CU_ASSERT(!compile_match(pat, d200));
	free(pat);
	/* 4,000 stars and one literal */
	pat = repeat("*", 4000, "b");
	CU_ASSERT(compile_match(pat, a150b));
	CU_ASSERT(!compile_match(pat, a200));
	free(pat);
	/* a*a*...a*b: exponential for backtracking on a^150b and a^200 */
	pat = repeat("a*", 100, "b");
	CU_ASSERT(compile_match(pat, a150b));
	CU_ASSERT(!compile_match(pat, a200));
	free(pat);
	/* digit classes: every position of the automaton is alive at once */
	pat = repeat("[0-9]+", 100, "");
	CU_ASSERT(compile_match(pat, d200));
	CU_ASSERT(!compile_match(pat, d199x));
	free(pat);
	/* an automaton too big for the stack */
	pat = repeat("a*", 1500, "");
	CU_ASSERT(compile_match(pat, a1500));
	CU_ASSERT(!compile_match(pat, a1499b));
	free(pat);
	/* `...` between many components */
	pat = repeat(".../a/", 680, "b");
	CU_ASSERT(!compile_match(pat, "/sys/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/c"));
	CU_ASSERT(!compile_match(pat, a200));
	free(pat);
	free(a200);
	free(a150b);
	free(d200);
	free(d199x);
	free(a1500);
	free(a1499b);
}

/* ---- registration ---- */

void test_what_register(void)
{
	static const struct unit_test tests[] = {
		{ "row: <name>", test_row_placeholder },
		{ "row: several <..> in one component", test_row_several_placeholders },
		{ "row: X Y Z N", test_row_capital_placeholders },
		{ "row: * inside a component", test_row_star_in_component },
		{ "row: /*/", test_row_star_component },
		{ "row: ...", test_row_dots },
		{ "row: digit classes", test_row_digit_classes },
		{ "row: alternatives", test_row_alternatives },
		{ "row: trailing /", test_row_trailing_slash },
		{ "row: = value", test_row_value },
		{ "row: a word after the path", test_row_trailing_word },
		{ "row: backslash escapes", test_row_backslash },
		{ "other [...] forms", test_row_other_brackets },
		{ "forms not in the table", test_row_not_in_table },
		{ "anchored at both ends", test_anchored },
		{ "normalize", test_normalize },
		{ "classify", test_classify },
		{ "prepare diagnostics", test_prepare },
		{ "bad patterns", test_bad_patterns },
		{ "components", test_components },
		{ "describe", test_describe },
		{ "thousands of wildcards", test_many_wildcards },
		{ "expansion budget of a What", test_expansion_budget },
		{ "expansion budget of a tree", test_tree_expansion_budget },
		{ NULL, NULL },
	};

	unit_add_suite("what", tests);
}

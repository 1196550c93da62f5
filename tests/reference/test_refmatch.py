#!/usr/bin/env python3
"""Unit tests of refmatch's What translation, one per row of the format notes'
wildcard table (run: python3 tests/reference/test_refmatch.py)."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import refmatch as r  # noqa: E402


def matches(what, path, desc=""):
    e = r.Entry("testing", "x", 1)
    e.desc = [desc]
    c = r.compile_what(what, e)
    if c is None:
        return None
    comps = c[0]

    def close(s):
        s = set(s)
        for i in list(s):
            while i < len(comps) and comps[i] is r.ELL:
                i += 1
                s.add(i)
        return s
    st = close({0})
    for name in path.split("/"):
        n = set()
        for i in st:
            if i < len(comps):
                if comps[i] is r.ELL:
                    n.add(i)
                elif r.comp_match(comps[i], name):
                    n.add(i + 1)
        st = close(n)
    return len(comps) in st


CASES = [
    ("/sys/class/net/<iface>/mtu", "class/net/eth0/mtu", True),
    ("/sys/class/net/<iface>/mtu", "class/net/a/b/mtu", False),
    ("/sys/bus/usb/devices/<busnum>-<devnum>:<config num>.<interface num>/x",
     "bus/usb/devices/1-2:1.0/x", True),
    ("/sys/devices/system/cpu/cpuX/online", "devices/system/cpu/cpu12/online", True),
    ("/sys/bus/cxl/devices/decoderX.Y/mode", "bus/cxl/devices/decoder0.1/mode", True),
    ("/sys/devices/pciXXXX:XX/0000:XX:XX.X/dma", "devices/pci0000:00/0000:00:04.0/dma", True),
    ("/sys/devices/LNXSYSTM:00/x", "devices/LNXSYSTM:00/x", True),
    ("/sys/devices/LNXSYSTM:00/x", "devices/LN1SYSTM:00/x", False),
    ("/sys/devices/LNXSYSTM:00/LNXSYBUS:00/TOS{1900,620{0,7,8}}:00/position",
     "devices/LNXSYSTM:00/LNXSYBUS:00/TOS6207:00/position", True),
    ("/sys/devices/LNXSYSTM:00/LNXSYBUS:00/TOS{1900,620{0,7,8}}:00/position",
     "devices/LNXSYSTM:00/LNXSYBUS:00/TOS6209:00/position", False),
    ("/sys/bus/platform/devices/smpro-errmon.*/x", "bus/platform/devices/smpro-errmon.3/x", True),
    ("/sys/module/*/initstate", "module/a/initstate", True),
    ("/sys/module/*/initstate", "module/a/b/initstate", False),
    ("/sys/class/rfkill/rfkill[0-9]+/claim", "class/rfkill/rfkill12/claim", True),
    ("/sys/x/profile[1-5]_buttons", "x/profile3_buttons", True),
    ("/sys/x/profile[1-5]_buttons", "x/profile6_buttons", False),
    ("/sys/x/target[0..N]", "x/target17", True),
    ("/sys/x/[core|mem|pcie]_y", "x/mem_y", True),
    ("/sys/x/<a|b>", "x/c", False),
    ("/sys/.../iio:deviceX/foo", "bus/iio/devices/iio:device0/foo", True),
    ("/sys/.../iio:deviceX/foo", "iio:device0/foo", True),
    (".../XXXXXXX.ipa/endpoint_id", "devices/platform/1e40000.ipa/endpoint_id", True),
    ("/sys/a\\_b", "a_b", True),
    ("/sys/class/ata_device/devX[.Y].Z/class", "class/ata_device/dev1.0/class", True),
    ("/sys/class/ata_device/devX[.Y].Z/class", "class/ata_device/dev1.2.0/class", True),
]


class T(unittest.TestCase):
    def test_table(self):
        for what, path, exp in CASES:
            with self.subTest(what=what, path=path):
                self.assertEqual(matches(what, path), exp)

    def test_mentioned(self):
        w = "/sys/kernel/mm/hugepages/<set_of_attributes_mentioned_below>"
        d = "nr_hugepages: ...  free_hugepages-x"
        self.assertTrue(matches(w, "kernel/mm/hugepages/nr_hugepages", d))
        self.assertFalse(matches(w, "kernel/mm/hugepages/free_hugepages", d))
        self.assertFalse(matches(w, "kernel/mm/hugepages/nr_huge", d))

    def test_nothing(self):
        self.assertIsNone(r.compile_what("/sys/.../<device>/<UUID>/", r.Entry("t", "x", 1)))

    def test_extract(self):
        self.assertEqual(r.extract_path(" /sys/a/0000:00:0*.0/events for PCI"),
                         "/sys/a/0000:00:0*.0/events")
        self.assertEqual(r.extract_path("/sys/a/<config num>.<b> x"), "/sys/a/<config num>.<b>")
        self.assertEqual(r.extract_path("/sys/class/thermal/x/time_in_state_ms:"),
                         "/sys/class/thermal/x/time_in_state_ms")
        self.assertEqual(r.extract_path("/sys/a/b = 1"), "/sys/a/b")

    def test_parse(self):
        entries = []
        r.parse_file(entries, "stable", "f", "What:\t/sys/a\nWhat:\t/sys/b\n\t/sys/c\n"
                     "Date:\t2020\nDescription:\n\tfoo bar\n\nWhat:\t/sys/d\nDescription: x\n")
        self.assertEqual([[w for w, _ in e.whats] for e in entries],
                         [["/sys/a", "/sys/b", "/sys/c"], ["/sys/d"]])
        self.assertTrue(entries[0].has_word("bar"))


if __name__ == "__main__":
    unittest.main()

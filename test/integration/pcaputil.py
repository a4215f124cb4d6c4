# SPDX-License-Identifier: BSD-3-Clause
"""Classic pcap read/write for the integration tests (no third-party deps)."""
import struct

GLOBAL = struct.Struct("<IHHiIII")
RECORD = struct.Struct("<IIII")


def read(path):
    """Return (linktype, [frame bytes])."""
    with open(path, "rb") as f:
        data = f.read()
    magic, _, _, _, _, _, link = GLOBAL.unpack_from(data, 0)
    if magic not in (0xA1B2C3D4, 0xA1B23C4D):  # microsecond / nanosecond
        raise ValueError("%s: not a little-endian microsecond pcap" % path)
    frames, off = [], GLOBAL.size
    while off + RECORD.size <= len(data):
        _, _, incl, _ = RECORD.unpack_from(data, off)
        off += RECORD.size
        frames.append(data[off:off + incl])
        off += incl
    return link, frames


def write(path, frames, link=1):
    with open(path, "wb") as f:
        f.write(GLOBAL.pack(0xA1B2C3D4, 2, 4, 0, 0, 65535, link))
        for i, fr in enumerate(frames):
            f.write(RECORD.pack(i, 0, len(fr), len(fr)))
            f.write(fr)

"""Reads the PNGs plantar-view --screenshot writes, for the viewer's screenshot tests.

Shared by the tests in tests/viz/ (import it: the test's own folder is on sys.path), so that the
reader exists once. Only what the viewer writes: 8-bit RGB or RGBA, not interlaced.
"""
import struct
import zlib

import numpy as np


def read_png(path):
    """8-bit RGB or RGBA, non-interlaced PNG -> numpy array [height, width, channels]."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "%s is not a PNG" % path
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour_type, _, _, interlace = header
    assert depth == 8 and colour_type in (2, 6) and interlace == 0, header
    channels = 4 if colour_type == 6 else 3
    raw = zlib.decompress(idat)
    stride = width * channels
    out = np.zeros((height, stride), dtype=np.uint8)
    previous = np.zeros(stride, dtype=np.int32)
    for y in range(height):
        filter_type = raw[y * (stride + 1)]
        line = np.frombuffer(raw, dtype=np.uint8, count=stride, offset=y * (stride + 1) + 1).astype(np.int32)
        row = np.zeros(stride, dtype=np.int32)
        if filter_type == 0:
            row = line
        elif filter_type == 2:
            row = (line + previous) & 255
        else:  # Sub, Average, Paeth depend on the pixel to the left: go byte by byte
            for i in range(stride):
                left = row[i - channels] if i >= channels else 0
                up = previous[i]
                up_left = previous[i - channels] if i >= channels else 0
                if filter_type == 1:
                    predictor = left
                elif filter_type == 3:
                    predictor = (left + up) // 2
                elif filter_type == 4:
                    p = left + up - up_left
                    pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                    predictor = left if pa <= pb and pa <= pc else (up if pb <= pc else up_left)
                else:
                    raise ValueError("bad PNG filter %d" % filter_type)
                row[i] = (line[i] + predictor) & 255
        out[y] = row
        previous = row
    return out.reshape(height, width, channels)

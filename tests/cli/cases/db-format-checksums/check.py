# Checks an index against docs/vulndb-format.md with Python's own CRC-32 (zlib's): every checksum
# the builder wrote is the documented one, whichever CRC implementation the build used.
import struct
import sys
import zlib

b = open(sys.argv[1], "rb").read()
magic, version, header_size = struct.unpack_from("<8sII", b, 0)
assert magic == b"SBOMKDB\0" and version == 2 and header_size == 128, (magic, version, header_size)
header_crc, tables_crc = struct.unpack_from("<II", b, 120)
assert header_crc == zlib.crc32(b[:120] + b"\0\0\0\0" + b[124:128]), "header checksum"
rec_off, rec_count, blob_off, blob_len = struct.unpack_from("<QQQQ", b, 72)
assert blob_off + blob_len == len(b), "the blob ends the file"
assert tables_crc == zlib.crc32(b[128:blob_off]), "tables checksum"
for i in range(rec_count):
    off, length, crc = struct.unpack_from("<QII", b, rec_off + 16 * i)
    assert crc == zlib.crc32(b[blob_off + off:blob_off + off + length]), "record %d checksum" % i
print("format %d: header, tables and %d record checksums agree with zlib.crc32" % (version, rec_count))

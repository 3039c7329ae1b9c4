"""The bulk JSON files are gzip-compressed in members that an edit changes one at a time, so that
`mkdocs serve` compresses again only what changed, and the bytes stay the same build to build."""
from __future__ import annotations

import gzip
import random
import zlib

from microcred.export.jsonfile import MEMBER_BYTES, gzip_parts, joined
from microcred.reuse import Reuse


def _records(n: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    return [f'{{"id":"r{i:05d}","text":"{rng.random():.12f} {"x" * rng.randrange(200, 2000)}"}}' for i in range(n)]


def _members(data: bytes) -> int:
    count = 0
    while data:
        d = zlib.decompressobj(31)
        d.decompress(data)
        data = d.unused_data
        count += 1
    return count


def test_the_members_decompress_to_the_joined_text():
    records = _records(2000)
    parts = list(joined("[", records, "]\n"))
    data = gzip_parts(parts)
    assert gzip.decompress(data).decode("utf-8") == "[" + ",".join(records) + "]\n"
    assert _members(data) > 10, "one member: an edit would compress the whole file again"


def test_the_same_parts_give_the_same_bytes():
    assert gzip_parts(joined("[", _records(500), "]")) == gzip_parts(joined("[", _records(500), "]"))


def test_an_edit_compresses_again_only_the_member_that_holds_it():
    reuse = Reuse()
    records = _records(3000)
    first = gzip_parts(joined("[", records, "]"), reuse)
    total = reuse.made
    reuse.sweep()
    records[1500] = records[1500].replace('"text":"', '"text":"edited ')
    second = gzip_parts(joined("[", records, "]"), reuse)
    # its member, or two where the edit moved where one ends
    assert total > 20 and reuse.made <= 2 and reuse.reused >= total - 2
    assert second != first and gzip.decompress(second) == ("[" + ",".join(records) + "]").encode()


def test_an_inserted_record_does_not_move_the_members_after_it():
    reuse = Reuse()
    records = _records(3000)
    gzip_parts(joined("[", records, "]"), reuse)
    total = reuse.made
    reuse.sweep()
    records.insert(10, '{"id":"new"}')
    gzip_parts(joined("[", records, "]"), reuse)
    assert reuse.made <= 2 and reuse.reused >= total - 2


def test_no_member_passes_its_size_however_the_digests_fall():
    # one long run of parts the digest never cuts: the size bound still ends members
    part = "y" * 4096
    data = gzip_parts([part] * (3 * MEMBER_BYTES // 4096))
    assert _members(data) >= 3 and gzip.decompress(data) == (part * (3 * MEMBER_BYTES // 4096)).encode()


def test_nothing_to_compress_is_still_a_gzip_file():
    assert gzip.decompress(gzip_parts([])) == b""

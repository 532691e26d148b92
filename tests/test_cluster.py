"""quoteattr on Dask (quoteattr.cluster): the records of one process, from partitions and workers.

The fast tests use Dask's synchronous scheduler on a few synthetic documents. The cluster
test runs 200 PolNeAR articles on a local ``distributed`` cluster of two worker processes
and compares every record with ``extract_many`` in this process. PolNeAR is not part of
the project: its folder comes from ``QUOTEATTR_POLNEAR``, else ``../shared/data/polnear``
next to the repository, and the test is skipped when it is missing.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest

import quoteattr
from quoteattr.io.export import RECORD_COLUMNS, to_records
from quoteattr.io.inputs import read_inputs

db = pytest.importorskip("dask.bag", reason="quoteattr.cluster needs dask: pip install 'quoteattr[dask]'")

from quoteattr import cluster  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
POLNEAR_ENV = "QUOTEATTR_POLNEAR"
SYNC = {"scheduler": "sync"}

DOCS = [
    {"id": "a1", "text": '"We will rebuild the bridge," Mayor Lucia Ferreira said on Monday.'},
    {"text": "The ministry denied that any talks had taken place."},
    {"id": 7, "text": "It rained all week in the valley.", "publisher": "Valley Post"},
    {"text": 'Police accused the driver of speeding. "He was going too fast," an officer said.'},
    {"id": "e5", "text": ""},
    {"text": "According to Reuters, the deal was signed in Geneva on Friday."},
]


#: The ids of DOCS as read from the ``corpus`` file: given, else the line number.
IDS = ["a1", 2, 7, 5, "e5", 8]


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The six documents, with a byte order mark and blank lines, as a JSONL file."""
    lines = [json.dumps(doc) for doc in DOCS]
    lines.insert(2, "")  # blank lines are skipped but counted: ids are line numbers
    lines.insert(5, "   ")
    path = write_jsonl(tmp_path / "corpus.jsonl", lines)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    return path


def reference(nlp, inputs) -> list[dict]:
    """The records of one process: ``extract_many`` here, in order."""
    return [r.to_dict() for r in quoteattr.extract_many(inputs, nlp=nlp)]


# -- fast: the synchronous scheduler, six documents --------------------------------------------


def test_read_jsonl_reads_lines_as_the_command_line_does(corpus: Path) -> None:
    expected = list(read_inputs([str(corpus)]))
    for blocksize in (None, 64, 150, 10_000):
        bag = cluster.read_jsonl(corpus, blocksize=blocksize)
        assert bag.compute(**SYNC) == expected, blocksize
    small = cluster.read_jsonl(corpus, blocksize=64)
    assert small.npartitions > 3
    assert [d["id"] for d in small.compute(**SYNC)] == IDS


def test_bag_functions_on_six_documents(nlp, corpus: Path, tmp_path: Path) -> None:
    inputs = cluster.read_jsonl(corpus, blocksize=100)
    results = cluster.extract_bag(inputs, batch_size=2)
    assert results.npartitions == inputs.npartitions > 2
    records = results.compute(**SYNC)
    assert [r["id"] for r in records] == IDS
    assert all(set(r) == {"id", "publisher", "quotes", "speakers"} for r in records)
    assert records[2]["publisher"] == {"name": "Valley Post", "text": None, "start": None, "end": None}
    assert records == reference(nlp, read_inputs([str(corpus)]))
    json.dumps(records)  # plain JSON values only

    rows = cluster.to_records_bag(results).compute(**SYNC)
    assert all(tuple(row) == RECORD_COLUMNS for row in rows)
    assert rows == list(to_records(records))
    assert [r for r in cluster.to_records_bag(results, keep_empty=False).compute(**SYNC)] == list(
        to_records(records, keep_empty=False)
    )

    lazy = cluster.extract_jsonl(corpus, blocksize=100)
    assert lazy.compute(**SYNC) == records
    import dask

    with dask.config.set(scheduler="sync"):
        files = cluster.extract_jsonl(corpus, tmp_path / "out", blocksize=100)
    assert [Path(f).name for f in files] == [f"part-{i:05d}.jsonl" for i in range(inputs.npartitions)]
    written = [json.loads(line) for f in files for line in Path(f).read_text(encoding="utf-8").splitlines()]
    assert written == records


def test_inputs_without_ids_get_their_position_in_the_bag(nlp) -> None:
    texts = [doc["text"] for doc in DOCS]
    bag = db.from_sequence(texts, npartitions=4)
    assert [r["id"] for r in cluster.extract_bag(bag).compute(**SYNC)] == [0, 1, 2, 3, 4, 5]
    mixed = db.from_sequence([DOCS[0], texts[1], {"text": texts[2], "id": None}], npartitions=3)
    assert cluster.extract_bag(mixed).compute(**SYNC) == reference(nlp, [DOCS[0], texts[1], texts[2]])


def test_malformed_lines_raise_or_become_error_records(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "bad.jsonl", [json.dumps({"text": "Fine."}), "{not json", "[1, 2]"])
    with pytest.raises(ValueError, match=r"bad\.jsonl line 2: not valid JSON"):
        cluster.read_jsonl(path).compute(**SYNC)
    records = cluster.extract_bag(cluster.read_jsonl(path, skip_errors=True)).compute(**SYNC)
    assert [(r["id"], r["quotes"], "error" in r) for r in records] == [
        (1, [], False),
        (2, [], True),
        (3, [], True),
    ]
    assert records[2]["error"].endswith("line 3: not a JSON object (got an array)")


def test_without_dask_the_error_names_the_extra(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "dask.bag", None)
    with pytest.raises(ImportError, match=r"pip install 'quoteattr\[dask\]'"):
        cluster.read_jsonl("corpus.jsonl")


# -- a local cluster of two worker processes, 200 PolNeAR articles -------------------------------


def polnear_folder() -> Path:
    return Path(os.environ.get(POLNEAR_ENV) or ROOT.parent / "shared" / "data" / "polnear")


@pytest.fixture(scope="module")
def client():
    """A local ``distributed`` cluster of two single-threaded worker processes, closed after."""
    distributed = pytest.importorskip("distributed")
    import cloudpickle

    # The helpers below run on the workers, which cannot import this test module.
    module = sys.modules[__name__]
    cloudpickle.register_pickle_by_value(module)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as local,
        distributed.Client(local) as client,
    ):
        yield client
    cloudpickle.unregister_pickle_by_value(module)


def polnear_documents(n: int = 200) -> list[dict]:
    """``n`` PolNeAR articles: all of dev, then every seventh of train (spread over publishers)."""
    folder = polnear_folder()
    if not (folder / "train" / "text").is_dir() or not (folder / "dev" / "text").is_dir():
        pytest.skip(
            f"PolNeAR not found at {folder} (set {POLNEAR_ENV} to the folder holding train/ and dev/)"
        )
    dev = sorted((folder / "dev" / "text").glob("*.txt"))
    train = sorted((folder / "train" / "text").glob("*.txt"))[::7]
    files = (dev + train)[:n]
    return [
        {"id": f"{f.parent.parent.name}/{f.stem}", "text": f.read_text(encoding="utf-8")} for f in files
    ]


def _count_loads() -> None:
    """On a worker: forget the pipeline, then count its loads and the partitions extracted."""
    import quoteattr.api
    import quoteattr.cluster

    quoteattr.api._PIPELINES.clear()

    counts = {"loads": 0, "partitions": 0}
    load, worker_pipeline = quoteattr.api.load, quoteattr.cluster.worker_pipeline

    def counted_load(*args, **kwargs):
        counts["loads"] += 1
        return load(*args, **kwargs)

    def counted_pipeline(*args, **kwargs):
        counts["partitions"] += 1
        return worker_pipeline(*args, **kwargs)

    quoteattr.api.load, quoteattr.cluster.worker_pipeline = counted_load, counted_pipeline
    quoteattr.cluster._test_counts = counts


def _counts() -> dict:
    import quoteattr.cluster

    return dict(quoteattr.cluster._test_counts)


def test_two_workers_give_the_records_of_one_process(nlp, client, tmp_path: Path) -> None:
    docs = polnear_documents()
    assert len(docs) == 200
    path = write_jsonl(tmp_path / "polnear.jsonl", [json.dumps(d, ensure_ascii=False) for d in docs])
    client.run(_count_loads)

    # Four partitions: two for each worker, all on the one pipeline each worker loads.
    inputs = cluster.read_jsonl(path, blocksize=path.stat().st_size // 4)
    assert inputs.npartitions == 4
    results = cluster.extract_bag(inputs, batch_size=16)
    started = time.perf_counter()
    future = client.compute(results)  # the workers run while this process makes the reference
    done = {}
    future.add_done_callback(lambda _: done.setdefault("cluster", time.perf_counter() - started))
    expected = reference(nlp, docs)
    done["reference"] = time.perf_counter() - started
    records = future.result()
    done.setdefault("cluster", time.perf_counter() - started)

    assert [r["id"] for r in records] == [d["id"] for d in docs]
    assert records == expected
    rows = cluster.to_records_bag(db.from_sequence(records, npartitions=4)).compute(**SYNC)
    assert rows == list(to_records(expected))
    assert sum(len(r["quotes"]) for r in records) > 400  # real work: news articles are full of quotes

    counts = client.run(_counts)
    assert sum(c["partitions"] for c in counts.values()) == 4
    assert all(c["loads"] == (1 if c["partitions"] else 0) for c in counts.values()), counts
    print(f"\n200 PolNeAR documents: 2 workers {done['cluster']:.0f} s, here {done['reference']:.0f} s")


def test_extract_jsonl_writes_one_file_a_partition_on_the_cluster(client, tmp_path: Path) -> None:
    docs = [{"id": f"d{i}", "text": d["text"]} for i, d in enumerate(DOCS * 2)]
    path = write_jsonl(tmp_path / "in.jsonl", [json.dumps(d) for d in docs])
    files = cluster.extract_jsonl(path, tmp_path / "out", client=client, blocksize=300)
    assert len(files) > 1
    assert sorted(files) == files
    written = [json.loads(line) for f in files for line in Path(f).read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in written] == [d["id"] for d in docs]

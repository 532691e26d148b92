"""Attribute a corpus on a Dask cluster: JSONL in, the same records as one process out.

A corpus of JSONL files is read as a :class:`dask.bag.Bag` of input dicts (one per line,
in the same shape and with the same ids as ``quoteattr extract``), each partition is
streamed through :func:`quoteattr.extract_many` (one ``nlp.pipe`` stream a partition)
and the result is a bag of ``Result.to_dict()`` records, in input order, equal to those
one process gives. Each worker process loads the spaCy pipeline once and keeps it for
every partition it is given (see :func:`worker_pipeline`).

Needs Dask: ``pip install 'quoteattr[dask]'``. Importing this module works without it;
its functions raise an :class:`ImportError` that names the extra.

On a cluster (a :class:`distributed.LocalCluster` here; ``Client("tcp://scheduler:8786")``
for a real one)::

    from distributed import Client, LocalCluster
    from quoteattr.cluster import extract_jsonl

    with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster) as client:
        files = extract_jsonl("corpus-*.jsonl", output_dir="out/", client=client)

Without a cluster, with any Dask scheduler (here the synchronous one):

>>> import dask.bag as db
>>> texts = ['"We will not be intimidated," Prime Minister Ana Duarte said.', "It rained."]
>>> results = extract_bag(db.from_sequence(texts, npartitions=2))
>>> [(r["id"], [q["speaker"]["name"] for q in r["quotes"]]) for r in results.compute(scheduler="sync")]
[(0, ['Ana Duarte']), (1, [])]
"""

from __future__ import annotations

import json
import operator
import os
import threading
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from quoteattr.api import extract_many, pipeline
from quoteattr.io.export import to_records
from quoteattr.io.inputs import Failure, as_document, jsonl_block_documents
from quoteattr.parse.model import resolve_model_name
from quoteattr.types import Result

if TYPE_CHECKING:  # pragma: no cover
    from dask.bag import Bag

#: Default size of a partition of a JSONL file, in bytes of JSONL. Partitions end at line
#: breaks. 1 MiB is about 200 news articles: a task of about two minutes on one core with
#: the default pipeline, small enough to spread a corpus evenly over many workers and to
#: redo cheaply when a worker is lost.
DEFAULT_BLOCKSIZE = "1 MiB"

#: How output files are named inside ``output_dir``: ``part-00000.jsonl``, ... in input order.
PART_NAME = "part-{:05d}.jsonl"

INSTALL_HINT = "pip install 'quoteattr[dask]'"

_LOAD_LOCK = threading.Lock()


def _dask_bag():
    """``dask.bag``, or an :class:`ImportError` that says how to install it."""
    try:
        import dask.bag
    except ImportError as err:
        raise ImportError(
            f"quoteattr.cluster needs Dask, which is not installed. Fix: {INSTALL_HINT}"
        ) from err
    return dask.bag


def _is_bag(value: Any) -> bool:
    try:
        from dask.bag import Bag
    except ImportError:
        return False
    return isinstance(value, Bag)


# -- the pipeline, once a worker ---------------------------------------------------------------


def worker_pipeline(model: str | None = None):
    """The quoteattr pipeline of this process, loaded on first use and kept for every later task.

    A Dask worker is one process: every partition it processes uses the same pipeline
    (the cache of :func:`quoteattr.api.pipeline`). The lock makes a worker with several
    threads load it once, not once a thread.
    """
    with _LOAD_LOCK:
        return pipeline(model)


# -- reading JSONL -------------------------------------------------------------------------------


def read_jsonl(
    paths: str | os.PathLike | Sequence[str | os.PathLike] | Bag,
    blocksize: int | str | None = DEFAULT_BLOCKSIZE,
    *,
    skip_errors: bool = False,
    compression: str | None = None,
    storage_options: Mapping[str, Any] | None = None,
) -> Bag:
    """A bag of input dicts ``{"text", "id", "publisher"}``, one for each non-blank line, in order.

    ``paths`` is a path, a glob (``"corpus/*.jsonl"``) or a list of them, local or any
    URL ``fsspec`` knows (``s3://...``, with ``storage_options``); a bag is returned as
    it is. Lines are read as ``quoteattr extract`` reads them: UTF-8 JSON objects with a
    string ``"text"``, an optional ``"id"`` (a string or a whole number; default: the
    line number in its file, from 1) and ``"publisher"``; blank lines are skipped but
    counted. Each file is cut into partitions of about ``blocksize`` bytes at line breaks
    (``None``: one partition a file, needed for ``compression="gzip"``).

    A malformed line raises ``ValueError`` (file and line number in the message) when
    the bag is computed; with ``skip_errors`` it gives ``{"id": ..., "error": "..."}``
    instead, which :func:`extract_bag` turns into an error record (as
    ``quoteattr extract --skip-errors`` does).

    >>> import json, os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "corpus.jsonl")
    >>> lines = [json.dumps({"text": "It rained."}), "", json.dumps({"id": "b", "text": "Hi."})]
    >>> with open(path, "w") as f:
    ...     _ = f.write("\\n".join(lines) + "\\n")
    >>> read_jsonl(path).compute(scheduler="sync")
    [{'text': 'It rained.', 'id': 1, 'publisher': None}, {'text': 'Hi.', 'id': 'b', 'publisher': None}]
    """
    if _is_bag(paths):
        return paths
    db = _dask_bag()
    from dask import delayed
    from dask.bytes import read_bytes

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    urls = [os.fspath(p) for p in paths]
    if not urls:
        raise ValueError("read_jsonl needs at least one path")
    _, blocks, names = read_bytes(
        urls,
        delimiter=b"\n",
        blocksize=blocksize,
        sample=False,
        compression=compression,
        include_path=True,
        **dict(storage_options or {}),
    )
    parse = delayed(_parse_block, pure=True)
    count = delayed(_count_lines, pure=True)
    add = delayed(operator.add, pure=True)
    parts = []
    for name, file_blocks in zip(names, blocks, strict=True):
        first: Any = 1  # the number of the block's first line: 1 + the lines of the blocks before it
        for block in file_blocks:
            parts.append(parse(block, first, name, skip_errors))
            first = add(first, count(block))
    if not parts:  # every file is empty
        return db.from_sequence([], npartitions=1)
    return db.from_delayed(parts)


def _count_lines(block: bytes) -> int:
    return block.count(b"\n")


def _parse_block(block: bytes, first: int, label: str, skip_errors: bool) -> list[dict[str, Any]]:
    """The input dicts of a block of JSONL lines whose first line is number ``first`` of ``label``.

    A malformed line raises ``ValueError``, or with ``skip_errors`` gives ``{"id", "error"}``.
    """
    out: list[dict[str, Any]] = []
    for item in jsonl_block_documents(block, first, label):
        if isinstance(item, Failure):
            if not skip_errors:
                raise ValueError(item.message)
            item = {"id": item.id, "error": item.message}
        out.append(item)
    return out


# -- extracting ----------------------------------------------------------------------------------


def extract_bag(bag: Bag, model: str | None = None, batch_size: int = 32) -> Bag:
    """A bag of result dicts (``Result.to_dict()``), one for each input, in the bag's order.

    ``bag`` holds what :func:`quoteattr.extract_many` takes: input dicts (as from
    :func:`read_jsonl`) or strings. An input without an id gets its position in the
    bag (from 0), as :func:`~quoteattr.extract_many` gives it, so the records are those of
    ``extract_many(bag.compute())``. Each partition goes through ``extract_many`` in one
    ``nlp.pipe`` stream of ``batch_size`` texts, on the worker's one pipeline.

    ``model`` is resolved here, where the graph is built (``--model``, then
    ``QUOTEATTR_MODEL``, then the default), so every worker loads the same one; it must
    be installed on every worker.

    >>> import dask.bag as db
    >>> bag = db.from_sequence([{"id": "a", "text": '"No," he said.'}, "It rained."], npartitions=2)
    >>> [(r["id"], len(r["quotes"])) for r in extract_bag(bag).compute(scheduler="sync")]
    [('a', 1), (1, 0)]
    """
    db = _dask_bag()
    from dask import delayed

    name = resolve_model_name(model)
    items = bag.map_partitions(_as_list)
    # Where each partition starts in the bag: the sum of the lengths before it.
    starts, start = [], 0
    after = delayed(_after, pure=True)
    for size in items.map_partitions(_length).to_delayed():
        starts.append(delayed(_one, pure=True)(start))
        start = after(start, size)
    starts_bag = db.from_delayed(starts)
    return items.map_partitions(_extract_partition, starts_bag, model=name, batch_size=batch_size)


def _as_list(partition: Iterable[Any]) -> list[Any]:
    # A partition read twice (its length, then its texts) must not be a one-pass iterator.
    return partition if isinstance(partition, list) else list(partition)


def _length(partition: list[Any]) -> list[int]:
    return [len(partition)]


def _after(start: int, size: list[int]) -> int:
    return start + size[0]


def _one(value: Any) -> list[Any]:
    return [value]


def _extract_partition(
    partition: list[Any], start: list[int], *, model: str, batch_size: int
) -> list[dict[str, Any]]:
    """``Result.to_dict()`` of every input of one partition, through one ``extract_many`` stream."""
    (first,) = start
    inputs: list[dict[str, Any] | None] = []  # None: an error record from read_jsonl(skip_errors=True)
    errors: dict[int, dict[str, Any]] = {}
    for n, item in enumerate(partition, first):
        if isinstance(item, Mapping) and "text" not in item and "error" in item:
            errors[len(inputs)] = Result(id=item.get("id"), error=str(item["error"])).to_dict()
            inputs.append(None)
        else:
            inputs.append(as_document(item, n)._asdict())
    if not inputs:
        return []
    nlp = worker_pipeline(model)
    results = extract_many((i for i in inputs if i is not None), nlp=nlp, batch_size=batch_size)
    return [errors[k] if i is None else next(results).to_dict() for k, i in enumerate(inputs)]


def to_records_bag(result_bag: Bag, keep_empty: bool = True) -> Bag:
    """A bag of flat rows (:func:`quoteattr.io.export.to_records`): one per attribution, in order.

    ``keep_empty`` keeps one row for a document without attributions. The rows' keys are
    :data:`quoteattr.io.export.RECORD_COLUMNS`, so ``to_records_bag(results).to_dataframe()``
    makes a Dask DataFrame (with ``pip install 'dask[dataframe]'``).

    >>> import dask.bag as db
    >>> rows = to_records_bag(db.from_sequence([{"id": 7, "publisher": None, "quotes": []}]))
    >>> [(r["doc_id"], r["index"]) for r in rows.compute(scheduler="sync")]
    [(7, None)]
    """
    return result_bag.map_partitions(_records_partition, keep_empty=keep_empty)


def _records_partition(partition: Iterable[Mapping[str, Any]], *, keep_empty: bool) -> list[dict[str, Any]]:
    return list(to_records(list(partition), keep_empty=keep_empty))


def _dumps(record: Mapping[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)


def extract_jsonl(
    paths: str | os.PathLike | Sequence[str | os.PathLike] | Bag,
    output_dir: str | os.PathLike | None = None,
    client: Any = None,
    *,
    model: str | None = None,
    batch_size: int = 32,
    blocksize: int | str | None = DEFAULT_BLOCKSIZE,
    skip_errors: bool = False,
    storage_options: Mapping[str, Any] | None = None,
) -> Bag | list[str]:
    """Attribute JSONL files (or a bag of inputs): the bag of result dicts, or the files written.

    Without ``output_dir``, the lazy bag of :func:`extract_bag` is returned. With it, one
    JSONL file a partition is written there (``part-00000.jsonl``, ``part-00001.jsonl``,
    ...: reading them in name order gives the records in input order, each line one
    record as ``quoteattr extract --format jsonl`` writes it) and their paths are
    returned. The writing runs on ``client`` when given, else on Dask's current scheduler
    (the last ``Client`` made, if any); without ``output_dir``, ``client`` is not used.
    ``output_dir`` may be any ``fsspec`` URL; ``storage_options`` serve both reading and
    writing.

    >>> import json, os, tempfile
    >>> folder = tempfile.mkdtemp()
    >>> with open(os.path.join(folder, "in.jsonl"), "w") as f:
    ...     _ = f.write(json.dumps({"id": "x1", "text": '"No," she said.'}) + "\\n")
    >>> import dask
    >>> with dask.config.set(scheduler="sync"):
    ...     files = extract_jsonl(os.path.join(folder, "in.jsonl"), os.path.join(folder, "out"))
    >>> [os.path.basename(f) for f in files]
    ['part-00000.jsonl']
    >>> with open(files[0], encoding="utf-8") as written:
    ...     [json.loads(line)["id"] for line in written]
    ['x1']
    """
    bag = read_jsonl(paths, blocksize, skip_errors=skip_errors, storage_options=storage_options)
    results = extract_bag(bag, model=model, batch_size=batch_size)
    if output_dir is None:
        return results
    folder = os.fspath(output_dir).rstrip("/") or "/"
    names = [f"{folder}/{PART_NAME.format(i)}" for i in range(results.npartitions)]
    writes = results.map(_dumps).to_textfiles(
        names,
        compute=False,
        last_endline=True,
        encoding="utf-8",
        storage_options=dict(storage_options or {}),
    )
    if client is not None:
        client.gather(client.compute(writes))
    else:
        import dask

        dask.compute(*writes)
    return names

"""Apply a bad-input class's ``setup`` steps to its working folder (see badinput_classes.py).

Steps work on the copies of the valid synthetic packages (``ulm``, ``codebook``) and on the
derived inputs (``cons``, ``rdf``, ``qdpx``, ``qdc``) built once per session. String values may
hold ``{work}`` (the working folder) and ``{out}``; long texts are given as
``{"parts": [[text, times], ...]}``. Every step fails loudly when it no longer applies (a
replacement that finds nothing), so a class can never silently test the valid input.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import stat
import subprocess
import zipfile
from pathlib import Path
from typing import Any, Callable

Step = dict[str, Any]


def expand(value: Any, work: Path) -> Any:
    """Fill placeholders and expand ``parts`` in a step value (recursively)."""
    if isinstance(value, dict) and set(value) == {"parts"}:
        return "".join(text * times for text, times in value["parts"])
    if isinstance(value, str):
        return value.replace("{work}", str(work)).replace("{out}", str(work / "out"))
    if isinstance(value, list):
        return [expand(v, work) for v in value]
    if isinstance(value, dict):
        return {k: expand(v, work) for k, v in value.items()}
    return value


def _read_rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _write_rows(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8"))


def _replace_bytes(data: bytes, step: Step) -> bytes:
    encoding = step.get("encoding", "utf-8")
    count = step.get("count", 1)
    if step.get("regex"):
        text = data.decode("utf-8")
        new, done = re.subn(step["old"], step["new"], text, count=count, flags=re.S)
        assert done, f"setup no longer applies: no match for {step['old']!r}"
        return new.encode(encoding)
    old = step["old"].encode("utf-8")
    assert old in data, f"setup no longer applies: {step['old'][:60]!r} not found"
    return data.replace(old, step["new"].encode(encoding), count if count else -1)


def _set_cell(work: Path, step: Step) -> None:
    path = work / step["path"]
    rows = _read_rows(path)
    rows[step["row"] - 1][rows[0].index(step["field"])] = step["value"]
    _write_rows(path, rows)


def _descriptor(work: Path, step: Step) -> None:
    path = work / step["package"] / "datapackage.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for dotted, value in step.get("set", {}).items():
        *parents, key = dotted.split(".")
        node = data
        for part in parents:
            node = node[part]
        node[key] = value
    for dotted in step.get("unset", []):
        *parents, key = dotted.split(".")
        node = data
        for part in parents:
            node = node[part]
        del node[key]
    for name, props in step.get("resource", {}).items():
        matches = [r for r in data["resources"] if r.get("name") == name]
        assert matches, f"setup no longer applies: no resource {name!r}"
        matches[0].update(props)
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _zip(work: Path, step: Step) -> None:
    source = work / step["from"]
    target = work / step["to"]
    rename = step.get("rename", {})
    inflate = step.get("inflate", {})
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in sorted(source.rglob("*")):
            if item.is_file():
                rel = item.relative_to(source).as_posix()
                info = zipfile.ZipInfo(rename.get(rel, rel), date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                if rel in inflate:
                    with archive.open(info, "w") as member:
                        member.write(item.read_bytes())
                        chunk = b"\n" * 1_000_000
                        for _ in range(inflate[rel] // len(chunk)):
                            member.write(chunk)
                else:
                    archive.writestr(info, item.read_bytes())
        for name, text in step.get("extra", {}).items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), text)
    if step.get("remove"):
        shutil.rmtree(source)


def _zip_files(work: Path, step: Step) -> None:
    with zipfile.ZipFile(work / step["to"], "w") as archive:
        for name, rel in step["members"].items():
            archive.write(work / rel, name)


def _rewrite_zip(path: Path, fn: Callable[[str, bytes], bytes | None],
                 stored: bool = False) -> None:
    """Rewrite every member through ``fn`` (None drops it), keeping order and names; members
    ``fn`` changed are stored uncompressed when ``stored``."""
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            new = fn(info.filename, data)
            if new is not None:
                if stored and new != data:
                    info.compress_type = zipfile.ZIP_STORED
                archive.writestr(info, new)


def _zip_edit(work: Path, step: Step) -> None:
    seen: list[str] = []

    def edit(name: str, data: bytes) -> bytes | None:
        wanted = (name == step["member"]) if "member" in step else name.startswith(
            step["member_prefix"])
        if not wanted:
            return data
        seen.append(name)
        if step.get("delete"):
            return None
        if "data_hex" in step:
            return bytes.fromhex(step["data_hex"])
        return _replace_bytes(data, step)

    _rewrite_zip(work / step["path"], edit, stored=step.get("stored", False))
    wanted = step.get("member", step.get("member_prefix"))
    assert seen, f"setup no longer applies: no member {wanted}"


def _zip_corrupt(work: Path, step: Step) -> None:
    path = work / step["path"]
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(step["member"])
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 2, start + min(info.compress_size, 12)):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


def _transcode(work: Path, step: Step) -> None:
    path = work / step["path"]
    text = path.read_bytes().decode("utf-8")
    if step.get("newline"):
        text = text.replace("\n", step["newline"])
    data = text.encode(step["encoding"])
    if step.get("bom"):
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)


def make_read_only(path: Path) -> None:
    """chmod 555, and for root (whom permissions do not stop) the immutable attribute."""
    path.chmod(0o555)
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(path)], check=True, capture_output=True)


def undo_read_only(root: Path) -> None:
    """Make every folder writable again so pytest can remove the tree."""
    for folder in [root, *[p for p in root.rglob("*") if p.is_dir() and not p.is_symlink()]]:
        if not os.access(folder, os.W_OK) or os.geteuid() == 0:
            if os.geteuid() == 0:
                subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
            folder.chmod(folder.stat().st_mode | stat.S_IWUSR)


def _simple(work: Path, step: Step) -> None:
    op, path = step["op"], work / step.get("path", "")
    if op == "delete":
        path.unlink()
    elif op == "write":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(step["text"].encode("utf-8"))
    elif op == "append":
        with open(path, "ab") as handle:
            handle.write(step["text"].encode(step.get("encoding", "utf-8")))
    elif op == "keep-lines":
        lines = path.read_bytes().splitlines(keepends=True)
        path.write_bytes(b"".join(lines[:step["count"]]))
    elif op == "truncate":
        path.write_bytes(path.read_bytes()[:step["size"]])
    elif op == "fifo":
        if path.exists():
            path.unlink()
        os.mkfifo(path)
    elif op == "char-device":
        # a copy of /dev/null's device numbers made inside the class's own folder: an output
        # writer that regresses replaces this node, never the machine's /dev/null
        if path.exists() or path.is_symlink():
            path.unlink()
        if os.geteuid() == 0:
            os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        else:  # only root may make a device; a FIFO is the other kind of file -o must refuse
            os.mkfifo(path)
    elif op == "symlink":
        if path.exists() or path.is_symlink():
            path.unlink()
        path.symlink_to(step["target"])
    elif op == "mkdir":
        path.mkdir(parents=True, exist_ok=True)
    elif op == "read-only":
        make_read_only(path)
    elif op == "copy":
        shutil.copytree(work / step["from"], work / step["to"], symlinks=True)
    else:
        raise AssertionError(f"unknown setup step {op!r}")


def _columns(work: Path, step: Step) -> None:
    path = work / step["path"]
    rows = _read_rows(path)
    if step["op"] == "drop-column":
        i = rows[0].index(step["field"])
        rows = [row[:i] + row[i + 1:] for row in rows]
    else:
        rows = [rows[0] + [step["field"]]] + [row + [step["value"]] for row in rows[1:]]
    _write_rows(path, rows)


def apply_steps(work: Path, steps: list[Step], derived: Path) -> None:
    """Apply ``steps`` in order; ``derived`` holds the session's cons/rdf/qdpx/qdc inputs."""
    for raw in steps:
        step = expand(raw, work)
        op = step["op"]
        if op == "set-cell":
            _set_cell(work, step)
        elif op == "replace":
            path = work / step["path"]
            path.write_bytes(_replace_bytes(path.read_bytes(), step))
        elif op == "descriptor":
            _descriptor(work, step)
        elif op == "transcode":
            _transcode(work, step)
        elif op in ("drop-column", "add-column"):
            _columns(work, step)
        elif op == "zip":
            _zip(work, step)
        elif op == "zip-files":
            _zip_files(work, step)
        elif op == "zip-edit":
            _zip_edit(work, step)
        elif op == "zip-corrupt":
            _zip_corrupt(work, step)
        elif op == "derived":
            source = derived / step["name"]
            target = work / step["to"]
            if source.is_dir():
                shutil.copytree(source, target)
            else:
                shutil.copyfile(source, target)
        else:
            _simple(work, step)

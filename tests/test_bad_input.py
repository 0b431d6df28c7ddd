"""Bad files: each is named with its reason, the CLI exits non-zero, and the graph and the
vector index stay as they were."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import SEEDS, run_cli
from tests.format_samples import make_scanned_pdf

pytestmark = pytest.mark.slow




def _write_bad(folder, kind):  # type: ignore[no-untyped-def]
    folder.mkdir()
    if kind == "empty":
        (folder / "empty.txt").write_text("", encoding="utf-8")
        return "empty.txt", "empty"
    if kind == "binary":
        (folder / "blob.txt").write_bytes(bytes(range(256)) * 64)
        return "blob.txt", "binary"
    if kind == "encoding":
        (folder / "odd.txt").write_bytes(bytes([0x80, 0xFF, 0xFE, 0x81]) * 400)
        return "odd.txt", ""
    if kind == "large":
        with open(folder / "huge.txt", "wb") as handle:
            handle.truncate(51_000_000)
        return "huge.txt", "limit"
    if kind == "structureless":
        (folder / "numbers.txt").write_text("\n".join(f"{i},{i * 3},{i * 7}" for i in range(400)),
                                            encoding="utf-8")
        return "numbers.txt", "digits"
    if kind == "scanned":
        make_scanned_pdf(folder / "scan.pdf")
        return "scan.pdf", "text layer"
    if kind == "duplicate":
        shutil.copy(SEEDS / "002_733fef4de3600b88.txt", folder / "renamed_copy.txt")
        return "renamed_copy.txt", "same content"
    if kind == "unsupported":
        (folder / "plan.xlsx").write_bytes(b"PK\x03\x04")
        return None, None
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["empty", "binary", "encoding", "large", "structureless",
                                  "scanned", "duplicate"])
def test_bad_file_is_named_and_changes_nothing(env, seeded, tmp_path, kind) -> None:  # type: ignore[no-untyped-def]
    before = run_cli(env, "stats", "--json").stdout
    name, reason = _write_bad(tmp_path / kind, kind)
    done = run_cli(env, "ingest", str(tmp_path / kind))
    assert done.returncode == 1, done.stdout + done.stderr
    failed = [line for line in done.stdout.splitlines() if line.startswith("failed")]
    assert len(failed) == 1 and name in failed[0] and reason in failed[0], done.stdout
    assert run_cli(env, "stats", "--json").stdout == before


def test_unsupported_files_in_a_folder_are_skipped_but_named_when_given(env, seeded, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"PK\x03\x04")
    done = run_cli(env, "ingest", str(path))
    assert done.returncode == 1 and "plan.xlsx" in done.stdout and ".xlsx" in done.stdout


def test_missing_path_is_an_error(env, seeded, tmp_path) -> None:  # type: ignore[no-untyped-def]
    done = run_cli(env, "ingest", str(tmp_path / "nowhere.txt"))
    assert done.returncode == 1 and "nowhere.txt" in done.stderr


def test_malformed_table_still_ingests(env, seeded, tmp_path, store) -> None:  # type: ignore[no-untyped-def]
    plan = tmp_path / "test_ragged.txt"
    plan.write_text("示例区数字经济规划\n\n一、主要目标\n到2027年，数据企业达到100家。\n\n"
                    "| 指标 | 单位 |\n|---|\n| 数据企业 | 家 | ≥100 | 多余 |\n| 孤行 |\n\n"
                    "二、保障措施\n加强组织领导。\n", encoding="utf-8")
    done = run_cli(env, "ingest", str(plan))
    try:
        assert done.returncode == 0, done.stdout + done.stderr
        assert "added" in done.stdout
    finally:
        run_cli(env, "remove", "test_ragged")

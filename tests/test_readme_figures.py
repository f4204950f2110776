"""Issue #22, item 6: every figure in the README names the script in ``benchmarks/`` that
reproduces it and the machine it was measured on, and the script prints it as the README quotes
it. The figures themselves are not checked here (tests never assert timings): the README's
numbers are put through the scripts' own wording and must come out as the README has them."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
FLAT = " ".join(README.split())
TIMING = re.compile(r"\b\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?)? ?(?:ms|s)\b")
SCORE = re.compile(r"\b0\.\d{3}\b")


def bench(name: str):
    path = ROOT / "benchmarks" / f"{name}.py"
    sys.path.insert(0, str(path.parent))  # the scripts import their sibling machine.py
    try:
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(path.parent))
    return module


def sections(text: str) -> list[str]:
    """The README's sections, without their sample output (fenced blocks)."""
    return re.split(r"\n(?=#{2,3} )", re.sub(r"```.*?```", "", text, flags=re.S))


def test_every_timing_and_score_stands_beside_the_script_that_prints_it_and_its_machine():
    for section in sections(README):
        for para in re.split(r"\n\s*\n", section):
            if "```" in para or para.lstrip().startswith(("$", "![", "|")):
                continue  # sample output, pictures; tables are checked with their section below
            if TIMING.search(para):
                flat = " ".join(para.split())
                assert re.search(r"benchmarks/bench_\w+\.py|pytest prints", flat), flat[:200]
                assert "2 cores" in flat or "2-core" in flat, flat[:200]
        if SCORE.search(section):
            flat = " ".join(section.split())
            assert ("benchmarks/bench_multi.py" in flat
                    or "benchmarks/bench_onnx.py" in flat), flat[:200]
            assert "2 cores" in flat, flat[:200]


def test_the_speed_figures_are_worded_as_bench_onnx_prints_them():
    m = re.search(r"a query encoded in ([\d.]+) ms \(torch ([\d.]+) ms\), a cold `precedent "
                  r"search` in ([\d.]+) s \(torch ([\d.]+) s; `import sentence_transformers` alone "
                  r"([\d.]+) s\), the shipped corpus indexed in ([\d.]+) s \(torch ([\d.]+) s\), "
                  r"the first `precedent serve` on an empty data directory answering in ([\d.]+) s "
                  r"\(torch ([\d.]+) s\)", FLAT)
    assert m, "the README's speed sentence is not the one bench_onnx.py prints"
    figures = map(float, m.groups())
    (enc_onnx, enc_torch, cold_onnx, cold_torch, st, build_onnx, build_torch, serve_onnx,
     serve_torch) = figures
    lost = [-float(x) for x in
            re.search(r"changed nDCG@10 by ([+-][\d.]+) and ([+-][\d.]+)", FLAT).groups()]
    cosine = float(re.search(r"cosine >= ([\d.]+) on the shipped corpus", FLAT).group(1))
    lines = bench("bench_onnx").readme_figures(
        {"onnx": [enc_onnx / 1000], "torch": [enc_torch / 1000]},
        {"onnx": cold_onnx, "torch": cold_torch}, st,
        {"onnx": build_onnx, "torch": build_torch}, {"onnx": serve_onnx, "torch": serve_torch},
        True, lost, cosine)
    for line in lines:
        assert line.rstrip(".") in FLAT, line


def test_the_quality_table_is_the_one_bench_multi_prints():
    from precedent.search.evaluate import SYSTEMS

    mod = bench("bench_multi")
    rows = {line.split("|")[1].strip(): [c.strip() for c in line.split("|")[2:-1]]
            for line in README.splitlines() if line.startswith("| ") and "---" not in line}
    overall = [float(c.strip("*")) for c in rows["four documents, overall"]]
    per_type = [float(x) for x in rows[" / ".join(mod.README_TYPES)][0].split(" / ")]
    done, of = map(int, re.fullmatch(r"(\d+) of (\d+)",
                                     rows["first hit of a commitment question a "
                                          "commitment"][0]).groups())
    n = int(re.search(r"(\d+) labelled questions over the four-document library", FLAT).group(1))
    results = {s: {"table": {"overall": {"ndcg@10": x}}, "details": []} for s,
               x in zip(SYSTEMS, overall)}
    results["precedent"]["table"].update({t: {"ndcg@10": x} for t,
                                          x in zip(mod.README_TYPES, per_type)})
    results["precedent"]["details"] = [{"type": "commitment", "commit@1": float(i < done)}
                                       for i in range(of)]
    one = [(name, float(rows[f"{name} (one document)"][0])) for name, _ in mod.ONE_DOCUMENT]
    printed = mod.readme_table(results, n, one)
    assert printed[0] in FLAT
    for line in printed[1:]:
        assert line in README.splitlines(), line


def test_the_scripts_say_the_machine_they_ran_on():
    line = bench("machine").describe()
    assert re.fullmatch(r"\d+ cores? \(.+\), (\d+ GB RAM"
                        r"|RAM unknown), \S+ \S*, Python [\d.]+, load (\d+\.\d\d"
                        r"|unknown)( at start)?", line), line
    for name in ("bench_onnx", "bench_multi"):
        source = (ROOT / "benchmarks" / f"{name}.py").read_text(encoding="utf-8")
        assert "README figures" in source and "measured on: {machine}" in source

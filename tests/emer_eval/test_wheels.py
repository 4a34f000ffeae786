import json

import pytest

from emer_eval.wheels import EW_METRICS, load_wheels


@pytest.fixture(scope="module")
def wheels_2025():
    return load_wheels("2025")


@pytest.fixture(scope="module")
def wheels_2026():
    return load_wheels("2026")


def test_map_sizes_match_the_spec(wheels_2025, wheels_2026):
    assert len(wheels_2025.format_map) == 7386
    assert len(wheels_2026.format_map) == 7356
    assert len(wheels_2025.raw_map) == len(wheels_2026.raw_map) == 1255
    assert len(wheels_2025.vocabulary) == len(wheels_2026.vocabulary) == 253


def test_builder_reproduces_the_authors_precomputed_2026_maps(wheels_2026, data_dir):
    reference = json.loads((data_dir / "mertools-mer2026-emotion-wheel" / "wheel_mapping.json").read_text())
    assert wheels_2026.format_map == reference["format_mapping"]            # lists, duplicates and order included
    # the authors merge synonym runs through a set, so only membership (not order) is defined
    assert {k: sorted(v) for k, v in wheels_2026.raw_map.items()} == \
        {k: sorted(v) for k, v in reference["raw_mapping"].items()}
    for k, levels in enumerate(wheels_2026.levels, start=1):
        for level in (1, 2):
            assert levels[level] == reference["wheel_map_whole"][f"wheel{k}"][f"level{level}"]


def test_wheels_are_built_once_per_process():
    assert load_wheels("2025") is load_wheels("2025")


def test_unknown_version_is_a_clear_error():
    with pytest.raises(ValueError, match="2025, 2026"):
        load_wheels("2024")


def test_label_cases(wheels_2025):
    targets = dict(zip(EW_METRICS, wheels_2025.targets("happiness"), strict=False))
    assert targets["M1"] == min(wheels_2025.format_map["happiness"])
    assert targets["M2"] == min(wheels_2025.raw_map[targets["M1"]])
    assert targets["W1-L1"] == "happy"
    assert all(target is None for target in wheels_2025.targets("neutral"))   # not in the vocabulary: dropped
    assert all(target is None for target in wheels_2025.targets("no-such-feeling"))


def test_2026_fixes_helpless(wheels_2025, wheels_2026):
    """format.csv 2025 lists 'help' as a surface form of 'helpless'; the 2026 version fixed that row."""
    assert "helpless" in wheels_2025.format_map["help"]
    assert "helpless" not in wheels_2026.format_map.get("help", [])

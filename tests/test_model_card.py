"""The adapter's model card states only what the saved run and the evaluation measured."""

import json

from finetune.model_card import write_model_card


def _saved_run(folder):
    folder.mkdir()
    (folder / "training_config.json").write_text(json.dumps({"name": "cpu", "base_model": "smollm2", "lora_r": 16}))
    (folder / "train_log.json").write_text(
        json.dumps({"train_seconds": 1800.0, "train_examples": 1512, "device": "cpu", "best_eval_loss": 0.0273})
    )
    return folder


def test_card_without_scores_says_not_evaluated(tmp_path):
    text = write_model_card(_saved_run(tmp_path / "adapter")).read_text()
    assert "training time 30.0 min" in text and "1512 template-generated" in text
    assert "Not evaluated yet" in text


def test_card_with_report_lists_each_run(tmp_path):
    report = {
        "test": {
            "n": 308,
            "execution_accuracy": 97.1,
            "exact_match": 90.0,
            "by_language": {"it": {"execution_accuracy": 96.0}},
        },
        "ablations": {"base_model": {"n": 112, "execution_accuracy": 3.6, "exact_match": 0.0}},
    }
    text = write_model_card(_saved_run(tmp_path / "adapter"), report).read_text()
    assert "| test | 308 | 97.1 | 90.0 | – | 96.0 |" in text
    assert "| ablation: base_model | 112 | 3.6 | 0.0 | – | – |" in text
    assert "Not evaluated yet" not in text
